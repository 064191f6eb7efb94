"""What Label Studio itself imports comes in too (issue 7, item 4): one task object, flat
tasks, a text under another data key, predictions (behind a flag), and regions of other
kinds counted instead of vanishing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.formats.export_common import ExportOptions
from annotator.store import Project
from tests.cli.helpers import run

from .conftest import dump
from .export_helpers import export, export_to, native, rich_project
from .import_helpers import run_import
from .test_import_labelstudio import TEXT, region, task, write


def spans_of(project: Project) -> set[tuple[str, str, str]]:
    return {(s["annotator"], s["label"], s["text"]) for r in native(project)
            for s in r["spans"]}


def test_a_single_task_object_is_one_task(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    one = task({"completed_by": "lena", "result": [region("r", "Россия", "Media")]})
    path.write_text(json.dumps(one, ensure_ascii=False, indent=2), encoding="utf-8")
    summary = run_import(project, path)
    assert (summary.documents_added, summary.spans_added) == (1, 1)
    assert spans_of(project) == {("lena", "Media", "Россия")}


def test_flat_tasks_are_their_own_data(project: Project, tmp_path: Path) -> None:
    path = write(tmp_path / "flat.json", [{"text": TEXT, "url": "https://x.example"},
                                          {"text": "Второй текст."}])
    summary = run_import(project, path)
    assert summary.documents_added == 2 and summary.spans_added == 0
    texts = {r["text"]: r["meta"] for r in native(project)}
    assert texts == {TEXT: {"url": "https://x.example"}, "Второй текст.": {}}
    assert run_import(project, path).documents_matched == 2  # the second time: all there


def test_a_text_under_another_key_needs_text_key(project: Project, tmp_path: Path) -> None:
    tasks = [{"data": {"article": TEXT, "text": "a headline"},
              "annotations": [{"result": [region("r", "مردم", "Media")]}]}]
    path = write(tmp_path / "article.json", tasks)
    run_import(project, path, text_key="article")
    (rec,) = native(project)
    assert rec["text"] == TEXT and rec["meta"] == {"text": "a headline"}
    assert [s["text"] for s in rec["spans"]] == ["مردم"]


def test_a_missing_text_key_names_the_keys_there_and_changes_nothing(
        project: Project, tmp_path: Path) -> None:
    path = write(tmp_path / "article.json", [{"data": {"article": TEXT, "n": 3}}])
    before = dump(project)
    with pytest.raises(InputError, match=r'no "text" string \(its text keys: article; '
                                         r"name the one to read with --text-key\)") as err:
        run_import(project, path)
    assert (err.value.path, err.value.line) == (str(path), 2)
    assert dump(project) == before


def with_prediction() -> list[object]:
    mine = region("a1", "Россия", "Media")
    guess = {"model_version": "ner-v2", "score": 0.8,
             "result": [region("a1", "Россия", "Media"), region("a2", "Iran", "Media")]}
    return [{**task({"completed_by": "lena", "result": [mine]}), "predictions": [guess]}]


def test_predictions_are_counted_and_left_out_by_default(project: Project,
                                                         tmp_path: Path) -> None:
    path = write(tmp_path / "pred.json", with_prediction())
    summary = run_import(project, path)
    assert spans_of(project) == {("lena", "Media", "Россия")}
    assert "pred.json: left out 1 prediction (import them with --predictions)" \
        in summary.notes


def test_predictions_come_in_as_their_model_version(project: Project,
                                                    tmp_path: Path) -> None:
    path = write(tmp_path / "pred.json", with_prediction())
    summary = run_import(project, path, predictions=True)
    assert spans_of(project) == {("lena", "Media", "Россия"), ("ner-v2", "Media", "Россия"),
                                 ("ner-v2", "Media", "Iran")}
    assert summary.annotators_created == ["lena", "ner-v2"]
    assert run_import(project, path, predictions=True).spans_added == 0


def test_choices_and_image_regions_are_counted(project: Project, tmp_path: Path) -> None:
    result = [region("r", "Россия", "Media"),
              {"id": "c", "from_name": "sentiment", "to_name": "text", "type": "choices",
               "value": {"choices": ["Negative"]}},
              {"id": "c2", "type": "choices", "value": {"choices": ["Positive"]}},
              {"id": "i", "type": "rectanglelabels",
               "value": {"x": 1, "y": 2, "width": 3, "height": 4,
                         "rectanglelabels": ["Face"]}}]
    cancelled = {"was_cancelled": True, "result": []}
    path = write(tmp_path / "mixed.json", [task({"result": result}, cancelled)])
    summary = run_import(project, path)
    assert summary.spans_added == 1
    assert summary.notes == [
        "mixed.json: left out 3 Label Studio regions that are not text spans or relations "
        "(choices 2, rectanglelabels 1)",
        "mixed.json: skipped 1 cancelled annotation"]


def test_the_cli_takes_text_key_and_predictions(tmp_path: Path) -> None:
    tasks = [{"data": {"body": TEXT}, "predictions": [
        {"model_version": "m1", "result": [region("p", "Iran", "Media")]}]}]
    path = write(tmp_path / "t.json", tasks)
    out = run("import", str(tmp_path / "p.annotator"), str(path), "--text-key", "body",
              "--predictions")
    assert "added 1 document (0 already there), 1 span" in out.output
    assert "created annotators: m1" in out.output


def test_task_ids_number_the_tasks_and_still_come_back(project: Project,
                                                       tmp_path: Path) -> None:
    rich_project(project)
    path = export_to(project, "labelstudio", tmp_path / "t.json",
                     options=ExportOptions(task_ids=True))
    tasks = json.loads(path.read_text(encoding="utf-8"))
    assert [t["id"] for t in tasks] == list(range(1, len(tasks) + 1))  # the sdk's key
    summary = run_import(project, path)
    assert (summary.documents_added, summary.spans_added) == (0, 0)
    with pytest.raises(InputError, match="--task-ids is for Label Studio"):
        export(project, "doccano", options=ExportOptions(task_ids=True))
