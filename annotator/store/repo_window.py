"""Small per-row queries the window needs to refresh one row instead of a whole list."""

from __future__ import annotations

from annotator.core.model import Status
from annotator.store.base import RepoBase
from annotator.store.repo_documents import DocumentRow


class WindowQueriesMixin(RepoBase):
    def document_row(self, doc_id: int, annotator_id: int | None) -> DocumentRow | None:
        """One row of ``document_rows``: title, length, span count and status."""
        row = self._one(
            """
            SELECT d.id, d.title, d.uuid, length(d.text),
                   (SELECT count(*) FROM spans s WHERE s.doc_id = d.id
                        AND (?2 IS NULL OR s.annotator_id = ?2)),
                   coalesce((SELECT status FROM doc_status st WHERE st.doc_id = d.id
                             AND st.annotator_id = ?2), 'todo')
            FROM documents d WHERE d.id = ?1
            """, (doc_id, annotator_id))
        if row is None:
            return None
        return DocumentRow(row[0], row[1], row[2], row[3], row[4], Status(row[5]))

    def span_exists(self, span_id: int) -> bool:
        return self._scalar("SELECT 1 FROM spans WHERE id = ?", (span_id,)) is not None
