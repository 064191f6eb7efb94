"""Registry suggestions in the window: drawn, accepted with Tab (label and actor),
rejected with Shift+Tab (still rejected after reopening), all accepted in one undo step,
and never spans until accepted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.core.model import Document, Entity
from annotator.store import Project
from annotator.ui.main_window import MainWindow
from annotator.ui.workspace import Workspace

from .conftest import OpenWindow, settle, workspace

TEXT = ("Khamenei spoke in Tehran. The supreme leader, Ali Khamenei, warned Iran's "
        "critics 🇮🇷.\nKhamenei again.")


def setup_project(path: Path) -> None:
    with Project.open(path) as p:
        p.add_document(Document(title="Speech", text=TEXT))
        p.insert_entity(Entity(name="Ali Khamenei", type="Head of state/government",
                               aliases=("Khamenei", "supreme leader")))
        p.insert_entity(Entity(name="Iran", type="State/Government", aliases=("Tehran",)))


def ghosts(ws: Workspace) -> list[str]:
    return [ws.suggestions.current[k].text for k in ws.view.ghost_keys()]


def spans(path: Path) -> list[tuple[str, str, str | None]]:
    with Project.open(path, read_only=True) as p:
        labels = {lab.id: lab.name for lab in p.labels()}
        names = {e.id: e.name for e in p.entities()}
        return sorted((s.text, labels[s.label_id], names.get(s.entity_id))
                      for d in p.document_ids() for s in p.spans_of_document(d))


def press(qtbot: object, ws: Workspace, key: Qt.Key,
          mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(ws.view, key, mods)  # type: ignore[attr-defined]
    settle()


def cursor_on(ws: Workspace, text: str, nth: int = 0) -> None:
    at = -1
    for _ in range(nth + 1):
        at = TEXT.index(text, at + 1)
    ws.view.select_range(at, at)


def test_accept_reject_and_reopen(qtbot: object, project_file: Path,
                                  open_window: OpenWindow) -> None:
    setup_project(project_file)
    window = open_window(project_file)
    ws = workspace(window)
    assert ghosts(ws) == ["Khamenei", "Tehran", "supreme leader", "Ali Khamenei", "Iran",
                          "Khamenei"]
    assert spans(project_file) == []  # suggestions are nobody's spans
    cursor_on(ws, "Tehran")
    press(qtbot, ws, Qt.Key.Key_Tab)
    assert spans(project_file) == [("Tehran", "State/Government", "Iran")]
    assert "Tehran" not in ghosts(ws)
    cursor_on(ws, "Khamenei", nth=2)
    press(qtbot, ws, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert ghosts(ws) == ["Khamenei", "supreme leader", "Ali Khamenei", "Iran"]
    window.close()
    window = open_window(project_file)  # the rejection is in the file
    ws = workspace(window)
    assert ghosts(ws) == ["Khamenei", "supreme leader", "Ali Khamenei", "Iran"]


def test_accept_all_is_one_undo_step(qtbot: object, project_file: Path,
                                     open_window: OpenWindow) -> None:
    setup_project(project_file)
    window: MainWindow = open_window(project_file)
    ws = workspace(window)
    qtbot.keyClick(window, Qt.Key.Key_A,  # type: ignore[attr-defined]
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    settle()
    assert len(spans(project_file)) == 6 and ghosts(ws) == []
    assert {who for _, _, who in spans(project_file)} == {"Ali Khamenei", "Iran"}
    window.undo_group.undo()
    settle()
    assert spans(project_file) == [] and len(ghosts(ws)) == 6
    cursor_on(ws, "Khamenei")
    press(qtbot, ws, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert len(ghosts(ws)) == 5
    window.undo_group.undo()  # a rejection is undone like any edit
    settle()
    assert len(ghosts(ws)) == 6


def test_f6_walks_the_suggestions_and_they_can_be_hidden(
        qtbot: object, project_file: Path, open_window: OpenWindow) -> None:
    setup_project(project_file)
    window = open_window(project_file)
    ws = workspace(window)
    press(qtbot, ws, Qt.Key.Key_F6)
    press(qtbot, ws, Qt.Key.Key_F6)
    assert ws.view.selected_range() == (TEXT.index("Tehran"), TEXT.index("Tehran") + 6)
    window.menu_actions.show_suggestions.trigger()
    assert ghosts(ws) == []
    window.menu_actions.show_suggestions.trigger()
    assert len(ghosts(ws)) == 6
