"""Merging a colleague's project: matching, what arrives, idempotence, clashes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from annotator.core.commands import AddComment, AddLink, AddSpan, SetStatus
from annotator.core.errors import InputError
from annotator.core.model import Comment, Document, Entity, Label, Link, Span, Status
from annotator.formats.merge import (
    AnnotatorClashError,
    How,
    MergeCancelled,
    merge,
)
from annotator.paths import default_scheme_path
from annotator.store import Project
from tests.dbdump import snapshot

SHARED = "Putin said Moscow backs Tehran 🇮🇷 against “foreign interference”."
SAME_TEXT = "اعتراض‌ها در تهران ادامه دارد؛ the IRGC fired on protesters 👨‍👩‍👧."
THEIRS_ONLY = "Khamenei will not flee to Moscow, analysts say. Sanctions bite."
MINE_ONLY = "The rial fell again on Monday."
CONFLICT_MINE = "Version one of a wire story."
CONFLICT_THEIRS = "Version two of a wire story, edited."
SHARED_UUID = "00000000-0000-4000-8000-000000000001"
CONFLICT_UUID = "00000000-0000-4000-8000-000000000004"
ANA_UUID = "00000000-0000-4000-8000-0000000000a1"


def dump(project: Project) -> list[object]:
    return snapshot(project.conn)


def add_span(project: Project, doc: Document, who: str, layer: str, label: str,
             needle: str) -> Span:
    text = project.document_text(doc.id or 0)
    start = text.index(needle)
    lab = project.find_label(layer, label)
    assert lab is not None and lab.id is not None and doc.id is not None
    command = AddSpan(Span(doc.id, project.annotator(who).id or 0, lab.id, start,
                           start + len(needle), needle))
    project.apply(command)
    return command.span


@dataclass
class Colleague:
    path: Path
    spans: dict[str, Span]          # by the text they cover
    docs: dict[str, Document]


@pytest.fixture
def colleague(tmp_path: Path) -> Colleague:
    """Ana's project: one document shared by uuid, one by text only, one new, one whose
    uuid is ours but whose text differs; spans, a new label, links, an entity, a comment
    and a status."""
    path = tmp_path / "ana.annotator"
    with Project.open(path, scheme=default_scheme_path()) as p:
        p.annotator("Ana", uuid=ANA_UUID)
        docs = {
            "shared": p.add_document(Document("Shared", SHARED, uuid=SHARED_UUID))[0],
            "same_text": p.add_document(Document("Same text", SAME_TEXT))[0],
            "theirs": p.add_document(Document("Theirs", THEIRS_ONLY))[0],
            "conflict": p.add_document(Document("Wire", CONFLICT_THEIRS,
                                                uuid=CONFLICT_UUID))[0],
        }
        militia = p.insert_label(Label(layer="actor", name="Militia", color="#e6194b",
                                       shortcut="1"))
        spans = {
            "Putin": add_span(p, docs["shared"], "Ana", "actor", "Head of state/government",
                              "Putin"),
            "backs": add_span(p, docs["shared"], "Ana", "stance", "Supports", "backs"),
            "IRGC": add_span(p, docs["same_text"], "Ana", "actor", "Militia", "IRGC"),
            "اعتراض‌ها": add_span(p, docs["same_text"], "Ana", "actor",
                                  "Protesters/Civil society", "اعتراض‌ها"),
            "Khamenei": add_span(p, docs["theirs"], "Ana", "actor",
                                 "Head of state/government", "Khamenei"),
            "Version": add_span(p, docs["conflict"], "Ana", "actor", "Media", "Version"),
        }
        assert militia.name == "Militia"
        irgc = p.insert_entity(Entity("IRGC", type="security"))
        backs, putin = spans["backs"], spans["Putin"]
        assert backs.id is not None and putin.id is not None and irgc.id is not None
        p.apply(AddLink(Link(backs.id, "holder", target_id=putin.id)))
        p.apply(AddLink(Link(backs.id, "target", target_entity_id=irgc.id)))
        p.apply(AddComment(Comment(putin.id, "Ana", "is he the holder?")))
        ana = p.annotator("Ana")
        assert ana.id is not None and docs["shared"].id is not None
        p.apply(SetStatus(docs["shared"].id, ana.id, Status.DONE))
    return Colleague(path, spans, docs)


@pytest.fixture
def mine(tmp_path: Path) -> Iterator[Project]:
    """My project: the shared document (same uuid), the same text under another uuid,
    a document of my own, and the conflicting one; my own span and status."""
    with Project.open(tmp_path / "mine.annotator", scheme=default_scheme_path()) as p:
        shared = p.add_document(Document("Shared (mine)", SHARED, uuid=SHARED_UUID))[0]
        p.add_document(Document("Same text (mine)", SAME_TEXT))
        p.add_document(Document("Mine", MINE_ONLY))
        p.add_document(Document("Wire", CONFLICT_MINE, uuid=CONFLICT_UUID))
        add_span(p, shared, "Me", "actor", "State/Government", "Moscow")
        assert shared.id is not None
        p.apply(SetStatus(shared.id, p.annotator("Me").id or 0, Status.IN_PROGRESS))
        yield p


def spans_by_text(project: Project, who: str) -> dict[str, Span]:
    ann = project.find_annotator(who)
    assert ann is not None and ann.id is not None
    return {s.text: s for doc_id in project.document_ids()
            for s in project.spans_of_document(doc_id, [ann.id])}


def test_documents_matched_by_uuid_then_by_text_and_the_rest_added(
        mine: Project, colleague: Colleague) -> None:
    summary = merge(mine, colleague.path)

    assert (summary.documents_by_uuid, summary.documents_by_hash,
            summary.documents_added) == (1, 1, 1)
    assert mine.document_count() == 5
    added = mine.find_document(uuid=colleague.docs["theirs"].uuid)
    assert added is not None and added.text == THEIRS_ONLY
    same_text = mine.find_document(sha256=colleague.docs["same_text"].sha256)
    assert same_text is not None and same_text.title == "Same text (mine)"
    spans = spans_by_text(mine, "Ana")
    # A span on the hash-matched document lands on *my* document, same offsets and text.
    irgc = spans["IRGC"]
    assert irgc.doc_id == same_text.id
    assert SAME_TEXT[irgc.start:irgc.end] == "IRGC"
    assert irgc.uuid == colleague.spans["IRGC"].uuid
    assert spans["Khamenei"].doc_id == added.id


def test_document_with_our_uuid_but_other_text_is_a_conflict_and_not_merged(
        mine: Project, colleague: Colleague) -> None:
    summary = merge(mine, colleague.path)

    assert [(c.uuid, c.title, c.spans) for c in summary.conflicts] == [
        (CONFLICT_UUID, "Wire", 1)]
    wire = mine.find_document(uuid=CONFLICT_UUID)
    assert wire is not None and wire.text == CONFLICT_MINE
    assert "Version" not in spans_by_text(mine, "Ana")
    assert summary.spans_added == 5


def test_spans_arrive_under_their_annotator_and_mine_are_untouched(
        mine: Project, colleague: Colleague) -> None:
    my_spans = spans_by_text(mine, "Me")

    summary = merge(mine, colleague.path)

    ana = mine.find_annotator("Ana")
    assert ana is not None and ana.uuid == ANA_UUID
    assert [(a.foreign_name, a.local_name, a.how) for a in summary.annotators] == [
        ("Ana", "Ana", How.CREATED)]
    assert set(spans_by_text(mine, "Ana")) == {"Putin", "backs", "IRGC", "اعتراض‌ها",
                                               "Khamenei"}
    assert spans_by_text(mine, "Me") == my_spans


def test_merging_the_same_file_twice_changes_nothing(mine: Project,
                                                     colleague: Colleague) -> None:
    merge(mine, colleague.path)
    before = dump(mine)

    again = merge(mine, colleague.path)

    assert dump(mine) == before
    assert (again.documents_added, again.spans_added, again.links_added,
            again.comments_added, again.statuses_added) == (0, 0, 0, 0, 0)
    assert again.spans_present == 5 and again.links_present == 2
    assert again.labels_created == [] and again.entities_created == []
    assert not again.changed
    assert [a.how for a in again.annotators] == [How.MATCHED]


def test_unknown_label_is_created_never_dropped(mine: Project,
                                                colleague: Colleague) -> None:
    assert mine.find_label("actor", "Militia") is None

    summary = merge(mine, colleague.path)

    assert summary.labels_created == [("actor", "Militia")]
    militia = mine.find_label("actor", "Militia")
    assert militia is not None
    # "1" is my "Head of state/government" key, and its red is taken in the actor layer.
    assert militia.shortcut == ""
    assert militia.color != "#e6194b"
    assert spans_by_text(mine, "Ana")["IRGC"].label_id == militia.id
    head = mine.find_label("actor", "Head of state/government")
    assert head is not None and head.shortcut == "1"


def test_links_comments_and_entities_are_remapped(mine: Project,
                                                  colleague: Colleague) -> None:
    summary = merge(mine, colleague.path)

    assert (summary.links_added, summary.comments_added) == (2, 1)
    assert summary.entities_created == ["IRGC"]
    spans = spans_by_text(mine, "Ana")
    backs, putin = spans["backs"], spans["Putin"]
    assert backs.id is not None and putin.id is not None
    links = {k.type: k for k in mine.links_of_span(backs.id)}
    assert links["holder"].source_id == backs.id
    assert links["holder"].target_id == putin.id
    irgc = mine.find_entity(name="IRGC")
    assert irgc is not None and links["target"].target_entity_id == irgc.id
    assert [(c.author, c.text) for c in mine.comments_of_span(putin.id)] == [
        ("Ana", "is he the holder?")]


def test_a_link_across_documents_is_remapped_and_one_into_a_conflict_is_not_merged(
        mine: Project, colleague: Colleague) -> None:
    backs, khamenei, version = (colleague.spans[k] for k in ("backs", "Khamenei", "Version"))
    assert backs.id and khamenei.id and version.id
    with Project.open(colleague.path) as theirs:
        theirs.apply(AddLink(Link(backs.id, "target", target_id=khamenei.id)))
        theirs.apply(AddLink(Link(backs.id, "target", target_id=version.id)))

    summary = merge(mine, colleague.path)

    assert (summary.links_added, summary.links_unresolved) == (3, 1)
    spans = spans_by_text(mine, "Ana")
    ours = spans["backs"]
    assert ours.id is not None
    targets = {k.target_id for k in mine.links_of_span(ours.id) if k.type == "target"}
    assert spans["Khamenei"].id in targets and spans["Khamenei"].doc_id != ours.doc_id


def test_entity_known_by_name_is_reused(mine: Project, colleague: Colleague) -> None:
    ours = mine.insert_entity(Entity("IRGC", type="military"))

    summary = merge(mine, colleague.path)

    assert summary.entities_created == []
    assert [e.name for e in mine.entities()] == ["IRGC"]
    backs = spans_by_text(mine, "Ana")["backs"]
    assert backs.id is not None
    target = next(k for k in mine.links_of_span(backs.id) if k.type == "target")
    assert target.target_entity_id == ours.id


def test_statuses_arrive_and_mine_are_kept(mine: Project, colleague: Colleague) -> None:
    shared = mine.find_document(uuid=SHARED_UUID)
    assert shared is not None and shared.id is not None

    summary = merge(mine, colleague.path)

    ana, me = mine.find_annotator("Ana"), mine.find_annotator("Me")
    assert ana is not None and me is not None and ana.id and me.id
    assert mine.get_status(shared.id, ana.id) == Status.DONE
    assert mine.get_status(shared.id, me.id) == Status.IN_PROGRESS
    assert summary.statuses_added == 1


def test_a_status_already_here_for_that_person_is_kept(mine: Project,
                                                       colleague: Colleague) -> None:
    shared = mine.find_document(uuid=SHARED_UUID)
    ana = mine.annotator("Ana", uuid=ANA_UUID)
    assert shared is not None and shared.id is not None and ana.id is not None
    mine.apply(SetStatus(shared.id, ana.id, Status.IN_PROGRESS))

    summary = merge(mine, colleague.path)

    assert mine.get_status(shared.id, ana.id) == Status.IN_PROGRESS
    assert (summary.statuses_added, summary.statuses_kept) == (0, 1)


def test_two_people_with_one_name_refuse_the_merge(mine: Project,
                                                   colleague: Colleague) -> None:
    other_ana = mine.annotator("Ana")  # a different person: another uuid
    before = dump(mine)

    with pytest.raises(AnnotatorClashError) as err:
        merge(mine, colleague.path)

    assert [(c.name, c.local_uuid, c.foreign_uuid) for c in err.value.clashes] == [
        ("Ana", other_ana.uuid, ANA_UUID)]
    assert "'Ana'" in str(err.value) and "--rename-clashes" in str(err.value)
    assert dump(mine) == before


def test_rename_clashes_brings_the_colleague_in_as_name_2_and_stays_idempotent(
        mine: Project, colleague: Colleague) -> None:
    mine.annotator("Ana")

    summary = merge(mine, colleague.path, rename_clashes=True)

    assert [(a.local_name, a.how) for a in summary.annotators] == [("Ana (2)", How.RENAMED)]
    assert [c.name for c in summary.clashes] == ["Ana"]
    assert len(spans_by_text(mine, "Ana (2)")) == 5
    before = dump(mine)
    again = merge(mine, colleague.path)  # matched by uuid now: no clash, nothing new
    assert [(a.local_name, a.how) for a in again.annotators] == [("Ana (2)", How.KNOWN_AS)]
    assert again.spans_added == 0 and dump(mine) == before


def test_two_gold_layers_are_a_clash_and_theirs_can_come_in_as_an_ordinary_annotator(
        mine: Project, colleague: Colleague) -> None:
    with Project.open(colleague.path) as theirs:
        shared = theirs.find_document(uuid=SHARED_UUID)
        assert shared is not None
        add_span(theirs, shared, "gold", "actor", "Head of state/government", "Putin")
    mine.gold()  # our own adjudication, another uuid

    with pytest.raises(AnnotatorClashError, match="'gold'"):
        merge(mine, colleague.path)
    summary = merge(mine, colleague.path, rename_clashes=True)

    assert ("gold", "gold (2)", How.RENAMED) in [
        (a.foreign_name, a.local_name, a.how) for a in summary.annotators]
    renamed = mine.find_annotator("gold (2)")
    assert renamed is not None and not renamed.is_gold
    assert list(spans_by_text(mine, "gold (2)")) == ["Putin"]
    assert spans_by_text(mine, "gold") == {}


def test_same_person_under_another_name_keeps_our_name(mine: Project,
                                                       colleague: Colleague) -> None:
    mine.annotator("Ana Petrova", uuid=ANA_UUID)

    summary = merge(mine, colleague.path)

    assert [(a.foreign_name, a.local_name, a.how) for a in summary.annotators] == [
        ("Ana", "Ana Petrova", How.KNOWN_AS)]
    assert mine.find_annotator("Ana") is None
    assert len(spans_by_text(mine, "Ana Petrova")) == 5


def test_progress_is_reported_per_document(mine: Project, colleague: Colleague) -> None:
    seen: list[tuple[int, int]] = []

    merge(mine, colleague.path, progress=lambda done, total: seen.append((done, total)))

    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_cancel_rolls_everything_back(mine: Project, colleague: Colleague) -> None:
    before = dump(mine)
    seen: list[int] = []

    with pytest.raises(MergeCancelled):
        merge(mine, colleague.path, progress=lambda done, total: seen.append(done),
              cancelled=lambda: len(seen) >= 2)

    assert seen == [1, 2]
    assert dump(mine) == before


def test_dry_run_reports_the_merge_and_changes_nothing(mine: Project,
                                                       colleague: Colleague) -> None:
    before = dump(mine)

    summary = merge(mine, colleague.path, dry_run=True)

    assert summary.dry_run and summary.spans_added == 5 and summary.documents_added == 1
    assert summary.labels_created == [("actor", "Militia")]
    assert dump(mine) == before


def test_a_span_that_does_not_match_its_text_refuses_the_whole_merge(
        mine: Project, colleague: Colleague) -> None:
    khamenei = colleague.spans["Khamenei"]
    with sqlite3.connect(colleague.path) as conn:  # a tampered or damaged file
        conn.execute("UPDATE spans SET text = 'Rouhani' WHERE uuid = ?", (khamenei.uuid,))
    conn.close()
    before = dump(mine)

    with pytest.raises(InputError) as err:
        merge(mine, colleague.path)

    assert khamenei.uuid in str(err.value) and "Theirs" in str(err.value)
    assert err.value.path == str(colleague.path)
    assert dump(mine) == before
