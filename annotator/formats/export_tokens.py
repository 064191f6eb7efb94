"""Tokens and sentences, for the exports that need them (CoNLL, actor–narrative networks).

Tokens (code-point offsets): the agreement report's words (``core.agreement.units``:
letters, digits and ``_`` continued by combining marks and ZWNJ/ZWJ, so a Persian word
with a ZWNJ is one token), plus every other visible grapheme cluster as a token of its
own (punctuation, symbols, an emoji, a flag, a ZWJ family). Whitespace is never part of
a token (so a whitespace-splitting reader sees the same tokens), and clusters of only
invisible format/control characters (U+200F, U+FEFF…) are no tokens.

Sentences: a line break ends one; so does a run of ``. ! ? … ؟ 。 ！ ？`` (closing quotes
or brackets may follow) before whitespace. A plain rule, not a model: "Mr. Putin"
is split after "Mr.".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import regex

from annotator.core.agreement.units import tokenize
from annotator.formats.export_common import LINE_BREAK

_VISIBLE = re.compile(r"\S+")
_GRAPHEME = regex.compile(r"\X")
_SENTENCE_END = re.compile(
    "[.!?\u2026\u061f\u3002\uff01\uff1f]+[\"'\u201d\u2019\u00bb)\\]]*(?=\\s)")
_LINE = re.compile(f"(?:(?!{LINE_BREAK.pattern}).)+", re.S)

TOKENISATION = ("tokens: words (letters, digits, '_' with their combining marks and "
                "ZWNJ/ZWJ) and every other visible grapheme cluster; sentences end at a "
                "line break or at . ! ? … ؟ 。 before whitespace")


def tokens(text: str) -> list[tuple[int, int]]:
    """The tokens of ``text`` as (start, end) code-point pairs, in order."""
    out: list[tuple[int, int]] = []
    pos = 0
    for start, end in tokenize(text):
        out.extend(_others(text, pos, start))
        out.append((start, end))
        pos = end
    out.extend(_others(text, pos, len(text)))
    return out


def _others(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    if start >= end:
        return
    for chunk in _VISIBLE.finditer(text, start, end):
        for cluster in _GRAPHEME.finditer(text, chunk.start(), chunk.end()):
            if not all(_invisible(ch) for ch in cluster.group()):
                yield cluster.span()


@lru_cache(maxsize=4096)
def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cf", "Cc")


def sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as (start, end) code-point pairs without surrounding
    whitespace, in order; they never overlap."""
    out: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start = line.start()
        for end in _SENTENCE_END.finditer(text, line.start(), line.end()):
            _add(out, text, start, end.end())
            start = end.end()
        _add(out, text, start, line.end())
    return out


def _add(out: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        out.append((start + lead, start + lead + len(stripped)))
