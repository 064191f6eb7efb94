"""Undo and redo never touch another window's rows (PRODUCT §8: two windows on one file).

SQLite gives a deleted row's id to the next row inserted, so by the time "mine" (one
connection) undoes or redoes a step, "other" (a second ``Project`` on the same file, as
another window or process) may have deleted the row and made a new one under its id, or
edited it. Each test checks that the undo/redo is refused with ``ConflictError`` and that
the file is exactly as "other" left it; ordinary undo/redo are checked unaffected.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from annotator.core.commands import (
    AddComment,
    AddLabel,
    AddLink,
    AddSpan,
    Batch,
    Command,
    ConflictError,
    DeleteSpan,
    Relabel,
    RemoveLink,
    SetNote,
    UpdateLabel,
)
from annotator.core.entity_commands import (
    HOLDER,
    AddEntity,
    RemoveEntity,
    UpdateEntity,
    replace_link,
)
from annotator.core.errors import AnnotatorError
from annotator.core.model import Comment, Document, Entity, Label, Link, Span
from annotator.core.review.adjudicate import AcceptAllAgreed, AcceptSpan, Reject, Reopen
from annotator.core.review.compare import PairState
from annotator.core.review.decisions import ReviewDecision, Verdict
from annotator.paths import default_scheme_path
from annotator.store import Project

from .stamps import unstamped

TEXT = "Путин met Khamenei in Tehran; Moscow media and café owners watched 👀.\n"


@dataclass
class World:
    mine: Project
    other: Project
    doc_id: int
    me: int
    colleague: int

    def label(self, name: str, layer: str = "actor") -> int:
        found = self.mine.find_label(layer, name)
        assert found is not None and found.id is not None
        return found.id

    def span(self, word: str, *, who: int | None = None, label: str = "Media") -> Span:
        start = TEXT.index(word)
        return Span(doc_id=self.doc_id, annotator_id=self.me if who is None else who,
                    label_id=self.label(label), start=start, end=start + len(word), text=word)

    def add(self, project: Project, word: str, **kw: Any) -> int:
        command = AddSpan(self.span(word, **kw))
        project.apply(command)
        assert command.span.id is not None
        return command.span.id

    def link(self, project: Project, source: int, target: int) -> Link:
        command = AddLink(Link(source_id=source, target_id=target, type=HOLDER))
        project.apply(command)
        return command.link

    def state(self) -> dict[str, Any]:
        """Everything a user could see, read through the other connection."""
        p = self.other
        spans = p.spans_of_document(self.doc_id)
        return {"spans": spans, "links": p.links_of_document(self.doc_id),
                "comments": [p.comments_of_span(s.id) for s in spans if s.id is not None],
                "labels": p.labels(), "entities": p.entities(),
                "decisions": p.review_decisions(self.doc_id)}

    def refused(self, step: Callable[[Command], object], command: Command,
                match: str = "") -> None:
        """``step`` (mine.apply: redo, mine.revert: undo) raises ConflictError and
        writes nothing."""
        before = self.state()
        with pytest.raises(ConflictError, match=re.escape(match)):
            step(command)
        assert self.state() == before, "a refused undo/redo changed the file"


@pytest.fixture
def w(tmp_path: Path) -> Iterator[World]:
    path = tmp_path / "shared.annotator"
    with Project.open(path, scheme=default_scheme_path()) as mine, Project.open(path) as other:
        doc, _ = mine.add_document(Document(title="t", text=TEXT))
        me, colleague = mine.annotator("dana").id, mine.annotator("omid").id
        assert doc.id is not None and me is not None and colleague is not None
        yield World(mine, other, doc.id, me, colleague)


GONE = "no longer in the project"
TAKEN = "in its place"
CHANGED = "changed in another window"


def test_conflict_error_is_an_annotator_error() -> None:
    # The window's undo path catches AnnotatorError: a refusal shows a message and drops
    # just that step (tests/ui/test_external_changes.py).
    assert issubclass(ConflictError, AnnotatorError)


# -- links ------------------------------------------------------------------------------------
def test_undo_add_link_never_deletes_the_link_that_took_its_id(w: World) -> None:
    a, b, c = w.add(w.mine, "Путин"), w.add(w.mine, "Khamenei"), w.add(w.mine, "Tehran")
    add = AddLink(Link(source_id=a, target_id=b, type=HOLDER))
    w.mine.apply(add)
    w.other.apply(RemoveLink(add.link.id or 0))
    theirs = w.link(w.other, c, b)
    assert theirs.id == add.link.id, "SQLite hands the deleted id out again"
    w.refused(w.mine.revert, add, GONE)
    assert w.other.links_of_document(w.doc_id) == [theirs]


def test_redo_add_link_refuses_a_taken_id_and_a_replaced_span(w: World) -> None:
    a, b = w.add(w.mine, "Путин"), w.add(w.mine, "Khamenei")
    add = AddLink(Link(source_id=a, target_id=b, type=HOLDER))
    w.mine.apply(add)
    w.mine.revert(add)
    theirs = w.link(w.other, b, a)
    assert theirs.id == add.link.id
    w.refused(w.mine.apply, add, "the holder link cannot come back")

    # The id is free again, but the target span is now someone else's under the same id.
    w.other.apply(RemoveLink(theirs.id or 0))
    w.other.apply(DeleteSpan(b))
    assert w.add(w.other, "café", who=w.colleague) == b
    w.refused(w.mine.apply, add, "linked span of this step is no longer")


def test_remove_link_redo_and_undo_leave_another_windows_link_alone(w: World) -> None:
    a, b, c = w.add(w.mine, "Путин"), w.add(w.mine, "Khamenei"), w.add(w.mine, "Tehran")
    mine = w.link(w.mine, a, b)
    remove = RemoveLink(mine.id or 0)
    w.mine.apply(remove)
    w.mine.revert(remove)  # mine is back
    w.other.apply(RemoveLink(mine.id or 0))
    theirs = w.link(w.other, c, a)
    assert theirs.id == mine.id
    w.refused(w.mine.apply, remove, "the holder link is no longer")  # redo would delete it
    w.refused(w.mine.revert, remove, TAKEN)  # and an undo cannot put mine over it


def test_replace_link_undo_is_refused_as_a_whole(w: World) -> None:
    """A batch whose later step is refused writes nothing of its earlier steps."""
    a, b, c = w.add(w.mine, "Путин"), w.add(w.mine, "Khamenei"), w.add(w.mine, "Tehran")
    first = w.link(w.mine, a, b)
    w.link(w.mine, c, b)  # so that the new link gets an id of its own
    command = replace_link(w.mine.links_of_span(a), a, HOLDER, target_id=c)
    assert command is not None
    w.mine.apply(command)
    # Undo deletes the new link, then puts the old one back: another window's link now
    # sits under the old id (a direct repository call, so it can take a lower id).
    w.other.insert_link(Link(source_id=b, target_id=a, type=HOLDER, id=first.id))
    w.refused(w.mine.revert, command, TAKEN)
    assert {k.target_id for k in w.other.links_of_span(a) if k.source_id == a} == {c}


# -- comments ---------------------------------------------------------------------------------
def test_undo_add_comment_never_deletes_the_comment_that_took_its_id(w: World) -> None:
    span = w.add(w.mine, "Путин")
    add = AddComment(Comment(span_id=span, author="dana", text="check the spelling"))
    w.mine.apply(add)
    w.other.delete_comment(add.comment.id or 0)
    theirs = AddComment(Comment(span_id=span, author="omid", text="agreed"))
    w.other.apply(theirs)
    assert theirs.comment.id == add.comment.id
    w.refused(w.mine.revert, add, "the comment “check the spelling” is no longer")
    assert w.other.comments_of_span(span) == [theirs.comment]


def test_redo_add_comment_refuses_a_taken_id_and_a_replaced_span(w: World) -> None:
    span = w.add(w.mine, "Путин")
    add = AddComment(Comment(span_id=span, author="dana", text="ok"))
    w.mine.apply(add)
    w.mine.revert(add)
    theirs = AddComment(Comment(span_id=span, author="omid", text="ok?"))
    w.other.apply(theirs)
    w.refused(w.mine.apply, add, TAKEN)
    w.other.revert(theirs)
    w.other.apply(DeleteSpan(span))
    assert w.add(w.other, "café", who=w.colleague) == span
    w.refused(w.mine.apply, add, "the span “Путин” is no longer")


# -- spans ------------------------------------------------------------------------------------
def test_redo_delete_span_never_deletes_the_span_that_took_its_id(w: World) -> None:
    span = w.add(w.mine, "Путин")
    delete = DeleteSpan(span)
    w.mine.apply(delete)
    w.mine.revert(delete)
    w.other.apply(DeleteSpan(span))
    assert w.add(w.other, "café", who=w.colleague) == span
    w.refused(w.mine.apply, delete, GONE)


def test_undo_delete_span_refuses_when_its_links_or_comments_cannot_come_back(w: World
                                                                              ) -> None:
    a = w.add(w.mine, "Путин")
    w.add(w.mine, "media")  # keeps the highest id below b's once a and b are gone
    b = w.add(w.mine, "Khamenei")
    link = w.link(w.mine, a, b)
    note = AddComment(Comment(span_id=a, author="dana", text="why?"))
    w.mine.apply(note)
    delete = DeleteSpan(a)
    w.mine.apply(delete)

    # The other end of its link was replaced: the link would join someone else's span.
    w.other.apply(DeleteSpan(b))
    assert w.add(w.other, "Tehran", who=w.colleague) == b
    w.refused(w.mine.revert, delete, "linked span")

    # A link, then a comment, of another window under the ids of the span's own.
    c = w.add(w.other, "Moscow")
    theirs = w.link(w.other, c, b)
    assert theirs.id == link.id
    w.refused(w.mine.revert, delete, "the holder link cannot come back")
    w.other.delete_link(theirs.id or 0)
    w.other.apply(AddComment(Comment(span_id=c, author="omid", text="mine")))
    w.refused(w.mine.revert, delete, "the comment “why?” cannot come back")


def test_undo_of_an_edit_refuses_when_the_span_was_edited_elsewhere_since(w: World) -> None:
    span = w.add(w.mine, "Путин", label="Media")
    relabel = Relabel(span, w.label("Head of state/government"))
    w.mine.apply(relabel)
    w.other.apply(SetNote(span, "their note"))
    w.refused(w.mine.revert, relabel, "the span “Путин” was " + CHANGED)
    assert w.other.get_span(span).note == "their note"


def test_redo_of_an_edit_reapplies_only_its_own_change(w: World) -> None:
    span = w.add(w.mine, "Путин", label="Media")
    head = w.label("Head of state/government")
    relabel = Relabel(span, head)
    w.mine.apply(relabel)
    w.mine.revert(relabel)
    w.other.apply(SetNote(span, "their note"))  # after the undo: no conflict with it
    w.mine.apply(relabel)
    stored = w.other.get_span(span)
    assert (stored.label_id, stored.note) == (head, "their note")
    w.mine.revert(relabel)  # and its undo gives back their version, not the older one
    stored = w.other.get_span(span)
    assert (stored.label_id, stored.note) == (w.label("Media"), "their note")


# -- labels -----------------------------------------------------------------------------------
def test_add_label_undo_and_redo_leave_another_windows_label_alone(w: World) -> None:
    add = AddLabel(Label(layer="actor", name="Clergy"))
    w.mine.apply(add)
    w.other.delete_label(add.label.id or 0)
    theirs = AddLabel(Label(layer="actor", name="Diaspora"))
    w.other.apply(theirs)
    assert theirs.label.id == add.label.id
    w.refused(w.mine.revert, add, "the label “Clergy” is no longer")
    assert w.other.find_label("actor", "Diaspora") == theirs.label

    w.other.revert(theirs)
    w.mine.apply(add)  # redo, now that the id is free
    w.mine.revert(add)
    w.other.apply(theirs)  # their redo takes the id again
    w.refused(w.mine.apply, add, TAKEN)


def test_update_label_undo_refuses_a_newer_edit_and_redo_a_replaced_label(w: World) -> None:
    media = w.label("Media")
    rename = UpdateLabel(media, name="Press")
    w.mine.apply(rename)
    w.other.apply(UpdateLabel(media, color="#112233"))
    w.refused(w.mine.revert, rename, "the label “Press” was " + CHANGED)

    add = AddLabel(Label(layer="stance", name="Neutral-ish"))
    w.mine.apply(add)
    edit = UpdateLabel(add.label.id or 0, description="mine")
    w.mine.apply(edit)
    w.mine.revert(edit)
    w.other.delete_label(add.label.id or 0)
    w.other.apply(AddLabel(Label(layer="stance", name="Theirs")))
    w.refused(w.mine.apply, edit, GONE)


# -- entities ---------------------------------------------------------------------------------
def test_add_entity_undo_and_redo_leave_another_windows_actor_alone(w: World) -> None:
    add = AddEntity(Entity(name="IRGC"))
    w.mine.apply(add)
    w.other.apply(RemoveEntity(add.entity.id or 0))
    theirs = AddEntity(Entity(name="Basij"))
    w.other.apply(theirs)
    assert theirs.entity.id == add.entity.id
    w.refused(w.mine.revert, add, "the actor “IRGC” is no longer")

    w.other.revert(theirs)
    w.mine.apply(add)
    w.mine.revert(add)
    w.other.apply(theirs)
    w.refused(w.mine.apply, add, "has added an actor in its place")


def test_update_entity_undo_refuses_a_newer_edit_and_redo_a_replaced_actor(w: World) -> None:
    add = AddEntity(Entity(name="IRGC"))
    w.mine.apply(add)
    entity = add.entity.id or 0
    rename = UpdateEntity(entity, name="Revolutionary Guards")
    w.mine.apply(rename)
    w.other.apply(UpdateEntity(entity, aliases=["Sepah"]))
    w.refused(w.mine.revert, rename, "the actor “Revolutionary Guards” was " + CHANGED)

    retype = UpdateEntity(entity, type="Security forces")
    w.mine.apply(retype)
    w.mine.revert(retype)
    w.other.apply(RemoveEntity(entity))
    w.other.apply(AddEntity(Entity(name="Basij")))
    w.refused(w.mine.apply, retype, GONE)


def test_remove_entity_redo_and_undo_leave_another_windows_actor_alone(w: World) -> None:
    add = AddEntity(Entity(name="IRGC"))
    w.mine.apply(add)
    remove = RemoveEntity(add.entity.id or 0)
    w.mine.apply(remove)
    w.mine.revert(remove)
    w.other.apply(RemoveEntity(add.entity.id or 0))
    w.other.apply(AddEntity(Entity(name="Basij")))
    w.refused(w.mine.apply, remove, "the actor “IRGC” is no longer")
    w.refused(w.mine.revert, remove, TAKEN)


# -- review -----------------------------------------------------------------------------------
def _gold(w: World) -> int:
    gold = w.mine.gold().id
    assert gold is not None
    return gold


def test_undo_accept_never_deletes_the_span_that_took_the_gold_spans_id(w: World) -> None:
    gold = _gold(w)
    accept = AcceptSpan(w.mine.get_span(w.add(w.mine, "Путин")), gold)
    w.mine.apply(accept)
    (copy,) = w.other.spans_of_document(w.doc_id, [gold])
    w.other.apply(DeleteSpan(copy.id or 0))
    assert w.add(w.other, "café", who=gold) == copy.id
    w.refused(w.mine.revert, accept, "1 gold span of this step is no longer")


def test_redo_accept_refuses_to_put_gold_back_over_another_span(w: World) -> None:
    gold = _gold(w)
    accept = AcceptSpan(w.mine.get_span(w.add(w.mine, "Путин")), gold)
    w.mine.apply(accept)
    (copy,) = w.other.spans_of_document(w.doc_id, [gold])
    w.mine.revert(accept)
    assert w.add(w.other, "café", who=w.colleague) == copy.id
    w.refused(w.mine.apply, accept, "added 1 gold span in the place")


def test_reject_and_reopen_never_drop_another_windows_decision(w: World) -> None:
    gold = _gold(w)
    w.add(w.mine, "Путин", label="Media")
    w.add(w.mine, "Путин", who=w.colleague, label="Head of state/government")
    (pair,) = [p for p in w.mine.compare_document(w.doc_id, w.me, w.colleague)
               if p.state != PairState.AGREED]
    w.mine.apply(AcceptSpan(pair.sources[0], gold, pair=pair))
    (accepted,) = w.other.review_decisions(w.doc_id)
    reject = Reject(pair, gold)
    w.mine.apply(reject)  # drops the accept's decision and gold span, records a reject
    (rejected,) = w.other.review_decisions(w.doc_id)
    w.mine.revert(reject)

    def put(decision: ReviewDecision, under: ReviewDecision) -> None:
        """Another window's ``decision`` in place of ``under``, under its id."""
        w.other.delete_review_decisions([under.id or 0])
        w.other.insert_review_decisions([replace(decision, id=under.id)])

    # Redo would drop the accept's decision again: another one holds its id now.
    put(replace(accepted, uuid="theirs 1", reviewer="omid"), accepted)
    w.refused(w.mine.apply, reject, "1 review decision of this step is no longer")
    put(accepted, accepted)  # theirs undone: the redo goes through
    w.mine.apply(reject)
    # Undo would delete the reject's decision: another one holds its id now.
    put(replace(rejected, uuid="theirs 2"), rejected)
    w.refused(w.mine.revert, reject, "1 review decision of this step is no longer")

    # Reopen drops the reject; undone, it cannot put it back over another decision.
    put(rejected, rejected)
    reopen = Reopen(pair, gold)
    w.mine.apply(reopen)
    assert w.other.review_decisions(w.doc_id) == []
    w.other.insert_review_decisions([replace(rejected, id=None, uuid="theirs 3")])
    w.refused(w.mine.revert, reopen, "added 1 review decision in the place")
    assert [d.uuid for d in w.other.review_decisions(w.doc_id)] == ["theirs 3"]


def test_undo_accept_all_agreed_refuses_when_one_gold_span_was_replaced(w: World) -> None:
    gold = _gold(w)
    for word in ("Путин", "Khamenei", "Tehran"):
        w.add(w.mine, word)
        w.add(w.mine, word, who=w.colleague)
    accept = AcceptAllAgreed([w.doc_id], [w.me, w.colleague], gold)
    w.mine.apply(accept)
    assert accept.accepted == 3
    last = max(s.id or 0 for s in w.other.spans_of_document(w.doc_id, [gold]))
    w.other.apply(DeleteSpan(last))
    assert w.add(w.other, "café", who=w.colleague) == last
    w.refused(w.mine.revert, accept, "1 gold span of this step is no longer")
    assert len(w.other.spans_of_document(w.doc_id, [gold])) == 2


# -- ordinary undo/redo ---------------------------------------------------------------------
def _entity(w: World) -> int:
    add = AddEntity(Entity(name="Khamenei"))
    w.mine.apply(add)
    return add.entity.id or 0


def _review_pair(w: World, a: int, b: int) -> Command:
    w.add(w.mine, "Tehran", label="Media")
    w.add(w.mine, "Tehran", who=w.colleague, label="Other actor")
    (pair,) = [p for p in w.mine.compare_document(w.doc_id, w.me, w.colleague)
               if p.state != PairState.AGREED and p.sources[0].text == "Tehran"]
    return Batch([AcceptSpan(pair.sources[0], _gold(w), pair=pair),
                  Reject(pair, _gold(w))], "accept, then reject")


COMMANDS: dict[str, Callable[[World, int, int], Command]] = {
    "AddSpan": lambda w, a, b: AddSpan(w.span("Moscow")),
    "DeleteSpan": lambda w, a, b: DeleteSpan(a),
    "UpdateSpan": lambda w, a, b: SetNote(a, "a note"),
    "AddLink": lambda w, a, b: AddLink(Link(source_id=a, target_id=b, type=HOLDER)),
    "RemoveLink": lambda w, a, b: RemoveLink(w.link(w.mine, b, a).id or 0),
    "AddComment": lambda w, a, b: AddComment(Comment(span_id=a, author="dana", text="hm")),
    "AddLabel": lambda w, a, b: AddLabel(Label(layer="actor", name="Clergy")),
    "UpdateLabel": lambda w, a, b: UpdateLabel(w.label("Other actor"), name="Others"),
    "AddEntity": lambda w, a, b: AddEntity(Entity(name="IRGC")),
    "UpdateEntity": lambda w, a, b: UpdateEntity(_entity(w), aliases=["Rahbar"]),
    "RemoveEntity": lambda w, a, b: RemoveEntity(_entity(w)),
    "AcceptSpan": lambda w, a, b: AcceptSpan(w.mine.get_span(a), _gold(w)),
    "AcceptAllAgreed": lambda w, a, b: AcceptAllAgreed(
        [w.doc_id], [w.me, w.colleague], _gold(w)),
    "Reject": _review_pair,
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_undo_and_redo_still_work_beside_unrelated_writes_elsewhere(w: World, name: str
                                                                    ) -> None:
    a, b = w.add(w.mine, "Путин"), w.add(w.mine, "Khamenei")
    w.add(w.mine, "Путин", who=w.colleague)  # agreed with a, for AcceptAllAgreed
    basij = AddEntity(Entity(name="Basij"))
    w.other.apply(basij)
    cafe = w.add(w.other, "café", who=w.colleague)
    command = COMMANDS[name](w, a, b)
    before = w.state()
    w.mine.apply(command)
    after = w.state()
    assert after != before
    # Another window works elsewhere in the file meanwhile (a new row would take an id the
    # command freed: that is the conflict the other tests refuse).
    w.other.apply(SetNote(cafe, "theirs"))
    w.other.apply(UpdateEntity(basij.entity.id or 0, type="Security forces"))
    w.other.insert_review_decisions([ReviewDecision(
        doc_id=w.doc_id, verdict=Verdict.REJECT, source_key="[]")])
    theirs = w.state()
    w.mine.revert(command)
    w.mine.apply(command)
    assert unstamped(w.state()) == unstamped(theirs), "undo + redo is not where do was"
    w.mine.revert(command)
    w.mine.apply(command)
    w.mine.revert(command)
    for key in ("labels", "links"):
        assert w.state()[key] == before[key], f"undo left {key} behind"
