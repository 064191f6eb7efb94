"""Analysis → Network…: the discourse network of the current annotator, drawn (issue 12,
item 2).

The same networks as ``annotator network`` (``core.networks``): choose the type, the
concepts and the normalisation. Nodes are sized by weighted degree and coloured by the
actor label most given (concepts are grey squares); edges are green where actors agree
or support, red where they oppose, orange for both, grey for neutral, thicker with
weight; hover for the figures, drag a node to move it. The layout (networkx's spring
layout) is computed on a worker thread, so the window never freezes. With time windows
on, a slider steps through 30-day windows, one every 7 days. Export as PNG or SVG, and
the edges as CSV.

Drawn with Qt's own graphics view: no plotting library to load, and nodes are real
items that can be dragged.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPointF, QRectF, QSizeF, Qt, QThread, Signal, Slot
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
)

from annotator.core.networks import Edge, Statement, one_mode, time_windows, two_mode
from annotator.core.wording import count
from annotator.formats.dna_network import Built, Statements, project_statements, write_csv
from annotator.ui.buttons import action_row, save_path, save_png, save_svg

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

TYPES = (("Actor × concept (two-mode)", "two-mode"), ("Congruence (actor × actor)",
         "congruence"), ("Conflict (actor × actor)", "conflict"),
         ("Congruence − conflict", "subtract"))
CONCEPTS = (("Stance targets", "target"), ("Narratives", "narrative"))
NORMS = {"two-mode": ("none", "activity", "prominence"),
         "one-mode": ("none", "average", "jaccard", "cosine")}
SIGN_COLORS = {"positive": "#2e7d32", "negative": "#c62828", "both": "#ef6c00",
               "neutral": "#9e9e9e"}
WINDOW_DAYS, STEP_DAYS = 30, 7
SCALE = 320.0  # scene units per layout unit


class _Layout(QObject):
    """networkx's spring layout, on a worker thread."""

    done = Signal(object, int)  # {node key: (x, y)}, request number

    @Slot(object, int)
    def run(self, drawn: Built, number: int) -> None:
        import networkx as nx  # only for this view: 0.25 s, once

        graph = nx.Graph()
        for e in drawn.edges:
            source = ("actor", e.source)
            target = ("concept" if drawn.two_mode else "actor", e.target)
            graph.add_edge(source, target, weight=abs(e.weight))
        positions = nx.spring_layout(graph, seed=7, weight="weight") if graph else {}
        self.done.emit({k: (float(x), float(y)) for k, (x, y) in positions.items()}, number)


class _Node(QGraphicsEllipseItem):
    def __init__(self, key: tuple[str, str], radius: float, color: QColor,
                 square: bool) -> None:
        super().__init__(-radius, -radius, 2 * radius, 2 * radius)
        self.key = key
        self.edges: list[_EdgeLine] = []
        if square:  # a concept: a grey square (an ellipse item keeps the dragging code one)
            self._square = QGraphicsRectItem(-radius, -radius, 2 * radius, 2 * radius, self)
            self._square.setBrush(QBrush(color))
            self._square.setPen(QPen(Qt.PenStyle.NoPen))
            self.setBrush(QBrush(Qt.BrushStyle.NoBrush))
            self.setPen(QPen(Qt.PenStyle.NoPen))
        else:
            self.setBrush(QBrush(color))
            self.setPen(QPen(color.darker(140), 1.2))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setZValue(2)
        label = QGraphicsSimpleTextItem(key[1], self)
        label.setPos(radius + 3, -label.boundingRect().height() / 2)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for edge in self.edges:
                edge.follow()
        return super().itemChange(change, value)


class _EdgeLine(QGraphicsLineItem):
    def __init__(self, a: _Node, b: _Node, edge: Edge, color: QColor, width: float) -> None:
        super().__init__()
        self.a, self.b = a, b
        self.setPen(QPen(color, width))
        self.setZValue(1)
        what = f" · {edge.qualifier}" if edge.qualifier else ""
        self.setToolTip(f"{edge.source} — {edge.target}\nweight {edge.weight:.3g} · "
                        f"{edge.statements} statements{what}")
        a.edges.append(self)
        b.edges.append(self)
        self.follow()

    def follow(self) -> None:
        self.setLine(self.a.pos().x(), self.a.pos().y(), self.b.pos().x(), self.b.pos().y())


class NetworkView(QDialog):
    layout_wanted = Signal(object, int)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Network")
        self.resize(1100, 760)
        box = QVBoxLayout(self)
        row = QHBoxLayout()
        self.kind = _combo(TYPES)
        self.on = _combo(CONCEPTS)
        self.normalize = QComboBox()
        self.windows = QCheckBox("&Time windows (30 days, every 7)")
        for widget, text in ((self.kind, "&Network"), (self.on, "&Concepts"),
                             (self.normalize, "N&ormalise")):
            label = QLabel(text)
            label.setBuddy(widget)  # the & is Alt+letter to the box
            row.addWidget(label)
            row.addWidget(widget)
        row.addWidget(self.windows)
        row.addStretch(1)
        box.addLayout(row)
        slider_row = QHBoxLayout()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setEnabled(False)
        self.period = QLabel()
        slider_row.addWidget(self.slider, 1)
        slider_row.addWidget(self.period)
        box.addLayout(slider_row)
        self.scene = QGraphicsScene(self)
        self.view = QGraphicsView(self.scene)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        box.addWidget(self.view, 1)
        self.status = QLabel()
        box.addLayout(action_row(self.status, (
            ("Export &PNG…", self.export_png), ("Export &SVG…", self.export_svg),
            ("Edges as &CSV…", self.export_csv))))
        self._statements: Statements | None = None
        self._statements_key: tuple[str, str] | None = None
        self._windows: list[tuple[str, str, list[Statement]]] = []
        self.drawn: Built | None = None
        self.nodes: dict[tuple[str, str], _Node] = {}
        self._number = 0
        self._thread = QThread(self)
        self._worker = _Layout()
        self._worker.moveToThread(self._thread)
        self.layout_wanted.connect(self._worker.run)
        self._worker.done.connect(self._on_layout)
        self._thread.start()
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.on.currentIndexChanged.connect(lambda _i: self.refresh())
        self.normalize.currentIndexChanged.connect(lambda _i: self.refresh())
        self.windows.toggled.connect(lambda _on: self.refresh())
        self.slider.valueChanged.connect(lambda _v: self.refresh(keep_windows=True))
        self._on_kind()

    def done(self, result: int) -> None:
        self.stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()
        super().closeEvent(event)

    def stop(self) -> None:
        """Stop the layout thread (a running layout is waited for)."""
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait(10000)

    def _on_kind(self) -> None:
        mode = "two-mode" if self.kind.currentData() == "two-mode" else "one-mode"
        self.normalize.blockSignals(True)
        self.normalize.clear()
        for name in NORMS[mode]:
            self.normalize.addItem(name, name)
        self.normalize.blockSignals(False)
        self.refresh()

    def statements(self) -> Statements:
        ws = self.window_.workspace
        assert ws is not None
        key = (str(self.on.currentData()), ws.controller.annotator.name)
        if self._statements is None or self._statements_key != key:
            self._statements, _ = project_statements(ws.project, key[0], annotators=[key[1]])
            self._statements_key = key
        return self._statements

    def refresh(self, *, keep_windows: bool = False) -> None:
        kind = str(self.kind.currentData())
        found = self.statements()
        chosen = found.items
        if self.windows.isChecked():
            if not keep_windows or not self._windows:
                self._windows = time_windows(found.items, WINDOW_DAYS, STEP_DAYS)
                self.slider.blockSignals(True)
                self.slider.setRange(0, max(0, len(self._windows) - 1))
                self.slider.setValue(0)
                self.slider.blockSignals(False)
            self.slider.setEnabled(bool(self._windows))
            if self._windows:
                start, end, chosen = self._windows[self.slider.value()]
                self.period.setText(f"{start} – {end}")
            else:
                chosen = []
                self.period.setText("no dated statements")
        else:
            self._windows = []
            self.slider.setEnabled(False)
            self.period.setText("")
        normalize = str(self.normalize.currentData() or "none")
        edges = (two_mode(chosen, "combine", normalize) if kind == "two-mode"
                 else one_mode(chosen, kind, "combine", normalize))
        self.drawn = Built(edges, kind == "two-mode", {"network": kind,
                                                       "normalize": normalize})
        self.status.setText(f"{count(len(chosen), 'statement')}, {count(len(edges), 'edge')}"
                            f" · laying out…" if edges else
                            f"{count(len(chosen), 'statement')}: no edges to draw (code "
                            "stances with a holder and a target, or choose Narratives)")
        self._number += 1
        self.scene.clear()
        self.nodes = {}
        if edges:
            self.layout_wanted.emit(self.drawn, self._number)

    @Slot(object, int)
    def _on_layout(self, positions: dict[tuple[str, str], tuple[float, float]],
                   number: int) -> None:
        if number != self._number or self.drawn is None:
            return  # a newer request is on its way
        self._draw(self.drawn, positions)
        self.status.setText(f"{count(len(self.nodes), 'node')}, "
                            f"{count(len(self.drawn.edges), 'edge')} · drag a node to move "
                            "it, hover an edge for its weight")

    def _draw(self, drawn: Built, positions: dict[tuple[str, str], tuple[float, float]]
              ) -> None:
        found = self._statements
        degree: dict[tuple[str, str], float] = {}
        target_mode = "concept" if drawn.two_mode else "actor"
        for e in drawn.edges:
            for key in (("actor", e.source), (target_mode, e.target)):
                degree[key] = degree.get(key, 0.0) + abs(e.weight)
        top = max(degree.values(), default=1.0) or 1.0
        for key, (x, y) in positions.items():
            radius = 6 + 14 * math.sqrt(degree.get(key, 0.0) / top)
            node = _Node(key, radius, self._color(key, found), square=key[0] == "concept")
            node.setPos(QPointF(x * SCALE, y * SCALE))
            node.setToolTip(f"{key[1]} ({key[0]}) · weighted degree "
                            f"{degree.get(key, 0.0):.3g}")
            self.scene.addItem(node)
            self.nodes[key] = node
        heaviest = max((abs(e.weight) for e in drawn.edges), default=1.0) or 1.0
        for e in drawn.edges:
            a, b = self.nodes[("actor", e.source)], self.nodes[(target_mode, e.target)]
            line = _EdgeLine(a, b, e, QColor(_edge_color(drawn, e)),
                             1.0 + 5.0 * abs(e.weight) / heaviest)
            self.scene.addItem(line)
        self.view.fitInView(self.scene.itemsBoundingRect().adjusted(-60, -40, 160, 40),
                            Qt.AspectRatioMode.KeepAspectRatio)

    def _color(self, key: tuple[str, str], found: Statements | None) -> QColor:
        if key[0] == "concept":
            return QColor("#bdbdbd")
        ws = self.window_.workspace
        categories: dict[str, int] = dict(found.categories.get(key, {})) if found else {}
        if ws is not None and categories:
            name = max(categories, key=lambda c: (categories[c], c))
            label = next((lab for lab in ws.project.labels() if lab.name == name), None)
            if label is not None:
                return QColor(label.color)
        return QColor("#7986cb")

    # -- export ----------------------------------------------------------------------------
    def _picture(self) -> tuple[QRectF, QSizeF]:
        """The drawn area (with room for the labels) and its size."""
        rect = self.scene.itemsBoundingRect().adjusted(-20, -20, 120, 20)
        return rect, rect.size()

    def export_png(self, path: Path | None = None) -> Path | None:
        path = path or save_path(self, "Export the network as PNG", "network.png", "PNG (*.png)")
        if path is None:
            return None
        rect, size = self._picture()
        return save_png(path, size, lambda painter, target: self.scene.render(
            painter, target, rect))

    def export_svg(self, path: Path | None = None) -> Path | None:
        path = path or save_path(self, "Export the network as SVG", "network.svg", "SVG (*.svg)")
        if path is None:
            return None
        rect, size = self._picture()
        return save_svg(path, size, lambda painter, target: self.scene.render(
            painter, target, rect), "Annotator network")

    def export_csv(self, path: Path | None = None) -> Path | None:
        """The edges, as ``annotator network -o edges.csv`` writes them."""
        path = path or save_path(self, "Export the edges as CSV", "edges.csv", "CSV (*.csv)")
        if path is None or self.drawn is None:
            return None
        with path.open("wb") as out:
            write_csv([self.drawn], out)
        return path


def _edge_color(drawn: Built, edge: Edge) -> str:
    if drawn.two_mode:
        return SIGN_COLORS[edge.qualifier or "neutral"]
    if drawn.attrs.get("network") == "conflict" or edge.weight < 0:
        return SIGN_COLORS["negative"]
    return SIGN_COLORS["positive"]


def _combo(items: tuple[tuple[str, str], ...]) -> QComboBox:
    combo = QComboBox()
    for text, data in items:
        combo.addItem(text, data)
    return combo


def open_network(window: MainWindow) -> NetworkView | None:
    if window.workspace is None:
        return None
    view = NetworkView(window)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view.show()
    return view
