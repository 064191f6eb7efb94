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

    def labels_in_use(self) -> set[int]:
        """Ids of the labels some annotator (gold included) has a span of (index-only)."""
        return {r[0] for r in self.conn.execute("SELECT DISTINCT label_id FROM spans")}

    def documents_with_spans_by(self, annotator_ids: Sequence[int]
                                ) -> list[tuple[int, int]]:
        """(doc_id, annotator_id) for every document where these annotators have a span
        of any label: who coded what does not depend on the labels being compared."""
        if not annotator_ids:
            return []
        sql = (f"SELECT DISTINCT doc_id, annotator_id FROM spans "
               f"WHERE annotator_id IN ({placeholders(annotator_ids)})")
        return [(r[0], r[1]) for r in self.conn.execute(sql, tuple(annotator_ids))]

    def annotators_with_spans_in(self, doc_id: int, annotator_ids: Sequence[int]
                                 ) -> set[int]:
        """Which of these annotators have a span (of any label) in this document."""
        if not annotator_ids:
            return set()
        sql = (f"SELECT DISTINCT annotator_id FROM spans WHERE doc_id = ? "
               f"AND annotator_id IN ({placeholders(annotator_ids)})")
        return {r[0] for r in self.conn.execute(sql, (doc_id, *annotator_ids))}

    def documents_done_by(self, annotator_ids: Sequence[int]) -> list[tuple[int, int]]:
        """(doc_id, annotator_id) for every document these annotators marked done."""
        if not annotator_ids:
            return []
        sql = (f"SELECT doc_id, annotator_id FROM doc_status WHERE status = ? "
               f"AND annotator_id IN ({placeholders(annotator_ids)})")
        return [(r[0], r[1]) for r in self.conn.execute(sql, (str(Status.DONE),
                                                              *annotator_ids))]
