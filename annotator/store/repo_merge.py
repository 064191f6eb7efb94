"""Queries for merging a colleague's project into this one (``formats.merge``).

The reading half runs on the colleague's (read-only) project, the writing half on the
receiving project inside the caller's single transaction. Everything works per document
so that memory stays flat and a merge can report progress and be cancelled between
documents.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from annotator.core.errors import NotAProjectError
from annotator.core.model import Comment, Link, Status
from annotator.store import rows
from annotator.store.base import RepoBase, placeholders

# Well under SQLite's default limit of host parameters per statement.
_CHUNK = 500


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(values), _CHUNK):
        yield values[i:i + _CHUNK]


class MergeMixin(RepoBase):
    # -- reading a colleague's project ---------------------------------------------------
    @contextmanager
    def reading_foreign(self, what: object) -> Iterator[None]:
        """Turn SQLite errors met while reading a colleague's file into a typed error:
        ``quick_check`` on open does not see every kind of damage."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise NotAProjectError(f"{what}: the project file is damaged or unreadable "
                                   f"({exc})") from exc

    def annotator_ids_with_work(self) -> set[int]:
        """Annotators who own spans or statuses (the others have nothing to merge)."""
        return {int(r[0]) for r in self._rows(
            "SELECT annotator_id FROM spans UNION SELECT annotator_id FROM doc_status")}

    def comments_of_document(self, doc_id: int) -> list[Comment]:
        return [rows.comment(r) for r in self._rows(
            "SELECT c.id, c.span_id, c.author, c.text, c.created FROM comments c "
            "JOIN spans s ON s.id = c.span_id WHERE s.doc_id = ? ORDER BY c.id", (doc_id,))]

    def status_rows(self, doc_id: int) -> list[tuple[int, Status, str]]:
        """(annotator id, status, modified) of ``doc_id``; "to do" has no row."""
        return [(int(r[0]), Status(r[1]), str(r[2])) for r in self._rows(
            "SELECT annotator_id, status, modified FROM doc_status WHERE doc_id = ? "
            "ORDER BY annotator_id", (doc_id,))]

    def span_uuids(self, span_ids: Sequence[int]) -> dict[int, str]:
        return {int(r[0]): str(r[1]) for r in self._rows(
            f"SELECT id, uuid FROM spans WHERE id IN ({placeholders(span_ids)})",
            tuple(span_ids))}

    # -- matching in the receiving project -----------------------------------------------
    def document_keys(self) -> list[tuple[int, str, str]]:
        """(id, uuid, sha256) of every document, oldest first."""
        return [(int(r[0]), str(r[1]), str(r[2])) for r in self._rows(
            "SELECT id, uuid, sha256 FROM documents ORDER BY id")]

    def span_ids_by_uuid(self, uuids: Sequence[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for chunk in _chunks(uuids):
            found.update((str(r[0]), int(r[1])) for r in self._rows(
                f"SELECT uuid, id FROM spans WHERE uuid IN ({placeholders(chunk)})",
                tuple(chunk)))
        return found

    def link_uuids_present(self, uuids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(uuids):
            found.update(str(r[0]) for r in self._rows(
                f"SELECT uuid FROM links WHERE uuid IN ({placeholders(chunk)})", tuple(chunk)))
        return found

    @contextmanager
    def large_cache(self, mib: int = 64) -> Iterator[None]:
        """A bigger page cache for one bulk job: hundreds of thousands of rows go into
        indexes keyed by random uuids, which the default 2 MB cache keeps re-reading."""
        before = int(self._scalar("PRAGMA cache_size"))
        self.conn.execute(f"PRAGMA cache_size = {-1024 * int(mib)}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA cache_size = {before}")

    def has_rows(self, table: str) -> bool:
        """Whether the links/comments table has any row (so a merge can skip the
        per-document query when a colleague never used the feature)."""
        if table not in ("links", "comments"):
            raise ValueError(f"not a mergeable table: {table}")
        return self._one(f"SELECT 1 FROM {table} LIMIT 1") is not None

    def next_span_id(self) -> int:
        """First free span id; a merge holds the write lock, so it can number its spans
        itself and remap links and comments without reading ids back."""
        return int(self._scalar("SELECT coalesce(max(id), 0) + 1 FROM spans"))

    # -- writing merged rows (caller's transaction) --------------------------------------
    def insert_links(self, links: Iterable[Link]) -> None:
        with self.transaction():
            self.conn.executemany(
                f"INSERT INTO links ({rows.LINK_COLS}) VALUES (?, ?, ?, ?, ?, ?)",
                ((k.id, k.uuid, k.source_id, k.target_id, k.target_entity_id, k.type)
                 for k in links))

    def insert_comments(self, comments: Iterable[Comment]) -> None:
        with self.transaction():
            self.conn.executemany(
                "INSERT INTO comments (id, span_id, author, text, created) VALUES (?, ?, ?, ?, ?)",
                ((c.id, c.span_id, c.author, c.text, c.created) for c in comments))

    def insert_status_rows(self, doc_id: int, statuses: Iterable[tuple[int, Status, str]]
                           ) -> None:
        """Statuses arriving from a colleague, with their original time stamps."""
        with self.transaction():
            self.conn.executemany(
                "INSERT INTO doc_status (doc_id, annotator_id, status, modified) "
                "VALUES (?, ?, ?, ?)",
                ((doc_id, aid, str(status), modified)
                 for aid, status, modified in statuses if status != Status.TODO))
