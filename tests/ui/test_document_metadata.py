"""Issue 10, item 5 in the window: the document list shows and sorts by outlet and date,
its filter box takes ``outlet:`` and ``date:``, and a document's details are edited in
a dialog as one undoable step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from annotator.core.model import Document
from annotator.store import Project
from annotator.ui.details_dialog import DocumentDetailsDialog
from annotator.ui.models.document_list_model import DATE, OUTLET, TITLE
from annotator.ui.workspace import Workspace

from .conftest import OpenWindow, settle, workspace

ARTICLES = [
    ("Kremlin backs Tehran", "Путин поддержал Тегеран 🇷🇺.", {"outlet": "ТАСС",
                                                              "date": "2026-02-03"}),
    ("Protests in Tehran", "مردم می‌خواهند 🇮🇷.", {"outlet": "Radio Farda",
                                                  "date": "2026-01-10T08:00:00Z"}),
    ("Rial falls", "The rial fell again.", {"outlet": "Reuters", "date": "2026-01-20",
                                            "language": "en"}),
    ("Undated note", "No metadata at all.", {}),
]


@pytest.fixture
def news_project(project_file: Path) -> Path:
    with Project.open(project_file) as p:
        for title, text, meta in ARTICLES:
            p.add_document(Document(title=title, text=text, meta=meta))
    return project_file


def shown(ws: Workspace, column: int = TITLE) -> list[str]:
    proxy = ws.doc_list.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def type_filter(qtbot: object, ws: Workspace, text: str) -> None:
    ws.doc_list.filter.clear()
    if text.isascii():
        qtbot.keyClicks(ws.doc_list.filter, text)  # type: ignore[attr-defined]
    else:  # QTest types ASCII only; a paste is what an input method gives too
        ws.doc_list.filter.insert(text)
    settle()


def test_outlet_and_date_columns_sort(qtbot: object, news_project: Path,
                                      open_window: OpenWindow) -> None:
    ws = workspace(open_window(news_project))
    table = ws.doc_list.table
    assert not table.isColumnHidden(OUTLET) and not table.isColumnHidden(DATE)
    assert shown(ws, OUTLET) == ["ТАСС", "Radio Farda", "Reuters", ""]
    assert shown(ws, DATE) == ["2026-02-03", "2026-01-10", "2026-01-20", ""]
    header = table.horizontalHeader()
    date_x = header.sectionViewportPosition(DATE) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                     pos=QPoint(date_x, 5))
    assert shown(ws) == ["Protests in Tehran", "Rial falls", "Kremlin backs Tehran",
                         "Undated note"]  # undated last
    # "Next document" follows the sorted list.
    ws.open_document(ws.documents.id_at(0))
    qtbot.keyClick(ws.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # type: ignore[attr-defined]
    assert ws.doc is not None and ws.doc.title == "Rial falls"
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                     pos=QPoint(date_x, 5))
    assert shown(ws)[:3] == ["Kremlin backs Tehran", "Rial falls", "Protests in Tehran"]
    ws.doc_list.proxy.sort(-1)  # the third click: the project's order again
    assert shown(ws) == [title for title, _, _ in ARTICLES]


def test_the_filter_box_reads_outlet_and_date(qtbot: object, news_project: Path,
                                              open_window: OpenWindow) -> None:
    ws = workspace(open_window(news_project))
    type_filter(qtbot, ws, "outlet:re")
    assert shown(ws) == ["Rial falls"]  # containment, any case, as one types
    type_filter(qtbot, ws, "date:2026-01..2026-01")
    assert shown(ws) == ["Protests in Tehran", "Rial falls"]
    type_filter(qtbot, ws, "date:2026-01 Tehran")
    assert shown(ws) == ["Protests in Tehran"]  # and a word of the title or text
    type_filter(qtbot, ws, "outlet:тасс Путин")
    assert shown(ws) == ["Kremlin backs Tehran"]
    type_filter(qtbot, ws, "language:en")
    assert shown(ws) == ["Rial falls"]
    type_filter(qtbot, ws, "date:2026-13")
    assert ws.doc_list.no_match.isVisible() and "2026-01" in ws.doc_list.no_match.text()
    # Typed key by key: the list keeps what the last good one ("date:2026") chose.
    assert shown(ws) == ["Kremlin backs Tehran", "Protests in Tehran", "Rial falls"]
    type_filter(qtbot, ws, "outlet:BBC")
    assert shown(ws) == [] and ws.doc_list.no_match.text() == "No documents match"


def test_details_are_edited_and_undone_in_one_step(
        qtbot: object, news_project: Path, open_window: OpenWindow,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(news_project)
    ws = workspace(window)
    doc_id = ws.documents.id_at(3)
    ws.open_document(doc_id)

    def fill(parent: object, title: str, meta: dict[str, object]) -> object:
        dialog = DocumentDetailsDialog(None, title, meta)
        qtbot.addWidget(dialog)  # type: ignore[attr-defined]
        dialog.title.setText("")
        qtbot.keyClicks(dialog.title, "Note on the rial")  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.fields["outlet"], "BBC Persian")  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.fields["date"], "2026-03-01")  # type: ignore[attr-defined]
        dialog.findChild(QDialogButtonBox).button(
            QDialogButtonBox.StandardButton.Ok).click()
        assert dialog.result() == dialog.DialogCode.Accepted
        return dialog.details()

    monkeypatch.setattr(DocumentDetailsDialog, "ask", staticmethod(fill))
    qtbot.keyClick(ws.view, Qt.Key.Key_I,  # type: ignore[attr-defined]
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    with Project.open(news_project, read_only=True) as p:
        assert p.document_details(doc_id) == ("Note on the rial", {
            "outlet": "BBC Persian", "date": "2026-03-01"})
    row = ws.documents.row_of(doc_id)
    assert row is not None and ws.documents.index(row, OUTLET).data() == "BBC Persian"
    assert ws.article.title.text() == "Note on the rial"
    qtbot.keyClick(ws.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    with Project.open(news_project, read_only=True) as p:
        assert p.document_details(doc_id) == ("Undated note", {})
    assert ws.documents.index(row, OUTLET).data() == ""
    assert ws.article.title.text() == "Undated note"
    window.undo_group.redo()
    assert ws.article.title.text() == "Note on the rial"


def test_a_bad_date_is_refused_in_the_dialog_keeping_what_was_typed(
        qtbot: object, messages: list[tuple[str, str, str]]) -> None:
    dialog = DocumentDetailsDialog(None, "Title", {"tags": ["a", "b"], "note": "x"})
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    assert dialog.others.rowCount() == 2  # keys beyond the usual ones, a list as JSON
    qtbot.keyClicks(dialog.fields["date"], "15/01/2026")  # type: ignore[attr-defined]
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert messages and "ISO 8601" in messages[-1][2]
    assert dialog.fields["date"].text() == "15/01/2026"
    dialog.fields["date"].setText("2026-01-15")
    assert dialog.details() == ("Title", {"date": "2026-01-15", "note": "x",
                                          "tags": ["a", "b"]})
