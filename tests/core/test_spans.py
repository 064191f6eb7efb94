"""validate_span and snap: what a raw selection becomes (PRODUCT §3)."""

from __future__ import annotations

import unicodedata

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.errors import SpanError
from annotator.core.spans import GraphemeIndex, overlap, snap, validate_span

ZWNJ = "\u200c"


def cluster_bounds(text: str) -> set[int]:
    """Grapheme cluster boundaries by the `regex` module's \\X, independent of GraphemeIndex."""
    bounds = {0}
    pos = 0
    for m in regex.finditer(r"\X", text):
        pos += len(m.group())
        bounds.add(pos)
    return bounds


def snapped(text: str, start: int, end: int) -> str | None:
    result = snap(text, start, end)
    return None if result is None else text[result[0]:result[1]]


# -- validate_span --------------------------------------------------------------------------

def test_validate_accepts_a_matching_span() -> None:
    validate_span("hello world", 6, 11, "world")
    validate_span("hello world", 0, 1)


@pytest.mark.parametrize(("start", "end", "message"), [
    (-1, 3, "outside"), (0, 12, "outside"), (5, 5, "empty"), (6, 2, "empty"),
])
def test_validate_refuses_bad_ranges(start: int, end: int, message: str) -> None:
    with pytest.raises(SpanError, match=message):
        validate_span("hello world", start, end)


def test_validate_refuses_text_mismatch_and_says_both_texts() -> None:
    with pytest.raises(SpanError, match=r"'World'.*'world'"):
        validate_span("hello world", 6, 11, "World")


def test_validate_refuses_utf16_offsets_of_an_emoji_text() -> None:
    text = "a😀 bc"
    validate_span(text, 3, 5, "bc")
    with pytest.raises(SpanError):
        validate_span(text, 4, 6, "bc")  # Qt's UTF-16 offsets stored by mistake


def test_validate_refuses_non_integers() -> None:
    with pytest.raises(SpanError, match="integers"):
        validate_span("hello", 0.0, 2)  # type: ignore[arg-type]


# -- snap: examples -------------------------------------------------------------------------

def test_trims_whitespace_and_punctuation() -> None:
    text = "He said: “Death to the dictator!” and left."
    start = text.index(":")
    end = text.index("and")
    assert snapped(text, start, end) == "Death to the dictator"


def test_widens_a_boundary_inside_a_word() -> None:
    text = "Protests spread from the bazaar"
    assert snapped(text, 11, 22) == "spread from the"
    assert snapped(text, 2, 4) == "Protests"


def test_no_widening_when_asked_not_to() -> None:
    text = "Protests spread"
    assert snap(text, 2, 5, widen_to_words=False) == (2, 5)


@pytest.mark.parametrize("selection", [" ", " — ", "!?", "“”", "\n\n", ".,;"])
def test_punctuation_only_selection_is_none(selection: str) -> None:
    text = f"word{selection}word"
    assert snap(text, 4, 4 + len(selection)) is None


def test_a_caret_inside_a_word_means_that_word() -> None:
    # The window tags the word under the caret when nothing is selected.
    text = "Путин наблюдает  за"
    assert snapped(text, 8, 8) == "наблюдает"
    assert snap(text, 16, 16) is None  # between two spaces


def test_reversed_and_out_of_range_selections_are_clamped() -> None:
    text = "hello world"
    assert snapped(text, 11, 6) == "world"
    assert snapped(text, 6, 99) == "world"
    assert snapped(text, -5, 3) == "hello"


def test_never_splits_a_flag() -> None:
    text = "Iran 🇮🇷 protests"
    flag = text.index("🇮🇷")
    # Selecting only the second regional indicator yields the whole flag.
    assert snapped(text, flag + 1, flag + 2) == "🇮🇷"
    # A selection ending between the two indicators includes the whole flag.
    assert snapped(text, 0, flag + 1) == "Iran 🇮🇷"


def test_never_splits_a_zwj_family() -> None:
    text = "Family: 👨‍👩‍👧 here"
    fam = text.index("👨")
    for cut in range(fam + 1, fam + 5):
        assert snapped(text, fam, cut) == "👨‍👩‍👧"
        assert snapped(text, cut, fam + 5) == "👨‍👩‍👧"


def test_keeps_combining_mark_with_its_base() -> None:
    text = "un cafe\u0301 noir"
    e = text.index("e\u0301")
    assert snapped(text, 3, e + 1) == "cafe\u0301"
    assert snapped(text, e + 1, e + 2) == "cafe\u0301"


def test_persian_zwnj_is_never_trimmed_or_split() -> None:
    text = "مردم می‌خواهند صدای خود"
    word = "می‌خواهند"
    w = text.index(word)
    zwnj = text.index(ZWNJ)
    # Exactly the word: unchanged, ZWNJ kept inside.
    assert snapped(text, w, w + len(word)) == word
    # Ending right before or after the ZWNJ widens to the whole word, never cuts at it.
    assert snapped(text, w, zwnj) == word
    assert snapped(text, zwnj, zwnj + 1) == word
    assert snapped(text, zwnj + 1, w + len(word)) == word


def test_zwnj_at_the_edge_of_a_selection_is_kept() -> None:
    # "نامه‌ها" selected up to and including the ZWNJ: the word is widened, never cut there.
    text = "این نامه‌ها رسید"
    zwnj = text.index(ZWNJ)
    assert snapped(text, 4, zwnj + 1) == "نامه‌ها"
    # A selection of just the ZWNJ and spaces is still a word, not punctuation.
    assert snapped(text, zwnj, zwnj + 1) == "نامه‌ها"


def test_russian_words() -> None:
    text = "Путин внимательно следит"
    assert snapped(text, 7, 10) == "внимательно"


def test_crlf_is_one_cluster() -> None:
    text = "one\r\ntwo"
    assert snap(text, 4, 8) == (5, 8)  # a start inside CRLF moves off it
    assert GraphemeIndex(text).bounds == [0, 1, 2, 3, 5, 6, 7, 8]


def test_overlap() -> None:
    assert overlap(0, 5, 3, 8) == 2
    assert overlap(0, 3, 3, 8) == 0
    assert overlap(2, 4, 0, 10) == 2


# -- snap: properties -----------------------------------------------------------------------

_PIECES = ["a", "b", "й", "س", "ی", ZWNJ, "\u200d", "\u0301", "\u064e", "😀", "👨", "👩",
           "🇮", "🇷", "🏽", " ", " ", ".", ",", "—", "“", "”", "!", "\n", "\r\n", "1"]
texts = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40).map("".join)


def _trimmable(cluster: str) -> bool:
    return all(ch.isspace() or unicodedata.category(ch).startswith("P") for ch in cluster)


def _check_never_splits(text: str, start: int, end: int) -> None:
    result = snap(text, start, end)
    if result is None:
        return
    s, e = result
    bounds = cluster_bounds(text)
    assert 0 <= s < e <= len(text)
    assert s in bounds and e in bounds, (text, start, end, result)


@settings(max_examples=600)
@given(texts, st.data())
def test_snap_never_splits_a_grapheme_cluster(text: str, data: st.DataObject) -> None:
    _check_never_splits(text, data.draw(st.integers(0, len(text))),
                        data.draw(st.integers(0, len(text))))


@pytest.mark.parametrize(("text", "start", "end"), [
    ("👨\u200dab", 2, 3),      # widening left across emoji + ZWJ (one cluster)
    ("ab😀\u0301cd", 5, 6),    # emoji carrying a combining mark
    ("x \u0301y", 3, 4),        # a combining mark on a space
    ("🇮🇷🇷", 3, 5),            # a lone regional indicator after a flag
])
def test_snap_never_splits_known_tricky_clusters(text: str, start: int, end: int) -> None:
    _check_never_splits(text, start, end)


@given(texts, st.data())
def test_snap_result_has_no_trimmable_edges(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(0, len(text)))
    result = snap(text, start, end)
    if result is None:
        # Nothing but whitespace/punctuation (or nothing at all) was in the selection.
        lo, hi = sorted((start, end))
        g = GraphemeIndex(text)
        inner = text[g.floor(lo):g.ceil(hi)]
        assert all(_trimmable(c.group()) for c in regex.finditer(r"\X", inner)), inner
        return
    s, e = result
    clusters = [m.group() for m in regex.finditer(r"\X", text[s:e])]
    assert not _trimmable(clusters[0]) and not _trimmable(clusters[-1])


def _wordish(ch: str) -> bool:
    return ch in (ZWNJ, "\u200d") or unicodedata.category(ch)[0] in "LMN"


@given(texts, st.data())
def test_snap_never_cuts_a_word_nor_at_a_zwnj(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(0, len(text)))
    result = snap(text, start, end)
    if result is None:
        return
    for edge in result:
        if 0 < edge < len(text):
            assert not (_wordish(text[edge - 1]) and _wordish(text[edge])), (text, result)
    s, e = result
    assert text[s] != ZWNJ or s == 0 or not _wordish(text[s - 1])
    assert e == len(text) or text[e] != ZWNJ


@given(texts, st.data())
def test_snap_covers_the_selected_word_characters(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    result = snap(text, start, end)
    letters = [i for i in range(start, end) if unicodedata.category(text[i])[0] in "LN"]
    if not letters:
        return
    assert result is not None
    s, e = result
    assert s <= letters[0] and letters[-1] < e
