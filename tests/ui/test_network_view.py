"""Analysis → Network…: the coded statements drawn, laid out off the GUI thread, nodes
draggable with their edges, time windows on a slider, PNG/SVG/CSV export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt

from annotator.ui.network_view import NetworkView, open_network
from tests.formats.test_dna_network import coded  # noqa: F401 - the coded project

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
    assert view.period.text() == "2026-02-09 – 2026-03-10"
    view.close()


def test_no_statements_says_what_to_code(qtbot: object, project_file: Path,
                                         open_window: OpenWindow) -> None:
    window = open_window(project_file)
    view = open_network(window)
    assert view is not None
    assert "no edges to draw" in view.status.text()
    view.close()
