"""Closing the window (or switching project) while a new annotator name is still being
typed must not touch the closed project file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.store import Project

from .conftest import OpenWindow, workspace


def test_close_while_typing_a_name_raises_nothing_and_adds_no_one(
        qtbot: object, mixed_project: Path, open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    combo = ws.panel.annotator_combo
    combo.setFocus()
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "Half typed")  # type: ignore[attr-defined]
    assert combo.lineEdit().text() == "Half typed"
    window.close()  # pytest-qt fails the test on an exception raised in a Qt slot
    with Project.open(mixed_project, read_only=True) as project:
        assert project.find_annotator("Half typed") is None


def test_enter_confirms_a_typed_name(qtbot: object, mixed_project: Path,
                                     open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    combo = ws.panel.annotator_combo
    combo.setFocus()
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "Lena")  # type: ignore[attr-defined]
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert ws.controller.annotator.name == "Lena"
