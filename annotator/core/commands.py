"""Every mutation of a project is a command (ARCHITECTURE: "one road for every change").

A command is built from a user gesture, applied with ``do`` and reversed with ``undo``;
both go through a ``Repository`` (implemented by ``annotator.store``, which runs each
call in its own transaction) and return a ``Change`` saying what they touched, so
views refresh from it. Commands hold only plain data, never widgets or SQL.
Redo is ``do`` again: objects are re-inserted with the ids and uuids they had.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from annotator.core.errors import SchemeError
from annotator.core.guards import (
    ConflictError,
    ensure_all_stored,
    ensure_free,
    ensure_unchanged,
    short,
    stored_row,
)
from annotator.core.model import Comment, Entity, Label, Link, Span, Status, now_iso
from annotator.core.review.decisions import ReviewDecision
from annotator.core.spans import validate_slice, validate_span


@dataclass(frozen=True)
class Change:
    """What a command touched; views decide from it what to redraw."""

    doc_ids: frozenset[int] = frozenset()
    span_ids: frozenset[int] = frozenset()
    labels: bool = False
    statuses: bool = False
    links: bool = False
    comments: bool = False
    entities: bool = False  # the actor registry (names, types, aliases)
    details: bool = False  # a document's title or metadata (doc_ids says which)
    suggestions: bool = False  # a suggestion rejected or restored (core.suggest)

    def __or__(self, other: Change) -> Change:
        return Change(
            doc_ids=self.doc_ids | other.doc_ids,
            span_ids=self.span_ids | other.span_ids,
            labels=self.labels or other.labels,
            statuses=self.statuses or other.statuses,
            links=self.links or other.links,
            comments=self.comments or other.comments,
            entities=self.entities or other.entities,
            details=self.details or other.details,
            suggestions=self.suggestions or other.suggestions,
        )


def _span_change(*spans: Span) -> Change:
    return Change(
        doc_ids=frozenset(s.doc_id for s in spans),
        span_ids=frozenset(s.id for s in spans if s.id is not None),
    )


class Repository(Protocol):
    """The store operations commands need (implemented by ``store.Project``)."""

    def document_text(self, doc_id: int) -> str: ...
    def document_slice(self, doc_id: int, start: int, end: int) -> tuple[int, str]: ...
    def get_span(self, span_id: int) -> Span: ...
    def insert_span(self, span: Span) -> Span: ...
    def update_span(self, span: Span) -> Span: ...
    def delete_span(self, span_id: int) -> None: ...
    def links_of_span(self, span_id: int) -> list[Link]: ...
    def get_link(self, link_id: int) -> Link: ...
    def insert_link(self, link: Link) -> Link: ...
    def delete_link(self, link_id: int) -> None: ...
    def comments_of_span(self, span_id: int) -> list[Comment]: ...
    def insert_comment(self, comment: Comment) -> Comment: ...
    def delete_comment(self, comment_id: int) -> None: ...
    def get_status(self, doc_id: int, annotator_id: int) -> Status: ...
    def set_status(self, doc_id: int, annotator_id: int, status: Status) -> None: ...
    def get_label(self, label_id: int) -> Label: ...
    def labels(self) -> list[Label]: ...
    def insert_label(self, label: Label) -> Label: ...
    def update_label(self, label: Label) -> Label: ...
    def delete_label(self, label_id: int) -> None: ...
    # the actor registry (entity_commands)
    def entities(self) -> list[Entity]: ...
    def get_entity(self, entity_id: int) -> Entity: ...
    def insert_entity(self, entity: Entity) -> Entity: ...
    def update_entity(self, entity: Entity) -> Entity: ...
    def delete_entity(self, entity_id: int) -> None: ...
    def entity_usage(self, entity_id: int) -> tuple[int, int]: ...
    # review (adjudication): read a document's spans and decisions; write gold in bulk
    def spans_of_document(self, doc_id: int, annotator_ids: Sequence[int] | None = None
                          ) -> list[Span]: ...
    def insert_spans_with_ids(self, spans: Sequence[Span]) -> list[Span]: ...
    def delete_spans(self, span_ids: Sequence[int]) -> None: ...
    def review_decisions(self, doc_id: int) -> list[ReviewDecision]: ...
    def insert_review_decisions(self, decisions: Sequence[ReviewDecision]
                                ) -> list[ReviewDecision]: ...
    def delete_review_decisions(self, decision_ids: Sequence[int]) -> None: ...
    # undo/redo guards: is the row under this id still the one a command wrote?
    def get_comment(self, comment_id: int) -> Comment: ...
    def span_uuids(self, span_ids: Sequence[int]) -> dict[int, str]: ...
    # a document's title and metadata (document_commands); its text never changes
    def document_details(self, doc_id: int) -> tuple[str, dict[str, Any]]: ...
    def update_document_meta(self, doc_id: int, *, title: str | None = None,
                             meta: dict[str, object] | None = None) -> None: ...
    # rejected suggestions from the actors registry (core.suggest)
    def insert_rejection(self, doc_id: int, annotator_id: int, start: int, end: int,
                         entity_id: int) -> None: ...
    def delete_rejection(self, doc_id: int, annotator_id: int, start: int, end: int,
                         entity_id: int) -> None: ...
    def review_decision_uuids(self, decision_ids: Sequence[int]) -> dict[int, str]: ...


class Command(ABC):
    """A reversible edit. ``text`` is what Edit → Undo shows."""

    text: str = ""

    @abstractmethod
    def do(self, repo: Repository) -> Change: ...

    @abstractmethod
    def undo(self, repo: Repository) -> Change: ...


class AddSpan(Command):
    def __init__(self, span: Span) -> None:
        self.span = span
        self.text = f"Add span “{short(span.text)}”"

    def do(self, repo: Repository) -> Change:
        # Only the covered slice is read: tagging a 1 MB article must not load it all.
        length, actual = repo.document_slice(self.span.doc_id, self.span.start, self.span.end)
        validate_slice(length, self.span.start, self.span.end, actual, self.span.text)
        if self.span.id is not None:  # a redo
            ensure_free(repo, self.span)
        self.span = repo.insert_span(self.span)
        return _span_change(self.span)

    def undo(self, repo: Repository) -> Change:
        assert self.span.id is not None
        stored_row(repo, self.span)  # never delete a newer span that took its id
        repo.delete_span(self.span.id)
        return _span_change(self.span)


class DeleteSpan(Command):
    """Delete a span with its links and comments; undo restores all three."""

    def __init__(self, span_id: int) -> None:
        self.span_id = span_id
        self._span: Span | None = None
        self._links: list[Link] = []
        self._comments: list[Comment] = []
        self._ends: dict[int, str] = {}  # the other spans its links join, by id: uuid
        self.text = "Delete span"

    def do(self, repo: Repository) -> Change:
        # A redo deletes the span only if it is still the one this command put back.
        self._span = (repo.get_span(self.span_id) if self._span is None
                      else stored_row(repo, self._span))
        self._links = repo.links_of_span(self.span_id)
        self._comments = repo.comments_of_span(self.span_id)
        self._ends = repo.span_uuids(
            sorted({i for k in self._links for i in _link_spans(k)} - {self.span_id}))
        self.text = f"Delete span “{short(self._span.text)}”"
        repo.delete_span(self.span_id)
        return _span_change(self._span) | Change(links=bool(self._links))

    def undo(self, repo: Repository) -> Change:
        assert self._span is not None
        ensure_free(repo, self._span)
        for link in self._links:
            ensure_free(repo, link)
        for comment in self._comments:
            ensure_free(repo, comment)
        ensure_all_stored(repo.span_uuids(list(self._ends)), self._ends, "linked span")
        repo.insert_span(self._span)
        for link in self._links:
            repo.insert_link(link)
        for comment in self._comments:
            repo.insert_comment(comment)
        return _span_change(self._span) | Change(links=bool(self._links))


_SPAN_FIELDS = frozenset({"label_id", "note", "attributes", "entity_id", "start", "end", "text"})


class UpdateSpan(Command):
    """Change fields of a span: relabel, note, attributes, entity, boundaries."""

    def __init__(self, span_id: int, text: str = "Edit span", **changes: Any) -> None:
        unknown = set(changes) - _SPAN_FIELDS
        if unknown:
            raise ValueError(f"cannot change span fields {sorted(unknown)}")
        self.span_id = span_id
        self.changes = changes
        self.text = text
        self._before: Span | None = None
        self._after: Span | None = None

    def do(self, repo: Repository) -> Change:
        # A redo checks that the span is still the one this command edited, and re-applies
        # just ``changes`` to it as it is now (keeping another window's edits of the rest).
        self._before = (repo.get_span(self.span_id) if self._before is None
                        else stored_row(repo, self._before))
        after = replace(self._before, modified=now_iso(), **self.changes)
        if {"start", "end"} & set(self.changes):
            doc_text = repo.document_text(after.doc_id)
            after = replace(after, text=doc_text[after.start:after.end])
            validate_span(doc_text, after.start, after.end)
        repo.update_span(after)
        self._after = stored_row(repo, after)  # as the file holds it, for undo to compare
        return _span_change(after)

    def undo(self, repo: Repository) -> Change:
        assert self._before is not None and self._after is not None
        ensure_unchanged(repo, self._after)
        repo.update_span(self._before)
        return _span_change(self._before)


def Relabel(span_id: int, label_id: int) -> UpdateSpan:
    return UpdateSpan(span_id, "Change label", label_id=label_id)


def SetNote(span_id: int, note: str) -> UpdateSpan:
    return UpdateSpan(span_id, "Edit note", note=note)


def SetAttributes(span_id: int, attributes: dict[str, Any]) -> UpdateSpan:
    return UpdateSpan(span_id, "Edit attributes", attributes=dict(attributes))


class AddLink(Command):
    def __init__(self, link: Link) -> None:
        self.link = link
        self.text = f"Add {link.type} link"
        self._ends: dict[int, str] = {}  # the spans it joins, by id: uuid

    def do(self, repo: Repository) -> Change:
        if self.link.id is not None:  # a redo: back between the same two spans, same id
            ensure_free(repo, self.link)
            ensure_all_stored(repo.span_uuids(list(self._ends)), self._ends, "linked span")
        else:
            self._ends = repo.span_uuids(_link_spans(self.link))
        self.link = repo.insert_link(self.link)
        return _link_change(repo, self.link)

    def undo(self, repo: Repository) -> Change:
        assert self.link.id is not None
        stored_row(repo, self.link)
        repo.delete_link(self.link.id)
        return _link_change(repo, self.link)


class RemoveLink(Command):
    def __init__(self, link_id: int) -> None:
        self.link_id = link_id
        self._link: Link | None = None
        self._ends: dict[int, str] = {}
        self.text = "Remove link"

    def do(self, repo: Repository) -> Change:
        if self._link is None:
            self._link = repo.get_link(self.link_id)
            self._ends = repo.span_uuids(_link_spans(self._link))
        else:
            stored_row(repo, self._link)
        repo.delete_link(self.link_id)
        return _link_change(repo, self._link)

    def undo(self, repo: Repository) -> Change:
        assert self._link is not None
        ensure_free(repo, self._link)
        ensure_all_stored(repo.span_uuids(list(self._ends)), self._ends, "linked span")
        repo.insert_link(self._link)
        return _link_change(repo, self._link)


def _link_spans(link: Link) -> list[int]:
    return [link.source_id] + ([link.target_id] if link.target_id is not None else [])


def _link_change(repo: Repository, link: Link) -> Change:
    source = repo.get_span(link.source_id)
    return Change(doc_ids=frozenset({source.doc_id}), span_ids=frozenset({link.source_id}),
                  links=True)


class AddComment(Command):
    def __init__(self, comment: Comment) -> None:
        self.comment = comment
        self.text = "Add reviewer comment"
        self._span: Span | None = None  # the span it is on

    def do(self, repo: Repository) -> Change:
        if self._span is None:
            self._span = repo.get_span(self.comment.span_id)
        else:  # a redo: the same id, on the same span
            ensure_free(repo, self.comment)
            stored_row(repo, self._span)
        self.comment = repo.insert_comment(self.comment)
        return _span_change(self._span) | Change(comments=True)

    def undo(self, repo: Repository) -> Change:
        assert self.comment.id is not None and self._span is not None
        stored_row(repo, self.comment)
        repo.delete_comment(self.comment.id)
        return _span_change(self._span) | Change(comments=True)


class SetStatus(Command):
    def __init__(self, doc_id: int, annotator_id: int, status: Status) -> None:
        self.doc_id, self.annotator_id, self.status = doc_id, annotator_id, Status(status)
        self._before: Status | None = None
        self.text = f"Mark document {self.status.value.replace('_', ' ')}"

    def do(self, repo: Repository) -> Change:
        self._before = repo.get_status(self.doc_id, self.annotator_id)
        repo.set_status(self.doc_id, self.annotator_id, self.status)
        return Change(doc_ids=frozenset({self.doc_id}), statuses=True)

    def undo(self, repo: Repository) -> Change:
        assert self._before is not None
        repo.set_status(self.doc_id, self.annotator_id, self._before)
        return Change(doc_ids=frozenset({self.doc_id}), statuses=True)


def check_shortcut(labels: Iterable[Label], label: Label) -> None:
    """Refuse a shortcut already used by another active label (case-insensitive)."""
    key = label.shortcut.strip().lower()
    if not key or label.retired:
        return
    for other in labels:
        if other.retired or other.id == label.id or (other.id is None and other.uuid == label.uuid):
            continue
        if other.shortcut.strip().lower() == key:
            raise SchemeError(
                f"shortcut {label.shortcut!r} is already used by {other.layer} label "
                f"{other.name!r}"
            )


def check_label_name(labels: Iterable[Label], label: Label) -> None:
    for other in labels:
        if other.id != label.id and other.layer == label.layer and other.name == label.name:
            raise SchemeError(f"the {label.layer} layer already has a label {label.name!r}")


class AddLabel(Command):
    def __init__(self, label: Label) -> None:
        self.label = label
        self.text = f"Add label {label.name!r}"

    def do(self, repo: Repository) -> Change:
        if self.label.id is not None:  # a redo
            ensure_free(repo, self.label)
        existing = repo.labels()
        check_label_name(existing, self.label)
        check_shortcut(existing, self.label)
        self.label = repo.insert_label(self.label)
        return Change(labels=True)

    def undo(self, repo: Repository) -> Change:
        assert self.label.id is not None
        stored_row(repo, self.label)
        repo.delete_label(self.label.id)
        return Change(labels=True)


_LABEL_FIELDS = frozenset(
    {"name", "color", "shortcut", "description", "parent_id", "position", "retired"}
)


class UpdateLabel(Command):
    """Rename, recolour, change shortcut or description, reorder, retire/restore."""

    def __init__(self, label_id: int, text: str = "Edit label", **changes: Any) -> None:
        unknown = set(changes) - _LABEL_FIELDS
        if unknown:
            raise ValueError(f"cannot change label fields {sorted(unknown)}")
        self.label_id = label_id
        self.changes = changes
        self.text = text
        self._before: Label | None = None
        self._after: Label | None = None

    def do(self, repo: Repository) -> Change:
        # Like UpdateSpan: a redo re-applies ``changes`` to the same label as it is now.
        self._before = (repo.get_label(self.label_id) if self._before is None
                        else stored_row(repo, self._before))
        after = replace(self._before, **self.changes)
        existing = repo.labels()
        check_label_name(existing, after)
        check_shortcut(existing, after)
        repo.update_label(after)
        self._after = stored_row(repo, after)
        return Change(labels=True)

    def undo(self, repo: Repository) -> Change:
        assert self._before is not None and self._after is not None
        ensure_unchanged(repo, self._after)
        repo.update_label(self._before)
        return Change(labels=True)


class Batch(Command):
    """Several commands as one undo step (e.g. "accept all agreed")."""

    def __init__(self, commands: Sequence[Command], text: str) -> None:
        self.commands = list(commands)
        self.text = text

    def do(self, repo: Repository) -> Change:
        return merge_changes(command.do(repo) for command in self.commands)

    def undo(self, repo: Repository) -> Change:
        return merge_changes(command.undo(repo) for command in reversed(self.commands))


def merge_changes(changes: Iterable[Change]) -> Change:
    """One ``Change`` for many, in linear time (``a | b`` in a loop copies the growing sets)."""
    doc_ids: set[int] = set()
    span_ids: set[int] = set()
    flags = {"labels": False, "statuses": False, "links": False, "comments": False,
             "entities": False, "details": False, "suggestions": False}
    for change in changes:
        doc_ids.update(change.doc_ids)
        span_ids.update(change.span_ids)
        for name in flags:
            flags[name] = flags[name] or getattr(change, name)
    return Change(doc_ids=frozenset(doc_ids), span_ids=frozenset(span_ids), **flags)


__all__ = [
    "AddComment", "AddLabel", "AddLink", "AddSpan", "Batch", "Change", "Command",
    "ConflictError", "DeleteSpan", "Relabel", "RemoveLink", "Repository", "SetAttributes",
    "SetNote", "SetStatus", "UpdateLabel", "UpdateSpan", "check_shortcut",
]

