"""Units summarised as value patterns: the one input kappa and alpha share.

A *pattern* is the tuple of values that the compared annotators gave one unit, in
annotator order, with ``None`` where an annotator gave none (a missing value). A
``Patterns`` mapping counts how many units show each pattern. Corpus-sized unit sets
(a million tokens × every label) collapse to a few dozen patterns, which keeps every
coefficient cheap and lets all of them read the same units.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence

Value = Hashable
Pattern = tuple[Value | None, ...]
Patterns = Mapping[Pattern, float]


def from_reliability_data(rows: Sequence[Sequence[Value | None]]) -> Counter[Pattern]:
    """Patterns of a reliability data matrix: one row per annotator, one column per
    unit, ``None`` for a missing value (Krippendorff's "*")."""
    if not rows:
        return Counter()
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        raise ValueError("every annotator's row must have one value per unit")
    return Counter(tuple(row[u] for row in rows) for u in range(width))


def from_units(units: Iterable[Sequence[Value | None]]) -> Counter[Pattern]:
    """Patterns of units given one by one (each a sequence of per-annotator values)."""
    return Counter(tuple(unit) for unit in units)


def project(patterns: Patterns, keep: Sequence[int]) -> dict[Pattern, float]:
    """The same units seen by the annotators at positions ``keep`` only."""
    out: dict[Pattern, float] = {}
    for pattern, count in patterns.items():
        sub = tuple(pattern[i] for i in keep)
        out[sub] = out.get(sub, 0) + count
    return out


def add_into(total: dict[Pattern, float], more: Patterns) -> dict[Pattern, float]:
    for pattern, count in more.items():
        total[pattern] = total.get(pattern, 0) + count
    return total
