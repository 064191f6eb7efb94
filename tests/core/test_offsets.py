"""OffsetMap: code points (storage) <-> UTF-16 units (Qt), PRODUCT §3."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.errors import SpanError
from annotator.core.offsets import OffsetMap


def u16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# (text, a code point position, its UTF-16 position) read off by hand.
CASES = [
    pytest.param("plain ascii", 6, 6, id="ascii"),
    pytest.param("Путин наблюдает", 6, 6, id="russian-bmp"),
    pytest.param("اعتراض‌ها در تهران", 7, 7, id="persian-zwnj"),
    pytest.param("e\u0301 combining", 2, 2, id="combining-mark"),
    pytest.param("a😀b", 2, 3, id="emoji"),
    pytest.param("Iran 🇮🇷 protests", 7, 9, id="flag-two-regional-indicators"),
    pytest.param("👨‍👩‍👧 family", 5, 8, id="zwj-family"),
    pytest.param("Iran 🇮🇷 protests — “death to the dictator” café", 20, 22, id="architecture-doc"),
]


@pytest.mark.parametrize(("text", "cp", "u16"), CASES)
def test_known_positions(text: str, cp: int, u16: int) -> None:
    m = OffsetMap(text)
    assert m.to_utf16(cp) == u16
    assert m.to_codepoint(u16) == cp
    assert u16 == u16_len(text[:cp])


def test_architecture_doc_span_is_qts_22_43() -> None:
    text = "Iran 🇮🇷 protests — “death to the dictator” café"
    m = OffsetMap(text)
    assert text[20:41] == "death to the dictator"
    assert (m.to_utf16(20), m.to_utf16(41)) == (22, 43)


@pytest.mark.parametrize("text", ["", "abc", "a😀b🇮🇷c", "👨‍👩‍👧", "Путин"])
def test_lengths(text: str) -> None:
    m = OffsetMap(text)
    assert m.length_cp == len(text)
    assert m.length_u16 == u16_len(text)
    assert m.to_utf16(len(text)) == u16_len(text)
    assert m.to_codepoint(u16_len(text)) == len(text)


def test_ascii_fast_path_is_identity() -> None:
    text = "x" * 1000
    m = OffsetMap(text)
    assert all(m.to_utf16(i) == i and m.to_codepoint(i) == i for i in range(0, 1001, 7))


def test_position_inside_surrogate_pair_rounds_down_to_the_character() -> None:
    text = "a😀b"  # UTF-16: a, hi, lo, b
    m = OffsetMap(text)
    assert m.to_codepoint(2) == 1  # between the surrogates -> start of the emoji
    assert m.to_codepoint(3) == 2
    flags = "🇮🇷"  # two astral code points, four UTF-16 units
    m = OffsetMap(flags)
    assert [m.to_codepoint(u) for u in range(5)] == [0, 0, 1, 1, 2]


@pytest.mark.parametrize("text", ["", "abc", "a😀b"])
def test_out_of_range_is_a_span_error(text: str) -> None:
    m = OffsetMap(text)
    for bad in (-1, len(text) + 1):
        with pytest.raises(SpanError, match="outside"):
            m.to_utf16(bad)
    for bad in (-1, u16_len(text) + 1):
        with pytest.raises(SpanError, match="outside"):
            m.to_codepoint(bad)


# Texts dense in astral characters, ZWJ, ZWNJ, combining marks and plain letters.
_ALPHABET = st.sampled_from(
    ["a", "Z", " ", "\n", "й", "ی", "\u200c", "\u200d", "\u0301", "😀", "👀", "🇮", "🇷",
     "👨", "𝔸", "—", "“"])
tricky_text = st.lists(_ALPHABET, max_size=60).map("".join)
any_text = st.one_of(tricky_text, st.text(max_size=80))


@given(any_text, st.data())
def test_roundtrip_property(text: str, data: st.DataObject) -> None:
    m = OffsetMap(text)
    i = data.draw(st.integers(0, len(text)))
    assert m.to_utf16(i) == u16_len(text[:i])
    assert m.to_codepoint(m.to_utf16(i)) == i


@given(any_text)
def test_every_utf16_position_maps_to_the_character_containing_it(text: str) -> None:
    m = OffsetMap(text)
    for u in range(m.length_u16 + 1):
        cp = m.to_codepoint(u)
        # cp is the largest code point position whose UTF-16 start is <= u.
        assert m.to_utf16(cp) <= u
        assert cp == len(text) or m.to_utf16(cp + 1) > u
