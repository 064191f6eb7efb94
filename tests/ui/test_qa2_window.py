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


def _shown_titles(ws: object) -> list[str]:
    proxy = ws.doc_list.proxy  # type: ignore[attr-defined]
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def test_the_filter_box_searches_article_texts_in_any_case_and_script(
        open_window: OpenWindow, mixed_project: Path) -> None:
    ws = workspace(open_window(mixed_project))
    box = ws.doc_list.filter
    for word in ("ПУТИН", "наблюдает", "تهران", "RIAL"):
        box.setText(word)
        settle()
        expected = ["Second article"] if word == "RIAL" else ["Mixed scripts"]
        assert _shown_titles(ws) == expected, word
        assert not ws.doc_list.no_match.isVisibleTo(ws.doc_list)
    box.setText("second")  # titles still match
    assert _shown_titles(ws) == ["Second article"]
    box.setText("Лондон")
    settle()
    assert _shown_titles(ws) == []
    assert ws.doc_list.no_match.isVisibleTo(ws.doc_list)
    assert ws.doc_list.no_match.text() == "No documents match"
    box.clear()
    assert _shown_titles(ws) == ["Mixed scripts", "Second article"]
    assert not ws.doc_list.no_match.isVisibleTo(ws.doc_list)
