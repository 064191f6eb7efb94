"""Native JSONL carries who is who: the header lists the people with their person ids.

A colleague's JSONL imported first and their project file merged later must be the
same person, not a "name clash of two different people".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli.main import cli
from annotator.core.commands import AddSpan, SetStatus
from annotator.core.errors import InputError
from annotator.core.model import Document, Span, Status
from annotator.formats.importer import import_paths
from annotator.formats.merge import How, merge
from annotator.paths import default_scheme_path
from annotator.store import Project
from tests.dbdump import snapshot

from .conftest import MIXED_TEXT, export_bytes

TEXT = "Putin said Moscow backs Tehran 🇮🇷 against “foreign interference”."
OTHER = "اعتراض‌ها در تهران ادامه دارد؛ the IRGC fired on protesters 👨‍👩‍👧."
LENA = "00000000-0000-4000-8000-00000000001e"


def header_of(data: bytes) -> dict[str, object]:
    return json.loads(data.decode("utf-8").split("\n", 1)[0])  # type: ignore[no-any-return]


def names_in_records(data: bytes) -> list[str]:
    """Every annotator a record names, in a span or a status."""
    names: set[str] = set()
    for line in data.decode("utf-8").split("\n")[1:]:
        if line:
            rec = json.loads(line)
            names.update(s["annotator"] for s in rec["spans"])
            names.update(rec.get("status", {}))
    return sorted(names)


def spans_of(project: Project, name: str) -> int:
    return sum(n for _, _, who, n in project.span_counts() if who == name)


def lenas_project(path: Path) -> Path:
    """Lena's own project: two articles, three spans and a status, all hers."""
    with Project.open(path, scheme=default_scheme_path()) as p:
        lena = p.annotator("Lena", uuid=LENA)
        assert lena.id is not None
        for title, text, needles in (("Putin", TEXT, ("Putin", "Tehran")),
                                     ("IRGC", OTHER, ("IRGC",))):
            doc, _ = p.add_document(Document(title, text))
            assert doc.id is not None
            for needle in needles:
                label = p.find_label("actor", "State/Government")
                assert label is not None and label.id is not None
                start = text.index(needle)
                p.apply(AddSpan(Span(doc.id, lena.id, label.id, start, start + len(needle),
                                     needle)))
        p.apply(SetStatus(doc.id, lena.id, Status.DONE))
    return path


# -- the walkthrough: JSONL first, the project file later -----------------------------------
def test_a_colleague_imported_from_jsonl_is_the_same_person_in_their_project_file(
        tmp_path: Path) -> None:
    original = lenas_project(tmp_path / "lena.annotator")
    exported = tmp_path / "lena.jsonl"
    with Project.open(original, read_only=True) as p:
        exported.write_bytes(export_bytes(p))
    with Project.open(tmp_path / "q.annotator", scheme=default_scheme_path()) as q:
        import_paths(q, [exported])

        summary = merge(q, original)

        assert not summary.clashes
        assert [(a.local_name, a.how) for a in summary.annotators] == [("Lena", How.MATCHED)]
        assert (summary.spans_added, summary.spans_present) == (0, 3)
        assert [(a.name, a.uuid) for a in q.annotators()] == [("Lena", LENA)]
        assert q.span_count() == 3 and q.document_count() == 2
        before = snapshot(q.conn)

        again = merge(q, original)

        assert not again.changed
        assert snapshot(q.conn) == before


def test_the_walkthrough_on_the_command_line(tmp_path: Path) -> None:
    original = lenas_project(tmp_path / "lena.annotator")
    exported, q = tmp_path / "lena.jsonl", tmp_path / "q.annotator"
    runner = CliRunner()
    for args in (["export", original, "-o", exported], ["import", q, exported]):
        result = runner.invoke(cli, [str(a) for a in args])
        assert result.exit_code == 0, result.output

    merged = runner.invoke(cli, ["merge", str(q), str(original)])

    assert merged.exit_code == 0, merged.output
    assert "annotator 'Lena': matched" in merged.stdout
    assert "spans: 0 added, 3 already here" in merged.stdout


def test_a_project_merge_then_their_jsonl_matches_by_id_too(tmp_path: Path) -> None:
    original = lenas_project(tmp_path / "lena.annotator")
    exported = tmp_path / "lena.jsonl"
    with Project.open(original, read_only=True) as p:
        exported.write_bytes(export_bytes(p))
    with Project.open(tmp_path / "q.annotator", scheme=default_scheme_path()) as q:
        merge(q, original)
        before = snapshot(q.conn)

        summary = merge(q, exported)

        assert [(a.local_name, a.how) for a in summary.annotators] == [("Lena", How.MATCHED)]
        assert snapshot(q.conn) == before


# -- the header ------------------------------------------------------------------------------
def test_the_header_lists_exactly_the_exported_people_sorted_with_ids_and_gold(
        annotated: Project) -> None:
    annotated.annotator("Ida")  # no span, no status: not in any export
    people = {a.name: a.uuid for a in annotated.annotators()}

    data = export_bytes(annotated)

    assert data.count(b"\n") == 3  # the header is still one line, then two records
    assert header_of(data)["annotators"] == [
        {"name": "Dana", "id": people["Dana"]}, {"name": "Omid", "id": people["Omid"]},
        {"name": "gold", "id": people["gold"], "gold": True}]


@pytest.mark.parametrize("filters", [
    {}, {"annotators": ("Omid",)}, {"gold": True}, {"layers": ("narrative",)},
    {"labels": ("Media",), "annotators": ("Dana", "Omid")}, {"documents": "second"},
])
def test_the_header_names_whoever_the_filtered_records_name(
        annotated: Project, filters: dict[str, object]) -> None:
    if filters.get("documents") == "second":
        second = annotated.find_document(sha256=Document(
            title="", text="Россия поддерживает Иран.\n").sha256)
        assert second is not None
        filters = {"documents": (second.uuid,)}

    data = export_bytes(annotated, **filters)

    people = header_of(data).get("annotators", [])
    assert [p["name"] for p in people] == names_in_records(data)  # type: ignore[attr-defined]


def test_several_people_and_gold_round_trip_byte_identical(annotated: Project,
                                                           tmp_path: Path) -> None:
    first = export_bytes(annotated)
    path = tmp_path / "e.jsonl"
    path.write_bytes(first)
    target = Project.memory()

    summary = import_paths(target, [path])

    assert not summary.notes
    assert export_bytes(target) == first
    assert {a.name: a.uuid for a in target.annotators()} == {
        a.name: a.uuid for a in annotated.annotators()}
    assert target.find_annotator("gold").is_gold  # type: ignore[union-attr]


# -- import ---------------------------------------------------------------------------------
def rewrite_header(path: Path, data: bytes, change: dict[str, object]) -> None:
    head, rest = data.split(b"\n", 1)
    header = json.loads(head)
    header.update(change)
    header = {k: v for k, v in header.items() if v is not None}
    path.write_bytes(json.dumps(header).encode() + b"\n" + rest)


def test_an_older_header_without_people_still_imports_by_name(annotated: Project,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "old.jsonl"
    rewrite_header(path, export_bytes(annotated), {"annotators": None})
    target = Project.memory()

    summary = import_paths(target, [path])

    assert (summary.documents_added, summary.spans_added) == (2, 6)
    assert summary.annotators_created == ["Dana", "Omid", "gold"]
    assert not summary.notes
    dana, theirs = target.find_annotator("Dana"), annotated.find_annotator("Dana")
    assert dana is not None and theirs is not None and dana.uuid != theirs.uuid


def test_a_local_namesake_with_another_id_keeps_the_spans_and_gets_a_note(
        annotated: Project, tmp_path: Path) -> None:
    path = tmp_path / "theirs.jsonl"
    path.write_bytes(export_bytes(annotated))
    target = Project.memory()
    mine = target.annotator("Dana")  # someone of this project, with their own id

    summary = import_paths(target, [path])

    assert summary.notes == [
        f"'Dana' in {path} is a different person id than this project's 'Dana'; their "
        "spans were added under the local 'Dana'"]
    assert spans_of(target, "Dana") == 2
    assert summary.annotators_created == ["Omid", "gold"]
    assert target.find_annotator("Dana") == mine
    omid, theirs = target.find_annotator("Omid"), annotated.find_annotator("Omid")
    assert omid is not None and theirs is not None and omid.uuid == theirs.uuid


def test_their_id_known_here_by_another_name_is_not_a_second_person(
        annotated: Project, tmp_path: Path) -> None:
    path = tmp_path / "theirs.jsonl"
    path.write_bytes(export_bytes(annotated))
    dana = annotated.find_annotator("Dana")
    assert dana is not None
    target = Project.memory()
    target.annotator("Dana R.", uuid=dana.uuid)

    summary = import_paths(target, [path])

    assert target.find_annotator("Dana") is None
    assert spans_of(target, "Dana R.") == 2
    assert any("'Dana R.' (same person id)" in note for note in summary.notes)
    doc = target.find_document(sha256=Document(title="", text=MIXED_TEXT).sha256)
    who = target.find_annotator("Dana R.")
    assert doc is not None and doc.id and who is not None and who.id
    assert target.get_status(doc.id, who.id) == Status.DONE


@pytest.mark.parametrize("people, message", [
    ({"name": "Dana"}, 'header annotator #1 has no "id"'),
    ("Dana", "header annotator #1 is not an object"),
    ({"name": " ", "id": "x"}, '"name" is empty'),
])
def test_a_malformed_people_list_is_refused_at_line_1(annotated: Project, tmp_path: Path,
                                                      people: object, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    rewrite_header(path, export_bytes(annotated), {"annotators": [people]})
    target = Project.memory()

    with pytest.raises(InputError, match=message) as err:
        import_paths(target, [path])

    assert (err.value.path, err.value.line) == (str(path), 1)
    assert target.document_count() == 0 and target.annotators() == []
