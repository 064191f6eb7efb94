"""Actors registry and stance links in the real window: typed, clicked, undone.

Every assertion reads the project file (what an export would see) or the screen, never
the widget's own idea of what it did.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from annotator.core.entity_commands import HOLDER, TARGET, AddEntity
from annotator.core.model import Document, Entity
from annotator.store import Project
from annotator.ui.choice_combo import Choice, ChoiceCombo, ChoiceSet
from annotator.ui.entity_dialog import EntityDialog
from annotator.ui.main_window import MainWindow
from annotator.ui.models.entity_model import EntityModel
from annotator.ui.models.span_table_model import TEXT as TEXT_COLUMN
from annotator.ui.workspace import Workspace

from .conftest import OpenWindow, settle, workspace

# Actors after a flag and a Cyrillic name, so the click gesture crosses UTF-16 pairs.
ARTICLE = ("🇮🇷 Iran: Russia backs Tehran, said Путин 👀; the supreme leader thanked Moscow.\n"
           "Washington condemns Moscow.\n")


@pytest.fixture
def linked_project(project_file: Path) -> Path:
    with Project.open(project_file) as p:
        p.add_document(Document(title="Links", text=ARTICLE))
        p.apply(AddEntity(Entity(name="Ali Khamenei", type="Head of state/government",
                                 aliases=("Khamenei", "supreme leader"))))
        p.apply(AddEntity(Entity(name="Russian Federation", aliases=("Russia", "Moscow"))))
    return project_file


def tag(qtbot: object, ws: Workspace, fragment: str, key: Qt.Key, occurrence: int = 0) -> int:
    """Select ``fragment`` and press a label key, as a user would; the new span's id."""
    start = -1
    for _ in range(occurrence + 1):
        start = ARTICLE.index(fragment, start + 1)
    ws.view.select_range(start, start + len(fragment))
    qtbot.keyClick(ws.view, key)  # type: ignore[attr-defined]
    span_id = ws.view.selected_span
    assert span_id is not None and ws.project.get_span(span_id).text == fragment
    return span_id


def type_in(qtbot: object, combo: ChoiceCombo, text: str) -> None:
    line = combo.lineEdit()
    assert line is not None
    line.setFocus()
    line.selectAll()
    if text.isascii() and text:
        qtbot.keyClicks(line, text)  # type: ignore[attr-defined]
    elif text:
        line.insert(text)  # QTest types ASCII only ("—" aborts it)
    else:
        qtbot.keyClick(line, Qt.Key.Key_Delete)  # type: ignore[attr-defined]
    qtbot.keyClick(line, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    settle()


def entity_of(ws: Workspace, span_id: int) -> str | None:
    entity_id = ws.project.get_span(span_id).entity_id
    return None if entity_id is None else ws.project.get_entity(entity_id).name


def links_of(ws: Workspace, stance: int) -> list[tuple[str, int | None, int | None]]:
    return sorted((k.type, k.target_id, k.target_entity_id)
                  for k in ws.project.links_of_span(stance) if k.source_id == stance)


def click_span(qtbot: object, ws: Workspace, span_id: int,
               modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    ws.view.reveal_span(span_id)
    settle()
    rect = ws.view.span_rects(span_id)[0]
    qtbot.mouseClick(ws.view.viewport(), Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                     modifiers, rect.center().toPoint())
    settle()


@pytest.fixture
def ws(qtbot: object, linked_project: Path, open_window: OpenWindow) -> Workspace:
    return workspace(open_window(linked_project))


# -- actor spans and the registry -----------------------------------------------------------

def test_typing_a_name_or_alias_sets_the_entity_and_undo_unsets_it(
        qtbot: object, ws: Workspace) -> None:
    leader = tag(qtbot, ws, "supreme leader", Qt.Key.Key_1)
    editor = ws.panel.editor
    assert editor.entity.isVisibleTo(editor)
    assert not editor.links.combos[HOLDER].isVisibleTo(editor)
    qtbot.keyClick(ws.view, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # type: ignore[attr-defined]
    assert editor.entity.lineEdit().hasFocus()  # type: ignore[union-attr]
    depth = ws.controller.undo_stack.count()
    type_in(qtbot, editor.entity, "Khamenei")  # an alias, typed in full
    assert entity_of(ws, leader) == "Ali Khamenei"
    assert editor.entity.currentText() == "Ali Khamenei"  # shown by its canonical name
    assert ws.controller.undo_stack.count() == depth + 1  # Enter fires twice: one step
    row = ws.spans.index_of(leader, TEXT_COLUMN)
    assert row.data() == "supreme leader  [Ali Khamenei]"
    ws.controller.undo_stack.undo()
    assert entity_of(ws, leader) is None
    assert ws.spans.index_of(leader, TEXT_COLUMN).data() == "supreme leader"
    ws.controller.undo_stack.redo()
    assert entity_of(ws, leader) == "Ali Khamenei"
    # Clearing the field unsets it.
    ws.select_span(leader)
    type_in(qtbot, editor.entity, "")
    assert entity_of(ws, leader) is None


def test_completion_matches_inside_names_and_aliases(qtbot: object, ws: Workspace) -> None:
    moscow = tag(qtbot, ws, "Moscow", Qt.Key.Key_2)
    field = ws.panel.editor.entity
    line = field.lineEdit()
    assert line is not None
    line.setFocus()
    qtbot.keyClicks(line, "oscO")  # type: ignore[attr-defined]
    completer = line.completer()
    shown = [completer.completionModel().index(r, 0).data()
             for r in range(completer.completionModel().rowCount())]
    assert shown == ["Moscow → Russian Federation"]
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)  # type: ignore[attr-defined]
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)  # type: ignore[attr-defined]
    settle()
    assert entity_of(ws, moscow) == "Russian Federation"


def test_a_new_name_creates_the_actor_and_one_undo_removes_both(
        qtbot: object, ws: Workspace, messages: list[tuple[str, str, str]]) -> None:
    washington = tag(qtbot, ws, "Washington", Qt.Key.Key_2)
    depth = ws.controller.undo_stack.count()
    type_in(qtbot, ws.panel.editor.entity, "United States")
    assert messages[-1][0] == "question" and "United States" in messages[-1][2]
    created = ws.project.find_entity(name="United States")
    assert created is not None and created.type == "State/Government"  # from the label
    assert ws.project.get_span(washington).entity_id == created.id
    assert ws.controller.undo_stack.count() == depth + 1
    ws.controller.undo_stack.undo()
    assert ws.project.find_entity(name="United States") is None
    assert entity_of(ws, washington) is None
    ws.controller.undo_stack.redo()
    assert ws.project.find_entity(name="United States") == created  # same id and uuid
    assert entity_of(ws, washington) == "United States"


def test_declining_to_create_changes_nothing(qtbot: object, ws: Workspace,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from annotator.ui.messages import Message

    monkeypatch.setattr(Message, "question", classmethod(lambda cls, *a: False))
    washington = tag(qtbot, ws, "Washington", Qt.Key.Key_2)
    depth = ws.controller.undo_stack.count()
    type_in(qtbot, ws.panel.editor.entity, "USA")
    assert entity_of(ws, washington) is None and ws.project.find_entity(name="USA") is None
    assert ws.controller.undo_stack.count() == depth
    assert ws.panel.editor.entity.currentText() == ""


# -- stance links -----------------------------------------------------------------------

def test_holder_and_target_from_the_pickers(qtbot: object, ws: Workspace) -> None:
    russia = tag(qtbot, ws, "Russia", Qt.Key.Key_2)
    tehran = tag(qtbot, ws, "Tehran", Qt.Key.Key_2)
    stance = tag(qtbot, ws, "backs", Qt.Key.Key_Q)
    editor = ws.panel.editor
    holder, target = editor.links.combos[HOLDER], editor.links.combos[TARGET]
    assert holder.isVisibleTo(editor) and not editor.entity.isVisibleTo(editor)
    # The picker lists this document's actors in text order, then the registry.
    items = [holder.itemText(i) for i in range(holder.count())]
    assert items[:2] == ["State/Government — Russia", "State/Government — Tehran"]
    assert "Registry — Ali Khamenei" in items
    # Keyboard first: Alt+O and Alt+G reach the pickers from the article.
    qtbot.keyClick(ws.view, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # type: ignore[attr-defined]
    assert holder.lineEdit() is not None and holder.lineEdit().hasFocus()  # type: ignore[union-attr]
    qtbot.keyClick(ws.view, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # type: ignore[attr-defined]
    assert target.lineEdit().hasFocus()  # type: ignore[union-attr]
    type_in(qtbot, holder, "State/Government — Russia")
    type_in(qtbot, target, "registry — russian federation")
    registry = ws.project.find_entity(name="Russian Federation")
    assert registry is not None
    assert links_of(ws, stance) == [(HOLDER, russia, None), (TARGET, None, registry.id)]
    # Replacing the target removes the old link, in one undo step.
    type_in(qtbot, target, "tehr")  # a fragment that names one choice only
    assert links_of(ws, stance) == [(HOLDER, russia, None), (TARGET, tehran, None)]
    assert target.currentText() == "State/Government — Tehran"
    ws.controller.undo_stack.undo()
    assert links_of(ws, stance) == [(HOLDER, russia, None), (TARGET, None, registry.id)]
    assert target.currentText() == "Registry — Russian Federation"
    ws.controller.undo_stack.redo()
    assert links_of(ws, stance) == [(HOLDER, russia, None), (TARGET, tehran, None)]
    type_in(qtbot, holder, "")
    assert links_of(ws, stance) == [(TARGET, tehran, None)]


def test_pickers_name_the_actor_a_span_stands_for(qtbot: object, ws: Workspace) -> None:
    moscow = tag(qtbot, ws, "Moscow", Qt.Key.Key_2, occurrence=1)
    type_in(qtbot, ws.panel.editor.entity, "Moscow")  # alias of Russian Federation
    stance = tag(qtbot, ws, "condemns", Qt.Key.Key_W)
    holder = ws.panel.editor.links.combos[HOLDER]
    assert holder.itemText(0) == "State/Government — Moscow  [Russian Federation]"
    type_in(qtbot, holder, "moscow")  # also the registry actor's alias: not picked
    assert links_of(ws, stance) == [] and holder.currentText() == ""
    type_in(qtbot, holder, "government — moscow")  # one choice only
    assert links_of(ws, stance) == [(HOLDER, moscow, None)]


def test_ctrl_click_sets_holder_and_ctrl_shift_click_target(qtbot: object,
                                                           ws: Workspace) -> None:
    russia = tag(qtbot, ws, "Russia", Qt.Key.Key_2)
    putin = tag(qtbot, ws, "Путин", Qt.Key.Key_1)
    tehran = tag(qtbot, ws, "Tehran", Qt.Key.Key_2)
    stance = tag(qtbot, ws, "backs", Qt.Key.Key_Q)
    ctrl = Qt.KeyboardModifier.ControlModifier
    click_span(qtbot, ws, russia, ctrl)
    assert ws.view.selected_span == stance  # the stance stays selected
    click_span(qtbot, ws, tehran, ctrl | Qt.KeyboardModifier.ShiftModifier)
    assert links_of(ws, stance) == [(HOLDER, russia, None), (TARGET, tehran, None)]
    assert ws.view.related_spans() == {russia: HOLDER, tehran: TARGET}
    assert ws.panel.editor.links.combos[HOLDER].currentText() == "State/Government — Russia"
    # Another Ctrl+click replaces the holder; undo puts the first one back.
    click_span(qtbot, ws, putin, ctrl)
    assert links_of(ws, stance) == [(HOLDER, putin, None), (TARGET, tehran, None)]
    ws.controller.undo_stack.undo()
    assert links_of(ws, stance) == [(HOLDER, russia, None), (TARGET, tehran, None)]
    assert ws.view.selected_span == stance
    # A plain click still just selects.
    click_span(qtbot, ws, tehran)
    assert ws.view.selected_span == tehran and ws.view.related_spans() == {}


def test_the_context_menu_offers_holder_and_target(qtbot: object, ws: Workspace) -> None:
    russia = tag(qtbot, ws, "Russia", Qt.Key.Key_2)
    stance = tag(qtbot, ws, "backs", Qt.Key.Key_Q)
    ws.view.reveal_span(russia)
    settle()
    point = ws.view.span_rects(russia)[0].center().toPoint()
    menu = ws.link_gestures.context_menu(point)
    assert menu is not None
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[0] == "Make it the stance's &holder\tCtrl+click"
    assert texts[1] == "Make it the stance's &target\tCtrl+Shift+click"
    menu.actions()[1].trigger()
    assert links_of(ws, stance) == [(TARGET, russia, None)]
    assert ws.link_gestures.context_menu(QPoint(1, 1)) is None  # no actor there


def test_holder_and_target_are_outlined_on_screen(qtbot: object, ws: Workspace) -> None:
    russia = tag(qtbot, ws, "Russia", Qt.Key.Key_2)
    stance = tag(qtbot, ws, "backs", Qt.Key.Key_Q)
    ws.view.reveal_span(russia)
    settle()
    rect = ws.view.span_rects(russia)[0].toAlignedRect().adjusted(-3, -2, 3, 2)

    def pixels() -> QImage:
        ws.view.viewport().repaint()
        return ws.view.viewport().grab(rect).toImage()

    plain = pixels()
    ws.panel.editor.links.set_link(HOLDER, span_id=russia)
    assert ws.view.selected_span == stance
    outlined = pixels()
    assert outlined != plain, "the holder is not marked"
    ws.controller.undo_stack.undo()
    assert pixels() == plain


def test_deleting_a_linked_actor_removes_the_link_and_undo_restores_it(
        qtbot: object, ws: Workspace) -> None:
    russia = tag(qtbot, ws, "Russia", Qt.Key.Key_2)
    stance = tag(qtbot, ws, "backs", Qt.Key.Key_Q)
    ws.panel.editor.links.set_link(HOLDER, span_id=russia)
    ws.select_span(russia, ws.view)
    qtbot.keyClick(ws.view, Qt.Key.Key_Delete)  # type: ignore[attr-defined]
    settle()
    assert links_of(ws, stance) == []
    ws.select_span(stance, ws.view)
    assert ws.panel.editor.links.combos[HOLDER].currentText() == ""
    ws.controller.undo_stack.undo()
    assert links_of(ws, stance) == [(HOLDER, russia, None)]
    ws.select_span(stance, ws.view)
    assert ws.panel.editor.links.combos[HOLDER].currentText() == "State/Government — Russia"


def test_a_stance_shown_while_its_holder_is_deleted_updates(qtbot: object,
                                                           ws: Workspace) -> None:
    russia = tag(qtbot, ws, "Russia", Qt.Key.Key_2)
    stance = tag(qtbot, ws, "backs", Qt.Key.Key_Q)
    ws.panel.editor.links.set_link(HOLDER, span_id=russia)
    holder = ws.panel.editor.links.combos[HOLDER]
    from annotator.core.commands import DeleteSpan

    ws.controller.push(DeleteSpan(russia))  # e.g. from the table, the stance still shown
    assert ws.panel.editor.span is not None and ws.panel.editor.span.id == stance
    assert holder.currentText() == "" and ws.view.related_spans() == {}
    assert "State/Government — Russia" not in [holder.itemText(i) for i in range(holder.count())]


# -- the registry dialog ----------------------------------------------------------------

def test_registry_dialog_adds_renames_retypes_and_aliases(qtbot: object, ws: Workspace,
                                                        messages: list[object]) -> None:
    dialog = EntityDialog(ws.window(), ws.controller)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    names = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert names == ["Ali Khamenei", "Russian Federation"]
    qtbot.keyClicks(dialog.search, "IRGC")  # type: ignore[attr-defined]
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert dialog.isVisible()  # Enter added; it did not also press Close
    irgc = ws.project.find_entity(name="IRGC")
    assert irgc is not None and dialog.selected_id == irgc.id
    dialog.type.setEditText("Security forces")
    dialog.type.lineEdit().editingFinished.emit()  # type: ignore[union-attr]
    dialog.name.setText("Revolutionary Guards")
    dialog.name.editingFinished.emit()
    dialog.aliases.setText("IRGC, Sepah,  , sepah")
    dialog.aliases.editingFinished.emit()
    stored = ws.project.get_entity(irgc.id)  # type: ignore[arg-type]
    assert (stored.name, stored.type, stored.aliases) == (
        "Revolutionary Guards", "Security forces", ("IRGC", "Sepah"))
    # Undo works in the dialog, one field at a time.
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert ws.project.get_entity(irgc.id).aliases == ()  # type: ignore[arg-type]
    assert dialog.aliases.text() == ""
    # A taken name is refused with a message and the field shows the stored name.
    dialog.name.setText("ali khamenei")
    dialog.name.editingFinished.emit()
    assert messages and "already has an actor named 'Ali Khamenei'" in str(messages[-1])
    assert dialog.name.text() == "Revolutionary Guards"
    # The filter finds actors by alias.
    dialog.search.setText("supreme")
    assert dialog.table.model().rowCount() == 1
    dialog.done(0)


def test_registry_dialog_removes_only_unused_actors(qtbot: object, ws: Workspace) -> None:
    leader = tag(qtbot, ws, "supreme leader", Qt.Key.Key_1)
    type_in(qtbot, ws.panel.editor.entity, "Ali Khamenei")
    dialog = EntityDialog(ws.window(), ws.controller)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    khamenei = ws.project.get_span(leader).entity_id
    dialog.select(khamenei)
    assert dialog.uses.text() == "1 span" and not dialog.remove_button.isEnabled()
    russia = ws.project.find_entity(name="Russian Federation")
    assert russia is not None
    dialog.select(russia.id)
    assert dialog.remove_button.isEnabled()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert ws.project.find_entity(name="Russian Federation") is None
    assert dialog.model.rowCount() == 1
    ws.controller.undo_stack.undo()
    assert ws.project.find_entity(name="Russian Federation") == russia
    dialog.done(0)


def test_renaming_in_the_registry_renames_in_the_span_table(qtbot: object,
                                                            ws: Workspace) -> None:
    leader = tag(qtbot, ws, "supreme leader", Qt.Key.Key_1)
    type_in(qtbot, ws.panel.editor.entity, "Khamenei")
    dialog = EntityDialog(ws.window(), ws.controller)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.select(ws.project.get_span(leader).entity_id)
    dialog.edit_selected(name="Sayyid Ali Khamenei")
    assert ws.spans.index_of(leader, TEXT_COLUMN).data() == "supreme leader  [Sayyid Ali Khamenei]"
    ws.select_span(leader)
    assert ws.panel.editor.entity.currentText() == "Sayyid Ali Khamenei"
    dialog.done(0)


def test_the_edit_menu_opens_the_registry(qtbot: object, linked_project: Path,
                                          open_window: OpenWindow,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    window: MainWindow = open_window(linked_project)
    opened: list[object] = []
    monkeypatch.setattr(EntityDialog, "ask", classmethod(
        lambda cls, parent, controller: opened.append(controller)))
    action = next(a for a in window.actions() if a.text() == "A&ctors registry…")
    action.trigger()
    assert opened == [window.controller]


def test_entity_model_passes_the_model_tester(qtmodeltester: object,
                                              linked_project: Path) -> None:
    with Project.open(linked_project) as project:
        model = EntityModel(project)
        qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
        project.apply(AddEntity(Entity(name="Basij")))
        from annotator.core.commands import Change

        model.on_changed(Change(entities=True))
        assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
            "Ali Khamenei", "Basij", "Russian Federation"]
        qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]


def test_choice_set_passes_the_model_tester_and_keeps_aliases_apart(
        qtmodeltester: object) -> None:
    choices = ChoiceSet()
    qtmodeltester.check(choices, force_py=True)  # type: ignore[attr-defined]
    choices.set_choices([
        Choice("Ali Khamenei", ("entity", 1), "person", ("Leader → Ali Khamenei",), ("Leader",)),
        Choice("Ruhollah Khomeini", ("entity", 2), "", ("Leader → Ruhollah Khomeini",),
               ("Leader",)),
    ])
    qtmodeltester.check(choices, force_py=True)  # type: ignore[attr-defined]
    assert choices.row_of(("entity", 2)) == 1 and choices.text_of(("entity", 3)) is None
    assert choices.completions.stringList() == [
        "Ali Khamenei", "Leader → Ali Khamenei", "Ruhollah Khomeini",
        "Leader → Ruhollah Khomeini"]
    combo = ChoiceCombo(choices=choices)
    assert combo.key_of("leader → ruhollah khomeini") == ("entity", 2)
    assert combo.is_ambiguous("Leader")  # an alias two actors share names neither
