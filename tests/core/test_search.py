"""Folding for the corpus search, and hits with code-point offsets in the stored text."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotator.core.search import fold, fts_query, hits_in, phrase_pattern

TEXT = ("مردم می‌خواهند صدای خود را برسانند. Кремль осуждает «Запад». Putin met Müller "
        "in Zürich 🇮🇷 👨‍👩‍👧.\r\nЁлка. كتاب يك 🇺🇦")


def found(query: str, text: str = TEXT) -> list[str]:
    pattern = phrase_pattern(query)
    assert pattern is not None
    hits = list(hits_in(1, text, pattern))
    assert all(text[h.start:h.end] == h.match for h in hits)  # code points, always
    return [h.match for h in hits]


@pytest.mark.parametrize(("query", "expected"), [
    ("میخواهند", ["می\u200cخواهند"]),  # without the ZWNJ
    ("می\u200cخواهند", ["می\u200cخواهند"]),  # with it
    ("кремль", ["Кремль"]), ("КРЕМЛЬ", ["Кремль"]), ("елка", ["Ёлка"]),
    ("muller in zurich", ["Müller in Zürich"]),
    ("کتاب یک", ["كتاب يك"]),  # Persian kaf and yeh find the Arabic letters
    ("🇮🇷", ["🇮🇷"]), ("🇺🇦", ["🇺🇦"]), ("👨‍👩‍👧", ["👨‍👩‍👧"]),
])
def test_what_a_phrase_finds(query: str, expected: list[str]) -> None:
    assert found(query) == expected


def test_a_flag_is_a_literal_not_its_letters() -> None:
    assert found("🇮🇷", "🇮🇷🇺🇦 and 🇷🇺") == ["🇮🇷"]
    assert found("й", "йод и иод") == ["й"]  # й is a letter of its own, not и


def test_offsets_count_code_points_past_emoji_and_crlf() -> None:
    text = "👩‍👩‍👧 a\r\nb 🇮🇷 Путин"
    pattern = phrase_pattern("путин")
    assert pattern is not None
    (hit,) = hits_in(7, text, pattern)
    assert (hit.start, hit.end) == (len(text) - 5, len(text)) and hit.right == ""
    assert hit.left == "b 🇮🇷 "  # context stops at the line break


def test_the_index_sees_folded_text() -> None:
    assert fold("  Кремль\nОСУЖДАЕТ  ") == "кремль осуждает"
    assert fold("می‌خواهند") == fold("میخواهند")
    assert fts_query("🇮🇷") is None  # two code points: too short for trigrams
    assert fts_query("ИГ и") is None  # no trigram without a space
    # Every trigram without white space, each quoted with its quotes doubled (FTS5).
    assert fts_query('say "no"') == '"say" """no" "no"""'


# No deadline: the first example builds the fold's tables (0.4 s on a busy machine).
@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abé ЁёКк\u200cمی🇮🇷\u0301\n")), max_size=30),
       st.integers(0, 30), st.integers(1, 6))
@example(text="a \u0301 a", at=0, size=5)  # a stray mark between spaces folds away
def test_every_stretch_is_found_again(text: str, at: int, size: int) -> None:
    """Whatever stretch of a text one searches for (if it folds to something), a hit
    covering it comes back, and every hit is a slice of the text."""
    query = text[at:at + size]
    pattern = phrase_pattern(query)
    if pattern is None or not fold(query) or not query.strip() or query != query.strip():
        return
    hits = list(hits_in(1, text, pattern))
    assert hits
    assert all(text[h.start:h.end] == h.match and fold(h.match) == fold(query) for h in hits)
