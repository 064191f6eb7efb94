"""doccano's other shapes (issue 7, item 5): its JSON export (one pretty-printed array),
the intent-detection export (``entities`` as triples, ``cats``), document ``Comments``;
and our doccano and Prodigy exports back into their own project add nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.formats.importer import import_paths
from annotator.store import Project

from .conftest import dump
from .export_helpers import export, native, rich_project
from .test_jsonl_foreign import TEXT, spans

RECORDS = [{"id": 1, "text": TEXT, "label": [[0, 6, "State/Government"]], "Comments": []},
           {"id": 2, "text": "Второй текст 👀.", "label": [[0, 6, "Media"]]}]


@pytest.mark.parametrize("name", ["doccano.json", "doccano.jsonl"])
def test_a_pretty_printed_json_array_of_records(project: Project, tmp_path: Path,
                                                name: str) -> None:
    path = tmp_path / name
    path.write_text(json.dumps(RECORDS, ensure_ascii=False, indent=4), encoding="utf-8")
    summary = import_paths(project, [path])
    assert (summary.documents_added, summary.spans_added) == (2, 2)
    assert sorted(spans(project)) == [("Russia", "actor", "State/Government", "imported"),
                                      ("Второй", "actor", "Media", "imported")]
    assert all("Comments" not in r["meta"] for r in native(project))  # nothing said
    assert not import_paths(project, [path]).changed


def test_a_bad_record_in_an_array_names_the_line_it_starts_on(
        project: Project, tmp_path: Path) -> None:
    bad = [RECORDS[0], {"id": 2, "text": "Второй", "label": [[0, 60, "Media"]]}]
    path = tmp_path / "doccano.json"
    path.write_text(json.dumps(bad, ensure_ascii=False, indent=2), encoding="utf-8")
    before = dump(project)
    with pytest.raises(InputError) as err:
        import_paths(project, [path])
    text = path.read_text(encoding="utf-8").splitlines()
    assert err.value.path == str(path) and err.value.line is not None
    assert text[err.value.line - 1].strip() == "{" and '"id": 2' in text[err.value.line]
    assert dump(project) == before


def test_the_intent_detection_export(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "intent.jsonl"
    record = {"id": 5, "text": TEXT, "entities": [[0, 6, "State/Government"]],
              "cats": ["threat"], "Comments": [{"id": 1, "comment": "check the source"},
                                               "second look"]}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    import_paths(project, [path])
    assert spans(project) == [("Russia", "actor", "State/Government", "imported")]
    (rec,) = native(project)
    assert rec["meta"] == {"id": 5, "cats": ["threat"],
                           "comments": ["check the source", "second look"]}


def test_a_comment_that_is_no_comment_is_named(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"text": TEXT, "Comments": [3]}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match='"Comments" item #1 must be a comment') as err:
        import_paths(project, [path])
    assert err.value.line == 1


@pytest.mark.parametrize("fmt", ["doccano", "prodigy"])
def test_our_export_back_into_its_project_adds_nothing(project: Project, tmp_path: Path,
                                                       fmt: str) -> None:
    rich_project(project)
    path = tmp_path / f"{fmt}.jsonl"
    path.write_bytes(export(project, fmt))
    before = dump(project)
    summary = import_paths(project, [path])
    assert (summary.documents_added, summary.spans_added) == (0, 0)
    assert summary.spans_skipped == project.span_count()  # every one: already there
    assert dump(project) == before
