"""Adjudication into gold against a real project: accept, edit, reject, accept all agreed,
each undone and redone as the window's undo stack would."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import pytest

from annotator.core.commands import AddComment, Command, DeleteSpan, Relabel
from annotator.core.errors import AnnotatorError, SpanError
from annotator.core.model import Comment, Document, Span
from annotator.core.review.adjudicate import (
    AcceptAllAgreed,
    AcceptEdited,
    AcceptSpan,
    Reject,
    Reopen,
)
from annotator.core.review.compare import Pair, PairState, Resolution
from annotator.core.review.decisions import Verdict
from annotator.paths import default_scheme_path
from annotator.store import Project

TEXT = ("Iran 🇮🇷 protests — “death to the dictator” café.\n"
        "Путин наблюдает за Ираном 👀.\n"
        "اعتراض‌ها در تهران ادامه دارد؛ مردم می‌خواهند.\n")


@dataclass
class Review:
    project: Project
    doc: int
    a: int
    b: int
    gold: int

    def label(self, layer: str, name: str) -> int:
        found = self.project.find_label(layer, name)
        assert found is not None and found.id is not None
        return found.id

    def add(self, who: int, fragment: str, name: str = "Media", layer: str = "actor",
            doc: int | None = None, **extra: object) -> Span:
        start = TEXT.index(fragment)
        span = Span(doc_id=doc or self.doc, annotator_id=who, label_id=self.label(layer, name),
                    start=start, end=start + len(fragment), text=fragment, **extra)  # type: ignore[arg-type]
        return self.project.insert_span(span)

    def pairs(self, doc: int | None = None) -> list[Pair]:
        return self.project.compare_document(doc or self.doc, self.a, self.b)

    def pair(self, state: PairState) -> Pair:
        return next(p for p in self.pairs() if p.state is state)

    def gold_spans(self, doc: int | None = None) -> list[Span]:
        return self.project.spans_of_document(doc or self.doc, [self.gold])


@pytest.fixture
def review() -> Iterator[Review]:
    project = Project.memory(scheme=default_scheme_path())
    doc, _ = project.add_document(Document(title="mixed", text=TEXT))
    assert doc.id is not None
    ids = [project.annotator(n).id for n in ("anna", "ben")]
    gold = project.gold().id
    assert ids[0] and ids[1] and gold
    yield Review(project, doc.id, ids[0], ids[1], gold)
    project.close()


def state(r: Review) -> tuple[object, ...]:
    """Everything adjudication may touch, to compare before/after undo."""
    p = r.project
    spans = tuple(sorted((s.uuid, s.annotator_id, s.start, s.end, s.label_id)
                         for d in p.document_ids() for s in p.spans_of_document(d)))
    decisions = tuple(sorted((d.uuid, d.verdict, d.source_key, d.gold_span_uuid)
                             for doc in p.document_ids() for d in p.review_decisions(doc)))
    return spans, decisions


def do_undo_redo(r: Review, command: Command) -> None:
    """Apply, undo (state back as before), redo (state as after the first do)."""
    before = state(r)
    r.project.apply(command)
    after = state(r)
    r.project.revert(command)
    assert state(r) == before
    r.project.apply(command)
    assert state(r) == after


def test_accept_a_lands_in_gold_and_undo_takes_it_back(review: Review) -> None:
    a = review.add(review.a, "Iran 🇮🇷", "State/Government", note="the state",
                   attributes={"certain": True})
    review.add(review.b, "Iran 🇮🇷", "Media")
    pair = review.pair(PairState.LABEL_CONFLICT)
    assert pair.needs_review
    command = AcceptSpan(pair.a, review.gold, pair=pair, reviewer="lead")  # type: ignore[arg-type]
    change = review.project.apply(command)
    [gold] = review.gold_spans()
    assert (gold.start, gold.end, gold.text, gold.label_id) == (a.start, a.end, "Iran 🇮🇷",
                                                                 a.label_id)
    assert (gold.note, gold.attributes, gold.annotator_id) == ("the state", {"certain": True},
                                                              review.gold)
    assert gold.uuid != a.uuid and gold.id in change.span_ids and review.doc in change.doc_ids
    assert review.pair(PairState.LABEL_CONFLICT).resolution is Resolution.ACCEPTED_A
    assert set(review.project.sources_of_gold_span(gold.uuid)) == {a.uuid, pair.b.uuid}  # type: ignore[union-attr]
    [decision] = review.project.review_decisions(review.doc)
    assert decision.verdict is Verdict.ACCEPT and decision.reviewer == "lead"

    review.project.revert(command)
    assert review.gold_spans() == []
    assert review.project.review_decisions(review.doc) == []
    assert review.pair(PairState.LABEL_CONFLICT).needs_review
    review.project.apply(command)  # redo: the same gold span again
    assert [s.uuid for s in review.gold_spans()] == [gold.uuid]


def test_accept_b_after_a_replaces_gold_and_undo_restores_a(review: Review) -> None:
    review.add(review.a, "Путин", "State/Government")
    b = review.add(review.b, "Путин", "Head of state/government")
    pair = review.pair(PairState.LABEL_CONFLICT)
    review.project.apply(AcceptSpan(pair.a, review.gold, pair=pair))  # type: ignore[arg-type]
    [gold_a] = review.gold_spans()
    assert gold_a.label_id != b.label_id
    review.project.apply(AcceptSpan(pair.b, review.gold, pair=pair))  # type: ignore[arg-type]
    [gold_b] = review.gold_spans()
    assert gold_b.label_id == b.label_id
    assert review.pair(PairState.LABEL_CONFLICT).resolution is Resolution.ACCEPTED_B
    assert len(review.project.review_decisions(review.doc)) == 1
    accept_b = AcceptSpan(pair.b, review.gold, pair=pair)  # type: ignore[arg-type]
    review.project.apply(accept_b)  # accepting B again changes nothing
    assert accept_b.commands == [] and [s.uuid for s in review.gold_spans()] == [gold_b.uuid]


def test_accept_b_replace_is_one_undo_step(review: Review) -> None:
    review.add(review.a, "Путин", "State/Government")
    review.add(review.b, "Путин", "Head of state/government")
    pair = review.pair(PairState.LABEL_CONFLICT)
    review.project.apply(AcceptSpan(pair.a, review.gold, pair=pair))  # type: ignore[arg-type]
    do_undo_redo(review, AcceptSpan(pair.b, review.gold, pair=pair))  # type: ignore[arg-type]


def test_accept_one_sided_span_without_a_pair(review: Review) -> None:
    only = review.add(review.b, "👀", "Media")
    do_undo_redo(review, AcceptSpan(only, review.gold))
    assert review.pair(PairState.ONLY_B).resolution is Resolution.ACCEPTED_B
    [gold] = review.gold_spans()
    assert gold.text == "👀" and review.project.sources_of_gold_span(gold.uuid) == [only.uuid]


def test_accept_edited_snaps_to_words_and_keeps_the_layer(review: Review) -> None:
    review.add(review.a, "مردم", "Protesters/Civil society")
    review.add(review.b, "مردم می‌خواهند", "Protesters/Civil society")
    pair = review.pair(PairState.BOUNDARY)
    inside = TEXT.index("می‌خواهند") + 2  # mid-word, past the ZWNJ-joined prefix
    protesters = review.label("actor", "Protesters/Civil society")
    command = AcceptEdited(pair, review.gold, start=inside, end=inside + 3, label_id=protesters)
    do_undo_redo(review, command)
    [gold] = review.gold_spans()
    assert gold.text == "می‌خواهند"  # widened to the whole word, ZWNJ kept
    assert review.pair(PairState.BOUNDARY).resolution is Resolution.EDITED


def test_accept_edited_refuses_bad_ranges_and_other_layers(review: Review) -> None:
    review.add(review.a, "café", "Media")
    review.add(review.b, "“death to the dictator” café", "Media")
    pair = review.pair(PairState.BOUNDARY)
    blank = TEXT.index("” café")
    before = state(review)
    with pytest.raises(SpanError):
        review.project.apply(AcceptEdited(pair, review.gold, start=blank, end=blank + 2))
    with pytest.raises(SpanError):
        review.project.apply(AcceptEdited(pair, review.gold, start=0, end=4,
                                          label_id=review.label("stance", "Supports")))
    with pytest.raises(SpanError):
        review.project.apply(AcceptEdited(pair, review.gold, start=0, end=len(TEXT) + 5))
    assert state(review) == before


def test_reject_is_recorded_and_undone(review: Review) -> None:
    review.add(review.a, "تهران", "State/Government")
    pair = review.pair(PairState.ONLY_A)
    command = Reject(pair, review.gold, reviewer="lead")
    do_undo_redo(review, command)
    assert review.pair(PairState.ONLY_A).resolution is Resolution.REJECTED
    [decision] = review.project.review_decisions(review.doc)
    assert decision.verdict is Verdict.REJECT and decision.gold_span_uuid is None
    assert review.gold_spans() == []
    review.project.revert(command)
    assert review.pair(PairState.ONLY_A).needs_review
    assert review.project.review_decision_count() == 0


def test_reject_after_accept_removes_the_gold_span_and_reopen_clears_all(review: Review) -> None:
    review.add(review.a, "Путин", "State/Government")
    review.add(review.b, "Путин наблюдает", "State/Government")
    pair = review.pair(PairState.BOUNDARY)
    review.project.apply(AcceptSpan(pair.b, review.gold, pair=pair))  # type: ignore[arg-type]
    do_undo_redo(review, Reject(pair, review.gold))
    assert review.gold_spans() == []
    assert review.pair(PairState.BOUNDARY).resolution is Resolution.REJECTED
    do_undo_redo(review, Reopen(pair, review.gold))
    assert review.pair(PairState.BOUNDARY).needs_review
    assert review.project.review_decision_count() == 0


def test_deleting_the_gold_span_reopens_the_disagreement(review: Review) -> None:
    review.add(review.a, "Ираном", "State/Government")
    review.add(review.b, "Ираном", "Media")
    pair = review.pair(PairState.LABEL_CONFLICT)
    review.project.apply(AcceptSpan(pair.a, review.gold, pair=pair))  # type: ignore[arg-type]
    [gold] = review.gold_spans()
    assert gold.id is not None
    delete = DeleteSpan(gold.id)
    review.project.apply(delete)
    assert review.pair(PairState.LABEL_CONFLICT).needs_review
    review.project.revert(delete)  # the same uuid comes back, and with it the provenance
    assert review.pair(PairState.LABEL_CONFLICT).resolution is Resolution.ACCEPTED_A


def test_a_colleague_relabelling_after_review_reopens_it(review: Review) -> None:
    review.add(review.a, "Ираном", "State/Government")
    b = review.add(review.b, "Ираном", "Media")
    review.project.apply(Reject(review.pair(PairState.LABEL_CONFLICT), review.gold))
    assert b.id is not None
    review.project.apply(Relabel(b.id, review.label("actor", "Security forces")))
    assert review.pair(PairState.LABEL_CONFLICT).needs_review


def test_reviewer_comment_on_a_gold_span(review: Review) -> None:
    only = review.add(review.a, "👀", "Media")
    review.project.apply(AcceptSpan(only, review.gold))
    [gold] = review.gold_spans()
    assert gold.id is not None
    comment = AddComment(Comment(span_id=gold.id, author="lead", text="emoji as actor?"))
    change = review.project.apply(comment)
    assert change.comments and [c.text for c in review.project.comments_of_span(gold.id)] == [
        "emoji as actor?"]


def test_compare_against_gold_and_accepting_a_replaces_golds_span(review: Review) -> None:
    a = review.add(review.a, "Iran 🇮🇷", "State/Government")
    review.add(review.gold, "Iran 🇮🇷", "Media")
    [pair] = review.project.compare_document(review.doc, review.a, review.gold)
    assert pair.state is PairState.LABEL_CONFLICT and pair.resolution is None
    do_undo_redo(review, AcceptSpan(a, review.gold, pair=pair))
    [gold] = review.gold_spans()
    assert gold.label_id == a.label_id
    [pair] = review.project.compare_document(review.doc, review.a, review.gold)
    assert pair.state is PairState.AGREED


# -- accept all agreed ---------------------------------------------------------------------

def seed_agreement(r: Review, doc: int) -> None:
    for fragment, name in (("Iran 🇮🇷", "State/Government"), ("Путин", "Head of state/government"),
                           ("مردم", "Protesters/Civil society")):
        r.add(r.a, fragment, name, doc=doc)
        r.add(r.b, fragment, name, doc=doc)
    r.add(r.a, "تهران", "Media", doc=doc)  # disagreements are left alone
    r.add(r.a, "👀", "Media", doc=doc)
    r.add(r.b, "👀", "State/Government", doc=doc)


def test_accept_all_agreed_on_a_document(review: Review) -> None:
    seed_agreement(review, review.doc)
    command = AcceptAllAgreed([review.doc], [review.a, review.b], review.gold)
    do_undo_redo(review, command)
    assert (command.accepted, command.skipped, command.documents) == (3, 0, 1)
    assert sorted(s.text for s in review.gold_spans()) == sorted(["Iran 🇮🇷", "Путин", "مردم"])
    agreed = [p for p in review.pairs() if p.state is PairState.AGREED]
    assert len(agreed) == 3 and all(p.resolution is Resolution.ACCEPTED for p in agreed)
    assert sum(p.needs_review for p in review.pairs()) == 2


def test_accept_all_agreed_on_the_corpus_is_idempotent(review: Review) -> None:
    other, _ = review.project.add_document(Document(title="copy", text=TEXT + "\n"))
    assert other.id is not None
    for doc in (review.doc, other.id):
        seed_agreement(review, doc)
    # Gold already has one of them (made by hand): it is skipped, not doubled.
    review.add(review.gold, "Путин", "Head of state/government")
    docs = review.project.documents_with_spans_of([review.a, review.b], every=True)
    assert docs == [review.doc, other.id]
    first = AcceptAllAgreed(docs, [review.a, review.b], review.gold)
    review.project.apply(first)
    assert (first.accepted, first.skipped, first.documents) == (5, 1, 2)
    assert len(review.gold_spans()) == 3 and len(review.gold_spans(other.id)) == 3
    before = state(review)
    second = AcceptAllAgreed(docs, [review.a, review.b], review.gold)
    review.project.apply(second)
    assert (second.accepted, second.skipped) == (0, 6) and second.commands == []
    assert state(review) == before
    # A reviewer deletes one accepted gold span: the next run puts it back, nothing else.
    victim = review.gold_spans(other.id)[0]
    assert victim.id is not None
    delete = DeleteSpan(victim.id)
    review.project.apply(delete)
    third = AcceptAllAgreed(docs, [review.a, review.b], review.gold)
    review.project.apply(third)
    assert (third.accepted, third.skipped) == (1, 5)
    assert sorted(s.text for s in review.gold_spans(other.id)) == sorted(
        ["Iran 🇮🇷", "Путин", "مردم"])
    review.project.revert(third)
    review.project.revert(delete)
    review.project.revert(first)  # one undo step for the whole corpus
    assert [s.text for s in review.gold_spans()] == ["Путин"]
    assert review.gold_spans(other.id) == []


def test_accept_all_agreed_leaves_rejected_and_edited_groups_alone(review: Review) -> None:
    review.add(review.a, "Путин", "State/Government")
    review.add(review.b, "Путин", "State/Government")
    review.project.apply(Reject(review.pair(PairState.AGREED), review.gold))
    command = AcceptAllAgreed([review.doc], [review.a, review.b], review.gold)
    review.project.apply(command)
    assert (command.accepted, command.skipped) == (0, 1) and review.gold_spans() == []


def test_accept_all_agreed_with_three_annotators_needs_all_three(review: Review) -> None:
    c = review.project.annotator("cyrus").id
    assert c is not None
    for who in (review.a, review.b, c):
        review.add(who, "Путин", "State/Government")
    review.add(review.a, "Ираном", "Media")
    review.add(review.b, "Ираном", "Media")
    command = AcceptAllAgreed([review.doc], [review.a, review.b, c], review.gold)
    review.project.apply(command)
    assert [s.text for s in review.gold_spans()] == ["Путин"]
    [gold] = review.gold_spans()
    assert len(review.project.sources_of_gold_span(gold.uuid)) == 3


def test_accept_all_agreed_refuses_nonsense(review: Review) -> None:
    with pytest.raises(ValueError):
        AcceptAllAgreed([review.doc], [review.a], review.gold)
    with pytest.raises(ValueError):
        AcceptAllAgreed([review.doc], [review.a, review.gold], review.gold)


def test_documents_with_spans_of(review: Review) -> None:
    second, _ = review.project.add_document(Document(title="two", text=TEXT + " "))
    third, _ = review.project.add_document(Document(title="three", text=TEXT + "  "))
    assert second.id and third.id
    review.add(review.a, "Путин", doc=second.id)
    review.add(review.b, "Путин", doc=third.id)
    review.add(review.a, "Путин", doc=third.id)
    assert review.project.documents_with_spans_of([review.a, review.b]) == [second.id, third.id]
    assert review.project.documents_with_spans_of([review.a, review.b], every=True) == [third.id]
    assert review.project.documents_with_spans_of([]) == []
    spans = review.project.spans_by_annotators(third.id, [review.a, review.b, review.gold])
    assert [len(spans[i]) for i in (review.a, review.b, review.gold)] == [1, 1, 0]


def test_comparing_an_annotator_with_themself_is_refused(review: Review) -> None:
    with pytest.raises(AnnotatorError):
        review.project.compare_document(review.doc, review.a, review.a)


def test_accept_span_must_belong_to_the_pair(review: Review) -> None:
    review.add(review.a, "Путин", "State/Government")
    stranger = review.add(review.b, "👀", "Media")
    pair = review.pair(PairState.ONLY_A)
    with pytest.raises(ValueError):
        AcceptSpan(replace(stranger), review.gold, pair=pair)


def test_a_verdict_uses_the_spans_as_they_are_now(review: Review) -> None:
    review.add(review.a, "Путин", "State/Government")
    b = review.add(review.b, "Путин", "Media")
    stale = review.pair(PairState.LABEL_CONFLICT)
    assert b.id is not None
    review.project.apply(Relabel(b.id, review.label("actor", "Security forces")))
    review.project.apply(AcceptSpan(stale.b, review.gold, pair=stale))  # type: ignore[arg-type]
    [gold] = review.gold_spans()
    assert gold.label_id == review.label("actor", "Security forces")
    assert review.pair(PairState.LABEL_CONFLICT).resolution is Resolution.ACCEPTED_B
    review.project.apply(DeleteSpan(b.id))
    with pytest.raises(AnnotatorError):
        review.project.apply(Reject(stale, review.gold))
