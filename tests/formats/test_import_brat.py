"""brat standoff folders come back in: export -> import into an empty project gives the
same spans (a span across a line break joined back), annotators from the sub-folders,
labels in their layers, links and notes; malformed .ann lines are named by file and
line; importing twice changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.model import Document, Label
from annotator.store import Project

from .conftest import dump
from .export_helpers import add, export_to, native
from .import_helpers import coders, content, full_project, run_import, used_labels


@pytest.fixture
def exported(project: Project, tmp_path: Path) -> Path:
    full_project(project, tmp_path)
    return export_to(project, "brat", tmp_path / "brat")


def test_export_then_import_gives_the_same_spans_links_notes_and_annotators(
        project: Project, fresh_file: object, exported: Path) -> None:
    assert any(";" in line for ann in exported.rglob("*.ann")
               for line in ann.read_text(encoding="utf-8").splitlines())  # fragments
    other = fresh_file()  # type: ignore[operator]
    summary = run_import(other, exported)
    assert summary.labels_created == [] and summary.notes == []
    assert content(other, uuids=False, extras=True) == content(project, uuids=False,
                                                               extras=True)
    assert coders(other) == coders(project) == {"Dana", "Omid", "gold"}
    assert used_labels(other) == used_labels(project)
    # the file names are the document uuids
    assert sorted(d["id"] for d in native(other)) == sorted(d["id"] for d in native(project))


def test_importing_twice_or_into_the_source_project_changes_nothing(
        project: Project, fresh_file: object, exported: Path) -> None:
    other = fresh_file()  # type: ignore[operator]
    first = run_import(other, exported)
    before = dump(other)
    again = run_import(other, exported)
    assert dump(other) == before
    assert (again.spans_added, again.links_added) == (0, 0)
    assert again.spans_skipped == first.spans_added
    source = dump(project)
    run_import(project, exported)
    assert dump(project) == source


def test_a_label_named_like_a_layer_keeps_its_layer(project: Project, fresh_file: object,
                                                    tmp_path: Path) -> None:
    # "actor" is taken by the layer group: brat gets "narrative:actor" (-3a- encoded).
    project.insert_label(Label(layer="narrative", name="actor", color="#123456"))
    doc, _ = project.add_document(Document(title="t", text="Putin speaks."))
    add(project, doc, project.annotator("Dana").id, "narrative", "actor", "Putin")
    folder = export_to(project, "brat", tmp_path / "b")
    assert "narrative-3a-actor 0 5" in next(folder.rglob("*.ann")).read_text()
    other = fresh_file()  # type: ignore[operator]
    summary = run_import(other, folder, annotator="Dana")
    assert summary.labels_created == ["narrative/actor"]
    assert content(other, uuids=False, extras=True) == content(project, uuids=False,
                                                               extras=True)


def brat_folder(tmp_path: Path, ann: str, txt: bytes = "Путин 🇷🇺\r\nв Иране.\r\n".encode()
                ) -> Path:
    folder = tmp_path / "foreign"
    (folder / "lena").mkdir(parents=True)
    (folder / "lena" / "doc1.txt").write_bytes(txt)
    (folder / "lena" / "doc1.ann").write_text(ann, encoding="utf-8")
    return folder


def test_a_foreign_crlf_folder_is_read_as_brat_counts_and_stored_with_lf(
        project: Project, tmp_path: Path) -> None:
    # brat counts the \r: "Иране" starts at 12 in the file, at 11 in the stored text.
    folder = brat_folder(tmp_path, "T1\tPerson 0 8\tПутин 🇷🇺\nT2\tGPE 12 17\tИране\n"
                         "R1\tlocated Arg1:T1 Arg2:T2\n#1\tAnnotatorNotes T2\tthe country\n"
                         "A1\tNegated T1\nT3\tPerson 0 5;12 17\tПутин Иране\n")
    summary = run_import(project, folder, layer="narrative")
    (rec,) = native(project)
    assert rec["text"] == "Путин 🇷🇺\nв Иране.\n"
    spans = {(s["annotator"], s["layer"], s["label"], s["text"], s.get("note", ""))
             for s in rec["spans"]}
    assert spans == {("lena", "narrative", "Person", "Путин 🇷🇺", ""),
                     ("lena", "narrative", "GPE", "Иране", "the country"),
                     ("lena", "narrative", "Person", "Путин 🇷🇺\nв Иране", "")}
    (link,) = rec["links"]
    texts = {s["id"]: s["text"] for s in rec["spans"]}
    assert (texts[link["source"]], link["type"], texts[link["target"]]) == (
        "Путин 🇷🇺", "located", "Иране")
    assert any("T3 is a discontinuous span" in n and "doc1.ann:6" in n
               for n in summary.notes)
    assert any("1 brat attribute" in n for n in summary.notes)


@pytest.mark.parametrize(("ann", "line", "reason"), [
    ("T1\tPerson 0 5\tПутин\nT2\tGPE 12 17\tИран\n", 2, "the line says 'Иран'"),
    ("T1\tPerson 0 5\tПутин\nT2\tGPE 12 99\tx\n", 2, "outside the text"),
    ("T1\tPerson 0 5\tПутин\n\nT2 GPE 12 17 Иране\n", 3, "expected 'T<n>"),
    ("T1\tPerson 0 5\tПутин\nR1\tx Arg1:T1\n", 2, "expected 'R<n>"),
    ("T1\tPerson 0 5\tПутин\n#1\tAnnotatorNotes T9\tno such\n", 2, "T9"),
])
def test_a_bad_ann_line_is_named_and_nothing_changes(
        project: Project, tmp_path: Path, ann: str, line: int, reason: str) -> None:
    folder = brat_folder(tmp_path, ann)
    before = dump(project)
    with pytest.raises(InputError, match=reason) as err:
        run_import(project, folder)
    assert err.value.path == str(folder / "lena" / "doc1.ann")
    assert err.value.line == line
    assert dump(project) == before


def test_a_link_to_a_missing_t_names_the_file(project: Project, tmp_path: Path) -> None:
    folder = brat_folder(tmp_path, "T1\tPerson 0 5\tПутин\nR1\tx Arg1:T1 Arg2:T7\n")
    with pytest.raises(InputError, match="T7") as err:
        run_import(project, folder)
    assert err.value.path == str(folder / "lena" / "doc1.ann")


def test_an_ann_without_txt_is_named(project: Project, tmp_path: Path) -> None:
    folder = brat_folder(tmp_path, "")
    (folder / "lena" / "doc1.txt").unlink()
    with pytest.raises(InputError, match=r"no \.txt") as err:
        run_import(project, folder)
    assert err.value.path == str(folder / "lena" / "doc1.ann")


def test_a_folder_of_plain_text_stays_a_text_import(project: Project,
                                                    tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Plain article.", encoding="utf-8")
    (tmp_path / "b.conf").write_text("not brat", encoding="utf-8")
    summary = run_import(project, tmp_path)
    assert summary.documents_added == 1 and summary.files_skipped
