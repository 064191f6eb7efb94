"""Krippendorff's alpha against published examples and the ``krippendorff`` package."""

from __future__ import annotations

import math

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement import alpha, alpha_from_patterns
from annotator.core.agreement.patterns import from_reliability_data

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 coders × 12 units,
# None where a coder gave no value. Published: nominal 0.743, interval 0.849.
K2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]

# Wikipedia's "Krippendorff's alpha" computational example (3 coders × 15 units):
# nominal alpha = 0.691.
WIKIPEDIA = [
    [None, None, None, None, None, 3, 4, 1, 2, 1, 1, 3, 3, None, 3],
    [1, None, 2, 1, 3, 3, 4, 3, None, None, None, None, None, None, None],
    [None, None, 2, 1, 3, 4, 4, None, 2, 1, 1, 3, 3, None, 4],
]


def test_krippendorff_2011_nominal_is_0_743() -> None:
    result = alpha(K2011, "nominal")

    assert round(result.value or 0, 3) == 0.743
    assert result.n_units == 11  # unit 12 has a single value: unpairable


def test_krippendorff_2011_interval_is_0_849() -> None:
    assert round(alpha(K2011, "interval").value or 0, 3) == 0.849


def test_wikipedia_example_nominal_is_0_691() -> None:
    assert round(alpha(WIKIPEDIA, "nominal").value or 0, 3) == 0.691


def test_values_may_be_strings_for_nominal_alpha() -> None:
    names = {1: "low", 2: "mid", 3: "high", 4: "top", 5: "max"}
    as_text = [[None if v is None else names[v] for v in row] for row in K2011]

    assert alpha(as_text, "nominal").value == pytest.approx(alpha(K2011, "nominal").value)


def test_interval_alpha_refuses_values_that_are_not_numbers() -> None:
    with pytest.raises(ValueError, match="numbers"):
        alpha([["a", "b"], ["a", "a"]], "interval")


def test_no_pairable_unit_is_not_defined() -> None:
    result = alpha([[1, None], [None, 2]])

    assert not result.defined
    assert result.reason == "no unit has values from two annotators"


def test_no_variation_is_not_defined_but_states_the_observed_disagreement() -> None:
    result = alpha([["x", "x", "x"], ["x", "x", "x"]])

    assert not result.defined
    assert "no variation" in result.reason
    assert result.details["observed"] == 0.0


def test_weighted_patterns_equal_the_units_they_count() -> None:
    patterns = from_reliability_data(K2011)
    doubled = {p: 2 * n for p, n in patterns.items()}

    # The same units twice over: the coincidences double, alpha moves only through n - 1.
    expected = alpha([row * 2 for row in K2011], "nominal").value
    assert alpha_from_patterns(doubled).value == pytest.approx(expected)


values = st.one_of(st.none(), st.integers(min_value=1, max_value=4))


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=2, max_value=4).flatmap(
    lambda m: st.lists(st.lists(values, min_size=m, max_size=m), min_size=1, max_size=25)))
def test_alpha_agrees_with_the_krippendorff_package(units: list[list[int | None]]) -> None:
    rows = [list(col) for col in zip(*units, strict=True)]
    ours = {level: alpha(rows, level) for level in ("nominal", "interval")}
    data = np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=float)
    for level, result in ours.items():
        try:
            with np.errstate(divide="ignore", invalid="ignore"):
                theirs = krippendorff.alpha(reliability_data=data, level_of_measurement=level)
        except ValueError:  # the package refuses data with fewer than two values or units
            assert not result.defined
            continue
        if result.defined:
            assert result.value == pytest.approx(theirs, abs=1e-9)
        else:  # the package divides by zero where we say "not defined"
            assert math.isnan(theirs) or math.isinf(theirs) or result.n_units == 0
