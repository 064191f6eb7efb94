"""A change naming many spans (a corpus-wide batch) updates the open document's views
from one query, and only with the spans of that document."""

from __future__ import annotations

from pathlib import Path

from annotator.core.commands import AddSpan, Batch
from annotator.core.model import Document, Span

from .conftest import OpenWindow, settle, workspace


def test_a_large_batch_across_documents_reaches_the_open_document(
        qtbot: object, mixed_project: Path, open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    project = window.project
    assert project is not None
    other, _ = project.add_document(Document(title="Other", text="Tehran and Moscow agree.\n"))
    doc_id = ws.documents.ids[0]
    ws.open_document(doc_id)
    text = project.document_text(doc_id)
    before_rows = ws.spans.rowCount()
    me = ws.controller.annotator
    label = project.labels()[0]
    assert me.id and label.id and other.id
    here = [AddSpan(Span(doc_id=doc_id, annotator_id=me.id, label_id=label.id, start=i,
                         end=i + 1, text=text[i])) for i in range(40) if not text[i].isspace()]
    there = [AddSpan(Span(doc_id=other.id, annotator_id=me.id, label_id=label.id, start=0,
                          end=6, text="Tehran")) for _ in range(60)]
    assert ws.controller.push(Batch(here + there, "many"))
    settle()
    assert ws.spans.rowCount() == before_rows + len(here)
    shown = {item.id for item in ws.view._index.items()}
    assert {c.span.id for c in here} <= shown
    assert not {c.span.id for c in there} & shown
    ws.controller.undo_stack.undo()
    settle()
    assert ws.spans.rowCount() == before_rows
    assert not {c.span.id for c in here} & {item.id for item in ws.view._index.items()}
