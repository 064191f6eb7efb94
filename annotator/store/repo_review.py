"""Review: the rows the compare view and adjudication need, and review decisions.

Usage::

    pairs = project.compare_document(doc_id, a.id, b.id)     # core.review.compare
    docs = project.documents_with_spans_of([a.id, b.id])      # where to look for work
    sources = project.sources_of_gold_span(gold_span.uuid)    # provenance
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, TypeVar

from annotator.core.errors import AnnotatorError
from annotator.core.model import Span
from annotator.core.review.compare import Pair, compare
from annotator.core.review.decisions import ReviewDecision, Verdict, source_uuids
from annotator.store import rows
from annotator.store.base import RepoBase, placeholders

_T = TypeVar("_T", Span, ReviewDecision)
_DECISION_COLS = "id, uuid, doc_id, source_key, verdict, gold_span_uuid, reviewer, created"


def _decision(row: tuple[Any, ...]) -> ReviewDecision:
    return ReviewDecision(id=row[0], uuid=row[1], doc_id=row[2], source_key=row[3],
                          verdict=Verdict(row[4]), gold_span_uuid=row[5], reviewer=row[6],
                          created=row[7])


class ReviewMixin(RepoBase):
    # -- decisions ---------------------------------------------------------------------------
    def review_decisions(self, doc_id: int) -> list[ReviewDecision]:
        """Decisions on one document, oldest first."""
        if not self._has_decisions_table():
            return []
        return [_decision(r) for r in self._rows(
            f"SELECT {_DECISION_COLS} FROM review_decisions WHERE doc_id = ? ORDER BY id",
            (doc_id,))]

    def _has_decisions_table(self) -> bool:
        # A schema-1 file opened read-only is never migrated: it simply has no decisions.
        return bool(self._scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                 "AND name = 'review_decisions'"))

    def insert_review_decisions(self, decisions: Sequence[ReviewDecision]
                                ) -> list[ReviewDecision]:
        """Bulk insert; decisions without an id get new ones (returned), those with one
        keep it (redo after undo)."""
        with self.transaction():
            out = self._with_ids("review_decisions", decisions)
            self.conn.executemany(
                f"INSERT INTO review_decisions ({_DECISION_COLS}) VALUES "
                f"({placeholders(range(8))})",
                [(d.id, d.uuid, d.doc_id, d.source_key, str(d.verdict), d.gold_span_uuid,
                  d.reviewer, d.created) for d in out])
        return out

    def delete_review_decisions(self, decision_ids: Sequence[int]) -> None:
        with self.transaction():
            self.conn.executemany("DELETE FROM review_decisions WHERE id = ?",
                                  [(i,) for i in decision_ids])

    # -- gold spans in bulk -------------------------------------------------------------------
    def insert_spans_with_ids(self, spans: Sequence[Span]) -> list[Span]:
        """Bulk insert that reports the ids (``insert_spans`` does not), for undo."""
        with self.transaction():
            out = self._with_ids("spans", spans)
            self.conn.executemany(
                f"INSERT INTO spans ({rows.SPAN_COLS}) VALUES ({placeholders(range(13))})",
                [rows.span_values(s) for s in out])
        return out

    def delete_spans(self, span_ids: Sequence[int]) -> None:
        """Delete spans (their links and comments go with them, by cascade)."""
        with self.transaction():
            self.conn.executemany("DELETE FROM spans WHERE id = ?", [(i,) for i in span_ids])

    def _with_ids(self, table: str, items: Sequence[_T]) -> list[_T]:
        # Called inside the write transaction, so nobody else can take these ids meanwhile;
        # max + 1 is also what SQLite itself would pick for a rowid.
        next_id = max([int(self._scalar(f"SELECT coalesce(max(id), 0) FROM {table}")),
                       *(i.id for i in items if i.id is not None)]) + 1
        out: list[_T] = []
        for item in items:
            if item.id is None:
                item = replace(item, id=next_id)
                next_id += 1
            out.append(item)
        return out

    def review_decision_count(self) -> int:
        if not self._has_decisions_table():
            return 0
        return int(self._scalar("SELECT count(*) FROM review_decisions"))

    def sources_of_gold_span(self, gold_span_uuid: str) -> list[str]:
        """Uuids of the spans a gold span was accepted or edited from (provenance);
        empty for a gold span made by hand."""
        if not self._has_decisions_table():
            return []
        row = self._one("SELECT source_key FROM review_decisions WHERE gold_span_uuid = ? "
                        "ORDER BY id DESC LIMIT 1", (gold_span_uuid,))
        return list(source_uuids(row[0])) if row is not None else []

    # -- what the compare view reads ------------------------------------------------------
    def spans_by_annotators(self, doc_id: int, annotator_ids: Sequence[int]
                            ) -> dict[int, list[Span]]:
        """Spans of ``doc_id`` per annotator (every requested id present), by position."""
        out: dict[int, list[Span]] = {i: [] for i in annotator_ids}
        if not out:
            return out
        for row in self._rows(
                f"SELECT {rows.SPAN_COLS} FROM spans WHERE doc_id = ? AND annotator_id IN "
                f'({placeholders(out)}) ORDER BY start, "end", id', (doc_id, *out)):
            span = rows.span(row)
            out[span.annotator_id].append(span)
        return out

    def documents_with_spans_of(self, annotator_ids: Sequence[int], *, every: bool = False
                                ) -> list[int]:
        """Ids (in list order) of documents where any (``every``: each) of the annotators
        has at least one span."""
        ids = list(dict.fromkeys(annotator_ids))
        if not ids:
            return []
        sql = (f"SELECT d.id FROM documents d WHERE d.id IN (SELECT doc_id FROM spans "
               f"WHERE annotator_id IN ({placeholders(ids)}) GROUP BY doc_id "
               "HAVING count(DISTINCT annotator_id) >= ?) ORDER BY d.position, d.id")
        return [r[0] for r in self._rows(sql, (*ids, len(ids) if every else 1))]

    def label_layers(self) -> dict[int, str]:
        """Layer of every label, by label id."""
        return {r[0]: r[1] for r in self._rows("SELECT id, layer FROM labels")}

    def gold_id(self) -> int | None:
        """Id of the gold annotator, or None if nobody has adjudicated yet."""
        value = self._scalar("SELECT id FROM annotators WHERE is_gold = 1 ORDER BY id LIMIT 1")
        return int(value) if value is not None else None

    def compare_document(self, doc_id: int, a_id: int, b_id: int) -> list[Pair]:
        """Aligned, classified pairs of annotators ``a_id`` and ``b_id`` on ``doc_id``,
        each with what gold (or a reject) says about it.

        Either side may be gold ("annotator vs gold"); then gold spans do not count as
        settling pairs (they are a side), though recorded rejects still do.
        """
        if a_id == b_id:
            raise AnnotatorError("pick two different annotators to compare")
        gold_id = self.gold_id()
        if gold_id is None or gold_id in (a_id, b_id):
            spans = self.spans_by_annotators(doc_id, [a_id, b_id])
            gold: list[Span] = []
        else:
            spans = self.spans_by_annotators(doc_id, [a_id, b_id, gold_id])
            gold = spans[gold_id]
        return compare(spans[a_id], spans[b_id], layer_of=self.label_layers(), gold=gold,
                       decisions=self.review_decisions(doc_id))
