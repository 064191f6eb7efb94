"""Merging a colleague's native JSONL export (read by ``formats.jsonl_import``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.commands import AddLink, AddSpan, SetStatus
from annotator.core.errors import InputError
from annotator.core.model import Document, Label, Link, Span, Status
from annotator.formats.jsonl_export import export_jsonl
from annotator.formats.merge import AnnotatorClashError, How, MergeCancelled, merge
from annotator.paths import default_scheme_path
from annotator.store import Project
from tests.dbdump import snapshot

SHARED = "Putin said Moscow backs Tehran 🇮🇷 against “foreign interference”."
SAME_TEXT = "اعتراض‌ها در تهران ادامه دارد؛ the IRGC fired on protesters 👨‍👩‍👧."
THEIRS_ONLY = "Khamenei will not flee to Moscow, analysts say."
SHARED_UUID = "00000000-0000-4000-8000-000000000001"


def dump(project: Project) -> list[object]:
    return snapshot(project.conn)


def span(project: Project, doc: Document, who: str, layer: str, label: str,
         needle: str) -> Span:
    start = doc.text.index(needle)
    lab = project.find_label(layer, label)
    assert lab is not None and lab.id is not None and doc.id is not None
    command = AddSpan(Span(doc.id, project.annotator(who).id or 0, lab.id, start,
                           start + len(needle), needle))
    project.apply(command)
    return command.span


@pytest.fixture
def export(tmp_path: Path) -> Path:
    """Ana's work exported as JSONL: three documents, a new label, a link, a status."""
    with Project.open(tmp_path / "ana.annotator", scheme=default_scheme_path()) as p:
        shared = p.add_document(Document("Shared", SHARED, uuid=SHARED_UUID))[0]
        same = p.add_document(Document("Same text", SAME_TEXT))[0]
        theirs = p.add_document(Document("Theirs", THEIRS_ONLY))[0]
        p.insert_label(Label(layer="actor", name="Militia"))
        putin = span(p, shared, "Ana", "actor", "Head of state/government", "Putin")
        backs = span(p, shared, "Ana", "stance", "Supports", "backs")
        span(p, same, "Ana", "actor", "Militia", "IRGC")
        span(p, theirs, "Ana", "actor", "Head of state/government", "Khamenei")
        assert backs.id and putin.id and shared.id
        p.apply(AddLink(Link(backs.id, "holder", target_id=putin.id)))
        p.apply(SetStatus(shared.id, p.annotator("Ana").id or 0, Status.DONE))
        path = tmp_path / "ana.jsonl"
        with path.open("wb") as out:
            export_jsonl(p, out)
    return path


@pytest.fixture
def mine(tmp_path: Path) -> Iterator[Project]:
    with Project.open(tmp_path / "mine.annotator", scheme=default_scheme_path()) as p:
        p.add_document(Document("Shared (mine)", SHARED, uuid=SHARED_UUID))
        p.add_document(Document("Same text (mine)", SAME_TEXT))
        yield p


def test_a_jsonl_export_merges_like_a_project(mine: Project, export: Path) -> None:
    summary = merge(mine, export)

    assert (summary.documents_matched, summary.documents_added) == (2, 1)
    assert (summary.spans_added, summary.links_added) == (4, 1)
    assert summary.labels_created == [("actor", "Militia")]
    assert [a.local_name for a in summary.annotators] == ["Ana"]
    ana = mine.find_annotator("Ana")
    shared = mine.find_document(uuid=SHARED_UUID)
    assert ana is not None and ana.id and shared is not None and shared.id
    assert [s.text for s in mine.spans_of_document(shared.id, [ana.id])] == ["Putin", "backs"]
    assert mine.get_status(shared.id, ana.id) == Status.DONE
    header = json.loads(export.read_text(encoding="utf-8").splitlines()[0])
    assert ana.uuid == header["annotators"][0]["id"]  # Ana keeps her person id
    assert [a.how for a in summary.annotators] == [How.CREATED]
    assert not any("matched by name" in note for note in summary.notes)


def test_merging_the_same_export_twice_changes_nothing(mine: Project, export: Path) -> None:
    merge(mine, export)
    before = dump(mine)

    again = merge(mine, export)

    assert (again.documents_added, again.spans_added, again.links_added) == (0, 0, 0)
    assert again.spans_present == 4
    assert dump(mine) == before


def test_dry_run_and_cancel_leave_the_project_as_it_was(mine: Project, export: Path) -> None:
    before = dump(mine)

    dry = merge(mine, export, dry_run=True)
    assert dry.dry_run and dry.spans_added == 4
    assert dump(mine) == before

    with pytest.raises(MergeCancelled):
        merge(mine, export, cancelled=lambda: True)
    assert dump(mine) == before


def test_progress_reaches_the_end_of_the_file(mine: Project, export: Path) -> None:
    seen: list[tuple[int, int]] = []

    merge(mine, export, progress=lambda done, total: seen.append((done, total)))

    assert seen and seen[-1][0] == seen[-1][1] == export.stat().st_size


def test_a_document_of_ours_with_another_text_refuses_the_merge(mine: Project,
                                                                export: Path) -> None:
    lines = export.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, start=1) if SHARED_UUID in line)
    lines[number - 1] = lines[number - 1].replace("Moscow backs", "Moscow doubts", 1)
    export.write_text("".join(lines), encoding="utf-8")
    before = dump(mine)

    with pytest.raises(InputError) as err:
        merge(mine, export)

    assert err.value.line == number and err.value.path == str(export)
    assert "different text" in str(err.value)
    assert dump(mine) == before


# -- people: matched by the person ids the export's header gives ---------------------------
def spans_of(project: Project, name: str) -> int:
    return sum(n for _, _, who, n in project.span_counts() if who == name)


def ana_uuid(export: Path) -> str:
    header = json.loads(export.read_text(encoding="utf-8").splitlines()[0])
    (ana,) = header["annotators"]
    assert ana["name"] == "Ana"
    return str(ana["id"])


def test_the_same_person_under_another_name_here_gets_their_spans(mine: Project,
                                                                   export: Path) -> None:
    mine.annotator("Ana K.", uuid=ana_uuid(export))

    summary = merge(mine, export)

    assert [(a.foreign_name, a.local_name, a.how) for a in summary.annotators] == [
        ("Ana", "Ana K.", How.KNOWN_AS)]
    assert mine.find_annotator("Ana") is None
    ana_k = mine.find_annotator("Ana K.")
    assert ana_k is not None and ana_k.id is not None
    assert mine.span_count() == 4 == spans_of(mine, "Ana K.")
    shared = mine.find_document(uuid=SHARED_UUID)
    assert shared is not None and shared.id is not None
    assert mine.get_status(shared.id, ana_k.id) == Status.DONE


def test_a_different_person_with_the_same_name_is_a_clash(mine: Project,
                                                          export: Path) -> None:
    ours = mine.annotator("Ana")  # a fresh person id: someone else called Ana
    before = dump(mine)

    with pytest.raises(AnnotatorClashError) as err:
        merge(mine, export)

    assert [(c.name, c.local_uuid, c.foreign_uuid) for c in err.value.clashes] == [
        ("Ana", ours.uuid, ana_uuid(export))]
    assert "--rename-clashes" in str(err.value)
    assert dump(mine) == before


def test_rename_clashes_brings_the_jsonl_colleague_in_as_name_2(mine: Project,
                                                                export: Path) -> None:
    mine.annotator("Ana")

    summary = merge(mine, export, rename_clashes=True)

    assert [c.name for c in summary.clashes] == ["Ana"]
    assert [(a.local_name, a.how) for a in summary.annotators] == [("Ana (2)", How.RENAMED)]
    theirs = mine.find_annotator("Ana (2)")
    assert theirs is not None and theirs.uuid == ana_uuid(export)
    assert (spans_of(mine, "Ana (2)"), spans_of(mine, "Ana")) == (4, 0)
    before = dump(mine)

    again = merge(mine, export)  # matched by id now: no clash, nothing new

    assert [(a.local_name, a.how) for a in again.annotators] == [("Ana (2)", How.KNOWN_AS)]
    assert dump(mine) == before


def test_an_export_without_person_ids_is_matched_by_name(mine: Project,
                                                         export: Path) -> None:
    lines = export.read_text(encoding="utf-8").splitlines(keepends=True)
    header = json.loads(lines[0])
    del header["annotators"]
    export.write_text(json.dumps(header) + "\n" + "".join(lines[1:]), encoding="utf-8")
    ours = mine.annotator("Ana")

    summary = merge(mine, export)

    assert summary.spans_added == 4 and not summary.clashes
    assert [a.uuid for a in mine.annotators()] == [ours.uuid]
    assert spans_of(mine, "Ana") == 4
    assert any("matched by name" in note for note in summary.notes)


def test_a_malformed_people_list_refuses_the_merge_at_line_1(mine: Project,
                                                             export: Path) -> None:
    lines = export.read_text(encoding="utf-8").splitlines(keepends=True)
    header = json.loads(lines[0])
    header["annotators"].append({"name": "Ana", "id": "another-id"})
    export.write_text(json.dumps(header) + "\n" + "".join(lines[1:]), encoding="utf-8")
    before = dump(mine)

    with pytest.raises(InputError, match="named twice") as err:
        merge(mine, export)

    assert (err.value.path, err.value.line) == (str(export), 1)
    assert dump(mine) == before
