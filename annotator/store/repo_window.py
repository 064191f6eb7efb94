"""Small per-row queries the window needs to refresh one row instead of a whole list."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.model import Status
from annotator.store.base import RepoBase, placeholders
from annotator.store.repo_documents import DocumentRow

# (id, start, end, label_id, annotator_id): what drawing and listing a span needs.
SpanRow = tuple[int, int, int, int, int]


class WindowQueriesMixin(RepoBase):
    def document_row(self, doc_id: int, annotator_id: int | None) -> DocumentRow | None:
        """One row of ``document_rows``: title, length, span count and status."""
        row = self._one(
            """
            SELECT d.id, d.title, d.uuid, d.length, d.outlet, d.day,
                   (SELECT count(*) FROM spans s WHERE s.doc_id = d.id
                        AND (?2 IS NULL OR s.annotator_id = ?2)),
                   coalesce((SELECT status FROM doc_status st WHERE st.doc_id = d.id
                             AND st.annotator_id = ?2), 'todo')
            FROM documents d WHERE d.id = ?1
            """, (doc_id, annotator_id))
        if row is None:
            return None
        return DocumentRow(row[0], row[1], row[2], row[3], row[6], Status(row[7]),
                           row[4], row[5])

    def document_progress(self, doc_id: int, annotator_id: int | None
                          ) -> tuple[int, Status] | None:
        """(span count, status) of one document for one annotator; None if it is gone.

        Unlike ``document_row`` it does not touch the text (``length()`` of a 1 MB article
        reads all of it), so it is cheap enough to run after every edit.
        """
        row = self._one(
            """
            SELECT (SELECT count(*) FROM spans s WHERE s.doc_id = d.id
                        AND (?2 IS NULL OR s.annotator_id = ?2)),
                   coalesce((SELECT status FROM doc_status st WHERE st.doc_id = d.id
                             AND st.annotator_id = ?2), 'todo')
            FROM documents d WHERE d.id = ?1
            """, (doc_id, annotator_id))
        return None if row is None else (int(row[0]), Status(row[1]))

    def span_exists(self, span_id: int) -> bool:
        return self._scalar("SELECT 1 FROM spans WHERE id = ?", (span_id,)) is not None

    def span_rows(self, doc_id: int, annotator_ids: Sequence[int] | None = None
                  ) -> list[SpanRow]:
        """The spans of a document as plain tuples, ordered by (start, end, id).

        For a document with 20,000 spans this is ten times cheaper than building
        ``Span`` objects; the text of each is the document's ``text[start:end]``.
        """
        sql = 'SELECT id, start, "end", label_id, annotator_id FROM spans WHERE doc_id = ?'
        params: tuple[object, ...] = (doc_id,)
        if annotator_ids is not None:
            sql += f" AND annotator_id IN ({placeholders(annotator_ids)})"
            params += tuple(annotator_ids)
        sql += ' ORDER BY start, "end", id'
        return self.conn.execute(sql, params).fetchall()

    def document_ids_matching(self, needle: str) -> set[int]:
        """Documents whose title or text contains ``needle``, ignoring case in every
        script (Python's casefold: SQLite's lower() folds ASCII only)."""
        folded = needle.casefold()
        if not folded:
            return {doc_id for (doc_id,) in self._rows("SELECT id FROM documents")}
        # Registered per call: cheap, and every connection (a reopened file) gets it.
        self.conn.create_function("annotator_casefold", 1, _casefold, deterministic=True)
        return {doc_id for (doc_id,) in self._rows(
            "SELECT id FROM documents WHERE instr(annotator_casefold(title), ?1) > 0 "
            "OR instr(annotator_casefold(text), ?1) > 0", (folded,))}


def _casefold(value: str | None) -> str:
    return value.casefold() if value is not None else ""
