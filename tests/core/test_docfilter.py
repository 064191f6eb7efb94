"""Choosing documents by metadata: the rules the export, agreement and network commands share."""

from __future__ import annotations

import pytest

from annotator.core.docfilter import DocumentFilter, parse_date_range, period_bounds
from annotator.core.errors import InputError


def test_periods_are_whole_years_months_and_days() -> None:
    assert period_bounds("2026") == ("2026-01-01", "2026-12-31")
    assert period_bounds("2024-02") == ("2024-02-01", "2024-02-29")  # a leap year
    assert period_bounds("2026-02") == ("2026-02-01", "2026-02-28")
    assert period_bounds(" 2026-01-15 ") == ("2026-01-15", "2026-01-15")


@pytest.mark.parametrize("bad", ["26-01", "2026-13", "2026-02-30", "January", "2026/01/02", ""])
def test_a_bad_date_says_what_to_write(bad: str) -> None:
    with pytest.raises(InputError, match="2026-01-15"):
        period_bounds(bad)


def test_ranges_may_be_open_at_either_end() -> None:
    assert parse_date_range("2026-01..2026-02") == ("2026-01-01", "2026-02-28")
    assert parse_date_range("2026-03..") == ("2026-03-01", None)
    assert parse_date_range("..2025") == (None, "2025-12-31")
    assert parse_date_range("2026-01") == ("2026-01-01", "2026-01-31")
    with pytest.raises(InputError):
        parse_date_range("..")


def test_where_ignores_case_in_every_script_and_surrounding_spaces() -> None:
    filt = DocumentFilter.build(where=["outlet=РИА Новости "])
    assert filt.matches({"outlet": "риа новости"})
    assert filt.matches({"outlet": " РИА НОВОСТИ"})
    assert not filt.matches({"outlet": "ТАСС"})
    assert not filt.matches({})
    assert DocumentFilter.build(where=["outlet=Straße"]).matches({"outlet": "STRASSE"})


def test_keys_combine_with_and_the_same_key_with_or() -> None:
    filt = DocumentFilter.build(where=["outlet=BBC", "outlet=TASS", "language=en"])
    assert filt.matches({"outlet": "BBC", "language": "en"})
    assert filt.matches({"outlet": "tass", "language": "EN"})
    assert not filt.matches({"outlet": "BBC", "language": "ru"})
    assert not filt.matches({"outlet": "Reuters", "language": "en"})


def test_list_values_match_by_item_and_numbers_by_their_text() -> None:
    assert DocumentFilter.build(where=["author=Lena K"]).matches({"author": ["Dana", "Lena K"]})
    assert DocumentFilter.build(where=["length=450"]).matches({"length": 450})


def test_an_empty_value_chooses_documents_without_the_key() -> None:
    filt = DocumentFilter.build(where=["outlet="])
    assert filt.matches({})
    assert filt.matches({"outlet": ""})
    assert not filt.matches({"outlet": "BBC"})


def test_dates_are_inclusive_and_undated_documents_are_left_out() -> None:
    filt = DocumentFilter.build(date_from="2026-01", date_to="2026-02")
    assert filt.matches({"date": "2026-01-01"})
    assert filt.matches({"date": "2026-02-28T23:59:00+03:30"})  # a timestamp: its day counts
    assert not filt.matches({"date": "2025-12-31"})
    assert not filt.matches({"date": "2026-03-01"})
    assert not filt.matches({})
    assert not filt.matches({"date": "yesterday"})
    assert not filt.matches({"date": 20260115})
    assert DocumentFilter.build(date_from="2026").matches({"date": "2030-05-05"})


def test_bad_conditions_are_refused_with_the_expected_form() -> None:
    with pytest.raises(InputError, match="KEY=VALUE"):
        DocumentFilter.build(where=["outlet"])
    with pytest.raises(InputError, match="KEY=VALUE"):
        DocumentFilter.build(where=["=BBC"])
    with pytest.raises(InputError, match="empty"):
        DocumentFilter.build(date_from="2026-03", date_to="2026-02")


def test_the_empty_filter_chooses_everything_and_says_nothing() -> None:
    filt = DocumentFilter.build()
    assert filt.is_empty and filt.matches({}) and filt.describe() == ""
    described = DocumentFilter.build(where=["outlet=BBC"], date_to="2026").describe()
    assert described == "outlet = bbc; date … to 2026-12-31"
