"""The tagging loop driven by real keys: offsets in the database, highlight on screen, undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QTextCursor

from annotator.core.model import Status
from annotator.store import Project
from annotator.ui.main_window import MainWindow
from annotator.ui.workspace import Workspace

from .conftest import MIXED_TEXT, OpenWindow, settle, u16, workspace


def _open_mixed(ws: Workspace) -> int:
    doc_id = next(i for i in ws.documents.ids if ws.documents.row_data(i).title == "Mixed scripts")
    ws.open_document(doc_id)
    return doc_id


def _select_with_keys(qtbot: object, ws: Workspace, rights: int, shift_rights: int) -> None:
    """Ctrl+Home, then Right ``rights`` times, then Shift+Right ``shift_rights`` times."""
    view = ws.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    for _ in range(rights):
        qtbot.keyClick(view, Qt.Key.Key_Right)  # type: ignore[attr-defined]
    for _ in range(shift_rights):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]


def _db_spans(window: MainWindow, doc_id: int) -> list[tuple[int, int, str, str]]:
    project = window.project
    assert project is not None
    labels = {lab.id: lab.name for lab in project.labels()}
    return [(s.start, s.end, s.text, labels[s.label_id])
            for s in project.spans_of_document(doc_id)]


def _fill_pixels(ws: Workspace, span_id: int) -> tuple[int, int]:
    """(pixels of the plain page colour, all pixels) inside the span's rects on screen."""
    image: QImage = ws.view.viewport().grab().toImage()
    base = ws.view.viewport().palette().base().color().rgb()
    plain = total = 0
    for rect in ws.view.span_rects(span_id):
        r = rect.toAlignedRect().adjusted(2, 3, -2, -3)
        for y in range(r.top(), r.bottom()):
            for x in range(r.left(), r.right()):
                total += 1
                plain += QColor(image.pixel(x, y)).rgb() == base
    return plain, total


def test_tag_after_emoji_and_flag_then_undo_and_redo(qtbot: object, mixed_project: Path,
                                                     open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    doc_id = _open_mixed(ws)
    # "Iran 🇮🇷 protests": the flag is one grapheme of two code points (four UTF-16 units).
    _select_with_keys(qtbot, ws, rights=7, shift_rights=len("protests"))
    qtbot.keyClick(ws.view, Qt.Key.Key_1)  # type: ignore[attr-defined]

    start = MIXED_TEXT.index("protests")
    assert start == 8
    assert _db_spans(window, doc_id) == [(8, 16, "protests", "Head of state/government")]
    span_id = ws.spans.id_at(0)
    assert ws.spans.rowCount() == 1
    assert ws.view.selected_span == span_id
    # On screen: the view painted exactly UTF-16 [10, 18) for it.
    ws.view.viewport().repaint()
    assert ws.view.painted_ranges(span_id) == [(u16(MIXED_TEXT, 8), u16(MIXED_TEXT, 16))]
    probe = QTextCursor(ws.view.document())  # Qt's own text at those UTF-16 positions
    probe.setPosition(10)
    probe.setPosition(18, QTextCursor.MoveMode.KeepAnchor)
    assert probe.selectedText() == "protests"
    plain, total = _fill_pixels(ws, span_id)
    assert total > 50 and plain < total * 0.05, "the actor fill covers the span"
    assert window.project is not None
    assert window.project.get_status(doc_id, ws.me) == Status.IN_PROGRESS

    qtbot.keyClick(ws.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert _db_spans(window, doc_id) == []
    assert ws.spans.rowCount() == 0
    ws.view.viewport().repaint()
    assert ws.view.painted_ranges(span_id) == []
    assert window.project.get_status(doc_id, ws.me) == Status.TODO

    qtbot.keyClick(ws.view, Qt.Key.Key_Z,  # type: ignore[attr-defined]
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _db_spans(window, doc_id) == [(8, 16, "protests", "Head of state/government")]
    assert ws.spans.ids == [span_id]  # redo restores the same span, not a copy
    ws.view.viewport().repaint()
    assert ws.view.painted_ranges(span_id) == [(10, 18)]
    qtbot.keyClick(ws.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    qtbot.keyClick(ws.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert len(_db_spans(window, doc_id)) == 1


def test_partial_selection_in_persian_snaps_to_the_word(qtbot: object, mixed_project: Path,
                                                         open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    doc_id = _open_mixed(ws)
    word = "اعتراض‌ها"  # with a ZWNJ inside: one word, never cut
    start = MIXED_TEXT.index(word)
    # Select from the second letter to the ZWNJ: the span widens to the whole word.
    before_line = MIXED_TEXT.count("\n", 0, start)
    ws.view.setFocus()
    qtbot.keyClick(ws.view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    for _ in range(before_line):
        qtbot.keyClick(ws.view, Qt.Key.Key_Down)  # type: ignore[attr-defined]
    qtbot.keyClick(ws.view, Qt.Key.Key_Home)  # type: ignore[attr-defined]
    cursor = ws.view.textCursor()
    cursor.setPosition(u16(MIXED_TEXT, start + 1))
    cursor.setPosition(u16(MIXED_TEXT, start + 6), cursor.MoveMode.KeepAnchor)
    ws.view.setTextCursor(cursor)
    qtbot.keyClick(ws.view, Qt.Key.Key_Q)  # type: ignore[attr-defined]
    assert _db_spans(window, doc_id) == [(start, start + len(word), word, "Supports")]
    span_id = ws.spans.id_at(0)
    ws.view.viewport().repaint()
    assert ws.view.painted_ranges(span_id) == [(u16(MIXED_TEXT, start),
                                                u16(MIXED_TEXT, start + len(word)))]


def test_relabel_delete_and_undo_each(qtbot: object, mixed_project: Path,
                                      open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    doc_id = _open_mixed(ws)
    _select_with_keys(qtbot, ws, rights=7, shift_rights=8)
    qtbot.keyClick(ws.view, Qt.Key.Key_6)  # type: ignore[attr-defined]
    span_id = ws.spans.id_at(0)
    # A span is selected and no text: another label's key relabels it (here: a stance).
    qtbot.keyClick(ws.view, Qt.Key.Key_W)  # type: ignore[attr-defined]
    assert _db_spans(window, doc_id) == [(8, 16, "protests", "Opposes")]
    ws.view.viewport().repaint()
    assert {s.item.layer for s in ws.view.segments() if s.item.id == span_id} == {"stance"}
    assert ws.spans.index_of(span_id, 1).data() == "Opposes"
    qtbot.keyClick(ws.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert _db_spans(window, doc_id)[0][3] == "Media"

    qtbot.keyClick(ws.view, Qt.Key.Key_Delete)  # type: ignore[attr-defined]
    assert _db_spans(window, doc_id) == []
    assert ws.spans.rowCount() == 0
    assert not ws.view.has_span(span_id)
    qtbot.keyClick(ws.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert _db_spans(window, doc_id) == [(8, 16, "protests", "Media")]
    assert ws.view.has_span(span_id)


def test_click_selects_span_in_table_and_table_selects_in_article(
        qtbot: object, mixed_project: Path, open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    _open_mixed(ws)
    for word, key in (("protests", Qt.Key.Key_1), ("Путин", Qt.Key.Key_2)):
        ws.view.select_range(MIXED_TEXT.index(word), MIXED_TEXT.index(word) + len(word))
        qtbot.keyClick(ws.view, key)  # type: ignore[attr-defined]
    first, second = ws.spans.ids
    ws.select_span(None)
    ws.view.viewport().repaint()
    rect = ws.view.span_rects(second)[0]
    qtbot.mouseClick(ws.view.viewport(), Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                     pos=rect.center().toPoint())
    assert ws.view.selected_span == second
    assert ws.panel.table.currentIndex().row() == ws.spans.row_of(second)
    assert ws.panel.editor.span is not None and ws.panel.editor.span.id == second
    ws.panel.table.setCurrentIndex(ws.spans.index_of(first))
    assert ws.view.selected_span == first
    # A click on untagged text deselects.
    qtbot.mouseClick(ws.view.viewport(), Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                     pos=QPoint(int(rect.right()) + 200, int(rect.center().y()) + 40))
    assert ws.view.selected_span is None


def test_hover_lists_every_label_under_the_pointer(qtbot: object, mixed_project: Path,
                                                   open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    _open_mixed(ws)
    start = MIXED_TEXT.index("death")
    for end, key in ((start + 5, Qt.Key.Key_2), (start + 21, Qt.Key.Key_W),
                     (start + 40, Qt.Key.Key_A)):
        ws.view.select_range(start, end)
        qtbot.keyClick(ws.view, key)  # type: ignore[attr-defined]
    ws.view.viewport().repaint()
    actor = next(i for i in ws.spans.ids if ws.spans.span_of(i).text == "death")  # type: ignore[union-attr]
    point = ws.view.span_rects(actor)[0].center()
    hits = ws.view.spans_at(point)
    assert {h.layer for h in hits} == {"actor", "stance", "narrative"}
    tip = ws.view._tooltip(hits)
    for name in ("State/Government", "Opposes", "Foreign interference"):
        assert name in tip


def test_typing_in_filter_box_or_note_never_tags(qtbot: object, mixed_project: Path,
                                                 open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    doc_id = _open_mixed(ws)
    ws.view.select_range(8, 16)
    ws.doc_list.filter.setFocus()
    qtbot.keyClicks(ws.doc_list.filter, "q1")  # type: ignore[attr-defined]
    assert ws.doc_list.filter.text() == "q1"
    assert _db_spans(window, doc_id) == []
    ws.doc_list.filter.clear()
    ws.view.setFocus()
    qtbot.keyClick(ws.view, Qt.Key.Key_1)  # type: ignore[attr-defined]
    ws.panel.editor.note.setFocus()
    qtbot.keyClicks(ws.panel.editor.note, "W2 d")  # type: ignore[attr-defined]
    assert _db_spans(window, doc_id) == [(8, 16, "protests", "Head of state/government")]
    ws.view.setFocus()  # leaving the note saves it, as one undoable step
    settle()
    assert window.project is not None
    assert window.project.get_span(ws.spans.id_at(0)).note == "W2 d"
    qtbot.keyClick(ws.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert window.project.get_span(ws.spans.id_at(0)).note == ""
    assert ws.panel.editor.note.toPlainText() == ""


def test_reopening_the_project_shows_everything(qtbot: object, mixed_project: Path,
                                                open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    doc_id = _open_mixed(ws)
    for word, key in (("protests", Qt.Key.Key_1), ("наблюдает", Qt.Key.Key_Q)):
        i = MIXED_TEXT.index(word)
        ws.view.select_range(i, i + len(word))
        qtbot.keyClick(ws.view, key)  # type: ignore[attr-defined]
    qtbot.keyClick(ws.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    window.close()  # nothing to save: it is all in the file already

    with Project.open(mixed_project, read_only=True) as p:
        assert [s.text for s in p.spans_of_document(doc_id)] == ["protests", "наблюдает"]
    again = open_window(mixed_project)
    ws2 = workspace(again)
    _open_mixed(ws2)
    assert [ws2.spans.span_of(i).text for i in ws2.spans.ids] == ["protests", "наблюдает"]  # type: ignore[union-attr]
    assert ws2.status() == Status.DONE
    ws2.view.viewport().repaint()
    for span_id in ws2.spans.ids:
        assert ws2.view.painted_ranges(span_id)


def test_clicking_overlapping_spans_cycles_and_escape_deselects(
        qtbot: object, mixed_project: Path, open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    _open_mixed(ws)
    start = MIXED_TEXT.index("death")
    for end, key in ((start + 5, Qt.Key.Key_2), (start + 21, Qt.Key.Key_W)):
        ws.view.select_range(start, end)
        qtbot.keyClick(ws.view, key)  # type: ignore[attr-defined]
    actor, stance = sorted(ws.spans.ids, key=lambda i: ws.spans.row_tuple(i)[2])  # type: ignore[index]
    ws.select_span(None)
    ws.view.viewport().repaint()
    point = ws.view.span_rects(actor)[0].center().toPoint()
    clicked = []
    for _ in range(3):
        qtbot.mouseClick(ws.view.viewport(), Qt.MouseButton.LeftButton, pos=point)  # type: ignore[attr-defined]
        clicked.append(ws.view.selected_span)
    assert clicked == [actor, stance, actor]  # shortest first, then the next one down
    qtbot.keyClick(ws.view, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert ws.view.selected_span is None and ws.panel.editor.span is None
