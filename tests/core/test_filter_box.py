"""The document list's filter box: metadata conditions beside free words."""

from __future__ import annotations

import pytest

from annotator.core.docfilter import BoxQuery
from annotator.core.errors import InputError


def test_conditions_and_words_are_told_apart() -> None:
    q = BoxQuery.parse('outlet:Reuters date:2026-01..2026-02 protest  in Tehran')
    assert q.text == "protest in Tehran"
    assert q.terms == (("outlet", "reuters"),)
    assert (q.date_from, q.date_to) == ("2026-01-01", "2026-02-28")
    assert q.on_metadata and not q.needs_meta
    quoted = BoxQuery.parse('author:"Иван Петров" "re:Putin"')
    assert quoted.terms == (("author", "иван петров"),) and quoted.text == "re:Putin"
    assert quoted.needs_meta
    assert not BoxQuery.parse("http://example.org Путин").on_metadata  # no key before //
    assert BoxQuery.parse("outlet:").terms == ()  # still typing: no condition yet


def test_matching_is_by_containment_in_any_case() -> None:
    q = BoxQuery.parse("outlet:reut date:2026-01")
    assert q.matches("Reuters", "2026-01-31")
    assert not q.matches("Reuters", "2026-02-01")
    assert not q.matches("Reuters", "")  # no date: left out when a date is asked for
    assert not q.matches("BBC", "2026-01-10")
    assert BoxQuery.parse("outlet:риа").matches("РИА Новости", "")
    lang = BoxQuery.parse("language:fa section:world")
    assert lang.matches("", "", {"language": "fa-IR", "section": ["World", "Politics"]})
    assert not lang.matches("", "", {"language": "fa-IR"})
    assert BoxQuery.parse("date:2026-03..").matches("", "2027-01-01")
    assert not BoxQuery.parse("date:..2025").matches("", "2026-01-01")


@pytest.mark.parametrize("typed", ["date:2026-13", "date:yesterday", "date:.."])
def test_a_bad_date_says_what_to_write(typed: str) -> None:
    with pytest.raises(InputError, match="2026-01"):
        BoxQuery.parse(typed)
