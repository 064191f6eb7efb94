"""Switching documents, undo across documents, marking done, finding text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.core.model import Status
from annotator.ui.models.document_list_model import STATUS
from annotator.ui.workspace import Workspace

from .conftest import MIXED_TEXT, SECOND_TEXT, OpenWindow, workspace


def _tag(qtbot: object, ws: Workspace, text: str, word: str, key: Qt.Key) -> int:
    i = text.index(word)
    ws.view.select_range(i, i + len(word))
    qtbot.keyClick(ws.view, key)  # type: ignore[attr-defined]
    span_id = ws.view.selected_span
    assert span_id is not None
    return span_id


def test_keys_switch_documents_and_each_shows_its_own_spans(
        qtbot: object, mixed_project: Path, open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    assert ws.doc is not None and ws.doc.title == "Mixed scripts"
    _tag(qtbot, ws, MIXED_TEXT, "protests", Qt.Key.Key_1)
    qtbot.keyClick(ws.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # type: ignore[attr-defined]
    assert ws.doc.title == "Second article"
    assert ws.view.text() == SECOND_TEXT
    assert ws.spans.rowCount() == 0
    assert ws.doc_list.current_id() == ws.doc_id
    _tag(qtbot, ws, SECOND_TEXT, "Moscow", Qt.Key.Key_2)
    qtbot.keyClick(ws.view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert ws.doc.title == "Mixed scripts"
    assert [ws.spans.span_of(i).text for i in ws.spans.ids] == ["protests"]  # type: ignore[union-attr]
    # The list shows each document's count for me.
    counts = {ws.documents.row_data(i).title: ws.documents.row_data(i).span_count
              for i in ws.documents.ids}
    assert counts == {"Mixed scripts": 1, "Second article": 1}


def test_undo_of_an_edit_in_another_document_shows_that_document(
        qtbot: object, mixed_project: Path, open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    first_doc = ws.doc_id
    span_id = _tag(qtbot, ws, MIXED_TEXT, "Путин", Qt.Key.Key_1)
    ws.go(1)
    assert ws.doc_id != first_doc
    qtbot.keyClick(ws.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert ws.doc_id == first_doc  # the undone edit is shown where it happened
    assert not ws.view.has_span(span_id) and ws.spans.rowCount() == 0
    assert window.project is not None
    assert window.project.spans_of_document(first_doc) == []  # type: ignore[arg-type]
    ws.go(1)
    qtbot.keyClick(ws.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert ws.doc_id == first_doc and ws.view.has_span(span_id)
    assert ws.view.selected_span == span_id


def test_mark_done_and_next_unfinished(qtbot: object, mixed_project: Path,
                                       open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    first = ws.doc_id
    qtbot.keyClick(ws.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert ws.status() == Status.DONE
    assert ws.article.done_button.text() == "Reopen"
    assert "done" in ws.documents.index(ws.documents.row_of(first) or 0, STATUS).data()
    qtbot.keyClick(ws.view, Qt.Key.Key_N,  # type: ignore[attr-defined]
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert ws.doc_id != first
    qtbot.keyClick(ws.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    ws.go_unfinished()
    assert ws.doc_id != first  # nothing else left: stays, says so
    qtbot.keyClick(ws.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert ws.status() != Status.DONE


def test_filter_box_then_down_opens_the_match(qtbot: object, mixed_project: Path,
                                              open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    qtbot.keyClick(ws.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert ws.doc_list.filter.hasFocus()
    qtbot.keyClicks(ws.doc_list.filter, "second")  # type: ignore[attr-defined]
    assert ws.doc_list.proxy.rowCount() == 1
    qtbot.keyClick(ws.doc_list.filter, Qt.Key.Key_Down)  # type: ignore[attr-defined]
    assert ws.doc is not None and ws.doc.title == "Second article"


def test_find_selects_text_by_code_points(qtbot: object, mixed_project: Path,
                                          open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    qtbot.keyClick(ws.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert ws.article.find_bar.isVisible()
    qtbot.keyClicks(ws.article.find_bar.query, "DICTATOR")  # type: ignore[attr-defined]
    qtbot.keyClick(ws.article.find_bar.query, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    start = MIXED_TEXT.index("dictator")  # after the flag: UTF-16 would be 2 further on
    assert ws.view.selected_range() == (start, start + len("dictator"))
    qtbot.keyClick(ws.article.find_bar.query, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert not ws.article.find_bar.isVisible()
    qtbot.keyClick(ws.view, Qt.Key.Key_5)  # type: ignore[attr-defined]
    span = ws.spans.span_of(ws.spans.id_at(0))
    assert span is not None and (span.start, span.text) == (start, "dictator")
