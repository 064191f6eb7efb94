"""Krippendorff's unitizing alpha (uα) against the published examples.

Krippendorff (2004), *Content Analysis* 2nd ed., p. 254: two coders, a continuum of
300 positions starting at 150, categories c and k; |cuα = 0.859, cuα = 0.729. The data
and the intermediate values (cDo = 0.0144, cDe = 0.0532; kDo = 0, kDe = 0.0490) are
those DKPro Statistics' ``Krippendorff2004Test`` reproduces from the book; each unit is
(start, end) here where DKPro writes (offset, length).
"""

from __future__ import annotations

import numpy as np
import pytest

from annotator.core.agreement import unitizing_alpha, unitizing_alpha_by_category
from annotator.core.agreement.unitizing import disagreement, merge_units

CODER_I = [(225, 295, "c"), (370, 400, "c"), (180, 240, "k"), (300, 350, "k")]
CODER_J = [(220, 300, "c"), (355, 375, "c"), (400, 420, "c"), (180, 240, "k"),
           (300, 350, "k")]


def test_krippendorff_2004_overall_is_0_859_and_category_c_is_0_729() -> None:
    per, overall = unitizing_alpha_by_category(300, [CODER_I, CODER_J], begin=150)

    assert round(overall.value or 0, 3) == 0.859
    assert per["c"].value == pytest.approx(0.7286, abs=1e-4)
    assert round(per["c"].value or 0, 3) == 0.729
    assert per["k"].value == pytest.approx(1.0)


def test_krippendorff_2004_observed_and_expected_disagreements() -> None:
    per, _ = unitizing_alpha_by_category(300, [CODER_I, CODER_J], begin=150)

    # cDo: 2 · (5² + 5²  +  15² + 25²  +  20²) / (2 · 1 · 300²): two overlapping pairs and
    # coder j's unit (400, 420) inside coder i's gap.
    assert per["c"].details["observed"] == pytest.approx(2 * 1300 / (2 * 300 ** 2))
    assert per["c"].details["observed"] == pytest.approx(0.0144, abs=1e-4)
    assert per["c"].details["expected"] == pytest.approx(0.0532, abs=1e-4)
    assert per["k"].details["observed"] == 0.0
    assert per["k"].details["expected"] == pytest.approx(0.0490, abs=1e-4)


# Krippendorff (1995), "On the reliability of unitizing continuous data", p. 57: four
# pairs of coders on 24 positions (as DKPro's Krippendorff1995Test encodes them,
# (offset, length)). Observed disagreements as published; alpha for a continuum
# stretched ×50,000 (DKPro compares those within ±0.02, the 1995 D_E having a misprint).
K1995 = {
    "A": ([(2, 8), (14, 6)], [(4, 4), (15, 2)], 0.03125, 0.553),
    "B": ([(0, 18)], [(0, 2), (2, 1), (3, 1), (4, 1), (5, 1), (6, 3), (9, 1)], 2.26736, -0.926),
    "C": ([(2, 6), (10, 2), (14, 4), (20, 2)], [(0, 2), (4, 4), (10, 4), (16, 2), (20, 2)],
          0.02777, 0.679),
    "D": ([(0, 2), (2, 8), (10, 4), (14, 6), (20, 4)],
          [(0, 4), (4, 4), (8, 7), (15, 2), (17, 7)], 0.38715, 0.066),
}


@pytest.mark.parametrize("name", sorted(K1995))
def test_krippendorff_1995_examples(name: str) -> None:
    first, second, observed, stretched_alpha = K1995[name]

    def spans(units: list[tuple[int, int]], k: int) -> list[tuple[int, int]]:
        return [(s * k, (s + n) * k) for s, n in units]

    plain = unitizing_alpha(24, [spans(first, 1), spans(second, 1)])
    stretched = unitizing_alpha(24 * 50_000, [spans(first, 50_000), spans(second, 50_000)])

    assert plain.details["observed"] == pytest.approx(observed, abs=1e-5)
    assert stretched.value == pytest.approx(stretched_alpha, abs=0.02)


def test_identical_unitizing_is_one() -> None:
    units = [(3, 9), (20, 31)]

    assert unitizing_alpha(40, [units, units, units]).value == pytest.approx(1.0)


def test_a_category_only_one_coder_uses_is_defined_and_not_positive() -> None:
    result = unitizing_alpha(100, [[(10, 20)], []])

    assert result.defined
    assert (result.value or 0) <= 0


@pytest.mark.parametrize(("length", "units", "reason"), [
    (0, [[], []], "no text"),
    (50, [[], []], "no annotator marked a span"),
    (50, [[(1, 5)]], "needs at least two annotators"),
])
def test_edge_cases_are_not_defined_with_a_reason(length: int,
                                                   units: list[list[tuple[int, int]]],
                                                   reason: str) -> None:
    result = unitizing_alpha(length, units)

    assert result.value is None
    assert reason in result.reason


def test_one_coders_overlapping_units_count_as_their_union() -> None:
    overlapping = unitizing_alpha(60, [[(10, 30), (20, 40)], [(10, 40)]])

    assert overlapping.value == pytest.approx(1.0)
    merged = merge_units(np.array([0, 0, 0]), np.array([10, 20, 40]), np.array([30, 35, 45]))
    assert list(zip(merged.start.tolist(), merged.end.tolist(), strict=True)) == [(10, 35),
                                                                                 (40, 45)]


def test_units_outside_the_continuum_are_refused() -> None:
    with pytest.raises(ValueError, match="inside the continuum"):
        unitizing_alpha(10, [[(5, 12)], []])


def test_documents_pool_by_adding_observed_distances() -> None:
    # Two documents of 50 code points; the pooled observed disagreement is the sum of the
    # per-document distances over (m(m-1)·L²) with L = 100.
    coders = [merge_units(np.array([0, 1]), np.array([5, 10]), np.array([15, 20])),
              merge_units(np.array([0, 1]), np.array([7, 10]), np.array([15, 25]))]
    lengths = np.array([50, 50])

    d = disagreement(coders, lengths)

    assert d.observed == pytest.approx(2 * (4 + 0 + 0 + 25) / (2 * 100 ** 2))
    assert d.observed_doc.tolist() == pytest.approx([2 * 4 / (2 * 50 ** 2),
                                                     2 * 25 / (2 * 50 ** 2)])
    alone = unitizing_alpha(50, [[(5, 15)], [(7, 15)]])
    assert d.expected_doc[0] == pytest.approx(alone.details["expected"])
