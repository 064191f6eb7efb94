"""Cohen's and Fleiss' kappa against published worked examples."""

from __future__ import annotations

import pytest

from annotator.core.agreement import (
    cohen_kappa,
    cohen_kappa_table,
    fleiss_kappa,
    fleiss_kappa_counts,
)
from annotator.core.agreement.patterns import from_reliability_data, from_units

# The 3×3 table of the issue: rows are annotator A's category, columns B's.
TABLE = [[13, 0, 0], [0, 20, 7], [0, 4, 56]]

# Fleiss (1971), as reproduced on Wikipedia's "Fleiss' kappa": 10 subjects, 14 raters,
# 5 categories; P̄ = 0.378, P̄e = 0.213, kappa = 0.210.
FLEISS = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0],
          [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2],
          [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]


def units_of(table: list[list[int]]) -> list[tuple[str, str]]:
    cats = "abc"
    return [(cats[i], cats[j]) for i, row in enumerate(table) for j, n in enumerate(row)
            for _ in range(n)]


def test_cohen_kappa_of_the_three_by_three_table_is_0_7964() -> None:
    result = cohen_kappa_table(TABLE)

    assert result.value == pytest.approx(0.7964, abs=5e-5)
    assert result.details["observed"] == pytest.approx(0.89)
    # Chance agreement adds the products of the marginals (13·13 + 27·24 + 60·63)/100².
    assert result.details["expected"] == pytest.approx(0.4597)
    assert result.n_units == 100


def test_cohen_kappa_from_the_equivalent_unit_list_is_the_same() -> None:
    units = units_of(TABLE)
    assert len(units) == 100

    from_list = cohen_kappa(from_units(units))
    from_rows = cohen_kappa(from_reliability_data([[a for a, _ in units],
                                                   [b for _, b in units]]))

    assert from_list.value == pytest.approx(0.7964, abs=5e-5)
    assert from_rows.value == from_list.value


def test_cohen_kappa_skips_units_one_annotator_did_not_code() -> None:
    units = [*units_of(TABLE), ("a", None), (None, "c"), (None, None)]

    result = cohen_kappa(from_units(units))

    assert result.value == pytest.approx(0.7964, abs=5e-5)
    assert result.n_units == 100


def test_cohen_kappa_is_not_a_product_of_chance_terms() -> None:
    # QualCoder's bug: multiplying the per-category chance terms instead of adding them
    # gives p_e ≈ 0 here and kappa ≈ p_o; the right answer is 0 (no better than chance).
    result = cohen_kappa_table([[25, 25], [25, 25]])

    assert result.value == pytest.approx(0.0)
    assert result.details["expected"] == pytest.approx(0.5)


def test_fleiss_kappa_of_fleiss_1971_is_0_210() -> None:
    result = fleiss_kappa_counts(FLEISS)

    assert result.value == pytest.approx(0.210, abs=5e-4)
    assert result.details["observed"] == pytest.approx(0.378, abs=5e-4)
    assert result.details["expected"] == pytest.approx(0.213, abs=5e-4)
    assert result.n_units == 10


def test_fleiss_kappa_from_units_with_fourteen_raters_is_the_same() -> None:
    units = [tuple(c for c, n in enumerate(row) for _ in range(n)) for row in FLEISS]

    assert fleiss_kappa(from_units(units)).value == pytest.approx(0.210, abs=5e-4)


def test_fleiss_kappa_of_two_raters_is_scotts_pi() -> None:
    # Scott's pi of TABLE by hand: pooled proportions .13, .255, .615 -> p_e = .46015,
    # pi = (.89 - .46015) / (1 - .46015) = .79624.
    result = fleiss_kappa(from_units(units_of(TABLE)))

    assert result.value == pytest.approx(0.79624, abs=5e-5)


def test_fleiss_kappa_leaves_out_units_with_a_missing_rating() -> None:
    units = [tuple(c for c, n in enumerate(row) for _ in range(n)) for row in FLEISS]
    with_gaps = [*units, (0,) * 13 + (None,)]

    assert fleiss_kappa(from_units(with_gaps)).value == pytest.approx(0.210, abs=5e-4)


@pytest.mark.parametrize("table", [[], [[0, 0], [0, 0]]])
def test_kappa_without_units_is_not_defined(table: list[list[int]]) -> None:
    result = cohen_kappa_table(table)

    assert not result.defined
    assert result.value is None
    assert result.reason == "no units coded by both annotators"


def test_kappa_when_everything_is_one_category_is_not_defined_rather_than_nan() -> None:
    result = cohen_kappa_table([[12, 0], [0, 0]])

    assert not result.defined
    assert "chance agreement is 1" in result.reason
    assert not fleiss_kappa_counts([[3, 0]] * 5).defined


def test_kappa_when_one_side_never_uses_a_category_is_zero() -> None:
    # A marks 10 of 100 tokens, B none: agreement is exactly what chance predicts.
    result = cohen_kappa_table([[90, 0], [10, 0]])

    assert result.value == pytest.approx(0.0)


def test_fleiss_needs_the_same_number_of_ratings_per_unit() -> None:
    with pytest.raises(ValueError, match="same number of ratings"):
        fleiss_kappa_counts([[1, 1], [2, 1]])
