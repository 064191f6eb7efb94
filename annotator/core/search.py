"""Corpus search (issue 11): one folding for the index and the query, and exact hits in
the stored text with code-point offsets.

The index (SQLite FTS5, trigram tokenizer, in ``store``) holds each document's
``fold(text)``; it only says which documents can hold a hit. The hits themselves are
found in the original text by ``phrase_pattern``, a regular expression that matches what
folds to the query, so offsets are code points of the stored text and
``text[start:end] == match`` always (PRODUCT §3).

Folding, stated once:

- case: lower case (Unicode simple case mapping, any script);
- ignorable inside words: ZWNJ and ZWJ, the other zero-width and bidi marks, the
  Arabic tatweel, and every combining mark (Arabic harakat, Latin accents written as
  separate marks): "می‌خواهم" and "میخواهم" are one word;
- variants: Arabic yeh and alef maksura (ي ى) are Persian yeh (ی), Arabic kaf (ك) is
  Persian kaf (ک), and heh with hamza / teh marbuta are left as they are;
- Latin letters with a diacritic are their base letter (é is e, ł is l); Cyrillic ё is е,
  while й stays й (a letter of its own);
- every run of white space is one space.

Emoji and flags are literals: nothing in them is folded away but the ZWJ, so a ZWJ
family matches the same family.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

IGNORABLE = "\u200b\u200c\u200d\u200e\u200f\u2060\u061c\u0640\ufeff"
_IGNORABLES = r"\u200b-\u200f\u2060\u061c\u0640\ufeff\p{Mn}"
_IGNORABLE_CLASS = f"[{_IGNORABLES}]"
# White space as fold sees it: a run of spaces with ignorables (a stray combining mark
# after a space, a ZWNJ) among them is one space.
_SPACE_RUN = f"\\s[\\s{_IGNORABLES}]*"
_VARIANTS = {"ي": "ی", "ى": "ی", "ك": "ک", "ё": "е", "Ё": "е", "ł": "l", "Ł": "l",
             "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ħ": "h"}
# Latin letters with diacritics live here (Latin-1 Supplement to Latin Extended-B, and
# Latin Extended Additional); only these are reduced to their base letter.
_LATIN_RANGES = ((0x00C0, 0x0250), (0x1E00, 0x1F00))
_MARKS = regex.compile(r"\p{Mn}+")
MIN_INDEXED = 3  # a trigram index finds queries of at least three folded characters
CONTEXT = 40  # code points of context either side of a hit (KWIC)


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """``str.translate`` table: code point → its folded form ('' when ignorable)."""
    table: dict[int, str] = {ord(c): "" for c in IGNORABLE}
    for low, high in _LATIN_RANGES:
        for code in range(low, high):
            base = unicodedata.normalize("NFD", chr(code))[0]
            if base != chr(code) and base.isascii():
                table[code] = base.lower()
    for char, folded in _VARIANTS.items():
        table[ord(char)] = folded
    return table


def fold(text: str) -> str:
    """``text`` folded (see the module's rules), white space included."""
    return " ".join(index_form(text).split())


def index_form(text: str) -> str:
    """``fold`` but for white space, which stays as it was: what the index holds (its
    trigrams across white space are never asked for, see ``fts_query``)."""
    folded = text.lower()
    if not folded.isascii():
        # str.translate would look up every character (8 times slower on an article):
        # the ignorables go with str.replace, a regular expression finds the rest.
        for char in IGNORABLE:
            if char in folded:
                folded = folded.replace(char, "")
        table = _table()
        if _foldable().search(folded):
            folded = _foldable().sub(lambda m: table.get(ord(m.group()), m.group()), folded)
        folded = _MARKS.sub("", folded)
    return folded


@lru_cache(maxsize=1)
def _foldable() -> re.Pattern[str]:
    """The characters ``_table`` may change, as ranges (one long list of single
    characters would be tested one by one)."""
    singles = "".join(regex.escape(c) for c in _VARIANTS)
    ranges = "".join(f"\\u{low:04x}-\\u{high - 1:04x}" for low, high in _LATIN_RANGES)
    return re.compile(f"[{ranges}{singles}]")


@lru_cache(maxsize=1)
def _inverse() -> dict[str, str]:
    """Folded character → every character that folds to it (beyond case)."""
    found: dict[str, set[str]] = {}
    for code, folded in _table().items():
        if folded:
            found.setdefault(folded, set()).add(chr(code))
    return {k: "".join(sorted(v)) for k, v in found.items()}


def phrase_pattern(query: str) -> regex.Pattern[str] | None:
    """A pattern matching, in original text, every stretch whose fold is ``fold(query)``;
    None for a query that folds to nothing."""
    folded = fold(query)
    if not folded:
        return None
    inverse = _inverse()
    parts = []
    for char in folded:
        if char == " ":
            parts.append(_SPACE_RUN)
            continue
        variants = char + inverse.get(char, "")
        parts.append(regex.escape(char) if len(variants) == 1 else
                     "[" + "".join(regex.escape(v) for v in variants) + "]")
    body = f"{_IGNORABLE_CLASS}*".join(parts)
    # A combining mark after the last letter belongs to it (a grapheme is never cut).
    return regex.compile(body + r"\p{Mn}*", regex.IGNORECASE | regex.V1)


def user_pattern(expression: str, *, ignore_case: bool = True) -> regex.Pattern[str]:
    """A regular expression as typed (``regex`` module syntax); ``ValueError`` names the
    problem when it does not compile."""
    try:
        return regex.compile(expression, (regex.IGNORECASE if ignore_case else 0) | regex.V1)
    except regex.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None


def fts_query(query: str) -> str | None:
    """The FTS5 MATCH expression for a phrase query: every trigram of the folded query
    that holds no white space (the index keeps no positions, and white space is kept as
    written, so a document with them all may hold a hit; the texts decide). None when
    there is no such trigram: the query is too short for the index."""
    folded = fold(query)
    grams = dict.fromkeys(g for g in (folded[i:i + 3] for i in range(len(folded) - 2))
                          if " " not in g)
    if not grams:
        return None
    return " ".join('"' + gram.replace('"', '""') + '"' for gram in grams)


@dataclass(frozen=True)
class Hit:
    """One match: code-point offsets into the document's text."""

    doc_id: int
    start: int
    end: int
    match: str
    left: str
    right: str


def hits_in(doc_id: int, text: str, pattern: regex.Pattern[str],
            context: int = CONTEXT) -> Iterator[Hit]:
    """Every non-empty match of ``pattern`` in ``text``, with its context on one line."""
    for found in pattern.finditer(text):
        start, end = found.span()
        if end <= start:
            continue
        left = text[max(0, start - context):start].rsplit("\n", 1)[-1]
        right = text[end:end + context].split("\n", 1)[0]
        yield Hit(doc_id, start, end, text[start:end], left, right)


def search_texts(texts: Iterable[tuple[int, str]], pattern: regex.Pattern[str],
                 context: int = CONTEXT) -> Iterator[Hit]:
    for doc_id, text in texts:
        yield from hits_in(doc_id, text, pattern, context)


@dataclass(frozen=True)
class Covering:
    """A span that covers a hit: its label and annotator, by name."""

    span_id: int
    label: str
    annotator: str


def covering(hit: Hit, spans: Sequence[tuple[int, int, int, str, str]]) -> list[Covering]:
    """The spans (id, start, end, label, annotator) of the hit's document that cover it."""
    return [Covering(span_id, label, who) for span_id, start, end, label, who in spans
            if start <= hit.start and end >= hit.end]
