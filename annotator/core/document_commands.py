"""Editing a document's details: its title and metadata (outlet, date, author, ...).

The text never changes once stored (offsets refer to it); the title and ``meta`` may,
as one undoable step. Dates are checked here so that the filters can read them:
``meta["date"]`` must be ISO 8601 (a day, or a timestamp starting with one).

Usage::

    controller.push(SetDocumentDetails(doc_id, "Kremlin denies", {"outlet": "TASS",
                                                                  "date": "2026-01-15"}))
"""

from __future__ import annotations

from typing import Any

from annotator.core.commands import Change, Command, Repository
from annotator.core.docfilter import DATE_KEY, document_day
from annotator.core.errors import InputError
from annotator.core.guards import ConflictError


def clean_details(title: str, meta: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The title and metadata as stored: spaces trimmed, empty values dropped; an empty
    title or a date that is not ISO 8601 raises ``InputError`` saying what is wanted."""
    title = " ".join(title.split())
    if not title:
        raise InputError("a document needs a title")
    cleaned: dict[str, Any] = {}
    for key, value in meta.items():
        key = key.strip()
        if isinstance(value, str):
            value = value.strip()
        if not key or value in ("", None, []):
            continue
        cleaned[key] = value
    date = cleaned.get(DATE_KEY)
    if date is not None and document_day({DATE_KEY: date}) is None:
        raise InputError(f"the date {date!r} is not ISO 8601: write 2026-01-15 (or "
                         "2026-01-15T09:30:00Z)")
    return title, cleaned


class SetDocumentDetails(Command):
    """Set a document's title and metadata; undo puts back what was there."""

    def __init__(self, doc_id: int, title: str, meta: dict[str, Any]) -> None:
        self.doc_id = doc_id
        self.title, self.meta = clean_details(title, meta)
        self._before: tuple[str, dict[str, Any]] | None = None
        self.text = "Edit document details"

    def do(self, repo: Repository) -> Change:
        current = repo.document_details(self.doc_id)
        if self._before is not None and current != self._before:
            raise _conflict()
        self._before = current
        repo.update_document_meta(self.doc_id, title=self.title, meta=self.meta)
        return self._change()

    def undo(self, repo: Repository) -> Change:
        assert self._before is not None
        if repo.document_details(self.doc_id) != (self.title, self.meta):
            raise _conflict()
        title, meta = self._before
        repo.update_document_meta(self.doc_id, title=title, meta=meta)
        return self._change()

    def _change(self) -> Change:
        return Change(doc_ids=frozenset({self.doc_id}), details=True)


def _conflict() -> ConflictError:
    return ConflictError("the document's details were changed in another window or program "
                         "since; undoing would overwrite that change")
