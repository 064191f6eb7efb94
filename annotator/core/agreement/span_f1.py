"""Span F1 between two annotators, exact and partial.

Exact: a span of A and a span of B match when start, end, layer and label are all equal
(each span matches at most once). With ``tp`` matches, precision = tp/|B|, recall =
tp/|A| (A is the reference), F1 = 2·tp/(|A|+|B|), which is symmetric.

Partial: spans of the same label are aligned one-to-one by ``align`` (best character
overlap). An aligned pair gives A's span the credit shared/len(A span) and B's span
shared/len(B span); unaligned spans get 0. Precision = Σ credit of B's spans / |B|,
recall = Σ credit of A's spans / |A|, F1 = 2PR/(P+R). An exact match earns credit 1,
so partial F1 ≥ exact F1.

Counts add up over documents and labels, so layer and corpus figures are micro-averages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.agreement.align import Interval, align, overlap
from annotator.core.agreement.score import Score, defined, undefined


@dataclass(frozen=True, slots=True)
class F1Counts:
    n_a: int = 0
    n_b: int = 0
    exact: int = 0
    credit_a: float = 0.0
    credit_b: float = 0.0

    def __add__(self, other: F1Counts) -> F1Counts:
        return F1Counts(self.n_a + other.n_a, self.n_b + other.n_b, self.exact + other.exact,
                        self.credit_a + other.credit_a, self.credit_b + other.credit_b)

    def exact_score(self) -> Score:
        total = self.n_a + self.n_b
        if not total:
            return undefined("neither annotator marked a span")
        return defined(2 * self.exact / total, total, **_pr(self.exact, self.exact, self),
                       matched=self.exact)

    def partial_score(self) -> Score:
        total = self.n_a + self.n_b
        if not total:
            return undefined("neither annotator marked a span")
        p = self.credit_b / self.n_b if self.n_b else 0.0
        r = self.credit_a / self.n_a if self.n_a else 0.0
        f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
        return defined(f1, total, **_pr(self.credit_b, self.credit_a, self))


def _pr(credit_b: float, credit_a: float, c: F1Counts) -> dict[str, float]:
    # Precision (recall) is only stated when the responding (reference) side has spans.
    out = {"spans_a": float(c.n_a), "spans_b": float(c.n_b)}
    if c.n_b:
        out["precision"] = credit_b / c.n_b
    if c.n_a:
        out["recall"] = credit_a / c.n_a
    return out


def f1_counts(a: Sequence[Interval], b: Sequence[Interval]) -> F1Counts:
    """Counts for two annotators' spans of one label in one document."""
    n_a, n_b = len(a), len(b)
    if not n_a or not n_b:
        return F1Counts(n_a, n_b)
    a, b = sorted(a), sorted(b)
    if a == b:
        return F1Counts(n_a, n_b, n_a, n_a, n_b)
    # Identical spans are exactly what ``align`` pairs first; only the rest need it.
    rest_a, rest_b = [], []
    i = j = exact = 0
    while i < n_a and j < n_b:
        if a[i] == b[j]:
            exact += 1
            i += 1
            j += 1
        elif a[i] < b[j]:
            rest_a.append(a[i])
            i += 1
        else:
            rest_b.append(b[j])
            j += 1
    rest_a += a[i:]
    rest_b += b[j:]
    credit_a = credit_b = float(exact)
    if len(rest_a) == 1 and len(rest_b) == 1:
        pairs: list[tuple[int | None, ...]] = [(0, 0)] if overlap(rest_a[0], rest_b[0]) else []
    else:
        pairs = align([rest_a, rest_b]) if rest_a and rest_b else []
    for x, y in pairs:
        if x is not None and y is not None:
            shared = overlap(rest_a[x], rest_b[y])
            credit_a += shared / (rest_a[x][1] - rest_a[x][0])
            credit_b += shared / (rest_b[y][1] - rest_b[y][0])
    return F1Counts(n_a, n_b, exact, credit_a, credit_b)
