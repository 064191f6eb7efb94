"""Next/previous disagreement across documents, as the compare view's keys use it."""

from __future__ import annotations

from annotator.core.model import Span
from annotator.core.review.compare import Pair, compare
from annotator.core.review.decisions import ReviewDecision, Verdict, source_key
from annotator.core.review.navigate import disagreements_across_corpus, step_disagreement

LAYERS = {1: "actor", 2: "actor"}


def s(doc: int, who: int, start: int, end: int, label: int = 1) -> Span:
    return Span(doc_id=doc, annotator_id=who, label_id=label, start=start, end=end,
                text="x" * (end - start), uuid=f"{doc}-{who}-{start}-{end}-{label}")


# doc 1: agreed, conflict, agreed     doc 2: agreed only     doc 3: only-A, agreed, only-B
CORPUS: dict[int, tuple[list[Span], list[Span]]] = {
    1: ([s(1, 0, 0, 3), s(1, 0, 5, 8), s(1, 0, 10, 12)],
        [s(1, 1, 0, 3), s(1, 1, 5, 8, 2), s(1, 1, 10, 12)]),
    2: ([s(2, 0, 0, 3)], [s(2, 1, 0, 3)]),
    3: ([s(3, 0, 0, 2), s(3, 0, 4, 6)], [s(3, 1, 4, 6), s(3, 1, 8, 9)]),
}
DOCS = [1, 2, 3]
CALLS: list[int] = []


def pairs_of(doc_id: int, decisions: tuple[ReviewDecision, ...] = ()) -> list[Pair]:
    CALLS.append(doc_id)
    a, b = CORPUS[doc_id]
    return compare(a, b, layer_of=LAYERS, decisions=decisions)


def where(hit: object) -> tuple[int, int] | None:
    return None if hit is None else (hit.doc_id, hit.index)  # type: ignore[attr-defined]


def test_all_disagreements_in_corpus_order() -> None:
    found = list(disagreements_across_corpus((d, pairs_of(d)) for d in DOCS))
    assert [(x.doc_id, x.index) for x in found] == [(1, 1), (3, 0), (3, 2)]
    assert all(x.pair.is_disagreement for x in found)


def test_next_skips_agreements_and_documents_without_disagreement() -> None:
    assert where(step_disagreement(DOCS, pairs_of, doc_id=1, index=None)) == (1, 1)
    assert where(step_disagreement(DOCS, pairs_of, doc_id=1, index=1)) == (3, 0)
    assert where(step_disagreement(DOCS, pairs_of, doc_id=3, index=0)) == (3, 2)


def test_next_wraps_round_the_corpus_or_stops() -> None:
    assert where(step_disagreement(DOCS, pairs_of, doc_id=3, index=2)) == (1, 1)
    assert step_disagreement(DOCS, pairs_of, doc_id=3, index=2, wrap=False) is None


def test_previous() -> None:
    assert where(step_disagreement(DOCS, pairs_of, doc_id=3, index=2, backward=True)) == (3, 0)
    assert where(step_disagreement(DOCS, pairs_of, doc_id=3, index=0, backward=True)) == (1, 1)
    assert where(step_disagreement(DOCS, pairs_of, doc_id=2, index=None, backward=True)) == (
        1, 1)
    assert where(step_disagreement(DOCS, pairs_of, doc_id=1, index=1, backward=True)) == (3, 2)
    assert step_disagreement(DOCS, pairs_of, doc_id=1, index=1, backward=True,
                             wrap=False) is None


def test_only_disagreement_wraps_to_itself_and_unknown_document_starts_at_the_edge() -> None:
    only_doc1 = [1, 2]
    assert where(step_disagreement(only_doc1, pairs_of, doc_id=1, index=1)) == (1, 1)
    assert where(step_disagreement(DOCS, pairs_of, doc_id=42, index=None)) == (1, 1)
    assert where(step_disagreement(DOCS, pairs_of, doc_id=None, backward=True)) == (3, 2)
    assert step_disagreement([], pairs_of, doc_id=None) is None


def test_unresolved_only_skips_what_the_reviewer_settled() -> None:
    a, b = CORPUS[1]
    rejected = (ReviewDecision(doc_id=1, verdict=Verdict.REJECT,
                               source_key=source_key([a[1], b[1]])),)

    def reviewed(doc_id: int) -> list[Pair]:
        return pairs_of(doc_id, rejected if doc_id == 1 else ())

    assert where(step_disagreement(DOCS, reviewed, doc_id=1, index=None)) == (1, 1)
    assert where(step_disagreement(DOCS, reviewed, doc_id=1, index=None,
                                   unresolved_only=True)) == (3, 0)


def test_documents_are_compared_only_as_far_as_the_jump_needs() -> None:
    CALLS.clear()
    step_disagreement(DOCS, pairs_of, doc_id=1, index=None)
    assert CALLS == [1]
