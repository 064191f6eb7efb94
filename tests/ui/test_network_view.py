"""Analysis → Network…: the coded statements drawn, laid out off the GUI thread, nodes
draggable with their edges, time windows on a slider, PNG/SVG/CSV export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from annotator.core.model import Entity
from annotator.store import Project
from annotator.ui.network_view import NetworkView, open_network
from tests.formats.network_fixture import code_statements
from tests.formats.test_dna_network import coded, narratives_over  # noqa: F401 - the coded project

from .conftest import OpenWindow, workspace


def test_the_network_is_drawn_and_exported(qtbot: object, coded: Path,  # noqa: F811
                                           open_window: OpenWindow, tmp_path: Path) -> None:
    window = open_window(coded)
    workspace(window).controller.set_annotator("Dana")
    qtbot.keyClick(window, Qt.Key.Key_G,  # type: ignore[attr-defined]
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = window.findChild(NetworkView)
    assert view is not None and view.isVisible()
    qtbot.waitUntil(lambda: len(view.nodes) == 6, timeout=10000)  # type: ignore[attr-defined]
    assert {k for k in view.nodes} == {("actor", "Ali"), ("actor", "Boris"), ("actor", "Chen"),
                                       ("concept", "x"), ("concept", "y"), ("concept", "z")}
    ali = view.nodes[("actor", "Ali")]
    line = ali.edges[0]
    ali.setPos(ali.pos() + QPointF(50, 0))  # a drag moves the node; its edges follow
    assert line.line().p1() == ali.pos() or line.line().p2() == ali.pos()
    assert ali.rect().width() > view.nodes[("actor", "Chen")].rect().width()  # by degree
    view.kind.setCurrentIndex(2)  # conflict
    qtbot.waitUntil(lambda: len(view.nodes) == 3, timeout=10000)  # type: ignore[attr-defined]
    assert view.drawn is not None and len(view.drawn.edges) == 2
    png, svg, table = (view.export_png(tmp_path / "n.png"), view.export_svg(tmp_path / "n.svg"),
                       view.export_csv(tmp_path / "n.csv"))
    assert png and png.stat().st_size > 1000 and svg and "<svg" in svg.read_text()
    assert table is not None
    assert table.read_text().splitlines()[0] == "source,target,weight,statements,qualifier"
    view.windows.setChecked(True)
    # 30 days every 7 from 01-05 until the last date (02-10): six windows.
    assert view.slider.isEnabled() and view.slider.maximum() == 5
    view.slider.setValue(5)
    assert view.period.text() == "2026-02-09 – 2026-03-10 (6 of 6)"
    view.window_days.setValue(60)  # two windows of 60 days, 30 apart
    view.step_days.setValue(30)
    assert view.slider.maximum() == 1 and view.period.text().endswith("(2 of 2)")
    view.slider.setValue(0)
    assert view.period.text() == "2026-01-05 – 2026-03-05 (1 of 2)"
    rows = view.export_csv(tmp_path / "w.csv")
    assert rows is not None and rows.read_text().startswith("start,end,source,target")
    view.close()


def test_no_statements_says_what_to_code(qtbot: object, project_file: Path,
                                         open_window: OpenWindow) -> None:
    window = open_window(project_file)
    view = open_network(window)
    assert view is not None
    assert "no edges to draw" in view.status.text()
    view.close()


def test_nodes_coloured_by_label_or_registry_type(qtbot: object, coded: Path,  # noqa: F811
                                                  open_window: OpenWindow) -> None:
    with Project.open(coded) as p:  # Ali is in the registry as a bloc; Boris as a leader
        p.insert_entity(Entity(name="Ali", type="bloc"))
        p.insert_entity(Entity(name="Boris", type="Head of state/government"))
        leader = next(lab.color for lab in p.labels() if lab.name == "Head of state/government")
    window = open_window(coded)
    workspace(window).controller.set_annotator("Dana")
    view = open_network(window)
    assert view is not None
    qtbot.waitUntil(lambda: len(view.nodes) == 6, timeout=10000)  # type: ignore[attr-defined]
    assert "Head of state/government" in view.legend.text()
    view.colour_by.setCurrentIndex(view.colour_by.findData("type"))
    qtbot.waitUntil(lambda: len(view.nodes) == 6, timeout=10000)  # type: ignore[attr-defined]
    colors = {key[1]: node.brush().color().name() for key, node in view.nodes.items()}
    assert colors["Boris"] == leader  # the type names a label: that label's colour
    assert colors["Ali"] not in (leader, "#7986cb")  # a palette colour
    assert colors["Chen"] == "#7986cb"  # not in the registry
    legend = view.legend.text()
    assert "bloc" in legend and "no registry type" in legend and "concept" in legend
    view.close()


def test_choose_whose_coding_which_label_and_documents(qtbot: object, coded: Path,  # noqa: F811
                                                       open_window: OpenWindow) -> None:
    code_statements(coded, [("2026-03-01", "Dmitri", "Head of state/government", -1, "x")],
                    annotator="Eve", meta={"outlet": "TASS"})
    window = open_window(coded)
    workspace(window).controller.set_annotator("Dana")
    view = open_network(window)
    assert view is not None
    assert [view.who.itemText(i) for i in range(view.who.count())] == [
        "Dana", "Eve", "Gold standard", "Everyone (added up)"]
    assert view.who.currentText() == "Dana"
    assert view.drawn is not None and view.drawn.statements == 8
    view.who.setCurrentIndex(view.who.findData("Eve"))
    assert view.drawn is not None and view.drawn.statements == 1
    assert [(e.source, e.target, e.qualifier) for e in view.drawn.edges] == [
        ("Dmitri", "x", "negative")]
    view.who.setCurrentIndex(view.who.count() - 1)  # everyone
    assert view.drawn is not None and view.drawn.statements == 9
    view.who.setCurrentIndex(view.who.findText("Gold standard"))
    assert view.drawn is not None and view.drawn.statements == 0
    assert "no edges to draw" in view.status.text()
    code_statements(coded, [("2026-03-02", "Ali", "Head of state/government", 1, "x")],
                    annotator="gold")  # adjudicated: not one more voice in "everyone"
    view.who.setCurrentIndex(view.who.findText("Dana"))
    view.who.setCurrentIndex(view.who.count() - 1)
    assert view.drawn is not None and view.drawn.statements == 9
    view.who.setCurrentIndex(view.who.findText("Gold standard"))
    assert view.drawn is not None and view.drawn.statements == 1
    view.who.setCurrentIndex(view.who.count() - 1)
    # The documents box, as in the document list: applied once typing pauses or on Enter.
    view.documents.setFocus()
    view.documents.setText("outlet:tas")
    qtbot.keyClick(view.documents, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert view.drawn is not None and view.drawn.statements == 1
    view.documents.setText("date:2026-02")
    qtbot.waitUntil(lambda: view.drawn is not None  # type: ignore[attr-defined]
                    and view.drawn.statements == 5, timeout=3000)
    view.documents.setText("date:2026-13")
    qtbot.keyClick(view.documents, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert view.filter_note.text() and view.drawn.statements == 5  # the last good filter
    view.documents.clear()
    qtbot.keyClick(view.documents, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert view.drawn is not None and view.drawn.statements == 9
    assert [view.label.itemText(i) for i in range(view.label.count())] == [
        "All", "Opposes", "Supports"]
    view.label.setCurrentIndex(view.label.findData("Opposes"))
    assert view.drawn is not None and view.drawn.statements == 4
    assert {e.qualifier for e in view.drawn.edges} == {"negative"}
    view.label.setCurrentIndex(0)
    view.kind.setCurrentIndex(view.kind.findData("conflict"))
    view.qualifier.setCurrentIndex(view.qualifier.findData("ignore"))
    assert view.drawn is None and not view.scene.items()
    assert view.status.text().startswith("conflict needs the qualifiers")
    view.qualifier.setCurrentIndex(view.qualifier.findData("combine"))
    assert view.drawn is not None and len(view.drawn.edges) == 4  # + Dmitri v Ali, Boris
    view.close()


def hover(widget: QWidget, at: QPoint) -> None:
    """The pointer moves to ``at`` with no button down. (QTest's mouseMove only moves the
    cursor on the offscreen platform, which sends no move event.)"""
    QApplication.sendEvent(widget, QMouseEvent(
        QEvent.Type.MouseMove, QPointF(at), QPointF(widget.mapToGlobal(at)),
        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))


def test_hovering_shows_the_figures(qtbot: object, coded: Path,  # noqa: F811
                                    open_window: OpenWindow) -> None:
    window = open_window(coded)
    workspace(window).controller.set_annotator("Dana")
    view = open_network(window)
    assert view is not None
    qtbot.waitUntil(lambda: len(view.nodes) == 6, timeout=10000)  # type: ignore[attr-defined]
    resting = view.status.text()
    ali = view.nodes[("actor", "Ali")]
    hover(view.view.viewport(), view.view.mapFromScene(ali.scenePos()))
    qtbot.waitUntil(lambda: view.status.text().startswith(  # type: ignore[attr-defined]
        "Ali (actor): 2 edges, weighted degree 3"), timeout=3000)
    edge = next(e for e in ali.edges if e.edge.target == "x")
    middle = (edge.line().p1() + edge.line().p2()) / 2
    hover(view.view.viewport(), view.view.mapFromScene(middle))
    qtbot.waitUntil(lambda: view.status.text() ==  # type: ignore[attr-defined]
                    "Ali — x: weight 2 · 2 statements · positive", timeout=3000)
    assert edge.pen().widthF() > 3  # lit
    corner = view.view.viewport().rect().bottomRight() - QPoint(2, 2)
    hover(view.view.viewport(), corner)
    qtbot.waitUntil(lambda: view.status.text() == resting,  # type: ignore[attr-defined]
                    timeout=3000)
    view.close()


def test_narratives_in_the_chosen_documents(qtbot: object, coded: Path,  # noqa: F811
                                            open_window: OpenWindow) -> None:
    narratives_over(coded, {"2026-01-05": "Colour revolution",
                            "2026-02-02": "Regime resilience"})
    window = open_window(coded)
    workspace(window).controller.set_annotator("Dana")
    view = open_network(window)
    assert view is not None
    view.on.setCurrentIndex(view.on.findData("narrative"))
    assert view.drawn is not None and view.drawn.statements == 2
    assert [view.label.itemText(i) for i in range(view.label.count())] == [
        "All", "Colour revolution", "Regime resilience"]
    view.documents.setText("date:2026-01")
    qtbot.keyClick(view.documents, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert view.drawn is not None and [(e.source, e.target) for e in view.drawn.edges] == [
        ("Ali", "Colour revolution")]
    view.close()
