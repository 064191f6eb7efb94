"""The tagging panel: label buttons, label editing through commands, span editor, annotator."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.ui import settings as keys
from annotator.ui.label_dialog import LabelDialog, LabelFields
from annotator.ui.settings import Settings

from .conftest import MIXED_TEXT, OpenWindow, workspace


def _answer(monkeypatch: pytest.MonkeyPatch, fields: LabelFields | None) -> None:
    monkeypatch.setattr(LabelDialog, "ask", classmethod(lambda cls, *a, **k: fields))


def test_button_click_tags_the_selection(qtbot: object, mixed_project: Path,
                                         open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    media = ws.labels.by_shortcut("6")
    assert media is not None and media.id is not None
    ws.view.select_range(MIXED_TEXT.index("café"), MIXED_TEXT.index("café") + 4)
    qtbot.mouseClick(ws.panel.labels_panel.buttons[media.id], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    span = ws.spans.span_of(ws.spans.id_at(0))
    assert span is not None and (span.text, span.label_id) == ("café", media.id)


def test_shortcut_clash_is_refused_with_a_message_and_not_undoable(
        qtbot: object, mixed_project: Path, open_window: OpenWindow,
        monkeypatch: pytest.MonkeyPatch, messages: list[tuple[str, str, str]]) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    media = ws.labels.by_shortcut("6")
    assert media is not None
    _answer(monkeypatch, LabelFields("Media", media.color, "Q", media.description))
    depth = ws.controller.undo_stack.count()
    assert not ws.panel.labels_panel.edit_label(media)
    assert messages and messages[-1][0] == "error" and "'Q'" in messages[-1][2]
    assert "Supports" in messages[-1][2]
    assert ws.controller.undo_stack.count() == depth
    assert window.project is not None
    assert window.project.get_label(media.id).shortcut == "6"  # type: ignore[arg-type]


def test_labels_are_added_renamed_recoloured_reordered_and_retired(
        qtbot: object, mixed_project: Path, open_window: OpenWindow,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    panel = ws.panel.labels_panel
    _answer(monkeypatch, LabelFields("Clergy", "#aa5500", "9", "Religious figures"))
    assert panel.add_label("actor")
    clergy = next(lab for lab in ws.labels.labels("actor") if lab.name == "Clergy")
    assert clergy.id in panel.buttons and ws.labels.by_shortcut("9") == clergy
    # The new key works at once.
    ws.view.select_range(0, 4)
    qtbot.keyClick(ws.view, Qt.Key.Key_9)  # type: ignore[attr-defined]
    span_id = ws.spans.id_at(0)
    assert ws.spans.span_of(span_id).label_id == clergy.id  # type: ignore[union-attr]

    _answer(monkeypatch, LabelFields("Clerics", "#005500", "9", "Religious figures"))
    assert panel.edit_label(clergy)
    assert ws.labels.label(clergy.id).name == "Clerics"  # type: ignore[arg-type,union-attr]
    assert ws.spans.index_of(span_id, 1).data() == "Clerics"
    assert ws.view._color(ws.view._index.get(span_id)).name() == "#005500"  # type: ignore[arg-type]

    before = [lab.name for lab in ws.labels.labels("actor")]
    assert panel.move_label(ws.labels.label(clergy.id), -1)  # type: ignore[arg-type]
    after = [lab.name for lab in ws.labels.labels("actor")]
    assert after.index("Clerics") == before.index("Clerics") - 1

    assert panel.label_menu(ws.labels.label(clergy.id)).actions()  # type: ignore[arg-type]
    retire = next(a for a in panel.label_menu(ws.labels.label(clergy.id)).actions()  # type: ignore[arg-type]
                  if a.text().startswith("Retire"))
    retire.trigger()
    assert ws.labels.label(clergy.id).retired  # type: ignore[arg-type,union-attr]
    assert ws.labels.by_shortcut("9") is None
    assert ws.view.has_span(span_id) and ws.spans.rowCount() == 1  # spans are kept
    ws.view.select_range(6, 8)
    qtbot.keyClick(ws.view, Qt.Key.Key_9)  # type: ignore[attr-defined]
    assert ws.spans.rowCount() == 1  # a retired key tags nothing
    for _ in range(4):  # retire, move, edit, tag
        ws.controller.undo_stack.undo()
    assert ws.labels.label(clergy.id).name == "Clergy"  # type: ignore[arg-type,union-attr]
    assert ws.spans.rowCount() == 0


def test_span_editor_saves_attributes_and_label_as_commands(
        qtbot: object, mixed_project: Path, open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    ws.view.select_range(8, 16)
    qtbot.keyClick(ws.view, Qt.Key.Key_1)  # type: ignore[attr-defined]
    editor = ws.panel.editor
    editor.attributes.setPlainText("certainty=0.8\nsource=quote")
    editor.note.setPlainText("check the translation")
    editor.commit()
    assert window.project is not None
    span = window.project.get_span(ws.spans.id_at(0))
    assert span.attributes == {"certainty": 0.8, "source": "quote"}
    assert span.note == "check the translation"
    opposes = ws.labels.by_shortcut("W")
    assert opposes is not None
    editor.label_combo.setCurrentIndex(ws.labels.row_of(opposes.id) or 0)  # type: ignore[arg-type]
    editor.label_combo.activated.emit(editor.label_combo.currentIndex())
    assert window.project.get_span(span.id).label_id == opposes.id  # type: ignore[arg-type]
    ws.controller.undo_stack.undo()
    ws.controller.undo_stack.undo()
    assert window.project.get_span(span.id).attributes == {}  # type: ignore[arg-type]
    assert editor.attributes.toPlainText() == ""


def test_annotator_is_chosen_shown_and_remembered(
        qtbot: object, mixed_project: Path, open_window: OpenWindow, settings: Settings) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    ws.view.select_range(8, 16)
    qtbot.keyClick(ws.view, Qt.Key.Key_1)  # type: ignore[attr-defined]
    combo = ws.panel.annotator_combo
    combo.setCurrentText("Omid")
    combo.lineEdit().editingFinished.emit()  # type: ignore[union-attr]
    assert ws.controller.annotator.name == "Omid"
    assert settings.get(keys.ANNOTATOR) == "Omid"
    assert "Omid" in window.windowTitle()
    assert ws.spans.rowCount() == 0  # Omid has not tagged anything yet
    ws.view.select_range(0, 4)
    qtbot.keyClick(ws.view, Qt.Key.Key_2)  # type: ignore[attr-defined]
    span = ws.spans.span_of(ws.spans.id_at(0))
    assert span is not None and span.annotator_id == ws.me
    assert ws.spans.index(0, 3).data() == "Omid"
    window.close()
    again = open_window(mixed_project)
    assert workspace(again).controller.annotator.name == "Omid"


def test_a_sub_narrative_without_its_own_colour_is_drawn_in_its_parents(
        qtbot: object, mixed_project: Path, open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    child = next(lab for lab in ws.labels.labels("narrative") if lab.name == "Colour revolution")
    parent = ws.labels.label(child.parent_id)  # type: ignore[arg-type]
    assert parent is not None and child.color == "#888888" and child.id is not None
    ws.view.select_range(0, 16)
    ws.panel.labels_panel.arrows[parent.id].click()  # type: ignore[union-attr,index]
    qtbot.mouseClick(ws.panel.labels_panel.buttons[child.id], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    item = ws.view._index.get(ws.spans.id_at(0))
    assert item is not None and item.layer == "narrative"
    assert ws.view._color(item).name() == parent.color.lower()
    assert ws.panel.labels_panel.buttons[child.id].color == parent.color
