"""Corpus-sized span F1 and matched-span units, vectorised where spans agree exactly.

Most spans of careful annotators coincide exactly. Those are counted with numpy; only
the rest (spans without an identical partner) go through ``align`` in Python, per
document and label (F1) or layer (matched spans). The results are those of
``f1_counts`` and ``matched_patterns`` applied document by document: identical spans
are what ``align`` pairs first, and a group that already holds a span of every
annotator can never grow.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from annotator.core.agreement.align import align, overlap
from annotator.core.agreement.corpus import Corpus
from annotator.core.agreement.matched import matched_patterns
from annotator.core.agreement.patterns import Pattern
from annotator.core.agreement.span_f1 import F1Counts
from annotator.core.agreement.units import IntArray


def row_ids(*columns: IntArray) -> tuple[IntArray, int]:
    """Dense ids of equal rows: ``ids[r] == ids[q]`` exactly when rows r and q are equal
    in every column; ids count up from 0 in sorted row order."""
    if not columns[0].size:
        return np.zeros(0, dtype=np.int64), 0
    order = np.lexsort(columns[::-1])
    new = np.zeros(order.size, dtype=bool)
    new[0] = True
    for col in columns:
        c = col[order]
        new[1:] |= c[1:] != c[:-1]
    ids = np.empty(order.size, dtype=np.int64)
    ids[order] = np.cumsum(new) - 1
    return ids, int(new.sum())


def _first(ids: IntArray, n: int) -> IntArray:
    """For each id, the position of one row carrying it."""
    out = np.zeros(n, dtype=np.int64)
    out[ids] = np.arange(ids.size)
    return out


@dataclass
class PairF1:
    by_label: list[F1Counts]
    by_doc: dict[int, F1Counts]


def pair_f1(corpus: Corpus, i: int, j: int) -> PairF1:
    """F1 counts of annotators ``i`` (A) and ``j`` (B) per label and per document, over
    the documents both coded."""
    n_labels, n_docs = len(corpus.labels), len(corpus.docs)
    both = corpus.coded[:, i] & corpus.coded[:, j]
    sel = ((corpus.span_coder == i) | (corpus.span_coder == j)) & both[corpus.span_doc]
    d, k = corpus.span_doc[sel], corpus.span_label[sel]
    s, e = corpus.span_start[sel], corpus.span_end[sel]
    side = (corpus.span_coder[sel] == j).astype(np.int64)
    ids, n = row_ids(d, k, s, e)
    counts = np.bincount(ids * 2 + side, minlength=2 * n).reshape(n, 2)
    exact = counts.min(axis=1)
    rep = _first(ids, n)
    id_doc, id_label = d[rep], k[rep]

    def per(keys: IntArray, size: int, weights: IntArray | None = None) -> list[float]:
        totals: list[float] = np.bincount(keys, weights=weights, minlength=size).tolist()
        return totals

    n_a_l, n_b_l = per(k[side == 0], n_labels), per(k[side == 1], n_labels)
    n_a_d, n_b_d = per(d[side == 0], n_docs), per(d[side == 1], n_docs)
    ex_l, ex_d = per(id_label, n_labels, exact), per(id_doc, n_docs, exact)
    cred_a_l, cred_b_l, cred_a_d, cred_b_d = list(ex_l), list(ex_l), list(ex_d), list(ex_d)

    rest = counts - exact[:, None]
    credit = _residue_credits(id_doc, id_label, s[rep], e[rep], rest, n_labels)
    cred_a = np.bincount(credit.label, weights=credit.a, minlength=n_labels)
    cred_b = np.bincount(credit.label, weights=credit.b, minlength=n_labels)
    cred_a_l = (np.array(ex_l) + cred_a).tolist()
    cred_b_l = (np.array(ex_l) + cred_b).tolist()
    cred_a_d = (np.array(ex_d) + np.bincount(credit.doc, weights=credit.a,
                                             minlength=n_docs)).tolist()
    cred_b_d = (np.array(ex_d) + np.bincount(credit.doc, weights=credit.b,
                                             minlength=n_docs)).tolist()
    by_label = [F1Counts(int(n_a_l[q]), int(n_b_l[q]), int(ex_l[q]), cred_a_l[q], cred_b_l[q])
                for q in range(n_labels)]
    by_doc = {q: F1Counts(int(n_a_d[q]), int(n_b_d[q]), int(ex_d[q]), cred_a_d[q],
                          cred_b_d[q]) for q in np.flatnonzero(both).tolist()}
    return PairF1(by_label, by_doc)


@dataclass
class _Credits:
    """Partial-overlap credit earned by spans without an identical partner."""

    doc: IntArray
    label: IntArray
    a: np.ndarray
    b: np.ndarray


def _residue_credits(doc: IntArray, label: IntArray, start: IntArray, end: IntArray,
                     rest: IntArray, n_labels: int) -> _Credits:
    """Align, per document and label, the spans left after exact matching.

    ``rest[q]`` counts how many copies of distinct span ``q`` each side has left. The
    usual case, one span left on each side, is done with numpy; the others with ``align``.
    """
    has = np.flatnonzero(rest.sum(axis=1) > 0)
    gid, n_groups = row_ids(doc[has], label[has])
    size_a = np.bincount(gid, weights=rest[has, 0], minlength=n_groups)
    size_b = np.bincount(gid, weights=rest[has, 1], minlength=n_groups)
    simple = (size_a == 1) & (size_b == 1)
    one = simple[gid]
    a_rows, b_rows = has[one & (rest[has, 0] == 1)], has[one & (rest[has, 1] == 1)]
    a_rows = a_rows[np.argsort(gid[one & (rest[has, 0] == 1)], kind="stable")]
    b_rows = b_rows[np.argsort(gid[one & (rest[has, 1] == 1)], kind="stable")]
    shared = np.maximum(0, np.minimum(end[a_rows], end[b_rows])
                        - np.maximum(start[a_rows], start[b_rows]))
    docs, labels = [doc[a_rows]], [label[a_rows]]
    credit_a = [shared / (end[a_rows] - start[a_rows])]
    credit_b = [shared / (end[b_rows] - start[b_rows])]

    groups: dict[tuple[int, int], tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {}
    hard = has[~one & (size_a[gid] > 0) & (size_b[gid] > 0)]
    for q, dq, lq, sq, eq in zip(hard.tolist(), doc[hard].tolist(), label[hard].tolist(),
                                 start[hard].tolist(), end[hard].tolist(), strict=True):
        a, b = groups.setdefault((dq, lq), ([], []))
        a.extend([(sq, eq)] * int(rest[q, 0]))
        b.extend([(sq, eq)] * int(rest[q, 1]))
    extra: list[tuple[int, int, float, float]] = []
    for (dq, lq), (a, b) in groups.items():
        a.sort()
        b.sort()
        for x, y in align([a, b]):
            if x is not None and y is not None:
                common = overlap(a[x], b[y])
                extra.append((dq, lq, common / (a[x][1] - a[x][0]),
                              common / (b[y][1] - b[y][0])))
    if extra:
        cols = list(zip(*extra, strict=True))
        docs.append(np.array(cols[0], dtype=np.int64))
        labels.append(np.array(cols[1], dtype=np.int64))
        credit_a.append(np.array(cols[2]))
        credit_b.append(np.array(cols[3]))
    return _Credits(np.concatenate(docs), np.concatenate(labels), np.concatenate(credit_a),
                    np.concatenate(credit_b))


@dataclass
class MatchedUnits:
    """Matched-span units of all compared annotators (values are label numbers)."""

    by_layer: list[Counter[Pattern]]
    unmatched_by_layer: list[int]
    by_doc: list[Counter[Pattern]]
    unmatched_by_doc: list[int]


def matched_units(corpus: Corpus) -> MatchedUnits:
    m, n_docs = corpus.m, len(corpus.docs)
    layer_no = {layer: q for q, layer in enumerate(corpus.layers)}
    label_layer = np.array([layer_no[key.layer] for key in corpus.labels] or [0],
                           dtype=np.int64)
    d, c, k = corpus.span_doc, corpus.span_coder, corpus.span_label
    s, e = corpus.span_start, corpus.span_end
    lay = label_layer[k] if k.size else k
    out = MatchedUnits([Counter() for _ in corpus.layers], [0] * len(corpus.layers),
                       [Counter() for _ in range(n_docs)], [0] * n_docs)
    ids, n = row_ids(d, lay, s, e)
    counts = np.bincount(ids * m + c, minlength=n * m).reshape(n, m)
    complete = (counts == 1).all(axis=1) if n else np.zeros(0, dtype=bool)
    # Groups of identical bounds holding one span of every annotator: final as they are.
    whole = complete[ids]
    order = np.lexsort((c[whole], ids[whole]))
    labels = k[whole][order].reshape(-1, m)
    group_doc, group_layer = d[whole][order][::m], lay[whole][order][::m]
    for (doc, layer, *values), count in Counter(
            zip(group_doc.tolist(), group_layer.tolist(), *labels.T.tolist(),
                strict=True)).items():
        pattern = tuple(values)
        out.by_layer[layer][pattern] += count
        out.by_doc[doc][pattern] += count
    # Everything else goes through ``align``, one layer of one document at a time.
    rest = np.flatnonzero(~whole)
    rest = rest[np.lexsort((e[rest], s[rest], c[rest], lay[rest], d[rest]))]
    current: tuple[int, int] | None = None
    lists: list[list[tuple[int, int, int]]] = []
    rows = zip(d[rest].tolist(), lay[rest].tolist(), c[rest].tolist(), s[rest].tolist(),
               e[rest].tolist(), k[rest].tolist(), strict=True)
    for doc, layer, coder, start, end, label in rows:
        if (doc, layer) != current:
            if current is not None:
                _add_matched(out, current, lists)
            current, lists = (doc, layer), [[] for _ in range(m)]
        lists[coder].append((start, end, label))
    if current is not None:
        _add_matched(out, current, lists)
    return out


def _add_matched(out: MatchedUnits, where: tuple[int, int],
                 lists: list[list[tuple[int, int, int]]]) -> None:
    doc, layer = where
    patterns, unmatched = matched_patterns(lists)
    out.by_layer[layer].update(patterns)
    out.by_doc[doc].update(patterns)
    out.unmatched_by_layer[layer] += unmatched
    out.unmatched_by_doc[doc] += unmatched
