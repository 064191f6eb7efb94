"""QA pass 2 findings in the main window, each a test that failed before its fix."""

from __future__ import annotations

from pathlib import Path

from tests.ui.conftest import OpenWindow, settle, workspace


def test_a_narrow_window_squeezes_the_side_panes_not_the_article(
        open_window: OpenWindow, mixed_project: Path, qtbot: object) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    window.resize(790, 800)
    settle()
    qtbot.waitUntil(lambda: window.width() <= 800)  # type: ignore[attr-defined]
    forty_chars = 40 * ws.view.fontMetrics().averageCharWidth()
    assert ws.view.viewport().width() >= forty_chars, ws.sizes()
    assert all(size > 0 for size in ws.sizes()), ws.sizes()  # the side panes still show
