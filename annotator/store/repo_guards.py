"""Reads that let undo and redo check a row is still the one a command wrote.

SQLite gives a deleted row's id to the next row inserted (INTEGER PRIMARY KEY without
AUTOINCREMENT), so with two windows on one file an id alone may name someone else's row
by the time a command is undone; commands compare uuids (``core.commands._stored``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from annotator.core.errors import AnnotatorError
from annotator.core.model import Comment
from annotator.store import rows
from annotator.store.base import RepoBase

# One JSON parameter instead of one "?" per id: an undo of a corpus-wide accept names
# tens of thousands of rows, beyond SQLite's limit on bound parameters.
_UUIDS_SQL = "SELECT id, uuid FROM {table} WHERE id IN (SELECT value FROM json_each(?))"


class GuardsMixin(RepoBase):
    def get_comment(self, comment_id: int) -> Comment:
        row = self._one("SELECT id, span_id, author, text, created FROM comments WHERE id = ?",
                        (comment_id,))
        if row is None:
            raise AnnotatorError(f"no comment with id {comment_id}")
        return rows.comment(row)

    def span_uuids(self, span_ids: Sequence[int]) -> dict[int, str]:
        """Uuid of each of ``span_ids`` that exists now, by id."""
        return self._uuids("spans", span_ids)

    def review_decision_uuids(self, decision_ids: Sequence[int]) -> dict[int, str]:
        """Uuid of each of ``decision_ids`` that exists now, by id."""
        return self._uuids("review_decisions", decision_ids)

    def _uuids(self, table: str, ids: Sequence[int]) -> dict[int, str]:
        if not ids:
            return {}
        return {int(i): str(u) for i, u in self._rows(_UUIDS_SQL.format(table=table),
                                                      (json.dumps(list(ids)),))}
