"""Bulk reads for the agreement report (``annotator.formats.agreement_data``).

The report touches every span of the compared annotators once; one ordered query with
plain tuples costs a fraction of a query per document building ``Span`` objects.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from annotator.core.model import Status
from annotator.store.base import RepoBase, placeholders

# (doc_id, annotator_id, label_id, start, end)
AgreementSpanRow = tuple[int, int, int, int, int]


class AgreementMixin(RepoBase):
    def agreement_spans(self, annotator_ids: Sequence[int], label_ids: Sequence[int]
                        ) -> Iterator[AgreementSpanRow]:
        """Spans of these annotators with these labels, grouped by document id."""
        if not annotator_ids or not label_ids:
            return
        sql = (f'SELECT doc_id, annotator_id, label_id, start, "end" FROM spans '
               f"WHERE annotator_id IN ({placeholders(annotator_ids)}) "
               f"AND label_id IN ({placeholders(label_ids)}) ORDER BY doc_id")
        yield from self.conn.execute(sql, (*annotator_ids, *label_ids))

    def annotators_with_spans(self) -> set[int]:
        """Ids of the annotators who have at least one span (an index-only scan)."""
        return {r[0] for r in self.conn.execute("SELECT DISTINCT annotator_id FROM spans")}

    def documents_done_by(self, annotator_ids: Sequence[int]) -> list[tuple[int, int]]:
        """(doc_id, annotator_id) for every document these annotators marked done."""
        if not annotator_ids:
            return []
        sql = (f"SELECT doc_id, annotator_id FROM doc_status WHERE status = ? "
               f"AND annotator_id IN ({placeholders(annotator_ids)})")
        return [(r[0], r[1]) for r in self.conn.execute(sql, (str(Status.DONE),
                                                              *annotator_ids))]
