"""Which pairs each document has for the chosen A and B, cached, and jumping between
disagreements across the corpus (``core.review.navigate.step_disagreement``).

Comparing one document costs about a millisecond, so a jump normally compares one or
two documents; the cache makes going back and forth free. Entries are dropped for the
documents a change touched, and all of them when labels change.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.review.compare import Pair
from annotator.core.review.navigate import Location, step_disagreement
from annotator.store import Project


class PairSource:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.a_id = self.b_id = 0
        self.layer: str | None = None  # None: every layer
        self._cache: dict[int, list[Pair]] = {}
        self._documents: list[int] | None = None

    def choose(self, a_id: int, b_id: int, layer: str | None) -> None:
        if (a_id, b_id, layer) != (self.a_id, self.b_id, self.layer):
            self.a_id, self.b_id, self.layer = a_id, b_id, layer
            self.forget()

    @property
    def ready(self) -> bool:
        return bool(self.a_id and self.b_id and self.a_id != self.b_id)

    def pairs(self, doc_id: int) -> list[Pair]:
        """The document's pairs in the chosen layer, sorted by position."""
        pairs = self._cache.get(doc_id)
        if pairs is None:
            pairs = self.project.compare_document(doc_id, self.a_id, self.b_id)
            if self.layer is not None:
                pairs = [p for p in pairs if p.layer == self.layer]
            self._cache[doc_id] = pairs
        return pairs

    def forget(self, doc_ids: Iterable[int] | None = None) -> None:
        """Drop cached pairs of ``doc_ids`` (None: of every document). Which documents
        have spans is asked again in any case (a span may be a document's first)."""
        self._documents = None
        if doc_ids is None:
            self._cache.clear()
            return
        for doc_id in doc_ids:
            self._cache.pop(doc_id, None)

    def documents(self) -> list[int]:
        """Documents where A or B has a span, in list order (a query over every span of
        both: tens of milliseconds at 2,000 documents, so kept until something changes)."""
        if self._documents is None:
            self._documents = self.project.documents_with_spans_of([self.a_id, self.b_id])
        return self._documents

    def step(self, doc_id: int | None, index: int | None, *, backward: bool,
             open_only: bool) -> Location | None:
        """The next (previous) disagreement after pair ``index`` of ``doc_id``, going
        round the corpus once."""
        if not self.ready:
            return None
        return step_disagreement(self.documents(), self.pairs, doc_id=doc_id, index=index,
                                 backward=backward, unresolved_only=open_only)
