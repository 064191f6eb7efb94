"""Span alignment, span F1 (exact and partial) and alpha on labels of matched spans,
on small cases computed by hand."""

from __future__ import annotations

import pytest

from annotator.core.agreement import align, f1_counts, matched_alpha, matched_patterns
from annotator.core.agreement.span_f1 import F1Counts


def test_exact_f1_counts_identical_spans_once() -> None:
    counts = f1_counts([(0, 5), (10, 20)], [(0, 5), (12, 20)])
    score = counts.exact_score()

    # One match out of 2 + 2 spans: F1 = 2·1/4; precision 1/2, recall 1/2.
    assert score.value == pytest.approx(0.5)
    assert score.details["precision"] == pytest.approx(0.5)
    assert score.details["recall"] == pytest.approx(0.5)
    assert score.n_units == 4


def test_partial_f1_gives_character_overlap_credit() -> None:
    counts = f1_counts([(0, 5), (10, 20)], [(0, 5), (12, 20)])
    score = counts.partial_score()

    # (10, 20) ~ (12, 20) share 8 code points: A's span earns 8/10, B's 8/8.
    # R = (1 + 0.8)/2 = 0.9, P = (1 + 1)/2 = 1, F1 = 2·0.9·1/1.9.
    assert score.details["recall"] == pytest.approx(0.9)
    assert score.details["precision"] == pytest.approx(1.0)
    assert score.value == pytest.approx(2 * 0.9 / 1.9)


def test_partial_credit_is_one_to_one_by_best_overlap() -> None:
    # A's (0, 10) overlaps B's (0, 4) (Jaccard 0.4) and (5, 10) (Jaccard 0.5): it pairs
    # with (5, 10) only. R = 0.5/1, P = (1 + 0)/2, F1 = 0.5.
    score = f1_counts([(0, 10)], [(0, 4), (5, 10)]).partial_score()

    assert score.details["recall"] == pytest.approx(0.5)
    assert score.details["precision"] == pytest.approx(0.5)
    assert score.value == pytest.approx(0.5)


def test_duplicate_spans_match_at_most_once() -> None:
    score = f1_counts([(0, 5), (0, 5)], [(0, 5)]).exact_score()

    assert score.value == pytest.approx(2 * 1 / 3)


def test_identical_and_disjoint_spans() -> None:
    same = f1_counts([(0, 5), (7, 9)], [(7, 9), (0, 5)])
    apart = f1_counts([(0, 5)], [(6, 9)])

    assert same.exact_score().value == same.partial_score().value == 1.0
    assert apart.exact_score().value == apart.partial_score().value == 0.0


def test_one_side_without_spans_scores_zero_and_none_at_all_is_not_defined() -> None:
    one_sided = f1_counts([(0, 5)], []).exact_score()
    nothing = F1Counts().exact_score()

    assert one_sided.value == 0.0
    assert "precision" not in one_sided.details  # nothing proposed: precision undefined
    assert nothing.value is None
    assert nothing.reason == "neither annotator marked a span"
    assert F1Counts().partial_score().value is None


def test_counts_add_up_across_documents() -> None:
    total = f1_counts([(0, 5)], [(0, 5)]) + f1_counts([(0, 4)], [(1, 4)])

    assert total.exact_score().value == pytest.approx(2 * 1 / 4)
    assert total.n_a == total.n_b == 2


def test_align_groups_identical_bounds_first_then_best_jaccard() -> None:
    groups = align([[(0, 10), (20, 30)], [(0, 10), (21, 30)], [(1, 10), (40, 50)]])

    assert groups == [(0, 0, 0), (1, 1, None), (None, None, 1)]


def test_align_never_puts_two_spans_of_one_annotator_in_a_group() -> None:
    # Both of A's spans overlap B's (0, 15) with Jaccard 10/15 and a boundary shift of 5;
    # the tie goes by position, and A's second span stays alone.
    groups = align([[(0, 10), (5, 15)], [(0, 15)]])

    assert groups == [(0, 0), (1, None)]


def test_align_pairs_equal_labels_among_identical_bounds() -> None:
    groups = align([[(0, 5), (0, 5)], [(0, 5), (0, 5)]], [["Y", "X"], ["X", "Y"]])

    assert sorted(groups) == [(0, 1), (1, 0)]


def test_matched_alpha_separates_label_choice_from_boundaries() -> None:
    # Same stretches, boundaries shifted by one: labels agree on both groups.
    shifted = matched_patterns([[(0, 5, "X"), (10, 20, "Y")], [(0, 6, "X"), (11, 20, "Y")]])
    # Same boundaries, the second label differs.
    relabelled, lonely = matched_patterns([[(0, 5, "X"), (10, 20, "Y")],
                                           [(0, 5, "X"), (10, 20, "Z")]])

    assert matched_alpha(*shifted).value == pytest.approx(1.0)
    # Units (X, X) and (Y, Z): n = 4, n_X = 2, n_Y = n_Z = 1;
    # alpha = 1 - (n-1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k = 1 - 3·2/10 = 0.4.
    assert matched_alpha(relabelled, lonely).value == pytest.approx(0.4)


def test_matched_alpha_counts_unmatched_spans() -> None:
    patterns, unmatched = matched_patterns([[(0, 5, "X"), (30, 40, "Y")], [(0, 5, "X")]])

    assert unmatched == 1
    assert matched_alpha(patterns, unmatched).details["unmatched_spans"] == 1.0


def test_matched_alpha_without_any_overlap_is_not_defined() -> None:
    patterns, unmatched = matched_patterns([[(0, 5, "X")], [(10, 15, "X")]])
    result = matched_alpha(patterns, unmatched)

    assert result.value is None
    assert "overlaps" in result.reason
