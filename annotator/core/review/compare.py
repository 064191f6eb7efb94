"""Compare two annotators on one document: align their spans and classify each pair.

Usage::

    pairs = compare(spans_a, spans_b, layer_of={label.id: label.layer for label in labels},
                    gold=gold_spans, decisions=decisions)
    header = summarize(pairs)

Alignment is one-to-one within a layer. Candidate pairs (spans that share at least one
code point) are taken greedily, best first: higher overlap relative to the union of both
ranges (Jaccard, so same boundaries beat a same-label span that merely contains the
other); then same label (so identical spans always pair); then more code points shared;
remaining ties by position and uuid, so the result never depends on the order the spans
arrived in. Spans left over are one-sided.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from annotator.core.model import LAYERS, Span
from annotator.core.review.decisions import ReviewDecision, Verdict, source_key
from annotator.core.spans import overlap


class PairState(StrEnum):
    AGREED = "agreed"  # same start, end and label
    LABEL_CONFLICT = "label_conflict"  # same start and end, different label
    BOUNDARY = "boundary"  # overlapping, same label, different boundaries
    BOUNDARY_AND_LABEL = "boundary_and_label"  # overlapping, both differ
    ONLY_A = "only_a"
    ONLY_B = "only_b"

    @property
    def is_disagreement(self) -> bool:
        return self is not PairState.AGREED


class Resolution(StrEnum):
    """How gold (or a reviewer's reject) settles a pair."""

    ACCEPTED = "accepted"  # gold holds the span both annotators agree on
    ACCEPTED_A = "accepted_a"  # gold holds A's span (start, end, label)
    ACCEPTED_B = "accepted_b"
    EDITED = "edited"  # gold holds a span made from this pair, matching neither side
    REJECTED = "rejected"  # reviewed: nothing goes to gold


def same_extent(x: Span, y: Span) -> bool:
    return x.start == y.start and x.end == y.end and x.label_id == y.label_id


@dataclass(frozen=True, slots=True)
class Pair:
    """One aligned pair, or a one-sided span, of a document."""

    state: PairState
    layer: str
    a: Span | None
    b: Span | None
    gold: Span | None = None  # the gold span that resolves this pair, if any
    decision: ReviewDecision | None = None  # the reviewer's recorded decision, if any

    @property
    def sources(self) -> tuple[Span, ...]:
        return tuple(s for s in (self.a, self.b) if s is not None)

    @property
    def doc_id(self) -> int:
        return self.sources[0].doc_id

    @property
    def start(self) -> int:
        """Start of the range to show (covers both spans)."""
        return min(s.start for s in self.sources)

    @property
    def end(self) -> int:
        return max(s.end for s in self.sources)

    @property
    def key(self) -> str:
        """What a review decision on this pair is recorded under."""
        return source_key(self.sources)

    @property
    def is_disagreement(self) -> bool:
        return self.state.is_disagreement

    @property
    def resolution(self) -> Resolution | None:
        if self.decision is not None and self.decision.verdict == Verdict.REJECT:
            return Resolution.REJECTED
        gold = self.gold
        if gold is None:
            return None
        on_a = self.a is not None and same_extent(gold, self.a)
        on_b = self.b is not None and same_extent(gold, self.b)
        if on_a and on_b:
            return Resolution.ACCEPTED
        if on_a:
            return Resolution.ACCEPTED_A
        if on_b:
            return Resolution.ACCEPTED_B
        return Resolution.EDITED

    @property
    def resolved(self) -> bool:
        return self.resolution is not None

    @property
    def needs_review(self) -> bool:
        """A disagreement nobody has settled yet."""
        return self.is_disagreement and not self.resolved


class GoldIndex:
    """Finds what settles a set of source spans: a live decision, or a gold span.

    A recorded accept/edit counts only while its gold span still exists (deleting the gold
    span reopens the disagreement). Without a decision, a gold span identical (start, end,
    label) to one of the sources counts as accepting that source.
    """

    def __init__(self, gold: Iterable[Span], decisions: Iterable[ReviewDecision]) -> None:
        self._by_uuid: dict[str, Span] = {}
        self._by_extent: dict[tuple[int, int, int], Span] = {}
        for span in sorted(gold, key=lambda s: (s.start, s.end, s.uuid)):
            self._by_uuid[span.uuid] = span
            self._by_extent.setdefault((span.start, span.end, span.label_id), span)
        self._decisions: dict[str, ReviewDecision] = {}
        for decision in decisions:  # later decisions win
            self._decisions[decision.source_key] = decision

    def resolve(self, sources: Sequence[Span], key: str | None = None
                ) -> tuple[Span | None, ReviewDecision | None]:
        """(gold span, decision) settling ``sources``; ``key`` is their ``source_key`` if
        the caller has it already."""
        decision = self._decisions.get(source_key(sources) if key is None else key)
        if decision is not None:
            if decision.verdict == Verdict.REJECT:
                return None, decision
            gold = self._by_uuid.get(decision.gold_span_uuid or "")
            if gold is not None:
                return gold, decision
        for source in sources:
            gold = self._by_extent.get((source.start, source.end, source.label_id))
            if gold is not None:
                return gold, None
        return None, None


def compare(
    spans_a: Iterable[Span],
    spans_b: Iterable[Span],
    *,
    layer_of: Mapping[int, str],
    gold: Iterable[Span] = (),
    decisions: Iterable[ReviewDecision] = (),
) -> list[Pair]:
    """Align and classify two annotators' spans of one document, sorted by position.

    ``layer_of`` maps label id to layer. ``gold`` and ``decisions`` (both optional) fill
    in each pair's ``gold``/``decision``; leave ``gold`` empty when B *is* gold.
    """
    by_layer: dict[str, tuple[list[Span], list[Span]]] = {}
    for side, spans in enumerate((spans_a, spans_b)):
        for span in spans:
            by_layer.setdefault(layer_of[span.label_id], ([], []))[side].append(span)
    index = GoldIndex(gold, decisions)
    pairs: list[Pair] = []
    for layer, (side_a, side_b) in by_layer.items():
        for a, b in align(side_a, side_b):
            state = classify(a, b)
            sources = [s for s in (a, b) if s is not None]
            gold_span, decision = index.resolve(sources)
            pairs.append(Pair(state, layer, a, b, gold_span, decision))
    pairs.sort(key=_position_key)
    return pairs


def align(side_a: Sequence[Span], side_b: Sequence[Span]
          ) -> list[tuple[Span | None, Span | None]]:
    """One-to-one alignment of two lists of spans (of one layer); see the module doc."""
    ranked = sorted(_candidates(side_a, side_b), key=lambda ab: _rank(*ab))
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    out: list[tuple[Span | None, Span | None]] = []
    for a, b in ranked:
        if id(a) in taken_a or id(b) in taken_b:
            continue
        taken_a.add(id(a))
        taken_b.add(id(b))
        out.append((a, b))
    out.extend((a, None) for a in side_a if id(a) not in taken_a)
    out.extend((None, b) for b in side_b if id(b) not in taken_b)
    return out


def _candidates(side_a: Sequence[Span], side_b: Sequence[Span]) -> Iterable[tuple[Span, Span]]:
    b_sorted = sorted(side_b, key=lambda s: s.start)
    for a in side_a:
        for b in b_sorted:
            if b.start >= a.end:
                break
            if b.end > a.start:
                yield a, b


def _rank(a: Span, b: Span) -> tuple[object, ...]:
    shared = overlap(a.start, a.end, b.start, b.end)
    union = max(a.end, b.end) - min(a.start, b.start)
    # Equal ratios of small integers divide to equal floats, so ties stay ties.
    # Identical spans come first without a term of their own: ratio 1, same label.
    return (-shared / union, a.label_id != b.label_id, -shared,
            a.start, a.end, b.start, b.end, a.uuid, b.uuid)


def classify(a: Span | None, b: Span | None) -> PairState:
    if a is None and b is None:
        raise ValueError("a pair needs at least one span")
    if b is None:
        return PairState.ONLY_A
    if a is None:
        return PairState.ONLY_B
    same_label = a.label_id == b.label_id
    if a.start == b.start and a.end == b.end:
        return PairState.AGREED if same_label else PairState.LABEL_CONFLICT
    if overlap(a.start, a.end, b.start, b.end) == 0:
        raise ValueError("spans that do not overlap are not a pair")
    return PairState.BOUNDARY if same_label else PairState.BOUNDARY_AND_LABEL


_LAYER_RANK = {str(layer): i for i, layer in enumerate(LAYERS)}
_STATE_RANK = {state: i for i, state in enumerate(PairState)}


def _position_key(pair: Pair) -> tuple[object, ...]:
    return (pair.start, pair.end, _LAYER_RANK.get(pair.layer, len(_LAYER_RANK)), pair.layer,
            _STATE_RANK[pair.state], pair.a.uuid if pair.a else "", pair.b.uuid if pair.b else "")


@dataclass(frozen=True, slots=True)
class CompareSummary:
    """The compare view's header for one document (or any selection of pairs).

    ``percent_agreement`` is agreed pairs over all pairs, one-sided spans counting as a
    pair each, ×100; ``None`` (not defined) when neither side has a span.
    """

    counts: Mapping[PairState, int]
    total: int
    agreed: int
    disagreements: int
    unresolved: int  # disagreements with no gold span and no reject yet
    percent_agreement: float | None


def summarize(pairs: Iterable[Pair]) -> CompareSummary:
    counts = dict.fromkeys(PairState, 0)
    unresolved = 0
    for pair in pairs:
        counts[pair.state] += 1
        unresolved += pair.needs_review
    total = sum(counts.values())
    agreed = counts[PairState.AGREED]
    return CompareSummary(
        counts=counts, total=total, agreed=agreed, disagreements=total - agreed,
        unresolved=unresolved,
        percent_agreement=100.0 * agreed / total if total else None,
    )
