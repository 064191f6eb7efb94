"""A pairwise figure of a three-way report is the figure of those two compared alone."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement import AgreementInput, DocInput, LabelKey, SpanRecord, build_report
from annotator.core.agreement.report import DOCUMENT

TEXT = "Officials in Tehran blamed Western meddling for the unrest across Iran today."
LABELS = (LabelKey("actor", "x"), LabelKey("actor", "y"), LabelKey("narrative", "z"))


def two_alone_equal_their_pair(docs: list[DocInput]) -> int:
    names = ("ana", "ben", "cy")
    three = build_report(AgreementInput(docs, names, LABELS))
    compared = 0
    for pair in (("ana", "ben"), ("ana", "cy"), ("ben", "cy")):
        alone = build_report(AgreementInput(docs, pair, LABELS))
        for f in alone.figures:
            if f.scope == DOCUMENT:
                continue  # document rows are reported for the whole group only
            (row,) = three.select(measure=f.measure, scope=f.scope, layer=f.layer,
                                  label=f.label, annotators=pair)
            what = (f.measure, f.scope, f.layer, f.label, pair, f.score, row.score)
            assert f.defined == row.defined, what
            assert f.n_units == row.n_units, what
            if f.value is not None and row.value is not None:
                assert math.isclose(f.value, row.value, abs_tol=1e-12), what
            assert f.score.details.keys() == row.score.details.keys(), what
            assert all(math.isclose(v, row.score.details[k], abs_tol=1e-9)
                       for k, v in f.score.details.items()), what
            compared += 1
    return compared


def test_spans_that_never_touch_are_not_matched_through_a_third_annotator() -> None:
    """Ana's [2, 5) and Ben's [6, 8) share no code point, but Cy's [3, 8) overlaps both:
    in the three-way alignment they sit in one group. Their pairwise alpha on matched
    spans must still treat them as unmatched, as comparing Ana and Ben alone does."""
    spans = [SpanRecord("ana", "actor", "x", 2, 5), SpanRecord("ana", "actor", "y", 14, 18),
             SpanRecord("ben", "actor", "y", 6, 8), SpanRecord("ben", "actor", "y", 12, 15),
             SpanRecord("ben", "actor", "y", 14, 17), SpanRecord("cy", "actor", "y", 3, 8),
             SpanRecord("cy", "actor", "x", 6, 14), SpanRecord("cy", "actor", "x", 7, 14)]
    docs = [DocInput("d1", TEXT, tuple(spans))]
    alone = build_report(AgreementInput(docs, ("ana", "ben"), LABELS)).get("alpha_matched")
    assert alone is not None and alone.score.details["unmatched_spans"] == 3.0

    assert two_alone_equal_their_pair(docs) > 30


span = st.builds(lambda who, k, s, n: SpanRecord(who, LABELS[k].layer, LABELS[k].name,
                                                 s, min(s + n, len(TEXT))),
                 st.sampled_from(("ana", "ben", "cy")), st.integers(0, 2),
                 st.integers(0, len(TEXT) - 2), st.integers(1, 12))
doc = st.builds(lambda key, spans, coders: DocInput(key, TEXT, tuple(spans), key, coders),
                st.sampled_from(("d1", "d2", "d3")), st.lists(span, max_size=10),
                st.none() | st.frozensets(st.sampled_from(("ana", "ben", "cy"))))


@settings(max_examples=60, deadline=None)
@given(st.lists(doc, min_size=1, max_size=3, unique_by=lambda d: d.key))
def test_every_pairwise_figure_is_the_two_compared_alone(docs: list[DocInput]) -> None:
    two_alone_equal_their_pair(docs)
