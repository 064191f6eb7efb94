"""Discourse networks from statements, as the Discourse Network Analyzer builds them
(issue 12, item 1). Plain data in, plain data out: no Qt, no SQL, no files.

A *statement* is an actor taking a stance (qualifier +1 supports, -1 opposes, 0
neutral) on a *concept* (the stance's target), in a document with a date; an actor's
co-occurrence with a narrative is a statement with qualifier 0 on that narrative.

Duplicates (``dedupe``): ``include`` keeps every statement; ``document`` counts a
repeated (actor, concept, qualifier) once per document; ``week`` and ``month`` once
per ISO week or calendar month of the document's date (an undated document is its own
period).

Two-mode, actor × concept (``two_mode``), with n⁺, n⁻, n⁰ the statements of actor i on
concept k by qualifier and n = n⁺ + n⁻ + n⁰:

- ``ignore``: w_ik = n; ``combine``: w_ik = n, and the edge says ``positive``,
  ``negative``, ``both`` (some of each) or ``neutral``; ``subtract``: w_ik = n⁺ − n⁻.
- normalisation: ``none``; ``activity``: w_ik / N_i (N_i: all statements of actor i);
  ``prominence``: w_ik / N_k (N_k: all statements on concept k).

One-mode, actor × actor (``one_mode``), with S_i^q the set of concepts actor i made
statements on with qualifier q (with ``ignore``, every qualifier counts as one) and K_i
all concepts of actor i:

- ``congruence``: x_ij = Σ_q |S_i^q ∩ S_j^q| (concepts both take the same side on);
- ``conflict``: x_ij = |S_i^+ ∩ S_j^−| + |S_i^− ∩ S_j^+| (opposite sides);
- ``subtract``: congruence − conflict, each normalised first;
- normalisation of x_ij: ``none``; ``average``: x_ij / ((|K_i| + |K_j|) / 2);
  ``jaccard``: x_ij / |K_i ∪ K_j|; ``cosine``: x_ij / √(|K_i| · |K_j|).

Edges of weight 0 are left out (a subtract network keeps negative weights).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np

QUALIFIERS = ("ignore", "combine", "subtract")
ONE_MODE = ("congruence", "conflict", "subtract")
DUPLICATES = ("include", "document", "week", "month")
TWO_MODE_NORMS = ("none", "activity", "prominence")
ONE_MODE_NORMS = ("none", "average", "jaccard", "cosine")


class Statement(NamedTuple):  # a tuple: 200,000 are made for one network
    doc: str  # the document's uuid
    day: str | None  # its ISO date (None: undated)
    actor: str
    concept: str
    qualifier: int  # +1, -1 or 0
    label: str = ""  # the stance's (or narrative's) label, for --label


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    weight: float
    qualifier: str = ""  # two-mode with ``combine``: positive, negative, both, neutral
    statements: int = 0  # statements behind the edge (two-mode) or shared concepts


def period(statement: Statement, mode: str) -> str:
    """The period within which a repeated statement counts once."""
    if mode == "document" or statement.day is None:
        return statement.doc
    return _period_of(statement.day[:10], mode)


@lru_cache(maxsize=4096)
def _period_of(iso_day: str, mode: str) -> str:
    """Days repeat across statements: each is parsed once."""
    day = date.fromisoformat(iso_day)
    if mode == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.strftime("%Y-%m")


def dedupe(statements: Iterable[Statement], mode: str) -> list[Statement]:
    if mode not in DUPLICATES:
        raise ValueError(f"duplicates must be one of {', '.join(DUPLICATES)}")
    items = list(statements)
    if mode == "include":
        return items
    seen: set[tuple[str, str, int, str]] = set()
    out = []
    for s in items:
        key = (s.actor, s.concept, s.qualifier, period(s, mode))
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def two_mode(statements: Sequence[Statement], qualifier: str = "ignore",
             normalize: str = "none") -> list[Edge]:
    if qualifier not in QUALIFIERS:
        raise ValueError(f"qualifier aggregation must be one of {', '.join(QUALIFIERS)}")
    if normalize not in TWO_MODE_NORMS:
        raise ValueError(f"an actor × concept network normalises by "
                         f"{', '.join(TWO_MODE_NORMS)}, not {normalize!r}")
    # Counted by Counter in C: a Python loop per statement took 1.3 s at 200,000.
    triples = Counter((s.actor, s.concept, s.qualifier) for s in statements)
    counts: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)
    by_actor: Counter[str] = Counter()
    by_concept: Counter[str] = Counter()
    for (actor, concept, q), times in triples.items():
        counts[(actor, concept)][q] += times
        by_actor[actor] += times
        by_concept[concept] += times
    edges = []
    for (actor, concept), n in sorted(counts.items()):
        total = sum(n.values())
        weight: float = n[1] - n[-1] if qualifier == "subtract" else total
        if normalize == "activity":
            weight /= by_actor[actor]
        elif normalize == "prominence":
            weight /= by_concept[concept]
        kind = ""
        if qualifier == "combine":
            kind = ("both" if n[1] and n[-1] else "positive" if n[1] else
                    "negative" if n[-1] else "neutral")
        if weight:
            edges.append(Edge(actor, concept, weight, kind, total))
    return edges


def one_mode(statements: Sequence[Statement], kind: str = "congruence",
             qualifier: str = "combine", normalize: str = "none") -> list[Edge]:
    """Actor × actor edges (source < target), ``kind`` one of ``ONE_MODE``."""
    if kind not in ONE_MODE:
        raise ValueError(f"a one-mode network is one of {', '.join(ONE_MODE)}")
    if normalize not in ONE_MODE_NORMS:
        raise ValueError(f"an actor × actor network normalises by "
                         f"{', '.join(ONE_MODE_NORMS)}, not {normalize!r}")
    if kind != "congruence" and qualifier == "ignore":
        raise ValueError("conflict needs the qualifiers: aggregate them with combine "
                         "(or subtract), not ignore")
    # Binary actor × concept matrices per qualifier; every count below is one matrix
    # product (200 actors × 60 concepts: microseconds, where pairs of sets took 0.5 s).
    actors = sorted({s.actor for s in statements})
    concepts = sorted({s.concept for s in statements})
    row = {a: i for i, a in enumerate(actors)}
    col = {c: k for k, c in enumerate(concepts)}
    sides = {q: np.zeros((len(actors), len(concepts)), dtype=np.int64) for q in (1, -1, 0)}
    for s in statements:
        sides[0 if qualifier == "ignore" else s.qualifier][row[s.actor], col[s.concept]] = 1
    every = ((sides[1] + sides[-1] + sides[0]) > 0).astype(np.int64)
    same = sides[1] @ sides[1].T + sides[-1] @ sides[-1].T + sides[0] @ sides[0].T
    opposite = sides[1] @ sides[-1].T + sides[-1] @ sides[1].T
    shared = every @ every.T  # |K_i ∩ K_j|
    sizes = every.sum(axis=1)  # |K_i|
    first, second = np.nonzero(np.triu(shared, k=1))  # pairs with a concept in common
    agree, disagree = same[first, second], opposite[first, second]
    raw = {"congruence": agree, "conflict": disagree}.get(kind, agree - disagree)
    weight = raw / _scale(sizes[first], sizes[second], shared[first, second], normalize)
    keep = weight != 0
    return [Edge(actors[i], actors[j], w, "", r) for i, j, w, r in zip(
        first[keep].tolist(), second[keep].tolist(), weight[keep].tolist(),
        raw[keep].tolist(), strict=True)]


def _scale(k_i: Any, k_j: Any, both: Any, normalize: str) -> Any:
    """The divisor of each pair (|K_i|, |K_j|, |K_i ∩ K_j| as arrays)."""
    if normalize == "average":
        return (k_i + k_j) / 2
    if normalize == "jaccard":
        return k_i + k_j - both  # |K_i ∪ K_j|
    if normalize == "cosine":
        return np.sqrt(k_i * k_j)
    return 1.0


def parse_days(text: str) -> int:
    """``30d``, ``4w`` or ``2m`` (30 days a month) as days."""
    value = text.strip().lower()
    units = {"d": 1, "w": 7, "m": 30}
    if len(value) < 2 or value[-1] not in units or not value[:-1].isdigit() or int(
            value[:-1]) <= 0:
        raise ValueError(f"not a duration: {text!r} (write 30d, 4w or 2m)")
    return int(value[:-1]) * units[value[-1]]


def time_windows(statements: Sequence[Statement], window: int, step: int
                 ) -> list[tuple[str, str, list[Statement]]]:
    """(first day, last day, statements) of each window of ``window`` days, one every
    ``step`` days from the earliest dated statement to the latest; undated statements
    belong to no window."""
    dated = sorted((s for s in statements if s.day), key=lambda s: str(s.day))
    if not dated:
        return []
    first = date.fromisoformat(str(dated[0].day)[:10])
    last = date.fromisoformat(str(dated[-1].day)[:10])
    days = [str(s.day)[:10] for s in dated]
    out = []
    start = first
    while start <= last:
        end = start + timedelta(days=window - 1)
        lo, hi = bisect_left(days, start.isoformat()), bisect_right(days, end.isoformat())
        out.append((start.isoformat(), end.isoformat(), dated[lo:hi]))
        start += timedelta(days=step)
    return out
