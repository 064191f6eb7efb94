"""QA pass 2 findings in the main window, each a test that failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.ui import file_jobs
from annotator.ui.dialogs import ExportRequest
from annotator.ui.messages import Message
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


def test_export_to_a_brat_folder_says_so_without_a_stray_full_stop(
        open_window: OpenWindow, mixed_project: Path, tmp_path: Path) -> None:
    window = open_window(mixed_project)
    target = tmp_path / "brat"
    assert file_jobs.export(window, ExportRequest(target, (), (), False, "brat"))
    shown = window.statusBar().currentMessage()
    assert shown == f"Exported 2 documents, 0 spans to {target}"


def test_a_re_import_says_how_many_spans_were_already_there(
        open_window: OpenWindow, mixed_project: Path, tmp_path: Path) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    ws.view.select_range(0, 4)
    ws.apply_label(ws.labels.by_shortcut("2").id)  # type: ignore[union-attr]
    exported = tmp_path / "all.jsonl"
    assert file_jobs.export(window, ExportRequest(exported, (), (), False))
    assert file_jobs.import_paths_into(window, [exported])
    shown = window.statusBar().currentMessage()
    assert "0 spans added, 1 already there" in shown, shown
    assert "0 documents added" in shown


def test_an_import_with_a_bad_file_offers_to_skip_it_and_import_the_rest(
        open_window: OpenWindow, mixed_project: Path, tmp_path: Path,
        messages: list[tuple[str, str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Khamenei spoke in Tehran.\n", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x01 binary")
    answers = [False]
    monkeypatch.setattr(Message, "question", classmethod(
        lambda cls, parent, title, text: messages.append(("question", title, text))
        or answers.pop(0)))
    assert not file_jobs.import_paths_into(window, [folder])  # declined: nothing changes
    assert messages[-1][0] == "question"
    assert "b.txt" in messages[-1][2] and "Skip bad files and import the rest" in messages[-1][2]
    assert ws.documents.rowCount() == 2
    answers.append(True)
    assert file_jobs.import_paths_into(window, [folder])
    assert ws.documents.rowCount() == 3
    kind, title, text = messages[-1]
    assert (kind, title) == ("info", "Import finished")
    assert "1 bad file left out" in text and f"{folder / 'b.txt'}: looks like a binary" in text
