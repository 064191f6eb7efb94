"""The vectorised corpus paths give what the per-document functions give."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement import (
    AgreementInput,
    DocInput,
    LabelKey,
    SpanRecord,
    f1_counts,
    matched_patterns,
)
from annotator.core.agreement.bulk import matched_units, pair_f1, row_ids
from annotator.core.agreement.corpus import Corpus
from annotator.core.agreement.span_f1 import F1Counts

LABELS = (LabelKey("actor", "A"), LabelKey("actor", "B"), LabelKey("stance", "S"))
NAMES = ("ana", "ben", "cai")


@st.composite
def inputs(draw: st.DrawFn) -> AgreementInput:
    m = draw(st.integers(min_value=2, max_value=3))
    docs = []
    for d in range(draw(st.integers(min_value=1, max_value=3))):
        length = draw(st.integers(min_value=1, max_value=30))
        coders = frozenset(n for n in NAMES[:m] if draw(st.booleans()))
        spans = []
        # A small palette of bounds makes identical and overlapping spans common.
        bounds = [(s, min(length, s + w)) for s in range(0, length, 4) for w in (3, 5)]
        for name in coders:
            for _ in range(draw(st.integers(min_value=0, max_value=5))):
                s, e = draw(st.sampled_from(bounds))
                key = draw(st.sampled_from(LABELS))
                spans.append(SpanRecord(name, key.layer, key.name, s, e))
        docs.append(DocInput(str(d), "x" * length, tuple(spans), coders=coders))
    return AgreementInput(docs, NAMES[:m], LABELS)


def spans_of(doc: DocInput, who: str, key: LabelKey) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in doc.spans if s.annotator == who and s.key == key]


def same(x: F1Counts, y: F1Counts) -> bool:
    return ((x.n_a, x.n_b, x.exact) == (y.n_a, y.n_b, y.exact)
            and x.credit_a == pytest.approx(y.credit_a)
            and x.credit_b == pytest.approx(y.credit_b))


@settings(max_examples=150, deadline=None)
@given(inputs())
def test_pair_f1_equals_f1_counts_document_by_document(data: AgreementInput) -> None:
    corpus = Corpus.build(data)
    for i in range(corpus.m):
        for j in range(i + 1, corpus.m):
            bulk = pair_f1(corpus, i, j)
            a, b = corpus.annotators[i], corpus.annotators[j]
            both = [d for d, doc in enumerate(data.docs) if doc.coded_by(a) and doc.coded_by(b)]
            counts = {(d, k): f1_counts(spans_of(data.docs[d], a, key),
                                        spans_of(data.docs[d], b, key))
                      for d in both for k, key in enumerate(LABELS)}
            for k in range(len(LABELS)):
                assert same(bulk.by_label[k], sum((counts[d, k] for d in both), F1Counts()))
            assert sorted(bulk.by_doc) == both
            for d in both:
                expected = sum((counts[d, k] for k in range(len(LABELS))), F1Counts())
                assert same(bulk.by_doc[d], expected)


@settings(max_examples=150, deadline=None)
@given(inputs())
def test_matched_units_equal_matched_patterns_document_by_document(
        data: AgreementInput) -> None:
    corpus = Corpus.build(data)
    units = matched_units(corpus)
    label_no = {key: k for k, key in enumerate(LABELS)}
    for d, doc in enumerate(data.docs):
        expected: Counter[tuple[object, ...]] = Counter()
        unmatched = 0
        for layer in ("actor", "stance"):
            lists = [[(s.start, s.end, label_no[s.key]) for s in doc.spans
                      if s.annotator == name and s.layer == layer]
                     for name in corpus.annotators]
            patterns, lonely = matched_patterns(lists)
            expected.update(patterns)
            unmatched += lonely
        assert units.by_doc[d] == expected
        assert units.unmatched_by_doc[d] == unmatched


def test_row_ids_number_equal_rows_alike() -> None:
    ids, n = row_ids(np.array([1, 0, 1, 1]), np.array([5, 5, 5, 6]))

    assert n == 3
    assert ids.tolist() == [1, 0, 1, 2]
