"""The window as a whole: settings restored, bad projects explained, first project."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from annotator.formats.default_project import default_project_path
from annotator.ui import settings as keys
from annotator.ui.app import open_first_project
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings

from .conftest import OpenWindow, settle, workspace


def test_layout_last_project_and_text_size_are_restored(
        qtbot: object, mixed_project: Path, open_window: OpenWindow, settings: Settings) -> None:
    window = open_window(mixed_project)
    window.resize(780, 590)  # the offscreen screen is 800x600
    ws = workspace(window)
    ws.setSizes([200, 380, 200])
    ws.panel.setSizes([300, 200, 150])
    ws.view.set_point_size(15)
    settle()  # a larger font widens the article's minimum: the splitter lays out again
    main_sizes, panel_sizes = ws.sizes(), ws.panel.sizes()
    window.close()
    assert settings.get(keys.LAST_PROJECT) == str(mixed_project.resolve())
    assert settings.get(keys.RECENT_PROJECTS)[0] == str(mixed_project.resolve())

    again = MainWindow(settings)
    qtbot.addWidget(again)  # type: ignore[attr-defined]
    again.show()
    assert open_first_project(again, None)  # no path: the last project
    assert again.project is not None and again.project.path == mixed_project.resolve()
    assert (again.width(), again.height()) == (780, 590)
    ws2 = workspace(again)
    # Restoring the text size changes the article's minimum width, and the splitters lay
    # out again on a later event: wait for the layout to settle rather than race it.
    qtbot.waitUntil(lambda: ws2.width() > 700 and ws2.sizes() == main_sizes  # type: ignore[attr-defined]
                    and ws2.panel.sizes() == panel_sizes, timeout=3000)
    assert ws2.view.point_size() == 15
    assert "unsaved" not in again.windowTitle().lower()
    again.close()


def test_settings_survive_a_real_ini_round_trip(tmp_path: Path) -> None:
    path = str(tmp_path / "s.ini")
    first = Settings(QSettings(path, QSettings.Format.IniFormat))
    first.set(keys.MAIN_SPLITTER, QByteArray(b"\x00\xff state"))
    first.remember_project("/a/one.annotator")
    first.remember_project("/b/two.annotator")
    first.remember_project("/a/one.annotator")
    first.sync()
    second = Settings(QSettings(path, QSettings.Format.IniFormat))
    assert second.get(keys.MAIN_SPLITTER) == QByteArray(b"\x00\xff state")
    assert second.get(keys.RECENT_PROJECTS) == ["/a/one.annotator", "/b/two.annotator"]
    assert second.get(keys.FONT_POINT_SIZE) == 0.0  # the declared default


@pytest.mark.parametrize("content", [b"", b"not a database at all\n" * 50,
                                     b"SQLite format 3\x00" + b"\x00" * 200])
def test_a_project_that_cannot_be_opened_is_explained_and_the_window_stays_usable(
        qtbot: object, mixed_project: Path, open_window: OpenWindow, tmp_path: Path,
        messages: list[tuple[str, str, str]], content: bytes) -> None:
    window = open_window(mixed_project)
    bad = tmp_path / "broken.annotator"
    bad.write_bytes(content)
    if not content:
        bad.write_bytes(b"\x00" * 10)  # an empty file would become a new project
    before = bad.read_bytes()
    assert not window.open_project(bad)
    assert messages[-1][:2] == ("error", "Cannot open the project")
    assert "broken.annotator" in messages[-1][2]
    assert bad.read_bytes() == before  # never damaged
    assert window.project is not None and window.project.path == mixed_project  # still open
    assert workspace(window).doc is not None


def test_bad_path_falls_back_to_the_default_project(
        qtbot: object, settings: Settings, tmp_path: Path,
        messages: list[tuple[str, str, str]]) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    bad = tmp_path / "garbage.annotator"
    bad.write_bytes(b"garbage" * 100)
    assert open_first_project(window, bad)
    assert messages and messages[0][0] == "error"
    assert window.project is not None and window.project.path == default_project_path()
    ws = workspace(window)
    assert ws.documents.rowCount() >= 2  # the sample articles
    window.close()


def test_new_project_through_the_menu(qtbot: object, mixed_project: Path,
                                      open_window: OpenWindow, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from annotator.ui.dialogs import FileAsk

    window = open_window(mixed_project)
    target = tmp_path / "fresh"
    monkeypatch.setattr(FileAsk, "new_project", classmethod(lambda cls, parent, folder="":
                                                           target.with_suffix(".annotator")))
    from annotator.ui import file_jobs

    assert file_jobs.new_project(window)
    assert window.project is not None and window.project.path == target.with_suffix(".annotator")
    ws = workspace(window)
    assert ws.documents.rowCount() == 0 and ws.labels.by_shortcut("1") is not None
    assert window.menu_actions.recent_menu.actions()[0].text() == str(
        target.with_suffix(".annotator").resolve())


def test_help_lists_label_keys_and_window_keys(
        qtbot: object, mixed_project: Path, open_window: OpenWindow,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from annotator.ui.dialogs import ShortcutsDialog

    window = open_window(mixed_project)
    shown: list[list[tuple[str, str]]] = []
    monkeypatch.setattr(ShortcutsDialog, "ask",
                        classmethod(lambda cls, parent, rows: shown.append(rows)))
    window.menu_actions.show_shortcuts()
    rows = dict(shown[0])
    assert rows["1"] == "tag as actor “Head of state/government”"
    assert rows["Q"] == "tag as stance “Supports”"
    assert any("Ctrl+Z" in key for key in rows) and any("Alt+Down" in key for key in rows)
    assert any("Ctrl+D" in key and "done" in what for key, what in rows.items())


def test_a_read_only_project_can_be_read_but_refuses_edits(
        qtbot: object, mixed_project: Path, settings: Settings,
        messages: list[tuple[str, str, str]]) -> None:
    from annotator.store import Project

    window = MainWindow(settings)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    window.set_project(Project.open(mixed_project, read_only=True))
    assert "read-only" in window.windowTitle()
    ws = workspace(window)
    assert ws.doc is not None and ws.view.text()
    ws.view.select_range(8, 16)
    ws.apply_label(ws.labels.by_shortcut("1").id)  # type: ignore[union-attr]
    assert messages and messages[-1][0] == "error" and "read-only" in messages[-1][2]
    assert ws.spans.rowCount() == 0 and ws.controller.undo_stack.count() == 0
    assert not any(a.isEnabled() for a in window.actions() if a.text() == "&Import documents…")
    window.close()
