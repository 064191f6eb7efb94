"""Edit → Search the corpus: results as you type from the index, a scan on Enter, tag
from the results in one undo step, open a hit in the article."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Document
from annotator.store import Project
from annotator.ui.corpus_search import COVERED, MATCH, CorpusSearch, open_search
from annotator.ui.main_window import MainWindow

from .conftest import OpenWindow, settle, workspace

TEXTS = [
    ("One", "The Kremlin said the Kremlin backs Tehran 🇮🇷.\nمردم می‌خواهند."),
    ("Two", "Kremlin officials met. No flags here."),
    ("Three", "Nothing to see; KREMLIN in capitals 🇮🇷 and مردم میخواهند."),
]


@pytest.fixture
def corpus_project(project_file: Path) -> Path:
    with Project.open(project_file) as p:
        for title, text in TEXTS:
            p.add_document(Document(title=title, text=text))
    return project_file


def search(qtbot: object, window: MainWindow, typed: str) -> CorpusSearch:
    qtbot.keyClick(window, Qt.Key.Key_F,  # type: ignore[attr-defined]
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog: CorpusSearch = window._corpus_search  # type: ignore[attr-defined]
    assert dialog.isVisible()
    dialog.query.clear()
    dialog.status.setText("")  # the next result (after the typing pause) fills it
    if typed.isascii():
        qtbot.keyClicks(dialog.query, typed)  # type: ignore[attr-defined]
    else:
        dialog.query.insert(typed)
    qtbot.waitUntil(lambda: "hit" in dialog.status.text() or "Enter" in  # type: ignore[attr-defined]
                    dialog.status.text(), timeout=3000)
    return dialog


def matches(dialog: CorpusSearch) -> list[str]:
    return [dialog.model.index(r, MATCH).data() for r in range(dialog.model.rowCount())]


def test_tag_every_hit_in_one_undo_step(qtbot: object, corpus_project: Path,
                                        open_window: OpenWindow) -> None:
    window = open_window(corpus_project)
    ws = workspace(window)
    dialog = search(qtbot, window, "kremlin")
    assert matches(dialog) == ["Kremlin", "Kremlin", "Kremlin", "KREMLIN"]
    assert dialog.status.text().startswith("4 hits in 3 documents")
    dialog.table.setFocus()
    dialog.table.selectAll()
    qtbot.keyClick(dialog.table, Qt.Key.Key_2)  # type: ignore[attr-defined]  # State/Government
    with Project.open(corpus_project, read_only=True) as p:
        spans = [(s.doc_id, s.text) for d in p.document_ids() for s in p.spans_of_document(d)]
        assert sorted(t for _, t in spans) == ["KREMLIN", "Kremlin", "Kremlin", "Kremlin"]
    assert all(dialog.model.index(r, COVERED).data().startswith("State/Government")
               for r in range(4))
    # Again: every hit is covered now, nothing is added twice.
    qtbot.keyClick(dialog.table, Qt.Key.Key_2)  # type: ignore[attr-defined]
    assert "4 hits already covered" in dialog.status.text()
    window.undo_group.undo()
    with Project.open(corpus_project, read_only=True) as p:
        assert sum(len(p.spans_of_document(d)) for d in p.document_ids()) == 0
    assert ws.controller.undo_stack.count() >= 1


def test_persian_with_and_without_zwnj_and_a_flag_on_enter(
        qtbot: object, corpus_project: Path, open_window: OpenWindow) -> None:
    window = open_window(corpus_project)
    dialog = search(qtbot, window, "مردم میخواهند")
    assert matches(dialog) == ["مردم می\u200cخواهند", "مردم میخواهند"]
    dialog = search(qtbot, window, "🇮🇷")
    assert "Press Enter" in dialog.status.text()  # too short for the index
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "hit" in dialog.status.text(), timeout=5000)  # type: ignore[attr-defined]
    assert matches(dialog) == ["🇮🇷", "🇮🇷"]


def test_a_hit_opens_in_the_article(qtbot: object, corpus_project: Path,
                                    open_window: OpenWindow) -> None:
    window = open_window(corpus_project)
    ws = workspace(window)
    dialog = search(qtbot, window, "capitals")
    dialog.table.setFocus()
    dialog.table.selectRow(0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    settle()
    assert ws.doc is not None and ws.doc.title == "Three"
    assert ws.view.selected_range() == (ws.doc.text.index("capitals"),
                                        ws.doc.text.index("capitals") + len("capitals"))


def test_a_bad_regular_expression_is_explained(qtbot: object, corpus_project: Path,
                                               open_window: OpenWindow) -> None:
    window = open_window(corpus_project)
    open_search(window)
    dialog: CorpusSearch = window._corpus_search  # type: ignore[attr-defined]
    dialog.regex.setChecked(True)
    dialog.query.setText("(Kreml")
    dialog.run(everything=True)
    assert "not a valid regular expression" in dialog.status.text()
    dialog.query.setText(r"Krem\w+")
    dialog.run(everything=True)
    qtbot.waitUntil(lambda: "hit" in dialog.status.text(), timeout=5000)  # type: ignore[attr-defined]
    assert matches(dialog) == ["Kremlin", "Kremlin", "Kremlin", "KREMLIN"]
