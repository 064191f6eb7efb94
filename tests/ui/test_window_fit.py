"""The window at 1600 × 1000 (issue 7, item 7): every layer's top-level labels in view,
sub-labels behind their parent's arrow, windows placed on the screen, no "-0.000"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QScrollArea, QWidget

from annotator.core.wording import decimal
from annotator.ui.screen_fit import FRAME_MARGIN, resize_within_screen

from .conftest import OpenWindow, settle, workspace


def test_top_level_labels_fit_and_sub_labels_open_on_demand(
        qtbot: object, mixed_project: Path, open_window: OpenWindow) -> None:
    window = open_window(mixed_project)
    window.resize(1600, 1000)
    settle()
    ws = workspace(window)
    panel = ws.panel.labels_panel
    scroll = panel.parentWidget().parentWidget()  # the viewport's scroll area
    assert isinstance(scroll, QScrollArea)
    viewport = scroll.viewport()
    narratives = ws.labels.labels("narrative")
    parents = [lab for lab in narratives if ws.labels.depth(lab) == 0]
    children = [lab for lab in narratives if ws.labels.depth(lab)]
    assert len(parents) >= 8 and children
    for label in ws.labels.labels():
        button = panel.buttons[label.id]  # type: ignore[index]
        if label in children:
            assert button.isHidden()
            continue
        bottom = button.mapTo(viewport, button.rect().bottomLeft()).y()
        assert button.isVisible() and bottom <= viewport.height(), label.name
    first = parents[0]
    kids = [lab for lab in children if lab.parent_id == first.id]
    panel.arrows[first.id].click()  # type: ignore[index]
    assert all(panel.buttons[k.id].isVisible() for k in kids)  # type: ignore[index]
    panel.rebuild()  # a scheme edit keeps what the user opened
    assert all(panel.buttons[k.id].isVisible() for k in kids)  # type: ignore[index]
    panel.show_sub_labels(first.id, False)  # type: ignore[arg-type]
    assert all(panel.buttons[k.id].isHidden() for k in kids)  # type: ignore[index]


def test_a_window_opens_inside_the_free_screen(qtbot: object) -> None:
    window = QWidget()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.move(900, 700)  # where a cascading window manager would put it
    resize_within_screen(window, 1500, 900)
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() - FRAME_MARGIN
    assert screen.contains(window.geometry().topLeft())
    assert window.geometry().bottom() + FRAME_MARGIN <= screen.bottom() + 1
    assert window.geometry().right() <= screen.right()


def test_figures_never_read_minus_zero() -> None:
    assert [decimal(v) for v in (-0.0001, -0.0, 0.0, -0.5, 0.81249)] == [
        "0.000", "0.000", "0.000", "-0.500", "0.812"]
    assert decimal(-0.00004, 4) == "0.0000"


def test_the_panes_keep_their_size_as_spans_of_each_layer_are_shown(
        qtbot: object, mixed_project: Path, open_window: OpenWindow) -> None:
    """The span editor's rows come and go with the layer (actor, stance, none) but its
    pane never resizes, so a key press relays out nothing beside it; and it is tall
    enough for every field of a stance."""
    window = open_window(mixed_project)
    window.resize(1600, 1000)
    settle()
    ws = workspace(window)
    ws.open_document(next(i for i in ws.documents.ids
                          if ws.documents.row_data(i).title == "Mixed scripts"))
    settle()
    labels = {(lab.layer, lab.name): lab for lab in ws.labels.labels()}
    ws.view.select_range(0, 4)
    ws.panel.labels_panel.label_clicked.emit(labels[("actor", "State/Government")].id)
    ws.view.select_range(5, 13)
    ws.panel.labels_panel.label_clicked.emit(labels[("stance", "Opposes")].id)
    settle()
    stance = ws.view.selected_span
    actor = next(i for i in ws.spans.ids if i != stance)
    panes = [ws.panel.widget(i) for i in range(ws.panel.count())]
    sizes = [w.geometry() for w in panes]
    editor = ws.panel.editor
    for shown in (actor, None, stance, None, actor):
        ws.select_span(shown)
        settle()
        assert [w.geometry() for w in panes] == sizes, shown
        if shown == stance:
            area = panes[-1].viewport()
            for field in (editor.links.combos["holder"], editor.note, editor.attributes):
                bottom = field.mapTo(area, field.rect().bottomLeft()).y()
                assert field.isVisible() and bottom <= area.height()
