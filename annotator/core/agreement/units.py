"""Token units: the tokenisation and the per-label present/absent value of each token.

Tokenisation (stated in every token figure): a token is a run of letters, digits and
connector punctuation (Unicode categories L*, N*, Pc) that may continue with combining
marks (M*) and the joiners ZWNJ/ZWJ (so a Persian word with a ZWNJ, or "e" plus a
combining accent, stays one token). Punctuation, symbols, emoji and whitespace are not
tokens. As a regular expression over code points:
``[\\p{L}\\p{N}\\p{Pc}][\\p{L}\\p{N}\\p{Pc}\\p{M}\\u200c\\u200d]*``; it is computed with numpy,
so a corpus of millions of tokens takes milliseconds.

Values: for every label in scope, every token is one unit. An annotator's value is
*present* when one of their spans with that label shares at least one code point with
the token, *absent* when they coded the document and no such span does, *missing* when
they did not code the document. Per-label binary units mean overlapping spans (two
labels on one token, nested spans) need no tie-break.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from annotator.core.agreement.patterns import Pattern

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

TOKENISATION = (
    "tokens = runs of letters, digits and '_' (Unicode L*, N*, Pc) continued by combining "
    "marks and ZWNJ/ZWJ; punctuation, emoji and spaces are not tokens; code-point offsets")

_OTHER, _START, _CONTINUE = 0, 1, 2
_JOINERS = {0x200C, 0x200D}


def _char_class(cp: int) -> int:
    if cp in _JOINERS:
        return _CONTINUE
    if 0xD800 <= cp <= 0xDFFF:  # a lone surrogate is no character at all
        return _OTHER
    cat = unicodedata.category(chr(cp))
    if cat[0] in "LN" or cat == "Pc":
        return _START
    return _CONTINUE if cat[0] == "M" else _OTHER


@lru_cache(maxsize=1)
def _bmp_classes() -> npt.NDArray[np.int8]:
    return np.array([_char_class(cp) for cp in range(0x10000)], dtype=np.int8)


def _classes(codepoints: npt.NDArray[np.uint32]) -> npt.NDArray[np.int8]:
    # mode="clip" sends astral code points to U+FFFF (not a word character); the few
    # real astral ones are classified one by one below.
    classes = np.take(_bmp_classes(), codepoints, mode="clip")
    astral = np.flatnonzero(codepoints > 0xFFFF)
    if astral.size:
        unique, inverse = np.unique(codepoints[astral], return_inverse=True)
        table = np.array([_char_class(int(cp)) for cp in unique], dtype=np.int8)
        classes[astral] = table[inverse]
    return classes


def _codepoints(text: str) -> npt.NDArray[np.uint32]:
    try:
        data = text.encode("utf-32-le")
    except UnicodeEncodeError:  # lone surrogates: rare, and slower to encode
        data = text.encode("utf-32-le", "surrogatepass")
    return np.frombuffer(data, dtype=np.uint32)


def token_bounds(text: str) -> tuple[IntArray, IntArray]:
    """(starts, ends) of the tokens of ``text``, in code points."""
    # Large temporary arrays are costly (page faults), so this stays on 1-byte arrays
    # until it reaches the (much shorter) list of runs.
    classes = _classes(_codepoints(text))
    word = classes != _OTHER
    if not word.size:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy()
    change = np.flatnonzero(word[1:] != word[:-1]) + 1
    bounds = np.concatenate(([0], change, [word.size])).astype(np.int64)
    runs = bounds[:-1][word[bounds[:-1]]], bounds[1:][word[bounds[:-1]]]
    starts, ends = runs[0].copy(), runs[1]
    # A token starts at the first letter/digit of a run of word characters: leading
    # marks or joiners cannot start one, and a run of only those is no token.
    late = np.flatnonzero(classes[starts] != _START)
    ok = np.ones(starts.size, dtype=bool)
    for r in late.tolist():
        heads = np.flatnonzero(classes[starts[r]:ends[r]] == _START)
        if heads.size:
            starts[r] += heads[0]
        else:
            ok[r] = False
    return starts[ok], ends[ok]


def tokenize(text: str) -> list[tuple[int, int]]:
    """The tokens of ``text`` as (start, end) code-point pairs (see module docstring)."""
    starts, ends = token_bounds(text)
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


@dataclass(frozen=True)
class TokenIndex:
    """The tokens of many documents, laid end to end.

    Document ``d`` occupies global positions ``[base[d], base[d] + len(text_d))``;
    ``doc_first[d]:doc_first[d + 1]`` are its token numbers.
    """

    starts: IntArray
    ends: IntArray
    doc: IntArray
    base: IntArray
    doc_first: IntArray

    @classmethod
    def build(cls, texts: list[str]) -> TokenIndex:
        # One separator between documents keeps a token from running across two.
        joined = "\n".join(texts)
        starts, ends = token_bounds(joined)
        lengths = np.array([len(t) for t in texts], dtype=np.int64)
        base = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(lengths + 1, out=base[1:])
        doc = np.searchsorted(base, starts, side="right") - 1
        doc_first = np.searchsorted(doc, np.arange(len(texts) + 1), side="left")
        return cls(starts, ends, doc.astype(np.int64), base, doc_first.astype(np.int64))

    @property
    def count(self) -> int:
        return int(self.starts.size)

    def per_doc(self) -> IntArray:
        return np.diff(self.doc_first)

    def covered(self, doc: IntArray, start: IntArray, end: IntArray
                ) -> tuple[IntArray, IntArray]:
        """Token number ranges ``[first, last)`` sharing a code point with each span."""
        g_start = self.base[doc] + start
        g_end = self.base[doc] + end
        first = np.searchsorted(self.ends, g_start, side="right")
        last = np.searchsorted(self.starts, g_end, side="left")
        return first.astype(np.int64), np.maximum(first, last).astype(np.int64)


# -- per-label present/absent patterns over all tokens ----------------------------------
# Each token's values for m annotators are coded in base 3 (0 missing, 1 absent,
# 2 present), so counting patterns is one ``bincount``.

_DENSE_LIMIT = 20_000_000


@dataclass(frozen=True)
class TokenPatterns:
    """Pattern counts of the token × label units.

    ``by_label[k]`` counts the patterns of label ``k`` over every token of the corpus;
    ``by_doc[d]`` those of document ``d`` pooled over all labels in scope.
    """

    m: int
    by_label: list[dict[Pattern, float]]
    by_doc: list[dict[Pattern, float]]


def _decode(code: int, m: int) -> Pattern:
    values: list[int | None] = []
    for _ in range(m):
        code, state = divmod(code, 3)
        values.append(None if state == 0 else state - 1)
    return tuple(values)


def _grouped(keys: IntArray, weights: npt.NDArray[np.float64], size: int
             ) -> tuple[IntArray, npt.NDArray[np.float64]]:
    """Sum ``weights`` per key; (keys, sums) of the non-zero sums, keys ascending."""
    if size <= _DENSE_LIMIT:
        dense = np.bincount(keys, weights=weights, minlength=size)
        nz = np.flatnonzero(dense)
        return nz.astype(np.int64), dense[nz].astype(np.float64)
    order = np.argsort(keys, kind="stable")
    keys, weights = keys[order], weights[order]
    heads = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    sums = np.add.reduceat(weights, heads) if heads.size else weights
    keep = sums != 0
    return keys[heads][keep].astype(np.int64), sums[keep].astype(np.float64)


def _rows(keys: IntArray, sums: npt.NDArray[np.float64], n_rows: int, width: int, m: int
          ) -> list[dict[Pattern, float]]:
    out: list[dict[Pattern, float]] = [{} for _ in range(n_rows)]
    decoded: dict[int, Pattern] = {}
    for key, total in zip(keys.tolist(), sums.tolist(), strict=True):
        row, code = divmod(key, width)
        pattern = decoded.get(code)
        if pattern is None:
            pattern = decoded[code] = _decode(code, m)
        out[row][pattern] = out[row].get(pattern, 0.0) + total
    for row in out:
        for pattern in [p for p, c in row.items() if c == 0]:
            del row[pattern]
    return out


def union_ranges(group: IntArray, lo: IntArray, hi: IntArray
                 ) -> tuple[IntArray, IntArray, IntArray]:
    """Sort ranges ``[lo, hi)`` by (group, lo) and merge overlapping ones within a group
    (ranges that only touch stay apart). Returns (group, lo, hi) of the merged ranges."""
    if not group.size:
        return group, lo, hi
    order = np.lexsort((lo, group))
    group, lo, hi = group[order], lo[order], hi[order]
    # Shift every group past the previous one so that one running maximum serves all.
    shift = group * (int(hi.max()) + 1)
    reach = np.maximum.accumulate(hi + shift)
    new = np.ones(group.size, dtype=bool)
    new[1:] = (lo[1:] + shift[1:]) >= reach[:-1]
    heads = np.flatnonzero(new)
    return group[heads], lo[heads], np.maximum.reduceat(hi, heads)


def token_patterns(index: TokenIndex, coded: BoolArray, n_labels: int, doc: IntArray,
                   coder: IntArray, label: IntArray, start: IntArray, end: IntArray
                   ) -> TokenPatterns:
    """Pattern counts for every label (over all tokens) and every document (pooled over
    labels). ``coded[d, a]`` says annotator ``a`` coded document ``d``; the span arrays
    must only hold spans of annotators in documents they coded."""
    n_docs, m = coded.shape
    width = 3 ** m
    powers = 3 ** np.arange(m, dtype=np.int64)
    doc_code = coded.astype(np.int64) @ powers  # everyone who coded says "absent"

    first, last = index.covered(doc, start, end)
    hit = last > first
    group, lo, hi = union_ranges((label * m + coder)[hit], first[hit], last[hit])
    lab, who = np.divmod(group, m)
    # Walking a label's tokens in order, each range adds 3**annotator to the code while
    # it lasts: segments between consecutive range ends share one code.
    ev_label = np.concatenate((lab, lab))
    ev_pos = np.concatenate((lo, hi))
    order = np.lexsort((ev_pos, ev_label))
    ev_label, ev_pos = ev_label[order], ev_pos[order]
    added = np.cumsum(np.concatenate((powers[who], -powers[who]))[order])
    seg_len = np.diff(ev_pos)
    seg = np.flatnonzero((added[:-1] > 0) & (seg_len > 0) & (ev_label[1:] == ev_label[:-1]))
    seg_label, seg_len, seg_added = ev_label[seg], seg_len[seg].astype(float), added[seg]
    seg_doc = index.doc[ev_pos[seg]] if seg.size else seg
    old = doc_code[seg_doc]

    base_hist = np.bincount(doc_code[index.doc], minlength=width).astype(float)
    base_codes = np.flatnonzero(base_hist)
    keys = np.concatenate((seg_label * width + old + seg_added, seg_label * width + old,
                           np.repeat(np.arange(n_labels, dtype=np.int64) * width,
                                     base_codes.size) + np.tile(base_codes, n_labels)))
    weights = np.concatenate((seg_len, -seg_len, np.tile(base_hist[base_codes], n_labels)))
    by_label = _rows(*_grouped(keys, weights, n_labels * width), n_labels, width, m)

    per_doc = index.per_doc().astype(float) * n_labels
    keys = np.concatenate((seg_doc * width + old + seg_added, seg_doc * width + old,
                           np.arange(n_docs, dtype=np.int64) * width + doc_code))
    weights = np.concatenate((seg_len, -seg_len, per_doc))
    by_doc = _rows(*_grouped(keys, weights, n_docs * width), n_docs, width, m)
    return TokenPatterns(m, by_label, by_doc)
