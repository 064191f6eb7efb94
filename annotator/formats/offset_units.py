"""Offsets counted in another tool's unit, to and from code points (PRODUCT §3).

Annotator stores code points (Python ``str`` indices). Formats that carry their own
offsets are read and written exactly as they count them:

* ``codepoint``: Python tools (spaCy, Prodigy, pandas) and our native JSONL;
* ``utf16``: UTF-16 code units, JavaScript string indices: doccano's web app in a
  default sequence-labelling project;
* ``grapheme``: grapheme clusters: doccano with "Count grapheme clusters as one
  character" ticked (doccano issue #2290).

The one code point <-> UTF-16 converter is ``core.offsets.OffsetMap``; grapheme
boundaries come from ``core.spans.GraphemeIndex``. Both are built once per text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

from annotator.core.errors import InputError, SpanError
from annotator.core.offsets import OffsetMap
from annotator.core.spans import GraphemeIndex

OFFSET_UNITS = ("codepoint", "utf16", "grapheme")

# (start, end) in one unit -> (start, end) in another, for one text.
Convert = Callable[[int, int], tuple[int, int]]


def check_unit(unit: str) -> str:
    if unit not in OFFSET_UNITS:
        raise InputError(f"unknown offset unit {unit!r} (known: {', '.join(OFFSET_UNITS)})")
    return unit


def to_unit(text: str, unit: str) -> Convert:
    """(start, end) in code points -> (start, end) in ``unit``. A boundary inside a
    grapheme cluster widens to the whole cluster in ``grapheme``."""
    if unit == "utf16":
        offsets = OffsetMap(text)
        return lambda start, end: (offsets.to_utf16(start), offsets.to_utf16(end))
    if unit == "grapheme":
        bounds = GraphemeIndex(text).bounds
        return lambda start, end: (bisect_right(bounds, start) - 1, bisect_left(bounds, end))
    return lambda start, end: (start, end)


def from_unit(text: str, unit: str) -> Convert:
    """(start, end) in ``unit`` -> (start, end) in code points.

    Raises ``SpanError`` for an offset outside the text or, in ``utf16``, between the two
    halves of a surrogate pair: no code point position corresponds to it, and rounding
    would move the span silently. Code points pass unchanged (``validate_span`` checks
    them with the rest of the span).
    """
    if unit == "utf16":
        return _from_utf16(text)
    if unit == "grapheme":
        return _from_grapheme(text)
    return lambda start, end: (start, end)


def _from_utf16(text: str) -> Convert:
    offsets = OffsetMap(text)

    def one(u16: int) -> int:
        cp = offsets.to_codepoint(u16)  # SpanError outside the text
        if offsets.to_utf16(cp) != u16:
            raise SpanError(f"UTF-16 offset {u16} falls inside the surrogate pair of "
                            f"{text[cp]!r} (U+{ord(text[cp]):04X})")
        return cp

    return lambda start, end: (one(start), one(end))


def _from_grapheme(text: str) -> Convert:
    bounds = GraphemeIndex(text).bounds
    count = len(bounds) - 1

    def one(g: int) -> int:
        if not 0 <= g <= count:
            raise SpanError(f"grapheme offset {g} outside text of {count} grapheme clusters")
        return bounds[g]

    return lambda start, end: (one(start), one(end))
