"""A JSONL record's offsets, read in the unit its file counts them in (PRODUCT §3).

``to_codepoints`` converts a parsed record's spans to code points. ``suspect_unit`` is
the safety net for the default: doccano's ``[[start, end, "L"]]`` triples carry no text
to check against, so a file from doccano's app (UTF-16 code units) read as code points
would import silently shifted after the first emoji. It looks only at records that can
be wrong that way (an astral character in the text, no span text) and only compares
readings; it never picks a unit itself.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from annotator.core.errors import InputError, SpanError
from annotator.core.spans import GraphemeIndex
from annotator.formats.jsonl_records import InDoc, InSpan
from annotator.formats.offset_units import from_unit

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
# Other readings tried against code points, first preferred on a tie.
_ALTERNATIVES = ("utf16", "grapheme")
UNIT_NAMES = {"codepoint": "code points", "utf16": "UTF-16 code units",
              "grapheme": "grapheme clusters"}
_WHO_COUNTS = {"utf16": "as doccano's app counts", "grapheme": "as doccano's grapheme mode counts"}


def span_name(span: InSpan, number: int) -> str:
    return f"span {span.uuid}" if span.uuid else f"span #{number}"


def to_codepoints(doc: InDoc, unit: str) -> InDoc:
    """``doc`` with its spans' offsets converted from ``unit`` to code points; an offset
    that is outside the text or splits a surrogate pair raises ``InputError``."""
    if unit == "codepoint" or not doc.spans:
        return doc
    convert = from_unit(doc.text, unit)
    spans = []
    for number, span in enumerate(doc.spans, start=1):
        try:
            start, end = convert(span.start, span.end)
        except SpanError as exc:
            raise InputError(f"{span_name(span, number)} [{span.start}, {span.end}) in "
                             f"{UNIT_NAMES[unit]}: {exc}") from None
        spans.append(replace(span, start=start, end=end))
    return replace(doc, spans=spans)


def suspect_unit(doc: InDoc) -> str | None:
    """A unit under which this record's spans sit clearly better than as code points,
    or None. Only for records whose spans carry no text and whose text has an astral
    character (emoji, flags): elsewhere every unit counts alike or the text checks."""
    text = doc.text
    if (not doc.spans or any(s.text is not None for s in doc.spans) or text.isascii()
            or _ASTRAL.search(text) is None):
        return None
    odd = _Oddness(text)
    best, fewest = None, odd.count([(s.start, s.end) for s in doc.spans])
    if fewest == 0:
        return None
    for unit in _ALTERNATIVES:
        convert = from_unit(text, unit)
        try:
            ranges = [convert(s.start, s.end) for s in doc.spans]
        except SpanError:
            continue
        found = odd.count(ranges)
        if found < fewest:
            best, fewest = unit, found
    return best


class _Oddness:
    """Counts span boundaries that land where no annotator puts one: inside a grapheme
    cluster (half a flag, an emoji without its modifier) or between two letters or
    digits of a word.

    Clusters are found around each boundary only, between the whitespace before and
    after it (no cluster goes on into whitespace, so text breaks there): a
    ``GraphemeIndex`` of every article made the default import 1.6 times slower.
    """

    _REACH = 64  # no whitespace that near: index the whole text, once

    def __init__(self, text: str) -> None:
        self.text = text
        self.whole: set[int] | None = None

    def count(self, ranges: list[tuple[int, int]]) -> float:
        """Infinite when a span cannot be (outside the text, empty)."""
        length = len(self.text)
        odd = 0
        for start, end in ranges:
            if not 0 <= start < end <= length:
                return math.inf
            odd += self._odd(start) + self._odd(end)
        return odd

    def _odd(self, pos: int) -> bool:
        text = self.text
        if pos in (0, len(text)):
            return False
        before, after = text[pos - 1], text[pos]
        if before.isalnum() and after.isalnum():
            return True
        if after.isascii() and before != "\r":
            return False  # marks, joiners, modifiers, regional indicators: none is ASCII
        return not self._is_boundary(pos)

    def _is_boundary(self, pos: int) -> bool:
        text = self.text
        lo, hi = pos - 1, pos + 1
        floor, ceiling = max(0, pos - self._REACH), min(len(text), pos + self._REACH)
        while lo > floor and not self._breaks_before(lo):
            lo -= 1
        while hi < ceiling and not self._breaks_before(hi):
            hi += 1
        if not (self._breaks_before(lo) and self._breaks_before(hi)):
            if self.whole is None:
                self.whole = set(GraphemeIndex(text).bounds)
            return pos in self.whole
        return pos - lo in GraphemeIndex(text[lo:hi]).bounds

    def _breaks_before(self, pos: int) -> bool:
        """Surely a cluster boundary: the text's ends, or whitespace (but LF after CR)."""
        text = self.text
        if pos in (0, len(text)):
            return True
        return text[pos].isspace() and not (text[pos] == "\n" and text[pos - 1] == "\r")


def suspect_note(path: str, unit: str, lines: list[int]) -> str:
    """The import summary's warning for the records that ``suspect_unit`` flagged."""
    more = f" (and {len(lines) - 1} more records)" if len(lines) > 1 else ""
    return (f"{path}:{lines[0]}{more}: spans probably shifted: as code points their "
            f"offsets cut into words or characters, as {UNIT_NAMES[unit]} "
            f"({_WHO_COUNTS[unit]}) they do not. They were imported as code points; "
            f"import the file with --offset-unit {unit} instead (into a project without "
            f"these spans)")


def suspect_hint(unit: str | None) -> str:
    """Added to an offset error of a record ``suspect_unit`` flagged."""
    if unit is None:
        return ""
    return f" (read as {UNIT_NAMES[unit]} the spans fit: try --offset-unit {unit})"
