"""Drawing two annotators' spans over one text, coloured by how they compare.

The shapes follow the annotation window's layers, so nothing new has to be learnt:

- actor: a fill, A's in the upper half of the line and B's in the lower half;
- stance: a thick line, A's above the text and B's below it;
- narrative: a thin line (A above, B below) and a bar in the margin (A's column left of B's).

The colour is the pair's state (``states``). Pairs already settled (in gold, or rejected)
are drawn paler and with dashed lines, so what is still open stands out. Each drawn
item's id is ``2 × pair index + side`` (side 0 is A, 1 is B) and its ``layer`` is
``"<layer>/<side>"``, so nested spans get lanes per layer *and* side.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from annotator.core.review.compare import Pair
from annotator.ui.review.states import state_color
from annotator.ui.span_index import SpanItem
from annotator.ui.span_painter import Segment

A, B = 0, 1
MAX_LANES = 3


def item_id(pair_index: int, side: int) -> int:
    return 2 * pair_index + side


def pair_index(item: SpanItem) -> int:
    return item.id // 2


def side_of(item: SpanItem) -> int:
    return item.id % 2


def layer_of(item: SpanItem) -> str:
    return item.layer.partition("/")[0]


@dataclass(frozen=True)
class Look:
    """What the painter needs to know about a drawn item."""

    color: QColor
    settled: bool


LookOf = Callable[[SpanItem], Look]


def look_from(pairs: Sequence[Pair]) -> LookOf:
    def look(item: SpanItem) -> Look:
        pair = pairs[pair_index(item)]
        return Look(state_color(pair.state), pair.resolved)
    return look


def _lane(item: SpanItem) -> int:
    return min(item.lane, MAX_LANES - 1)


@dataclass(frozen=True)
class Metrics:
    """The text font's ascent and descent: the glyph box every mark is placed around
    (the line itself is taller, see ``CompareText``, leaving room for A's marks above)."""

    ascent: float
    descent: float
    cap_height: float


def paint_fills(painter: QPainter, segments: Iterable[Segment], look_of: LookOf,
                metrics: Metrics, dark: bool) -> None:
    """Actor halves, under the text: A's over the upper half of the glyphs, B's over the
    lower half."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(Qt.PenStyle.NoPen)
    for seg in segments:
        if layer_of(seg.item) != "actor":
            continue
        look = look_of(seg.item)
        inset = 2.0 * _lane(seg.item)  # a nested actor of the same side is thinner
        top = seg.baseline - metrics.ascent
        bottom = seg.baseline + metrics.descent
        mid = round((top + bottom) / 2)
        if side_of(seg.item) == A:
            half = QRectF(seg.rect.left(), top + inset, seg.rect.width(), mid - top - inset)
        else:
            half = QRectF(seg.rect.left(), mid, seg.rect.width(), bottom - inset - mid)
        fill = QColor(look.color)
        fill.setAlpha((80 if look.settled else 150) if dark else (50 if look.settled else 115))
        painter.setBrush(fill)
        painter.drawRect(half)


def paint_marks(painter: QPainter, segments: Sequence[Segment], look_of: LookOf,
                metrics: Metrics, selected: int | None, highlight: QColor) -> None:
    """Stance lines (thick) and narrative lines (thin) over the text: A's above the
    glyphs, B's below the baseline; then the selected pair's outline."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for seg in segments:
        layer = layer_of(seg.item)
        if layer not in ("stance", "narrative"):
            continue
        look = look_of(seg.item)
        lane = _lane(seg.item)
        thick = layer == "stance"
        pen = QPen(look.color, 2.6 if thick else 1.4)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if look.settled:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        if side_of(seg.item) == A:
            y = seg.baseline - metrics.cap_height - (2.8 if thick else 6.0) - 3.0 * lane
            y = max(y, seg.rect.top() + 0.8)
        else:
            y = seg.baseline + (2.2 if thick else 5.0) + 3.0 * lane
            y = min(y, seg.rect.bottom() - 0.8)
        painter.drawLine(QPointF(seg.rect.left() + 0.5, y), QPointF(seg.rect.right() - 0.5, y))
    if selected is not None:
        _outline(painter, [s.rect for s in segments if pair_index(s.item) == selected],
                 highlight)


def _outline(painter: QPainter, rects: list[QRectF], highlight: QColor) -> None:
    """One rounded box per visual line around the selected pair (both sides)."""
    lines: dict[float, QRectF] = {}
    for rect in rects:
        key = round(rect.top(), 1)
        lines[key] = lines[key].united(rect) if key in lines else QRectF(rect)
    painter.setPen(QPen(highlight, 2.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for rect in lines.values():
        painter.drawRoundedRect(rect.adjusted(-2.0, -0.5, 2.0, 0.5), 3.0, 3.0)


def narrative_extents(segments: Iterable[Segment]) -> dict[int, tuple[SpanItem, float, float]]:
    """Vertical extent on screen of each visible narrative item: id -> (item, top, bottom)."""
    out: dict[int, tuple[SpanItem, float, float]] = {}
    for seg in segments:
        if layer_of(seg.item) != "narrative":
            continue
        item, top, bottom = out.get(seg.item.id, (seg.item, seg.rect.top(), seg.rect.bottom()))
        out[seg.item.id] = (item, min(top, seg.rect.top()), max(bottom, seg.rect.bottom()))
    return out


GUTTER_COLUMN = 5  # px per narrative lane in the margin
GUTTER_WIDTH = 14 + 2 * MAX_LANES * GUTTER_COLUMN


def paint_gutter(painter: QPainter, width: float,
                 extents: dict[int, tuple[SpanItem, float, float]], look_of: LookOf,
                 selected: int | None, highlight: QColor) -> None:
    """Narrative bars in the margin: B's lanes next to the text, A's lanes left of them."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    block = MAX_LANES * GUTTER_COLUMN + 3
    for item, top, bottom in extents.values():
        look = look_of(item)
        right = width - 6.0 - (0 if side_of(item) == B else block)
        x = right - 4.0 - GUTTER_COLUMN * _lane(item)
        rect = QRectF(x, top + 2.0, 4.0, max(bottom - top - 4.0, 4.0))
        color = QColor(look.color)
        if look.settled:
            color.setAlpha(110)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(rect, 2.0, 2.0)
        if pair_index(item) == selected:
            painter.setPen(QPen(highlight, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-1.5, -1.5, 1.5, 1.5), 2.5, 2.5)
