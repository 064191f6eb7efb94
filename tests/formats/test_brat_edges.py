"""brat round trips at the edges (issue 7, item 2): a tab inside a span's text, two equal
spans, a text that starts with U+FEFF, and AnnotatorNotes on events or relations as brat's
own tutorial files have them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import InputError
from annotator.core.model import Document
from annotator.store import Project

from .conftest import dump
from .export_helpers import add, export_to, native
from .import_helpers import run_import


def spans_of(project: Project) -> list[tuple[Any, ...]]:
    return sorted((s["annotator"], s["layer"], s["label"], s["start"], s["end"], s["text"])
                  for rec in native(project) for s in rec["spans"])


def one_doc(project: Project, text: str, *subs: str, twice: bool = False) -> None:
    doc, _ = project.add_document(Document(title="t", text=text))
    dana = project.annotator("Dana").id
    for sub in subs:
        add(project, doc, dana, "actor", "Media", sub)
        if twice:
            add(project, doc, dana, "actor", "Media", sub)


@pytest.mark.parametrize("case", ["tab", "twice", "bom"])
def test_our_export_comes_back_whole_into_a_new_and_into_its_source_project(
        project: Project, fresh_file: Any, tmp_path: Path, case: str) -> None:
    if case == "tab":
        one_doc(project, "Reuters\tsaid on Monday 🇮🇷.", "Reuters\tsaid")
    elif case == "twice":
        one_doc(project, "Reuters said on Monday 🇮🇷.", "Reuters", "Monday", twice=True)
    else:
        one_doc(project, "\ufeffReuters said on Monday 🇮🇷.", "Reuters", "Monday")
    folder = export_to(project, "brat", tmp_path / "b")
    other = fresh_file()
    run_import(other, folder, annotator="Dana")  # one coder: the files sit at the top
    assert spans_of(other) == spans_of(project)
    assert [r["text"] for r in native(other)] == [r["text"] for r in native(project)]
    before = dump(project)
    again = run_import(project, folder, annotator="Dana")
    assert dump(project) == before and again.spans_added == 0
    assert not run_import(other, folder, annotator="Dana").changed  # and twice changes nothing


def test_two_equal_spans_stay_two_with_two_ids(
        project: Project, fresh_file: Any, tmp_path: Path) -> None:
    one_doc(project, "Reuters said.", "Reuters", twice=True)
    folder = export_to(project, "brat", tmp_path / "b")
    (ann,) = folder.rglob("*.ann")
    assert sum(line.startswith("T") for line in ann.read_text().splitlines()) == 2
    other = fresh_file()
    assert run_import(other, folder, annotator="Dana").spans_added == 2
    assert len({s["id"] for rec in native(other) for s in rec["spans"]}) == 2


def foreign(tmp_path: Path, ann: str, txt: bytes) -> Path:
    folder = tmp_path / "tutorial"
    folder.mkdir()
    (folder / "doc.txt").write_bytes(txt)
    (folder / "doc.ann").write_bytes(ann.encode("utf-8"))
    return folder


def test_a_foreign_txt_with_a_bom_counts_it_as_brat_does(project: Project,
                                                        tmp_path: Path) -> None:
    # brat reads the file as UTF-8: U+FEFF is character 0, "Putin" is 1..6.
    folder = foreign(tmp_path, "\ufeffT1\tPerson 1 6\tPutin\n", "\ufeffPutin spoke.".encode())
    run_import(project, folder)
    (rec,) = native(project)
    assert rec["text"] == "\ufeffPutin spoke."
    assert [(s["start"], s["text"]) for s in rec["spans"]] == [(1, "Putin")]


def test_notes_on_events_and_relations_are_counted_and_the_rest_comes_in(
        project: Project, tmp_path: Path) -> None:
    ann = ("T1\tOrganization 0 4\tOrg1\nT2\tMerge-org 14 21\tmerging\n"
           "E1\tMerge-org:T2 Org1:T1\nR1\tPart-of Arg1:T1 Arg2:T2\n"
           "#1\tAnnotatorNotes E1\ta merger\n#2\tAnnotatorNotes R1\tsee above\n"
           "#3\tAnnotatorNotes T1\tthe buyer\n")
    folder = foreign(tmp_path, ann, b"Org1 has been merging with Org2.")
    summary = run_import(project, folder)
    (rec,) = native(project)
    assert {(s["text"], s.get("note", "")) for s in rec["spans"]} == {
        ("Org1", "the buyer"), ("merging", "")}
    assert len(rec["links"]) == 1
    assert any("1 brat AnnotatorNotes on event" in n for n in summary.notes)
    assert any("1 brat AnnotatorNotes on relation" in n for n in summary.notes)
    assert any("1 brat event" in n for n in summary.notes)


def test_a_duplicate_span_id_names_where_it_was_first(project: Project,
                                                      tmp_path: Path) -> None:
    from annotator.formats.jsonl_import import RecordImporter
    from annotator.formats.jsonl_records import InDoc, InSpan
    from annotator.formats.summary import ImportSummary

    importer = RecordImporter(project, ImportSummary(), annotator="x", layer="actor")
    span = InSpan(start=0, end=3, label="Media", uuid="5f0c1d2e-0000-4000-8000-000000000001")
    importer.add(InDoc(text="abc d", spans=[span]), 1, place="in a/one.ann")
    with pytest.raises(InputError, match=r"\(first in a/one\.ann\)"):
        importer.add(InDoc(text="abc e", spans=[span]), 2, place="in a/two.ann")
    with pytest.raises(InputError, match=r"\(first on line 1\)"):
        RecordImporter(project, ImportSummary(), annotator="x", layer="actor").add(
            InDoc(text="abc d", spans=[span, span]), 1)
