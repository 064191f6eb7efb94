"""Every command's do / undo / redo against a real (in-memory) project.

Each test compares the whole observable project state (spans, links, comments, statuses,
labels) after every step, so a command that forgets something on undo, or leaves half
an edit behind when it fails, is caught.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from annotator.core.commands import (
    AddComment,
    AddLabel,
    AddLink,
    AddSpan,
    Batch,
    Command,
    DeleteSpan,
    Relabel,
    RemoveLink,
    SetAttributes,
    SetNote,
    SetStatus,
    UpdateLabel,
    UpdateSpan,
)
from annotator.core.errors import AnnotatorError, SchemeError, SpanError
from annotator.core.model import Comment, Document, Label, Link, Span, Status
from annotator.paths import default_scheme_path
from annotator.store import Project

from .stamps import unstamped

TEXT = ("Iran 🇮🇷 protests — “death to the dictator” café.\n"
        "Путин наблюдает за Ираном 👀.\n"
        "اعتراض‌ها در تهران ادامه دارد.\n")


@dataclass
class World:
    project: Project
    doc_id: int
    me: int
    other: int

    def label(self, layer: str, name: str) -> int:
        found = self.project.find_label(layer, name)
        assert found is not None and found.id is not None
        return found.id

    def span(self, fragment: str, *, label: tuple[str, str] = ("actor", "Media"),
             annotator: int | None = None) -> Span:
        start = TEXT.index(fragment)
        return Span(doc_id=self.doc_id, annotator_id=annotator or self.me,
                    label_id=self.label(*label), start=start, end=start + len(fragment),
                    text=fragment)

    def add(self, fragment: str, **kw: Any) -> Span:
        cmd = AddSpan(self.span(fragment, **kw))
        self.project.apply(cmd)
        return cmd.span


@pytest.fixture
def world() -> Iterator[World]:
    project = Project.memory(scheme=default_scheme_path())
    doc, _ = project.add_document(Document(title="t", text=TEXT))
    assert doc.id is not None
    me = project.annotator("dana").id
    other = project.annotator("omid").id
    assert me is not None and other is not None
    yield World(project, doc.id, me, other)
    project.close()


def state(w: World) -> dict[str, Any]:
    """Everything a user could see of the project, read back from the store."""
    p = w.project
    spans = p.spans_of_document(w.doc_id)
    return {
        "spans": spans,
        "links": p.links_of_document(w.doc_id),
        "comments": {s.id: p.comments_of_span(s.id) for s in spans if s.id is not None},
        "statuses": p.statuses(w.doc_id),
        "labels": p.labels(),
    }


def do_undo_redo(w: World, cmd: Command) -> tuple[dict[str, Any], dict[str, Any]]:
    """Apply, undo, redo and undo again; return the states (before, after do)."""
    before = state(w)
    w.project.apply(cmd)
    after = state(w)
    assert after != before, "the command changed nothing"
    w.project.revert(cmd)
    assert state(w) == before, "undo did not restore the state"
    w.project.apply(cmd)
    assert unstamped(state(w)) == unstamped(after), "redo differs from do"
    w.project.revert(cmd)
    assert state(w) == before, "second undo did not restore the state"
    w.project.apply(cmd)
    return before, after


def refused(w: World, cmd: Command, error: type[Exception], match: str | None = None) -> None:
    before = state(w)
    with pytest.raises(error, match=match):
        w.project.apply(cmd)
    assert state(w) == before, "a refused command left something behind"


# -- spans ----------------------------------------------------------------------------------

def test_add_span(world: World) -> None:
    span = world.span("death to the dictator")
    cmd = AddSpan(span)
    change = world.project.apply(cmd)
    stored = world.project.spans_of_document(world.doc_id)
    assert [(s.start, s.end, s.text, s.uuid) for s in stored] == [(20, 41, span.text, span.uuid)]
    assert change.doc_ids == {world.doc_id} and change.span_ids == {cmd.span.id}
    world.project.revert(cmd)
    assert world.project.spans_of_document(world.doc_id) == []
    world.project.apply(cmd)
    assert world.project.spans_of_document(world.doc_id) == stored  # same id, uuid, created


@pytest.mark.parametrize(("start", "end", "text"), [
    (22, 43, "death to the dictator"),  # UTF-16 offsets
    (20, 41, "Death to the dictator"),  # text mismatch
    (5, 5, ""),
    (0, 10_000, "x"),
])
def test_add_span_refuses_bad_offsets_and_writes_nothing(world: World, start: int, end: int,
                                                          text: str) -> None:
    span = Span(doc_id=world.doc_id, annotator_id=world.me,
                label_id=world.label("actor", "Media"), start=start, end=end, text=text)
    refused(world, AddSpan(span), SpanError)


def test_add_span_on_persian_and_emoji_keeps_code_points(world: World) -> None:
    for fragment in ("اعتراض‌ها", "Путин", "🇮🇷", "👀"):
        world.add(fragment)
    for s in world.project.spans_of_document(world.doc_id):
        assert TEXT[s.start:s.end] == s.text


def test_delete_span_restores_links_and_comments(world: World) -> None:
    holder = world.add("Путин")
    stance = world.add("наблюдает", label=("stance", "Opposes"))
    target = world.add("Iran")
    assert holder.id and stance.id and target.id
    for link in (Link(source_id=stance.id, type="holder", target_id=holder.id),
                 Link(source_id=stance.id, type="target", target_id=target.id)):
        world.project.apply(AddLink(link))
    for text in ("first", "second"):
        world.project.apply(AddComment(Comment(span_id=stance.id, author="rev", text=text)))
    # A link *to* the deleted span (holder) goes too, and comes back.
    before, after = do_undo_redo(world, DeleteSpan(holder.id))
    assert len(before["links"]) == 2 and len(after["links"]) == 1
    before, after = do_undo_redo(world, DeleteSpan(stance.id))
    assert [c.text for c in before["comments"][stance.id]] == ["first", "second"]
    assert after["links"] == [] and stance.id not in after["comments"]


def test_delete_span_change_says_links_changed(world: World) -> None:
    a, b = world.add("Путин"), world.add("Iran")
    assert a.id and b.id
    world.project.apply(AddLink(Link(source_id=a.id, type="target", target_id=b.id)))
    change = world.project.apply(DeleteSpan(b.id))
    assert change.links and change.span_ids == {b.id}


def test_delete_missing_span_is_refused(world: World) -> None:
    refused(world, DeleteSpan(12345), AnnotatorError, "no span")


def test_relabel(world: World) -> None:
    span = world.add("Путин")
    assert span.id
    head = world.label("actor", "Head of state/government")
    _, after = do_undo_redo(world, Relabel(span.id, head))
    (changed,) = after["spans"]
    assert changed.label_id == head
    assert changed.modified  # edits are time-stamped
    assert (changed.uuid, changed.start, changed.end) == (span.uuid, span.start, span.end)


def test_relabel_to_a_missing_label_writes_nothing(world: World) -> None:
    span = world.add("Путин")
    assert span.id
    refused(world, Relabel(span.id, 99_999), Exception)


def test_set_note(world: World) -> None:
    span = world.add("Путин")
    assert span.id
    _, after = do_undo_redo(world, SetNote(span.id, "Says “watching” — ironic?"))
    assert after["spans"][0].note == "Says “watching” — ironic?"


def test_set_attributes(world: World) -> None:
    span = world.add("Путин")
    assert span.id
    attrs = {"confidence": "low", "tags": ["quote", "ру"], "n": 2}
    _, after = do_undo_redo(world, SetAttributes(span.id, attrs))
    assert after["spans"][0].attributes == attrs


def test_update_boundaries_recomputes_text(world: World) -> None:
    span = world.add("death to the dictator")
    assert span.id
    start = TEXT.index("the dictator")
    _, after = do_undo_redo(world, UpdateSpan(span.id, start=start, end=start + 12))
    assert after["spans"][0].text == "the dictator"


def test_update_boundaries_outside_text_writes_nothing(world: World) -> None:
    span = world.add("death to the dictator")
    assert span.id
    refused(world, UpdateSpan(span.id, start=10, end=len(TEXT) + 5), SpanError)


def test_update_span_refuses_unknown_fields() -> None:
    with pytest.raises(ValueError, match="uuid"):
        UpdateSpan(1, uuid="x")


# -- links and comments ---------------------------------------------------------------------

def test_add_and_remove_link(world: World) -> None:
    a = world.add("наблюдает", label=("stance", "Opposes"))
    b = world.add("Путин")
    assert a.id and b.id
    add = AddLink(Link(source_id=a.id, type="holder", target_id=b.id))
    _, after = do_undo_redo(world, add)
    (link,) = after["links"]
    assert (link.source_id, link.target_id, link.type) == (a.id, b.id, "holder")
    assert link.id is not None
    _, after = do_undo_redo(world, RemoveLink(link.id))
    assert after["links"] == []


def test_link_needs_a_target(world: World) -> None:
    a = world.add("Путин")
    assert a.id
    refused(world, AddLink(Link(source_id=a.id, type="target")), Exception)


def test_add_comment(world: World) -> None:
    span = world.add("Путин")
    assert span.id
    cmd = AddComment(Comment(span_id=span.id, author="lead", text="Agreed — keep."))
    _, after = do_undo_redo(world, cmd)
    assert [c.text for c in after["comments"][span.id]] == ["Agreed — keep."]


# -- status ---------------------------------------------------------------------------------

@pytest.mark.parametrize("first", [None, Status.IN_PROGRESS, Status.DONE])
def test_set_status(world: World, first: Status | None) -> None:
    if first is not None:
        world.project.apply(SetStatus(world.doc_id, world.me, first))
    target = Status.TODO if first is Status.DONE else Status.DONE
    _, after = do_undo_redo(world, SetStatus(world.doc_id, world.me, target))
    assert after["statuses"].get(world.me, Status.TODO) == target
    assert world.project.get_status(world.doc_id, world.me) == target
    assert world.project.get_status(world.doc_id, world.other) == Status.TODO  # per annotator


# -- labels ---------------------------------------------------------------------------------

def test_add_label(world: World) -> None:
    parent = world.label("narrative", "Regime resilience")
    cmd = AddLabel(Label(layer="narrative", name="Martyrdom", color="#123456", shortcut="m",
                         parent_id=parent))
    _, after = do_undo_redo(world, cmd)
    new = world.project.find_label("narrative", "Martyrdom")
    assert new is not None and new.parent_id == parent and new.shortcut == "m"
    assert new in after["labels"]


def test_add_label_refuses_duplicates_and_shortcut_clashes(world: World) -> None:
    refused(world, AddLabel(Label(layer="actor", name="Media")), SchemeError, "already has")
    refused(world, AddLabel(Label(layer="stance", name="Mixed", shortcut="q")), SchemeError,
            "shortcut 'q' is already used by stance label 'Supports'")


def test_undoing_add_label_in_use_is_refused(world: World) -> None:
    cmd = AddLabel(Label(layer="actor", name="Clergy", shortcut="9"))
    world.project.apply(cmd)
    world.add("Путин", label=("actor", "Clergy"))
    before = state(world)
    with pytest.raises(SchemeError, match="retire it instead"):
        world.project.revert(cmd)
    assert state(world) == before


def test_update_label(world: World) -> None:
    media = world.label("actor", "Media")
    do_undo_redo(world, UpdateLabel(media, name="News media", color="#000000",
                                        shortcut="0", description="press"))
    label = world.project.get_label(media)
    assert (label.name, label.color, label.shortcut, label.description) == (
        "News media", "#000000", "0", "press")


def test_retire_label_keeps_its_spans(world: World) -> None:
    world.add("Путин")
    media = world.label("actor", "Media")
    _, after = do_undo_redo(world, UpdateLabel(media, retired=True))
    assert world.project.get_label(media).retired
    assert after["spans"][0].label_id == media
    assert media not in {lab.id for lab in world.project.labels(include_retired=False)}


def test_update_label_refuses_shortcut_clash_and_duplicate_name(world: World) -> None:
    media = world.label("actor", "Media")
    refused(world, UpdateLabel(media, shortcut="1"), SchemeError, "already used")
    refused(world, UpdateLabel(media, shortcut="Q"), SchemeError, "already used")
    refused(world, UpdateLabel(media, name="Other actor"), SchemeError, "already has")


def test_restoring_a_retired_label_whose_shortcut_was_taken_is_refused(world: World) -> None:
    media = world.label("actor", "Media")
    world.project.apply(UpdateLabel(media, retired=True))
    world.project.apply(AddLabel(Label(layer="actor", name="Press", shortcut="6")))
    refused(world, UpdateLabel(media, retired=False), SchemeError, "'6' is already used")


# -- batches and rollback -------------------------------------------------------------------

def test_batch_is_one_step(world: World) -> None:
    a = world.span("Путин")
    b = world.span("Iran")
    _, after = do_undo_redo(world, Batch([AddSpan(a), AddSpan(b),
                                          SetStatus(world.doc_id, world.me, Status.DONE)],
                                         "Accept all"))
    assert {s.text for s in after["spans"]} == {"Путин", "Iran"}
    assert after["statuses"] == {world.me: Status.DONE}


def test_failing_batch_leaves_nothing_written(world: World) -> None:
    good = world.span("Путин")
    bad = Span(doc_id=world.doc_id, annotator_id=world.me, label_id=good.label_id, start=0,
               end=4, text="Iraq")
    refused(world, Batch([AddSpan(good), SetStatus(world.doc_id, world.me, Status.DONE),
                          AddSpan(bad)], "Accept all"), SpanError)


def test_failing_command_inside_a_user_transaction_rolls_back_with_it(world: World) -> None:
    before = state(world)
    with pytest.raises(SchemeError), world.project.transaction():
        world.project.apply(AddSpan(world.span("Путин")))
        world.project.apply(AddLabel(Label(layer="actor", name="Media")))
    assert state(world) == before
