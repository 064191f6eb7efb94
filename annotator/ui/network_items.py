"""The network view's scene items: nodes that drag their edges along, edges, and the
layout worker (networkx's spring layout on a thread). Hovering an item shows its
figures in the view's status line and lights up what it touches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QPointF, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSimpleTextItem,
)

from annotator.core.networks import Edge
from annotator.formats.dna_network import Built

# Called with the hovered item's figures, or None when the pointer leaves it.
Hover = Callable[[str | None], None]
HIGHLIGHT = QColor("#1565c0")


class Layout(QObject):
    """networkx's spring layout, on a worker thread."""

    done = Signal(object, int)  # {node key: (x, y)}, request number

    @Slot(object, int)
    def run(self, drawn: Built, number: int) -> None:
        import networkx as nx  # only for this view: 0.25 s, once

        graph = nx.Graph()
        for e in drawn.edges:
            graph.add_edge(("actor", e.source), (target_mode(drawn), e.target),
                           weight=abs(e.weight))
        # Twice networkx's default spacing (k = 1/√n), so names rarely sit on each other.
        spacing = 2 / max(1, graph.number_of_nodes()) ** 0.5
        positions = (nx.spring_layout(graph, k=spacing, seed=7, weight="weight",
                                      iterations=100) if graph else {})
        self.done.emit({k: (float(x), float(y)) for k, (x, y) in positions.items()}, number)


def target_mode(drawn: Built) -> str:
    return "concept" if drawn.two_mode else "actor"


class Node(QGraphicsEllipseItem):
    def __init__(self, key: tuple[str, str], radius: float, color: QColor, square: bool,
                 figures: str, hover: Hover) -> None:
        super().__init__(-radius, -radius, 2 * radius, 2 * radius)
        self.key = key
        self.figures = figures
        self.edges: list[EdgeLine] = []
        self._hover = hover
        self._pen = QPen(color.darker(140), 1.2)
        self._shape: QGraphicsEllipseItem | QGraphicsRectItem = self
        if square:  # a concept: a square (an ellipse item keeps the dragging code one)
            self._shape = QGraphicsRectItem(-radius, -radius, 2 * radius, 2 * radius, self)
            self._shape.setBrush(QBrush(color))
            self._pen = QPen(color.darker(130), 1.2)
            self.setBrush(QBrush(Qt.BrushStyle.NoBrush))
            self.setPen(QPen(Qt.PenStyle.NoPen))
        else:
            self.setBrush(QBrush(color))
        self._shape.setPen(self._pen)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip(figures)
        self.setZValue(2)
        # The name on a pale plate above every node and edge (its own item, moved with
        # the node), so nothing drawn hides it.
        self.plate = QGraphicsRectItem()
        self.plate.setBrush(QBrush(QColor(255, 255, 255, 210)))
        self.plate.setPen(QPen(Qt.PenStyle.NoPen))
        self.plate.setZValue(3)
        self.plate.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        label = QGraphicsSimpleTextItem(key[1], self.plate)
        box = label.boundingRect()
        self.plate.setRect(box.adjusted(-2, 0, 2, 0))
        self._offset = QPointF(radius + 4, -box.height() / 2)
        self.plate.setPos(self._offset)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self.plate.setPos(self.pos() + self._offset)
            for edge in self.edges:
                edge.follow()
        return super().itemChange(change, value)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.lit(True)
        for edge in self.edges:
            edge.lit(True)
        self._hover(self.figures)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.lit(False)
        for edge in self.edges:
            edge.lit(False)
        self._hover(None)
        super().hoverLeaveEvent(event)

    def lit(self, on: bool) -> None:
        self._shape.setPen(QPen(HIGHLIGHT, 3) if on else self._pen)


class EdgeLine(QGraphicsLineItem):
    def __init__(self, a: Node, b: Node, edge: Edge, color: QColor, width: float,
                 hover: Hover) -> None:
        super().__init__()
        self.a, self.b = a, b
        self.edge = edge
        self._pen = QPen(color, width)
        self._hover = hover
        self.setPen(self._pen)
        self.setZValue(1)
        self.setAcceptHoverEvents(True)
        what = f" · {edge.qualifier}" if edge.qualifier else ""
        self.figures = (f"{edge.source} — {edge.target}: weight {edge.weight:.3g} · "
                        f"{edge.statements} statements{what}")
        self.setToolTip(self.figures)
        a.edges.append(self)
        b.edges.append(self)
        self.follow()

    def shape(self) -> QPainterPath:
        """A band at least 8 units wide, so a thin edge is easy to hover."""
        path = QPainterPath(self.line().p1())
        path.lineTo(self.line().p2())
        stroker = QPainterPathStroker()
        stroker.setWidth(max(8.0, self.pen().widthF()))
        return stroker.createStroke(path)

    def follow(self) -> None:
        self.setLine(self.a.pos().x(), self.a.pos().y(), self.b.pos().x(), self.b.pos().y())

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.lit(True)
        self.a.lit(True)
        self.b.lit(True)
        self._hover(self.figures)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.lit(False)
        self.a.lit(False)
        self.b.lit(False)
        self._hover(None)
        super().hoverLeaveEvent(event)

    def lit(self, on: bool) -> None:
        pen = QPen(self._pen)
        if on:
            pen.setWidthF(self._pen.widthF() + 3)
        self.setPen(pen)
        self.setZValue(1.5 if on else 1)
