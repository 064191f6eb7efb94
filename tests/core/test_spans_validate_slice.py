"""AddSpan checks a span against the stored slice, not the whole text."""

from __future__ import annotations

import pytest

from annotator.core.commands import AddSpan, Batch, Change, merge_changes
from annotator.core.errors import SpanError
from annotator.core.model import Document, Span
from annotator.core.spans import validate_slice
from annotator.store import Project

TEXT = "Iran 🇮🇷 protests — “death to the dictator” café"


def test_document_slice_counts_code_points(project: Project) -> None:
    doc, _ = project.add_document(Document(title="t", text=TEXT))
    assert doc.id is not None
    assert project.document_slice(doc.id, 20, 41) == (len(TEXT), "death to the dictator")
    assert project.document_slice(doc.id, 5, 7) == (len(TEXT), "🇮🇷")


@pytest.mark.parametrize(
    ("start", "end", "text", "message"),
    [(40, 48, "x", "outside"), (3, 3, "", "empty"), (20, 41, "death to the dictatoR", "match")],
)
def test_add_span_refuses_bad_ranges(project: Project, start: int, end: int, text: str,
                                     message: str) -> None:
    doc, _ = project.add_document(Document(title="t", text=TEXT))
    me = project.annotator("me")
    label = project.labels()[0]
    assert doc.id and me.id and label.id
    span = Span(doc_id=doc.id, annotator_id=me.id, label_id=label.id, start=start, end=end,
                text=text)
    with pytest.raises(SpanError, match=message):
        project.apply(AddSpan(span))
    assert project.spans_of_document(doc.id) == []


def test_validate_slice_accepts_exact_text() -> None:
    validate_slice(len(TEXT), 20, 41, "death to the dictator", "death to the dictator")


def test_batch_merges_changes_once(project: Project) -> None:
    doc, _ = project.add_document(Document(title="t", text=TEXT))
    me = project.annotator("me")
    label = project.labels()[0]
    assert doc.id and me.id and label.id
    adds = [AddSpan(Span(doc_id=doc.id, annotator_id=me.id, label_id=label.id, start=s,
                         end=s + 4, text=TEXT[s:s + 4])) for s in (0, 8)]
    change = project.apply(Batch(adds, "two"))
    assert change.doc_ids == {doc.id}
    assert len(change.span_ids) == 2
    assert merge_changes([Change(labels=True), Change(doc_ids=frozenset({3}))]) == Change(
        doc_ids=frozenset({3}), labels=True)
