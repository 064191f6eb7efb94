"""Comparing two annotators on one document: alignment, states, gold resolution, header.

Spans are made by hand on mixed-script text (flags, emoji, Persian with ZWNJ), with
offsets found by ``str.index``, i.e. code points: a UTF-16 slip would shift every range.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import Span
from annotator.core.review.adjudicate import agreed_groups
from annotator.core.review.compare import (
    GoldIndex,
    Pair,
    PairState,
    Resolution,
    compare,
    summarize,
)
from annotator.core.review.decisions import ReviewDecision, Verdict, source_key

TEXT = ("Iran 🇮🇷 protests — “death to the dictator” café.\n"
        "Путин наблюдает за Ираном 👀.\n"
        "اعتراض‌ها در تهران ادامه دارد؛ مردم می‌خواهند.\n")

# label ids -> layer
STATE, MEDIA, PROTESTERS, OPPOSES, SUPPORTS, NARR = 1, 2, 3, 4, 5, 6
LAYERS = {STATE: "actor", MEDIA: "actor", PROTESTERS: "actor", OPPOSES: "stance",
          SUPPORTS: "stance", NARR: "narrative"}
A, B, GOLD = 10, 11, 99


def span(fragment: str, label: int, annotator: int, *, extra: int = 0, uuid: str = "",
         occurrence: int = 0) -> Span:
    """A span over ``fragment`` (extended by ``extra`` code points at the end)."""
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(fragment, start + 1)
    end = start + len(fragment) + extra
    kwargs = {"uuid": uuid} if uuid else {}
    return Span(doc_id=1, annotator_id=annotator, label_id=label, start=start, end=end,
                text=TEXT[start:end], **kwargs)


def run(a: list[Span], b: list[Span], **kw: object) -> list[Pair]:
    return compare(a, b, layer_of=LAYERS, **kw)  # type: ignore[arg-type]


def test_offsets_are_code_points_of_the_text() -> None:
    s = span("protests", STATE, A)
    # "Iran 🇮🇷 " is 8 code points (the flag is two regional indicators), 10 UTF-16 units.
    assert (s.start, s.end) == (8, 16)
    fa = span("تهران", STATE, A)
    assert TEXT[fa.start:fa.end] == "تهران"


def test_agreed_same_start_end_label() -> None:
    a, b = span("تهران", STATE, A), span("تهران", STATE, B)
    [pair] = run([a], [b])
    assert pair.state is PairState.AGREED and not pair.is_disagreement
    assert (pair.a, pair.b, pair.layer) == (a, b, "actor")
    assert TEXT[pair.start:pair.end] == "تهران"


def test_label_conflict_same_range_other_label() -> None:
    a, b = span("Iran 🇮🇷", STATE, A), span("Iran 🇮🇷", MEDIA, B)
    [pair] = run([a], [b])
    assert pair.state is PairState.LABEL_CONFLICT
    assert TEXT[pair.start:pair.end] == "Iran 🇮🇷"


def test_boundary_same_label_other_range_and_display_range_covers_both() -> None:
    # A marks the flag only, B the flag and the word after it.
    a = span("🇮🇷", STATE, A)
    b = span("🇮🇷 protests", STATE, B)
    [pair] = run([a], [b])
    assert pair.state is PairState.BOUNDARY
    assert TEXT[pair.start:pair.end] == "🇮🇷 protests"


def test_boundary_and_label_both_differ() -> None:
    a = span("اعتراض‌ها در تهران", PROTESTERS, A)  # with the ZWNJ inside the first word
    b = span("تهران", STATE, B)
    [pair] = run([a], [b])
    assert pair.state is PairState.BOUNDARY_AND_LABEL
    assert TEXT[pair.start:pair.end] == "اعتراض‌ها در تهران"


def test_one_sided_spans() -> None:
    a = span("Путин", STATE, A)
    b = span("👀", MEDIA, B)
    pairs = run([a], [b])
    assert [(p.state, p.a, p.b) for p in pairs] == [
        (PairState.ONLY_A, a, None), (PairState.ONLY_B, None, b)]
    assert [TEXT[p.start:p.end] for p in pairs] == ["Путин", "👀"]


def test_spans_of_different_layers_never_pair() -> None:
    a = span("death to the dictator", OPPOSES, A)
    b = span("death to the dictator", NARR, B)
    pairs = run([a], [b])
    assert sorted(p.state for p in pairs) == sorted([PairState.ONLY_A, PairState.ONLY_B])
    assert {p.layer for p in pairs} == {"stance", "narrative"}


def test_same_boundaries_beat_a_same_label_span_that_merely_overlaps() -> None:
    a = span("death to the dictator", OPPOSES, A)
    b_same_range = span("death to the dictator", SUPPORTS, B)
    b_same_label = span("death to the", OPPOSES, B)
    pairs = run([a], [b_same_label, b_same_range])
    by_state = {p.state: p for p in pairs}
    assert by_state[PairState.LABEL_CONFLICT].b == b_same_range
    assert by_state[PairState.ONLY_B].b == b_same_label


def test_equal_overlap_prefers_same_label() -> None:
    # Both candidates share 2 of 9 code points; the earlier one has the other label.
    a2 = span("за Ираном", STATE, A)
    left = span("за", MEDIA, B)
    right = span("Ираном", STATE, B, extra=-4)  # "Ир": 2 code points, like "за"
    assert len(left.text) == len(right.text) == 2
    pairs = run([a2], [left, right])
    matched = next(p for p in pairs if p.a is not None)
    assert matched.b == right and matched.state is PairState.BOUNDARY


def test_full_tie_is_broken_by_position_then_uuid_whatever_the_input_order() -> None:
    a = span("Путин наблюдает за", STATE, A)
    # Both candidates score the same: same label, 5 shared code points of a union of 18.
    first = span("Путин", STATE, B)
    last = Span(doc_id=1, annotator_id=B, label_id=STATE, start=a.end - 5, end=a.end,
                text=TEXT[a.end - 5:a.end])
    # uuids ordered against position: position decides first.
    first, last = replace(first, uuid="uuid-z"), replace(last, uuid="uuid-a")
    for _ in range(5):
        bs = [first, last]
        random.shuffle(bs)
        pairs = run([a], bs)
        assert next(p for p in pairs if p.a is not None).b == first
    twin1 = span("Путин", STATE, B, uuid="uuid-2")
    twin2 = span("Путин", STATE, B, uuid="uuid-1")
    one = span("Путин", STATE, A, uuid="uuid-a")
    for order in ([twin1, twin2], [twin2, twin1]):
        pairs = run([one], order)
        assert [(p.state, p.b.uuid if p.b else None) for p in pairs] == [
            (PairState.AGREED, "uuid-1"), (PairState.ONLY_B, "uuid-2")]


def test_one_to_one_and_sorted_by_position() -> None:
    a = [span("Iran", STATE, A), span("protests", NARR, A),
         span("Путин", STATE, A), span("مردم", PROTESTERS, A)]
    b = [span("مردم", PROTESTERS, B), span("Iran 🇮🇷", STATE, B), span("Путин", MEDIA, B),
         span("Ираном", STATE, B)]
    pairs = run(a, b)
    starts = [p.start for p in pairs]
    assert starts == sorted(starts)
    assert [p.state for p in pairs] == [
        PairState.BOUNDARY, PairState.ONLY_A, PairState.LABEL_CONFLICT, PairState.ONLY_B,
        PairState.AGREED]
    used_a = [p.a for p in pairs if p.a is not None]
    used_b = [p.b for p in pairs if p.b is not None]
    assert len(used_a) == len(set(map(id, used_a))) == 4
    assert len(used_b) == len(set(map(id, used_b))) == 4


def test_gold_resolution_of_each_kind() -> None:
    a_lab, b_lab = span("Iran 🇮🇷", STATE, A), span("Iran 🇮🇷", MEDIA, B)
    a_agree, b_agree = span("Путин", STATE, A), span("Путин", STATE, B)
    a_only = span("تهران", STATE, A)
    b_bound = span("مردم می‌خواهند", PROTESTERS, B)
    a_bound = span("مردم", PROTESTERS, A)
    gold = [span("Iran 🇮🇷", MEDIA, GOLD), span("Путин", STATE, GOLD),
            span("می‌خواهند", PROTESTERS, GOLD)]
    decisions = [
        ReviewDecision(doc_id=1, verdict=Verdict.EDIT, source_key=source_key([a_bound, b_bound]),
                       gold_span_uuid=gold[2].uuid),
        ReviewDecision(doc_id=1, verdict=Verdict.REJECT, source_key=source_key([a_only])),
    ]
    pairs = run([a_lab, a_agree, a_only, a_bound], [b_lab, b_agree, b_bound], gold=gold,
                decisions=decisions)
    got = {p.state: p for p in pairs}
    assert got[PairState.LABEL_CONFLICT].resolution is Resolution.ACCEPTED_B
    assert got[PairState.LABEL_CONFLICT].gold == gold[0]
    assert got[PairState.AGREED].resolution is Resolution.ACCEPTED
    assert got[PairState.ONLY_A].resolution is Resolution.REJECTED
    assert got[PairState.BOUNDARY].resolution is Resolution.EDITED
    assert got[PairState.BOUNDARY].decision == decisions[0]
    assert not any(p.needs_review for p in pairs)


def test_unresolved_when_gold_span_is_gone_or_the_source_changed() -> None:
    a, b = span("Путин", STATE, A), span("Путин", MEDIA, B)
    decision = ReviewDecision(doc_id=1, verdict=Verdict.ACCEPT, source_key=source_key([a, b]),
                              gold_span_uuid="deleted-gold-span")
    [pair] = run([a], [b], decisions=[decision])
    assert pair.resolution is None and pair.needs_review
    # ... but a gold span identical to A (made by hand) still settles it.
    [pair] = run([a], [b], decisions=[decision], gold=[span("Путин", STATE, GOLD)])
    assert pair.resolution is Resolution.ACCEPTED_A and pair.decision is None
    reject = ReviewDecision(doc_id=1, verdict=Verdict.REJECT, source_key=source_key([a, b]))
    [pair] = run([a], [b], decisions=[reject])
    assert pair.resolution is Resolution.REJECTED
    # B relabels after the review: a new disagreement, not the one that was rejected.
    b_relabelled = replace(b, label_id=PROTESTERS)
    [pair] = run([a], [b_relabelled], decisions=[reject])
    assert pair.resolution is None


def test_source_key_ignores_side_order() -> None:
    a, b = span("Путин", STATE, A), span("Путин", MEDIA, B)
    assert source_key([a, b]) == source_key([b, a])
    index = GoldIndex([], [ReviewDecision(doc_id=1, verdict=Verdict.REJECT,
                                          source_key=source_key([b, a]))])
    assert index.resolve([a, b])[1] is not None


def test_summary_counts_and_percent_agreement() -> None:
    pairs = run([span("Путин", STATE, A), span("Iran", STATE, A), span("تهران", STATE, A)],
                [span("Путин", STATE, B), span("Iran", MEDIA, B)])
    head = summarize(pairs)
    assert head.total == 3 and head.agreed == 1 and head.disagreements == 2
    assert head.counts[PairState.LABEL_CONFLICT] == 1
    assert head.counts[PairState.ONLY_A] == 1 and head.counts[PairState.ONLY_B] == 0
    assert head.unresolved == 2
    assert head.percent_agreement == pytest.approx(100 / 3)
    empty = summarize([])
    assert empty.total == 0 and empty.percent_agreement is None


_POS = st.tuples(st.integers(0, 30), st.integers(1, 6), st.sampled_from([STATE, MEDIA, NARR]))


@settings(max_examples=200, deadline=None)
@given(st.lists(_POS, max_size=8), st.lists(_POS, max_size=8))
def test_alignment_is_one_to_one_total_and_agrees_with_agreed_groups(
        raw_a: list[tuple[int, int, int]], raw_b: list[tuple[int, int, int]]) -> None:
    def make(raw: list[tuple[int, int, int]], who: int) -> list[Span]:
        return [Span(doc_id=1, annotator_id=who, label_id=lab, start=s, end=s + n,
                     text=TEXT[s:s + n]) for s, n, lab in raw]
    a, b = make(raw_a, A), make(raw_b, B)
    pairs = run(a, b)
    assert sorted(id(p.a) for p in pairs if p.a) == sorted(map(id, a))
    assert sorted(id(p.b) for p in pairs if p.b) == sorted(map(id, b))
    for p in pairs:
        if p.a and p.b:
            assert max(p.a.start, p.b.start) < min(p.a.end, p.b.end)
            assert LAYERS[p.a.label_id] == LAYERS[p.b.label_id] == p.layer
    agreed = {(p.a.uuid, p.b.uuid) for p in pairs if p.state is PairState.AGREED and p.a and p.b}
    assert agreed == {(x.uuid, y.uuid) for x, y in agreed_groups([a, b])}
    # Same answer whatever order the spans arrive in.
    again = run(list(reversed(a)), list(reversed(b)))
    assert [(p.state, p.a and p.a.uuid, p.b and p.b.uuid) for p in again] == [
        (p.state, p.a and p.a.uuid, p.b and p.b.uuid) for p in pairs]
