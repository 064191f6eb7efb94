"""Span maths: validation, grapheme-safe snapping, overlap.

Snapping turns a raw selection into a span a researcher meant: it never splits a
grapheme cluster (flags, ZWJ emoji, combining marks), trims ordinary whitespace and
punctuation at the edges, and widens a boundary that falls inside a word to the edge
of that word. ZWNJ (U+200C) is part of a Persian word, never trimmed.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right

import regex

from annotator.core.errors import SpanError

_GRAPHEME = regex.compile(r"\X")
ZWNJ = "\u200c"
ZWJ = "\u200d"


def validate_span(text: str, start: int, end: int, span_text: str | None = None) -> None:
    """Raise ``SpanError`` unless ``[start, end)`` is a non-empty range of ``text``
    (and, when given, ``span_text == text[start:end]``)."""
    validate_slice(len(text), start, end, text[start:end] if span_text is not None else None,
                   span_text)


def validate_slice(length: int, start: int, end: int, actual: str | None,
                   span_text: str | None = None) -> None:
    """``validate_span`` when only the text's length and ``text[start:end]`` are at hand
    (the store can give both without loading a long article)."""
    if not isinstance(start, int) or not isinstance(end, int):
        raise SpanError(f"offsets must be integers, got {start!r}, {end!r}")
    if start < 0 or end > length:
        raise SpanError(f"span [{start}, {end}) is outside the text (length {length})")
    if start >= end:
        raise SpanError(f"span [{start}, {end}) is empty or reversed")
    if span_text is not None and actual != span_text:
        raise SpanError(
            f"span [{start}, {end}) text {span_text!r} does not match the document "
            f"({actual!r})"
        )


class GraphemeIndex:
    """Grapheme cluster boundaries of one text, computed once."""

    __slots__ = ("bounds",)

    def __init__(self, text: str) -> None:
        bounds = [0]
        if text.isascii() and "\r" not in text:
            bounds = list(range(len(text) + 1))
        else:
            bounds.extend(m.end() for m in _GRAPHEME.finditer(text))
        self.bounds: list[int] = bounds

    def floor(self, pos: int) -> int:
        """Largest boundary <= pos."""
        return self.bounds[bisect_right(self.bounds, pos) - 1]

    def ceil(self, pos: int) -> int:
        """Smallest boundary >= pos."""
        i = bisect_left(self.bounds, pos)
        return self.bounds[min(i, len(self.bounds) - 1)]

    def next(self, pos: int) -> int:
        """The boundary after ``pos`` (``pos`` must be a boundary)."""
        i = bisect_right(self.bounds, pos)
        return self.bounds[min(i, len(self.bounds) - 1)]

    def prev(self, pos: int) -> int:
        i = bisect_left(self.bounds, pos)
        return self.bounds[max(i - 1, 0)]


def _is_trimmable(cluster: str) -> bool:
    """Whitespace or punctuation, and nothing that belongs to a word."""
    for ch in cluster:
        if ch in (ZWNJ, ZWJ):
            return False
        cat = unicodedata.category(ch)
        if not (ch.isspace() or cat.startswith("P") or cat in ("Zs", "Cc")):
            return False
    return True


def _is_word_char(ch: str) -> bool:
    if ch in (ZWNJ, ZWJ):
        return True
    cat = unicodedata.category(ch)
    return cat[0] in ("L", "N", "M")


def snap(
    text: str,
    start: int,
    end: int,
    *,
    graphemes: GraphemeIndex | None = None,
    widen_to_words: bool = True,
) -> tuple[int, int] | None:
    """Snap a raw selection ``[start, end)`` (code points) to what a span should cover.

    Returns ``None`` when nothing but whitespace/punctuation was selected.
    """
    if start > end:
        start, end = end, start
    start = max(0, min(start, len(text)))
    end = max(0, min(end, len(text)))
    g = graphemes or GraphemeIndex(text)
    start, end = g.floor(start), g.ceil(end)
    if widen_to_words:
        while 0 < start < len(text) and _is_word_char(text[start - 1]) and _is_word_char(
            text[start]
        ):
            start = g.prev(start)
        while 0 < end < len(text) and _is_word_char(text[end - 1]) and _is_word_char(text[end]):
            end = g.next(end)
    while start < end:
        nxt = g.next(start)
        if not _is_trimmable(text[start:nxt]):
            break
        start = nxt
    while end > start:
        prv = g.prev(end)
        if not _is_trimmable(text[prv:end]):
            break
        end = prv
    if start >= end:
        return None
    return start, end


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraphs around [start, end): snapping never crosses a line break, so
    snapping inside them gives the same result as over the whole text, at the cost
    of a few hundred characters instead of the whole article."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, len(text) if hi < 0 else hi + 1


def snap_in_text(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``snap`` over a whole article, reading only the paragraphs around the selection."""
    lo, hi = paragraph_bounds(text, min(start, end), max(start, end))
    piece = text[lo:hi]
    result = snap(piece, start - lo, end - lo, graphemes=GraphemeIndex(piece))
    if result is None:
        return None
    return result[0] + lo, result[1] + lo


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Number of code points shared by two half-open ranges."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))
