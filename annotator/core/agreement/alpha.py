"""Krippendorff's alpha, nominal or interval, with missing values.

alpha = 1 - D_o / D_e computed from the coincidence matrix (Krippendorff 2011,
"Computing Krippendorff's Alpha-Reliability"): each unit with ``m >= 2`` values adds
``1 / (m - 1)`` for every ordered pair of its values; units with fewer than two values
are unpairable and add nothing. The input is a ``Patterns`` count, so a million
identical token units cost one multiplication. The ``krippendorff`` package computes the
same quantity one row per unit; the tests check both agree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Literal

from annotator.core.agreement.patterns import Pattern, Patterns, Value, from_reliability_data
from annotator.core.agreement.score import Score, defined, undefined

Level = Literal["nominal", "interval"]


def alpha_from_patterns(patterns: Patterns, level: Level = "nominal") -> Score:
    """Alpha over the units counted in ``patterns``; ``n_units`` counts pairable units."""
    coincidences: dict[tuple[Value, Value], float] = {}
    pairable = 0.0
    for pattern, count in patterns.items():
        if not count:
            continue
        contributions = _pairs(pattern)
        if contributions:
            pairable += count
        for key, share in contributions:
            coincidences[key] = coincidences.get(key, 0.0) + count * share
    if not pairable:
        return undefined("no unit has values from two annotators")
    marginals: dict[Value, float] = {}
    for (a, _), o in coincidences.items():
        marginals[a] = marginals.get(a, 0.0) + o
    n = sum(marginals.values())
    delta = _metric(level)
    observed = sum(o * delta(a, b) for (a, b), o in coincidences.items()) / n
    values = list(marginals)
    expected = sum(marginals[a] * marginals[b] * delta(a, b)
                   for a in values for b in values) / (n * (n - 1))
    if expected <= 0:
        return undefined("all values are the same: there is no variation to agree on",
                         int(pairable), observed=observed)
    return defined(1 - observed / expected, int(pairable), observed=observed,
                   expected=expected)


@lru_cache(maxsize=4096)
def _pairs(pattern: Pattern) -> tuple[tuple[tuple[Value, Value], float], ...]:
    """What one unit with these values adds to the coincidence matrix: every ordered
    pair of values from different annotators adds 1/(m-1); fewer than two values, nothing.
    Cached because corpus patterns repeat (a few dozen distinct ones)."""
    counts: dict[Value, int] = {}
    for v in pattern:
        if v is not None:
            counts[v] = counts.get(v, 0) + 1
    m = sum(counts.values())
    if m < 2:
        return ()
    out = []
    for a, n_a in counts.items():
        for b, n_b in counts.items():
            pairs = n_a * (n_a - 1) if a == b else n_a * n_b
            if pairs:
                out.append(((a, b), pairs / (m - 1)))
    return tuple(out)


def alpha(reliability_data: Sequence[Sequence[Value | None]],
          level: Level = "nominal") -> Score:
    """Alpha of a reliability data matrix: one row per annotator, one column per unit,
    ``None`` for a missing value."""
    return alpha_from_patterns(from_reliability_data(reliability_data), level)


def _nominal(a: Value, b: Value) -> float:
    return 0.0 if a == b else 1.0


def _interval(a: Value, b: Value) -> float:
    return (_number(a) - _number(b)) ** 2


def _number(v: Value) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise ValueError(f"interval alpha needs numbers, got {v!r}")
    return float(v)


def _metric(level: Level) -> Callable[[Value, Value], float]:
    if level == "nominal":
        return _nominal
    if level == "interval":
        return _interval
    raise ValueError(f"unknown level of measurement: {level!r}")

