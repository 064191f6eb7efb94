"""Undo and redo check that a row is still the one the command wrote.

Commands address rows by id, and SQLite gives a deleted row's id to the next row
inserted (INTEGER PRIMARY KEY without AUTOINCREMENT): with two windows or programs on
one file, an id may by undo time name another person's row. The uuid decides whether the
row is still the command's own; comments have none, and their whole value decides (the
same span, author, text and second is, for anyone, the same comment). A refusal raises
``ConflictError`` before anything is written; the window then drops just that step.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

from annotator.core.errors import AnnotatorError
from annotator.core.model import Comment, Entity, Label, Link, Span

if TYPE_CHECKING:
    from annotator.core.commands import Repository


class ConflictError(AnnotatorError):
    """An undo or redo no longer fits the file: the row it names by id was deleted,
    replaced or edited since, in another window or program. Nothing was written."""


_Row = TypeVar("_Row", Span, Link, Label, Entity, Comment)


def _find(repo: Repository, row: _Row) -> _Row | None:
    """Whatever the file holds under ``row``'s id now (None: the id is free)."""
    assert row.id is not None
    get: Callable[[int], Span | Link | Label | Entity | Comment]
    match row:
        case Span():
            get = repo.get_span
        case Link():
            get = repo.get_link
        case Label():
            get = repo.get_label
        case Entity():
            get = repo.get_entity
        case _:
            get = repo.get_comment
    try:
        return get(row.id)
    except AnnotatorError:
        return None


def _describe(row: Span | Link | Label | Entity | Comment) -> tuple[str, str]:
    """(noun, "the noun “what”") for the messages."""
    match row:
        case Span():
            return "span", f"the span “{short(row.text)}”"
        case Link():
            return "link", f"the {row.type} link"
        case Label():
            return "label", f"the label “{row.name}”"
        case Entity():
            return "actor", f"the actor “{row.name}”"
        case _:
            return "comment", f"the comment “{short(row.text)}”"


def stored_row(repo: Repository, row: _Row) -> _Row:
    """``row`` as stored now, or ``ConflictError`` if another window or program deleted
    it (its id may name a newer row by now)."""
    current = _find(repo, row)
    same = current == row if isinstance(row, Comment) else (
        current is not None and current.uuid == row.uuid)
    if current is None or not same:
        raise ConflictError(f"{_describe(row)[1]} is no longer in the project (deleted in "
                            "another window or program)")
    return current


def ensure_unchanged(repo: Repository, written: _Row) -> None:
    """Refuse to undo an edit over a newer one: the row must still be as ``written``."""
    if stored_row(repo, written) != written:
        raise ConflictError(f"{_describe(written)[1]} was changed in another window or "
                            "program since; undoing would overwrite that change")


def ensure_free(repo: Repository, row: _Row) -> None:
    """Refuse to put ``row`` back where another window or program has put another."""
    if _find(repo, row) is not None:
        noun, what = _describe(row)
        article = "an" if noun[0] in "aeiou" else "a"
        raise ConflictError(f"{what} cannot come back: another window or program has added "
                            f"{article} {noun} in its place")


def ensure_all_stored(stored: Mapping[int, str], expected: Mapping[int, str], noun: str
                      ) -> None:
    """``stored_row`` for many rows at once: ``stored`` is what the file holds of
    ``expected``'s ids (id: uuid), as ``Repository.span_uuids`` reads it."""
    gone = sum(stored.get(i) != uuid for i, uuid in expected.items())
    if gone:
        raise ConflictError(f"{_count(gone, noun)} of this step "
                            f"{'is' if gone == 1 else 'are'} no longer in the project "
                            "(deleted in another window or program)")


def ensure_all_free(stored: Mapping[int, str], noun: str) -> None:
    """``ensure_free`` for many rows: ``stored`` is what the file holds of their ids."""
    if stored:
        raise ConflictError(f"this step cannot come back: another window or program has "
                            f"added {_count(len(stored), noun)} in the place of its own")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n:,} {noun}s"


def short(text: str, width: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
