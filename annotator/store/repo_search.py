"""The corpus search index (issue 11): an FTS5 table with the trigram tokenizer over
each document's folded text (``core.search.index_form``), contentless (the texts are not
stored twice, only the index), kept in the transaction that adds or deletes a document.

The index says which documents can hold a hit; ``core.search`` finds the hits in the
stored texts, so offsets are always code points of the text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from annotator.core.search import index_form
from annotator.store.base import RepoBase, placeholders

_CHUNK = 200  # texts read per query while scanning


def index_documents(conn: sqlite3.Connection, docs: Iterable[tuple[int, str]]) -> None:
    """Add (id, text) to the index, in the caller's transaction."""
    conn.executemany("INSERT INTO doc_search (rowid, folded) VALUES (?, ?)",
                     ((doc_id, index_form(text)) for doc_id, text in docs))


def unindex_documents(conn: sqlite3.Connection, doc_ids: Iterable[int]) -> None:
    """Remove documents (still stored) from the index, in the caller's transaction."""
    for doc_id in doc_ids:
        row = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is not None:
            # A contentless table forgets a row given the values it indexed.
            conn.execute("INSERT INTO doc_search (doc_search, rowid, folded) "
                         "VALUES ('delete', ?, ?)", (doc_id, index_form(str(row[0]))))


class SearchMixin(RepoBase):

    def has_search_index(self) -> bool:
        """False in an older file opened read-only (not migrated): search then reads every
        text."""
        return bool(self._scalar("SELECT 1 FROM sqlite_master WHERE name = 'doc_search'"))

    def search_candidates(self, match: str) -> list[int]:
        """Ids of the documents whose folded text holds every trigram of ``match``
        (``core.search.fts_query``), in the document list's order."""
        return [int(i) for (i,) in self._rows(
            "SELECT d.id FROM doc_search s JOIN documents d ON d.id = s.rowid "
            "WHERE doc_search MATCH ? ORDER BY d.position, d.id", (match,))]

    def texts_of(self, doc_ids: Sequence[int]) -> Iterator[tuple[int, str]]:
        """(id, text) of ``doc_ids`` in that order, read a few hundred at a time."""
        for first in range(0, len(doc_ids), _CHUNK):
            chunk = list(doc_ids[first:first + _CHUNK])
            texts = dict(self._rows(f"SELECT id, text FROM documents WHERE id IN "
                                    f"({placeholders(chunk)})", tuple(chunk)))
            for doc_id in chunk:
                if doc_id in texts:
                    yield doc_id, str(texts[doc_id])

    def all_document_ids(self) -> list[int]:
        return [int(i) for (i,) in self._rows(
            "SELECT id FROM documents ORDER BY position, id")]

    def covering_rows(self, doc_id: int) -> list[tuple[int, int, int, str, str]]:
        """(span id, start, end, label, annotator) of a document's spans, by start."""
        return [(int(a), int(b), int(c), str(d), str(e)) for a, b, c, d, e in self._rows(
            'SELECT s.id, s.start, s."end", l.name, a.name FROM spans s '
            "JOIN labels l ON l.id = s.label_id JOIN annotators a ON a.id = s.annotator_id "
            "WHERE s.doc_id = ? ORDER BY s.start", (doc_id,))]

    def coded_spans(self, annotator_id: int) -> list[tuple[int, int, int, int, str, str, str,
                                                           str]]:
        """(span id, doc id, start, end, text, label, layer, entity name or "") of every
        span of one annotator, in document order (the consistency check reads them)."""
        return [(int(a), int(b), int(c), int(d), str(e), str(f), str(g), str(h or ""))
                for a, b, c, d, e, f, g, h in self._rows(
                    'SELECT s.id, s.doc_id, s.start, s."end", s.text, l.name, l.layer, '
                    "e.name FROM spans s JOIN labels l ON l.id = s.label_id "
                    "JOIN documents d ON d.id = s.doc_id "
                    "LEFT JOIN entities e ON e.id = s.entity_id WHERE s.annotator_id = ? "
                    "ORDER BY d.position, d.id, s.start", (annotator_id,))]

    # -- suggestions from the actors registry ---------------------------------------------
    def insert_rejection(self, doc_id: int, annotator_id: int, start: int, end: int,
                         entity_id: int) -> None:
        self.conn.execute('INSERT OR IGNORE INTO suggestion_rejects (doc_id, annotator_id, '
                          'start, "end", entity_id) VALUES (?, ?, ?, ?, ?)',
                          (doc_id, annotator_id, start, end, entity_id))

    def delete_rejection(self, doc_id: int, annotator_id: int, start: int, end: int,
                         entity_id: int) -> None:
        self.conn.execute('DELETE FROM suggestion_rejects WHERE doc_id = ? AND '
                          'annotator_id = ? AND start = ? AND "end" = ? AND entity_id = ?',
                          (doc_id, annotator_id, start, end, entity_id))

    def rejections(self, doc_id: int, annotator_id: int) -> list[tuple[int, int, int]]:
        """(start, end, entity id) of the suggestions rejected in a document."""
        return [(int(a), int(b), int(c)) for a, b, c in self._rows(
            'SELECT start, "end", entity_id FROM suggestion_rejects WHERE doc_id = ? AND '
            "annotator_id = ?", (doc_id, annotator_id))]

    def entity_label_uses(self) -> list[tuple[int, int, int]]:
        """(entity id, label id, spans) of the spans linked to registry actors."""
        return [(int(a), int(b), int(c)) for a, b, c in self._rows(
            "SELECT entity_id, label_id, count(*) FROM spans WHERE entity_id IS NOT NULL "
            "GROUP BY entity_id, label_id")]

    def search_index_bytes(self) -> int:
        """The index's size in the file (its FTS5 data blocks)."""
        return int(self._scalar("SELECT coalesce(sum(length(block)), 0) "
                                "FROM doc_search_data") or 0)


def build_index(conn: sqlite3.Connection) -> None:
    """Fill the index for every stored document (migration v7)."""
    index_documents(conn, conn.execute("SELECT id, text FROM documents").fetchall())
