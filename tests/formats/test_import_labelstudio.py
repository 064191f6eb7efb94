"""Label Studio JSON comes back in: export -> import into an empty project gives the
same spans (same ids), annotators, labels and links; bad tasks are named by file and
line; importing twice changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import InputError
from annotator.store import Project

from .conftest import dump
from .export_helpers import export_to, native
from .import_helpers import coders, content, full_project, run_import, used_labels

TEXT = "Iran 🇮🇷 and Россия: مردم می‌خواهند."


def task(*annotations: dict[str, Any], **data: object) -> dict[str, object]:
    return {"data": {"text": TEXT, **data}, "annotations": list(annotations)}


def region(rid: str, sub: str, label: str, layer: str = "label") -> dict[str, object]:
    start = TEXT.index(sub)
    return {"id": rid, "from_name": layer, "to_name": "text", "type": "labels",
            "value": {"start": start, "end": start + len(sub), "text": sub,
                      "labels": [label]}}


def write(path: Path, tasks: list[object]) -> Path:
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def exported(project: Project, tmp_path: Path) -> Path:
    full_project(project, tmp_path)
    return export_to(project, "labelstudio", tmp_path / "tasks.json")


def test_export_then_import_gives_the_same_spans_links_and_annotators(
        project: Project, fresh_file: object, exported: Path) -> None:
    other = fresh_file()  # type: ignore[operator]
    summary = run_import(other, exported)
    assert summary.labels_created == []  # every label found in its layer
    assert content(other, uuids=True, extras=False) == content(project, uuids=True,
                                                               extras=False)
    assert coders(other) == coders(project) == {"Dana", "Omid", "gold"}
    assert used_labels(other) == used_labels(project)
    assert [d["id"] for d in native(other)] == [d["id"] for d in native(project)]
    gold = other.gold()
    assert gold.is_gold and gold.name == "gold"


def test_importing_twice_changes_nothing(project: Project, fresh_file: object,
                                         exported: Path) -> None:
    other = fresh_file()  # type: ignore[operator]
    first = run_import(other, exported)
    before = dump(other)
    again = run_import(other, exported)
    assert dump(other) == before
    assert again.spans_added == 0 and again.links_added == 0
    assert again.spans_skipped == first.spans_added
    assert again.documents_matched == first.documents_added


def test_into_the_original_project_everything_is_already_there(
        project: Project, exported: Path) -> None:
    before = dump(project)
    summary = run_import(project, exported)
    assert dump(project) == before
    assert summary.documents_added == 0 and summary.spans_added == 0


def test_foreign_tasks_completed_by_short_region_ids_and_relations(
        project: Project, tmp_path: Path) -> None:
    # Label Studio's own ids are short and repeat in an annotation made from a prediction.
    ann = {"completed_by": {"id": 3, "email": "lena@example.org"}, "result": [
        region("a1", "Iran 🇮🇷", "State/Government"),
        region("a2", "Россия", "Kremlin", "ner"),
        {"type": "relation", "from_id": "a2", "to_id": "a1", "labels": ["opposes"]}]}
    other = {"completed_by": 7, "result": [region("a1", "مردم", "Protesters/Civil society")]}
    cancelled = {"completed_by": 8, "was_cancelled": True,
                 "result": [region("x", "Iran", "Media")]}
    path = write(tmp_path / "ls.json", [task(ann, other, cancelled, url="https://x.example")])
    summary = run_import(project, path, layer="narrative")
    (rec,) = native(project)
    spans = {(s["annotator"], s["layer"], s["label"], s["text"]) for s in rec["spans"]}
    assert spans == {("lena@example.org", "actor", "State/Government", "Iran 🇮🇷"),
                     ("lena@example.org", "narrative", "Kremlin", "Россия"),
                     ("Label Studio user 7", "actor", "Protesters/Civil society", "مردم")}
    assert summary.labels_created == ["narrative/Kremlin"]
    (link,) = rec["links"]
    by_id = {s["id"]: s["text"] for s in rec["spans"]}
    assert (by_id[link["source"]], link["type"], by_id[link["target"]]) == (
        "Россия", "opposes", "Iran 🇮🇷")
    assert rec["meta"] == {"url": "https://x.example"}
    assert run_import(project, path, layer="narrative").spans_added == 0


def test_utf16_offsets_of_an_old_label_studio_with_offset_unit(
        project: Project, tmp_path: Path) -> None:
    reg = region("r", "Россия", "Media")
    reg["value"]["start"] += 2  # type: ignore[index]  # the flag is 4 UTF-16 units, 2 code points
    reg["value"]["end"] += 2  # type: ignore[index]
    path = write(tmp_path / "old.json", [task({"result": [reg]})])
    with pytest.raises(InputError, match="Россия"):
        run_import(project, path)
    run_import(project, path, offset_unit="utf16", annotator="Lena")
    ((_, s),) = [(r, s) for r in native(project) for s in r["spans"]]
    assert (s["text"], s["annotator"]) == ("Россия", "Lena")


@pytest.mark.parametrize(("tasks", "line", "reason"), [
    ([task(), {"data": {"title": "no text"}}], 8, '"data" has no "text"'),
    ([task({"result": [{"type": "labels", "value": {"start": 0, "end": 4000, "text": "x",
                                                   "labels": ["Media"]}}]})],
     2, "task #1"),
    ([task({"result": [{"type": "relation", "from_id": "a"}]})], 2, "from_id"),
])
def test_a_bad_task_is_named_by_file_and_line_and_nothing_changes(
        project: Project, tmp_path: Path, tasks: list[object], line: int,
        reason: str) -> None:
    path = write(tmp_path / "bad.json", tasks)
    before = dump(project)
    with pytest.raises(InputError, match=reason) as err:
        run_import(project, path)
    assert (err.value.path, err.value.line) == (str(path), line)
    assert dump(project) == before


def test_malformed_json_names_its_line(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[{"data": {"text": "a"}, "annotations": []},\n {"data": }]\n',
                    encoding="utf-8")
    with pytest.raises(InputError, match="malformed JSON") as err:
        run_import(project, path)
    assert err.value.line == 2


@pytest.mark.parametrize("content", ['{"name": "a"}', "[1, 2]", '"text"', "[]"])
def test_a_json_file_that_is_not_label_studio_is_refused(project: Project, tmp_path: Path,
                                                         content: str) -> None:
    path = tmp_path / "other.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="not a Label Studio export"):
        run_import(project, path)


def test_skip_bad_leaves_out_a_bad_task_file_whole(project: Project, tmp_path: Path) -> None:
    good = write(tmp_path / "good.json", [task({"result": [region("r", "Россия", "Media")]})])
    bad = write(tmp_path / "bad.json", [task({"result": [region("q", "Iran", "Media")]},
                                              annotators=["Dana"]),
                                         {"data": {"text": 5}}])
    summary = run_import(project, bad, good, skip_bad=True)
    assert summary.bad_files == [(str(bad), 'line 30: task #2: "data" has no "text" string')]
    assert summary.spans_added == 1 and summary.annotators_created == ["imported"]
    assert [s["text"] for r in native(project) for s in r["spans"]] == ["Россия"]
