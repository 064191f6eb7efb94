"""PRODUCT §8: a window sees what another window, process or terminal command saved.

Window A is a real ``MainWindow``; "elsewhere" is a second ``Project`` connection on the
same file (or ``annotator import`` in a child process). A finds out by itself through
its poll (``qtbot.waitUntil``), or at once with F5.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from annotator.core.commands import AddSpan, DeleteSpan, Relabel
from annotator.core.model import Document, Span
from annotator.core.review.compare import PairState
from annotator.store import Project
from annotator.ui import review
from annotator.ui.main_window import MainWindow
from annotator.ui.project_watch import RELOADED, REOPEN_ABOVE, UPDATED, ProjectWatch
from annotator.ui.settings import Settings
from annotator.ui.workspace import Workspace

from .conftest import MIXED_TEXT, OpenWindow, settle, workspace

Messages = list[tuple[str, str, str]]
CTRL = Qt.KeyboardModifier.ControlModifier
LONG_TEXT = "".join(f"Line {i}: the rial fell again as protests spread.\n" for i in range(400))


@pytest.fixture
def elsewhere(mixed_project: Path) -> Iterator[Project]:
    """Another connection on window A's project file (another window or process)."""
    with Project.open(mixed_project) as other:
        yield other


def _open_mixed(ws: Workspace) -> int:
    doc_id = next(i for i in ws.documents.ids if ws.documents.row_data(i).title == "Mixed scripts")
    ws.open_document(doc_id)
    return doc_id


def _tag(qtbot: object, ws: Workspace, word: str, key: Qt.Key) -> int:
    """Tag ``word`` of the open document with a label key; the new span's id."""
    start = ws.view.text().index(word)
    before = set(ws.spans.ids)
    ws.view.select_range(start, start + len(word))
    qtbot.keyClick(ws.view, key)  # type: ignore[attr-defined]
    (span_id,) = set(ws.spans.ids) - before
    return span_id


def _label(project: Project, name: str) -> int:
    label_id = next(lab.id for lab in project.labels() if lab.name == name)
    assert label_id is not None
    return label_id


def _span(project: Project, doc_id: int, annotator_id: int, word: str, label: str) -> Span:
    text = project.document_text(doc_id)
    start = text.index(word)
    return Span(doc_id=doc_id, annotator_id=annotator_id, label_id=_label(project, label),
                start=start, end=start + len(word), text=word)


def _add(project: Project, span: Span) -> int:
    """Add ``span`` through ``project`` (another connection); its new id."""
    command = AddSpan(span)
    project.apply(command)
    assert command.span.id is not None
    return command.span.id


def _on_screen(ws: Workspace) -> dict[int, int]:
    """Span id -> label id of every span the article paints now."""
    ws.view.viewport().repaint()
    return {s.item.id: s.item.label_id for s in ws.view.segments()}


def _table(ws: Workspace) -> dict[int, str]:
    """Span id -> label name, as the span table shows it."""
    return {ws.spans.id_at(r): ws.spans.index(r, 1).data() for r in range(ws.spans.rowCount())}


def _undo(qtbot: object, ws: Workspace) -> None:
    qtbot.keyClick(ws.view, Qt.Key.Key_Z, CTRL)  # type: ignore[attr-defined]


def _db_consistent(project: Project) -> None:
    assert project.integrity_ok()
    assert project.conn.execute("PRAGMA foreign_key_check").fetchall() == []


# -- the store ---------------------------------------------------------------------------
def test_data_version_moves_for_other_connections_commits_only(mixed_project: Path) -> None:
    with Project.open(mixed_project) as a, Project.open(mixed_project) as b, \
            Project.open(mixed_project, read_only=True) as reader:
        seen_a, seen_reader = a.data_version(), reader.data_version()
        a.add_document(Document(title="by a", text="Written by A."))
        assert a.data_version() == seen_a, "its own commit is not news to A"
        assert reader.data_version() != seen_reader
        seen_reader = reader.data_version()
        assert reader.data_version() == seen_reader, "nothing new: the same value"
        b.add_document(Document(title="by b", text="Written by B."))
        assert a.data_version() != seen_a
        assert reader.data_version() != seen_reader


# -- live refresh --------------------------------------------------------------------------
def test_another_connections_document_span_relabel_and_delete_appear_after_the_poll(
        qtbot: object, mixed_project: Path, open_window: OpenWindow, elsewhere: Project
        ) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    doc_id = _open_mixed(ws)
    relabelled = _tag(qtbot, ws, "protests", Qt.Key.Key_1)
    deleted = _tag(qtbot, ws, "dictator", Qt.Key.Key_1)
    kept = _tag(qtbot, ws, "café", Qt.Key.Key_6)
    ws.select_span(kept, ws.view)
    assert window.project is not None

    elsewhere.add_document(Document(title="Third article", text="Tehran, again.\n"))
    added = _add(elsewhere, _span(elsewhere, doc_id, ws.me, "Путин", "Opposes"))
    elsewhere.apply(Relabel(relabelled, _label(elsewhere, "Supports")))
    elsewhere.apply(DeleteSpan(deleted))

    titles = lambda: [ws.documents.row_data(i).title for i in ws.documents.ids]  # noqa: E731
    qtbot.waitUntil(lambda: "Third article" in titles(), timeout=5000)  # type: ignore[attr-defined]
    assert ws.doc_id == doc_id, "the open document stays open"
    supports, opposes = _label(elsewhere, "Supports"), _label(elsewhere, "Opposes")
    assert _table(ws) == {relabelled: "Supports", kept: "Media", added: "Opposes"}
    screen = _on_screen(ws)
    assert deleted not in screen and not ws.view.has_span(deleted)
    assert screen[relabelled] == supports and screen[added] == opposes
    start = MIXED_TEXT.index("Путин")
    assert ws.view.painted_ranges(added) == [(ws.view.offsets.to_utf16(start),
                                              ws.view.offsets.to_utf16(start + 5))]
    # The selection survives where its span does: article, table and editor.
    assert ws.view.selected_span == kept
    assert ws.panel.table.currentIndex().row() == ws.spans.row_of(kept)
    assert ws.panel.editor.span is not None and ws.panel.editor.span.id == kept
    assert ws.documents.row_data(doc_id).span_count == 3
    assert window.statusBar().currentMessage() == UPDATED


@pytest.mark.parametrize("added", [1, REOPEN_ABOVE + 36])  # span by span; re-read whole
def test_scroll_position_and_text_selection_survive_a_refresh(
        qtbot: object, mixed_project: Path, open_window: OpenWindow, elsewhere: Project,
        added: int) -> None:
    long_doc, _ = elsewhere.add_document(Document(title="Long article", text=LONG_TEXT))
    assert long_doc.id is not None
    window = open_window(mixed_project)
    ws = workspace(window)
    ws.open_document(long_doc.id)
    bar = ws.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    settle()
    scroll = bar.value()
    assert scroll > 0
    start = LONG_TEXT.index("Line 200")
    ws.view.select_range(start, start + 8)  # half way through a gesture
    bar.setValue(scroll)
    selected = _tag(qtbot, ws, "Line 201", Qt.Key.Key_1)
    ws.select_span(selected, ws.view)
    ws.view.select_range(start, start + 8)
    bar.setValue(scroll)
    settle()
    top = ws.view.firstVisibleBlock().blockNumber()
    assert top > 0

    with elsewhere.transaction():
        for line in range(300, 300 + added):
            _add(elsewhere, _span(elsewhere, long_doc.id, ws.me, f"Line {line}", "Media"))
    qtbot.waitUntil(lambda: ws.spans.rowCount() == 1 + added, timeout=5000)  # type: ignore[attr-defined]
    assert ws.doc_id == long_doc.id
    assert bar.value() == scroll  # the text is not laid out again: the same place
    assert ws.view.firstVisibleBlock().blockNumber() == top
    assert ws.view.selected_range() == (start, start + 8)


def test_f5_reloads_at_once(qtbot: object, mixed_project: Path, open_window: OpenWindow,
                            elsewhere: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ProjectWatch, "check", lambda self, quiet=False: False)  # no poll
    window = open_window(mixed_project)
    ws = workspace(window)
    doc_id = _open_mixed(ws)
    kept = _tag(qtbot, ws, "protests", Qt.Key.Key_1)
    ws.select_span(kept, ws.view)
    added = _add(elsewhere, _span(elsewhere, doc_id, ws.me, "café", "Media"))
    elsewhere.add_document(Document(title="Third article", text="Tehran, again.\n"))
    settle()
    assert ws.spans.rowCount() == 1, "without the poll nothing moved yet"

    qtbot.keyClick(window, Qt.Key.Key_F5)  # type: ignore[attr-defined]
    assert ws.doc_id == doc_id
    assert set(_table(ws)) == {kept, added} and added in _on_screen(ws)
    assert ws.documents.rowCount() == 3
    assert ws.view.selected_span == kept
    assert window.statusBar().currentMessage() == RELOADED


def test_the_poll_waits_while_a_dialog_is_open(
        qtbot: object, mixed_project: Path, open_window: OpenWindow, elsewhere: Project
        ) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    dialog = QDialog(window)
    dialog.setModal(True)
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)  # type: ignore[attr-defined]
    elsewhere.add_document(Document(title="Third article", text="Tehran, again.\n"))
    assert not window.watch.check()
    assert ws.documents.rowCount() == 2
    dialog.close()
    qtbot.waitUntil(lambda: ws.documents.rowCount() == 3, timeout=5000)  # type: ignore[attr-defined]


def test_a_name_being_typed_in_the_annotator_box_survives_a_refresh(
        qtbot: object, mixed_project: Path, open_window: OpenWindow, elsewhere: Project
        ) -> None:
    window = open_window(mixed_project)
    combo = workspace(window).panel.annotator_combo
    combo.setFocus()
    qtbot.keyClicks(combo.lineEdit(), "Zed")  # type: ignore[attr-defined]
    elsewhere.annotator("Newcomer")
    assert window.watch.check()
    assert combo.currentText().endswith("Zed")
    combo.lineEdit().clear()  # an unfinished name is not to be applied on closing


def test_annotator_import_in_another_process_shows_up(
        qtbot: object, mixed_project: Path, open_window: OpenWindow, tmp_path: Path) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    article = tmp_path / "From the terminal.txt"
    article.write_text("Imported while the window was open.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "annotator", "import", str(mixed_project),
                           str(article)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: ws.documents.rowCount() == 3, timeout=5000)  # type: ignore[attr-defined]
    new = ws.documents.ids[-1]
    ws.open_document(new)
    assert ws.view.text() == "Imported while the window was open.\n"
    assert window.statusBar().currentMessage() == UPDATED


def test_an_open_compare_view_follows_changes_saved_elsewhere(
        qtbot: object, mixed_project: Path, open_window: OpenWindow, elsewhere: Project
        ) -> None:
    doc_id, second = elsewhere.document_ids()
    ana, ben = (elsewhere.annotator(name).id for name in ("Ana", "Ben"))
    assert ana is not None and ben is not None
    for who in (ana, ben):
        _add(elsewhere, _span(elsewhere, doc_id, who, "Путин", "Media"))
    window = open_window(mixed_project)
    _open_mixed(workspace(window))
    compare = review.open_compare(window)
    assert compare is not None
    compare.set_annotators(ana, ben)
    assert [p.state for p in compare.pairs] == [PairState.AGREED]
    assert not compare.step(backward=False), "nothing to review anywhere yet"

    with elsewhere.transaction():  # Ben, in another window, tags two more actors
        _add(elsewhere, _span(elsewhere, doc_id, ben, "café", "Media"))
        _add(elsewhere, _span(elsewhere, second, ben, "Moscow", "Media"))
    qtbot.waitUntil(lambda: len(compare.pairs) == 2, timeout=5000)  # type: ignore[attr-defined]
    assert compare.step(backward=False) and compare.step(backward=False)
    assert compare.doc_id == second, "F8 finds the other document's new disagreement"


# -- undo after someone else's edit --------------------------------------------------------
def test_undo_of_an_edit_whose_span_was_deleted_elsewhere_fails_and_keeps_the_rest(
        qtbot: object, mixed_project: Path, open_window: OpenWindow, elsewhere: Project,
        messages: Messages) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    doc_id = _open_mixed(ws)
    stack = ws.controller.undo_stack
    first = _tag(qtbot, ws, "protests", Qt.Key.Key_1)
    gone = _tag(qtbot, ws, "café", Qt.Key.Key_1)
    ws.select_span(gone, ws.view)
    qtbot.keyClick(ws.view, Qt.Key.Key_6)  # type: ignore[attr-defined]  # relabel it
    assert stack.count() == 3
    elsewhere.apply(DeleteSpan(gone))

    _undo(qtbot, ws)  # the relabel: its span is gone
    assert messages[-1][:2] == ("error", "Cannot undo")
    assert "no longer in the project" in messages[-1][2]
    assert (stack.count(), stack.index()) == (2, 2), "only the failed step left the history"
    assert window.project is not None
    assert [s.id for s in window.project.spans_of_document(doc_id)] == [first]
    # The refusal makes the window look at the file: the span leaves the screen.
    qtbot.waitUntil(lambda: not ws.view.has_span(gone), timeout=1000)  # type: ignore[attr-defined]
    assert gone not in ws.spans.ids and ws.view.selected_span != gone
    _undo(qtbot, ws)  # adding it: gone already, refused the same way
    assert (stack.count(), stack.index()) == (1, 1)
    _undo(qtbot, ws)  # the first span's tagging still undoes...
    assert window.project.spans_of_document(doc_id) == []
    assert ws.spans.rowCount() == 0
    qtbot.keyClick(ws.view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]
    assert [s.id for s in window.project.spans_of_document(doc_id)] == [first]  # ...and redoes
    assert ws.spans.ids == [first]
    assert len([m for m in messages if m[0] == "error"]) == 2
    _db_consistent(window.project)


def test_undo_never_deletes_the_span_that_took_a_deleted_spans_id(
        qtbot: object, mixed_project: Path, open_window: OpenWindow, elsewhere: Project,
        messages: Messages) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    doc_id = _open_mixed(ws)
    mine = _tag(qtbot, ws, "protests", Qt.Key.Key_1)
    elsewhere.apply(DeleteSpan(mine))
    theirs = _add(elsewhere, _span(elsewhere, doc_id, ws.me, "Путин", "Opposes"))
    assert theirs == mine, "SQLite hands the highest deleted id out again"

    _undo(qtbot, ws)
    assert messages[-1][1] == "Cannot undo"
    assert window.project is not None
    assert [(s.id, s.text) for s in window.project.spans_of_document(doc_id)] == [
        (theirs, "Путин")]
    assert ws.controller.undo_stack.count() == 0
    qtbot.waitUntil(lambda: _table(ws) == {theirs: "Opposes"}, timeout=1000)  # type: ignore[attr-defined]
    assert _on_screen(ws) == {theirs: _label(elsewhere, "Opposes")}
    _db_consistent(window.project)


def test_redo_does_not_put_a_span_back_over_another(
        qtbot: object, mixed_project: Path, open_window: OpenWindow, elsewhere: Project,
        messages: Messages) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    doc_id = _open_mixed(ws)
    mine = _tag(qtbot, ws, "protests", Qt.Key.Key_1)
    _undo(qtbot, ws)
    theirs = _add(elsewhere, _span(elsewhere, doc_id, ws.me, "café", "Media"))
    assert theirs == mine
    qtbot.keyClick(ws.view, Qt.Key.Key_Y, CTRL)  # type: ignore[attr-defined]
    assert messages[-1][1] == "Cannot redo" and "in its place" in messages[-1][2]
    assert window.project is not None
    assert [s.text for s in window.project.spans_of_document(doc_id)] == ["café"]
    assert (ws.controller.undo_stack.count(), ws.controller.undo_stack.index()) == (0, 0)


# -- read-only -----------------------------------------------------------------------------
def test_a_read_only_project_says_so_refuses_tagging_and_still_follows_the_file(
        qtbot: object, mixed_project: Path, settings: Settings, elsewhere: Project,
        messages: Messages) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    window.set_project(Project.open(mixed_project, read_only=True))
    window.activateWindow()
    qtbot.waitExposed(window)  # type: ignore[attr-defined]
    qtbot.waitUntil(window.isActiveWindow)  # type: ignore[attr-defined]
    ws = workspace(window)
    assert "[read-only]" in window.windowTitle()
    assert window.read_only_notice.isVisible()
    assert "Read-only" in window.read_only_notice.text()
    ws.message.emit("Some passing message.")  # status messages come and go beside it
    assert window.read_only_notice.isVisible()

    doc_id = _open_mixed(ws)
    ws.view.select_range(8, 16)
    qtbot.keyClick(ws.view, Qt.Key.Key_1)  # type: ignore[attr-defined]
    assert messages[-1][0] == "error" and "read-only" in messages[-1][2]
    assert ws.spans.rowCount() == 0 and ws.controller.undo_stack.count() == 0
    assert ws.panel.editor.note.isReadOnly() and ws.panel.editor.attributes.isReadOnly()
    enabled = {a.text(): a.isEnabled() for a in window.actions()}
    assert not enabled["&Delete span"] and not enabled["Mark &done / reopen"]
    assert enabled["&Reload from project file"]

    someone = elsewhere.annotator("someone")
    assert someone.id is not None
    ws.set_shown_annotators((someone.id,))
    _add(elsewhere, _span(elsewhere, doc_id, someone.id, "café", "Media"))
    qtbot.keyClick(window, Qt.Key.Key_F5)  # type: ignore[attr-defined]
    assert ws.spans.rowCount() == 1
    window.close()
    assert not window.read_only_notice.isVisible()


def test_a_writable_project_shows_no_read_only_notice(
        qtbot: object, mixed_project: Path, open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    assert "read-only" not in window.windowTitle()
    assert not window.read_only_notice.isVisible()
    assert QApplication.activeModalWidget() is None
