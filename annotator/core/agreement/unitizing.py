"""Krippendorff's unitizing alpha (uα) over a character continuum.

Definition: Krippendorff, *Content Analysis*, 2nd ed. (2004), §12.4, refining "On the
reliability of unitizing continuous data" (1995). For one category ``c``, each of ``m``
annotators divides a continuum of length ``L`` into units of ``c`` and gaps. Two
sections of different annotators that overlap contribute a squared distance:

* unit / unit: (Δ begin)² + (Δ end)²;
* a unit lying wholly inside the other annotator's gap: its length²;
* anything else: 0.

``cDo`` = Σ over ordered annotator pairs of those distances / (m (m-1) L²), and

``cDe`` = (2/L) Σ_units [ (N_c-1)(2l³-3l²+l)/3 + l² Σ_{gaps g ≥ l} (g-l+1) ]
          / ( mL(mL-1) - Σ_units l(l-1) ),

the mean disagreement of all ways of placing the same units and gaps. ``cuα = 1 - cDo/cDe``;
over several categories ``uα = 1 - Σ_c cDo / Σ_c cDe`` (the book's ``|cuα``).

Here the continuum is the code points of a document and a category is a label. One
annotator's overlapping spans of one label are merged into their union first (uα needs
each annotator's units of a category to be disjoint). A corpus is pooled by laying its
documents end to end: no unit or gap crosses a document boundary, observed distances add
up, and expected disagreement sees every unit and gap of every document.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from annotator.core.agreement.score import Score, defined, undefined
from annotator.core.agreement.units import IntArray, union_ranges

FloatArray = np.ndarray


@dataclass(frozen=True)
class Units:
    """One annotator's units of one category: parallel arrays sorted by (doc, start),
    disjoint within a document (see ``merge_units``)."""

    doc: IntArray
    start: IntArray
    end: IntArray

    @classmethod
    def empty(cls) -> Units:
        z = np.zeros(0, dtype=np.int64)
        return cls(z, z.copy(), z.copy())


def merge_units(doc: IntArray, start: IntArray, end: IntArray) -> Units:
    """Sort spans by (doc, start) and merge the ones that overlap into their union
    (spans that only touch stay two units)."""
    return Units(*union_ranges(doc, start, end))


def observed_sums(a: Units, b: Units, n_docs: int, base: IntArray) -> FloatArray:
    """Per document, Σ of squared distances between the sections of two annotators,
    taken once for the (unordered) pair."""
    a_start, a_end = base[a.doc] + a.start, base[a.doc] + a.end
    b_start, b_end = base[b.doc] + b.start, base[b.doc] + b.end
    lo = np.searchsorted(b_end, a_start, side="right")
    hi = np.maximum(lo, np.searchsorted(b_start, a_end, side="left"))
    hits = hi - lo
    total = np.zeros(n_docs)
    if hits.sum():
        ia = np.repeat(np.arange(a_start.size), hits)
        ib = np.repeat(lo - np.cumsum(hits) + hits, hits) + np.arange(int(hits.sum()))
        d = (a_start[ia] - b_start[ib]) ** 2 + (a_end[ia] - b_end[ib]) ** 2
        total += np.bincount(a.doc[ia], weights=d.astype(float), minlength=n_docs)
    # A unit that overlaps none of the other's units lies wholly in one of their gaps.
    b_lo = np.searchsorted(a_end, b_start, side="right")
    b_hits = np.searchsorted(a_start, b_end, side="left") - b_lo
    for units, lonely in ((a, hits <= 0), (b, b_hits <= 0)):
        lengths = (units.end - units.start)[lonely].astype(float)
        total += np.bincount(units.doc[lonely], weights=lengths ** 2, minlength=n_docs)
    return total


def gaps(units: Units, lengths: IntArray) -> tuple[IntArray, IntArray]:
    """(doc, length) of the non-empty gaps one annotator leaves in every document."""
    n_docs = lengths.size
    if not units.doc.size:
        keep = lengths > 0
        return np.flatnonzero(keep).astype(np.int64), lengths[keep]
    first = np.ones(units.doc.size, dtype=bool)
    first[1:] = units.doc[1:] != units.doc[:-1]
    prev_end = np.zeros(units.doc.size, dtype=np.int64)
    prev_end[1:] = units.end[:-1]
    prev_end[first] = 0
    before = units.start - prev_end
    last = np.ones(units.doc.size, dtype=bool)
    last[:-1] = units.doc[1:] != units.doc[:-1]
    after_doc = units.doc[last]
    after = lengths[after_doc] - units.end[last]
    untouched = np.ones(n_docs, dtype=bool)
    untouched[units.doc] = False
    doc = np.concatenate((units.doc, after_doc, np.flatnonzero(untouched)))
    length = np.concatenate((before, after, lengths[untouched]))
    keep = length > 0
    return doc[keep].astype(np.int64), length[keep].astype(np.int64)


def expected(group_lengths: IntArray, m: int, unit_group: IntArray, unit_len: IntArray,
             gap_group: IntArray, gap_len: IntArray) -> FloatArray:
    """cDe per group of the continuum (a document, or 0 for the pooled corpus)."""
    n_groups = group_lengths.size
    if not unit_len.size:
        return np.zeros(n_groups)
    span = int(max(int(gap_len.max()) if gap_len.size else 0, int(unit_len.max()))) + 2
    keys = np.sort(gap_group * span + gap_len)
    lengths_sorted = keys % span
    prefix = np.concatenate(([0.0], np.cumsum(lengths_sorted, dtype=float)))
    lo = np.searchsorted(keys, unit_group * span + unit_len, side="left")
    hi = np.searchsorted(keys, (unit_group + 1) * span, side="left")
    fits = (prefix[hi] - prefix[lo]) - (unit_len - 1) * (hi - lo)
    l_ = unit_len.astype(float)
    n_units = np.bincount(unit_group, minlength=n_groups).astype(float)
    within = (n_units[unit_group] - 1) * (2 * l_ ** 3 - 3 * l_ ** 2 + l_) / 3
    numerator = np.bincount(unit_group, weights=within + l_ ** 2 * fits, minlength=n_groups)
    big_l = group_lengths.astype(float)
    self_pairs = np.bincount(unit_group, weights=l_ * (l_ - 1), minlength=n_groups)
    denominator = m * big_l * (m * big_l - 1) - self_pairs
    out = np.zeros(n_groups)
    ok = (big_l > 0) & (denominator > 0)
    out[ok] = 2 / big_l[ok] * numerator[ok] / denominator[ok]
    return out


@dataclass(frozen=True)
class Disagreement:
    """cDo and cDe of one category, per document and pooled over the documents."""

    observed_doc: FloatArray
    expected_doc: FloatArray
    observed: float
    expected: float
    units_doc: IntArray
    units: int


def disagreement(coders: Sequence[Units], lengths: IntArray) -> Disagreement:
    """cDo/cDe of one category for ``m = len(coders)`` annotators over documents of the
    given lengths (every annotator coded every one of them)."""
    m, n_docs = len(coders), lengths.size
    base = np.zeros(n_docs, dtype=np.int64)
    if n_docs:
        np.cumsum(lengths[:-1], out=base[1:])
    sums = np.zeros(n_docs)
    for i in range(m):
        for j in range(i + 1, m):
            # Krippendorff sums over ordered pairs; the distances are symmetric.
            sums += 2 * observed_sums(coders[i], coders[j], n_docs, base)
    big_l = lengths.astype(float)
    pairs = m * (m - 1)
    observed_doc = np.zeros(n_docs)
    ok = (big_l > 0) & (pairs > 0)
    observed_doc[ok] = sums[ok] / (pairs * big_l[ok] ** 2)
    total = float(big_l.sum())
    observed = float(sums.sum() / (pairs * total ** 2)) if total > 0 and pairs else 0.0

    unit_doc = np.concatenate([u.doc for u in coders]) if coders else np.zeros(0, np.int64)
    unit_len = (np.concatenate([u.end - u.start for u in coders]) if coders
                else np.zeros(0, np.int64))
    gap_parts = [gaps(u, lengths) for u in coders]
    gap_doc = np.concatenate([g[0] for g in gap_parts]) if coders else unit_doc
    gap_len = np.concatenate([g[1] for g in gap_parts]) if coders else unit_len
    expected_doc = expected(lengths, m, unit_doc, unit_len, gap_doc, gap_len)
    pooled = expected(np.array([int(total)], dtype=np.int64), m,
                      np.zeros_like(unit_doc), unit_len, np.zeros_like(gap_doc), gap_len)
    return Disagreement(observed_doc, expected_doc, observed, float(pooled[0]),
                        np.bincount(unit_doc, minlength=n_docs).astype(np.int64),
                        int(unit_doc.size))


def score(observed: float, expected: float, *, m: int, characters: int, units: int,
          what: str = "this label") -> Score:
    """uα from summed cDo and cDe, or why it is not defined."""
    if m < 2:
        return undefined("needs at least two annotators", units)
    if characters <= 0:
        return undefined("no text: the continuum is empty", units)
    if units == 0 or expected <= 0:
        return undefined(f"no annotator marked a span with {what}", units,
                         characters=characters)
    return defined(1 - observed / expected, units, observed=observed, expected=expected,
                   characters=characters)


# -- the same on plain Python data (compare view, tests, worked examples) ---------------

def unitizing_alpha(length: int, units_by_coder: Sequence[Iterable[tuple[int, int]]],
                    begin: int = 0) -> Score:
    """cuα of one category on one continuum ``[begin, begin + length)``; each annotator
    gives the (start, end) of their units, half-open."""
    coders = [_units(((s - begin, e - begin) for s, e in spans), length)
              for spans in units_by_coder]
    d = disagreement(coders, np.array([length], dtype=np.int64))
    return score(d.observed, d.expected, m=len(coders), characters=length, units=d.units)


def unitizing_alpha_by_category(
        length: int, units_by_coder: Sequence[Iterable[tuple[int, int, Hashable]]],
        begin: int = 0) -> tuple[dict[Hashable, Score], Score]:
    """cuα per category and ``|cuα`` over all of them (Σ cDo / Σ cDe); each annotator
    gives (start, end, category) triples."""
    per: dict[Hashable, list[list[tuple[int, int]]]] = {}
    listed = [list(spans) for spans in units_by_coder]
    for i, spans in enumerate(listed):
        for s, e, cat in spans:
            per.setdefault(cat, [[] for _ in listed])[i].append((s - begin, e - begin))
    lengths = np.array([length], dtype=np.int64)
    scores: dict[Hashable, Score] = {}
    parts: list[Disagreement] = []
    for cat, by_coder in per.items():
        d = disagreement([_units(spans, length) for spans in by_coder], lengths)
        parts.append(d)
        scores[cat] = score(d.observed, d.expected, m=len(listed), characters=length,
                            units=d.units)
    return scores, pooled_score(parts, m=len(listed), characters=length)


def pooled_score(parts: Sequence[Disagreement], *, m: int, characters: int,
                 what: str = "any label") -> Score:
    """``|cuα`` = 1 - Σ cDo / Σ cDe over categories (pooled corpus figures)."""
    return score(sum(p.observed for p in parts), sum(p.expected for p in parts), m=m,
                 characters=characters, units=sum(p.units for p in parts), what=what)


def _units(spans: Iterable[tuple[int, int]], length: int) -> Units:
    pairs = [(s, e) for s, e in spans]
    for s, e in pairs:
        if not 0 <= s < e <= length:
            raise ValueError(f"unit ({s}, {e}) is not inside the continuum [0, {length})")
    arr = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    return merge_units(np.zeros(len(pairs), dtype=np.int64), arr[:, 0], arr[:, 1])


def doc_scores(parts: Mapping[Hashable, Disagreement], doc: int, *, m: int,
               characters: int) -> Score:
    """|cuα of one document over the given categories."""
    return score(sum(float(p.observed_doc[doc]) for p in parts.values()),
                 sum(float(p.expected_doc[doc]) for p in parts.values()), m=m,
                 characters=characters,
                 units=sum(int(p.units_doc[doc]) for p in parts.values()), what="any label")
