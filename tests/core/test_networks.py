"""DNA's network types against values computed by hand (the module's formulas).

Statements (actor, qualifier, concept, document, date):
    A +x d1 2026-01-05 · A +x d2 2026-01-20 · A −y d1
    B +x d3 2026-02-02 · B −y d3 · B +z d3
    C −x d4 2026-02-10 · C +y d4
So S_A⁺={x}, S_A⁻={y}, S_B⁺={x,z}, S_B⁻={y}, S_C⁺={y}, S_C⁻={x};
K_A={x,y}, K_B={x,y,z}, K_C={x,y}; N_A=3, N_B=3, N_C=2; N_x=4, N_y=3, N_z=1.
"""

from __future__ import annotations

import math

import pytest

from annotator.core.networks import (
    Statement,
    dedupe,
    one_mode,
    parse_days,
    time_windows,
    two_mode,
)

S = [Statement("d1", "2026-01-05", "A", "x", 1), Statement("d2", "2026-01-20", "A", "x", 1),
     Statement("d1", "2026-01-05", "A", "y", -1),
     Statement("d3", "2026-02-02", "B", "x", 1), Statement("d3", "2026-02-02", "B", "y", -1),
     Statement("d3", "2026-02-02", "B", "z", 1),
     Statement("d4", "2026-02-10", "C", "x", -1), Statement("d4", "2026-02-10", "C", "y", 1)]


def weights(edges: list) -> dict[tuple[str, str], float]:  # type: ignore[type-arg]
    return {(e.source, e.target): round(e.weight, 4) for e in edges}


def test_two_mode_qualifier_aggregation() -> None:
    assert weights(two_mode(S, "ignore")) == {("A", "x"): 2, ("A", "y"): 1, ("B", "x"): 1,
                                              ("B", "y"): 1, ("B", "z"): 1, ("C", "x"): 1,
                                              ("C", "y"): 1}
    assert weights(two_mode(S, "subtract")) == {("A", "x"): 2, ("A", "y"): -1,
                                                ("B", "x"): 1, ("B", "y"): -1,
                                                ("B", "z"): 1, ("C", "x"): -1, ("C", "y"): 1}
    more = [*S, Statement("d5", None, "C", "x", 1)]
    combined = {(e.source, e.target): e.qualifier for e in two_mode(more, "combine")}
    assert combined[("A", "x")] == "positive" and combined[("A", "y")] == "negative"
    assert combined[("C", "x")] == "both"


def test_two_mode_normalisation() -> None:
    assert weights(two_mode(S, normalize="activity")) == {
        ("A", "x"): round(2 / 3, 4), ("A", "y"): round(1 / 3, 4), ("B", "x"): round(1 / 3, 4),
        ("B", "y"): round(1 / 3, 4), ("B", "z"): round(1 / 3, 4), ("C", "x"): 0.5,
        ("C", "y"): 0.5}
    assert weights(two_mode(S, normalize="prominence")) == {
        ("A", "x"): 0.5, ("A", "y"): round(1 / 3, 4), ("B", "x"): 0.25,
        ("B", "y"): round(1 / 3, 4), ("B", "z"): 1.0, ("C", "x"): 0.25,
        ("C", "y"): round(1 / 3, 4)}
    with pytest.raises(ValueError, match="normalises by"):
        two_mode(S, normalize="jaccard")


def test_congruence_conflict_and_subtract() -> None:
    assert weights(one_mode(S, "congruence")) == {("A", "B"): 2}
    assert weights(one_mode(S, "conflict")) == {("A", "C"): 2, ("B", "C"): 2}
    assert weights(one_mode(S, "subtract")) == {("A", "B"): 2, ("A", "C"): -2,
                                                ("B", "C"): -2}
    # Ignoring qualifiers every shared concept is congruence.
    assert weights(one_mode(S, "congruence", "ignore")) == {("A", "B"): 2, ("A", "C"): 2,
                                                            ("B", "C"): 2}
    with pytest.raises(ValueError, match="conflict needs the qualifiers"):
        one_mode(S, "conflict", "ignore")


def test_one_mode_normalisation() -> None:
    assert weights(one_mode(S, "congruence", normalize="average")) == {("A", "B"): 0.8}
    assert weights(one_mode(S, "congruence", normalize="jaccard")) == {
        ("A", "B"): round(2 / 3, 4)}
    assert weights(one_mode(S, "congruence", normalize="cosine")) == {
        ("A", "B"): round(2 / math.sqrt(6), 4)}
    assert weights(one_mode(S, "conflict", normalize="jaccard")) == {
        ("A", "C"): 1.0, ("B", "C"): round(2 / 3, 4)}
    with pytest.raises(ValueError, match="normalises by"):
        one_mode(S, "congruence", normalize="activity")


def test_duplicates_count_once_per_period() -> None:
    again = [*S, Statement("d1", "2026-01-05", "A", "x", 1)]  # A +x twice in d1
    assert weights(two_mode(dedupe(again, "include")))[("A", "x")] == 3
    assert weights(two_mode(dedupe(again, "document")))[("A", "x")] == 2  # d1 and d2
    assert weights(two_mode(dedupe(again, "month")))[("A", "x")] == 1  # both January
    assert weights(two_mode(dedupe(again, "week")))[("A", "x")] == 2  # weeks 2 and 4


def test_time_windows() -> None:
    windows = time_windows(S, parse_days("30d"), parse_days("2w"))
    # d1 (2 statements) 01-05, d2 (1) 01-20, d3 (3) 02-02, d4 (2) 02-10.
    assert [(a, b, len(c)) for a, b, c in windows] == [
        ("2026-01-05", "2026-02-03", 2 + 1 + 3), ("2026-01-19", "2026-02-17", 1 + 3 + 2),
        ("2026-02-02", "2026-03-03", 3 + 2)]
    with pytest.raises(ValueError, match="not a duration"):
        parse_days("monthly")
