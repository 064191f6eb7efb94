"""Where spans sit on screen, and how the three layers are drawn so overlaps stay readable.

- actor: a pale fill in the label's colour (nested actors are inset, so both show);
- stance: a thick underline in the label's colour (nested stances sit lower);
- narrative: a thin line over the text and a bar in the left margin (one lane each).

Geometry comes from the text layout Qt already made for the visible blocks, so the cost
of a paint depends on what is visible, not on how many spans the document has.
Right-to-left and mixed lines are measured with glyph runs, which follow the visual
order; plain left-to-right lines use the cheaper ``cursorToX``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextBlock, QTextLine

from annotator.ui.span_index import SpanItem

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
MAX_LANES = 4
GUTTER_LANE = 6  # px per narrative lane in the margin

ColorOf = Callable[[SpanItem], QColor]


@dataclass(slots=True)
class Segment:
    """The part of one span on one visual line (one of possibly several rects)."""

    item: SpanItem
    rect: QRectF  # text area covered, viewport coordinates, full line height
    start: int  # UTF-16 positions covered by this segment
    end: int
    baseline: float
    rtl: bool = False  # the paragraph runs right to left (the span starts at the right)


def block_segments(block: QTextBlock, origin: QPointF, items: Iterable[SpanItem]
                   ) -> list[Segment]:
    """Segments of ``items`` inside ``block``, whose layout's top-left is at ``origin``."""
    layout = block.layout()
    if layout is None:
        return []
    bpos = block.position()
    text = block.text()
    items = list(items)
    block_rtl = bool(_RTL.search(text))
    rtl = block.textDirection() == Qt.LayoutDirection.RightToLeft
    out: list[Segment] = []
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        ls = line.textStart()
        le = ls + line.textLength()
        top = origin.y() + line.y()
        baseline = top + line.ascent()
        exact = block_rtl and bool(_RTL.search(text, ls, le))
        for item in items:
            s, e = max(item.start - bpos, ls), min(item.end - bpos, le)
            if s >= e:
                continue
            for x, width in _line_extents(line, s, e, exact):
                out.append(Segment(item, QRectF(origin.x() + x, top, width, line.height()),
                                   bpos + s, bpos + e, baseline, rtl))
    return out


def _line_extents(line: QTextLine, s: int, e: int, exact: bool) -> list[tuple[float, float]]:
    if not exact:
        x1 = _x(line, s)
        x2 = _x(line, e)
        return [(min(x1, x2), abs(x2 - x1))]
    extents = []
    for run in line.glyphRuns(s, e - s):
        r = run.boundingRect()
        if r.width() > 0:
            extents.append((r.x(), r.width()))
    return _merge(extents)


def _x(line: QTextLine, pos: int) -> float:
    result: Any = line.cursorToX(pos)  # PySide returns (x, position)
    return float(result[0])


def _merge(extents: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Join touching runs (a font change inside a word) into one rect."""
    out: list[tuple[float, float]] = []
    for x, w in sorted(extents):
        if out and x <= out[-1][0] + out[-1][1] + 0.5:
            px, pw = out[-1]
            out[-1] = (px, max(px + pw, x + w) - px)
        else:
            out.append((x, w))
    return out


def _lane(item: SpanItem) -> int:
    return min(item.lane, MAX_LANES - 1)


def paint_fills(painter: QPainter, segments: Iterable[Segment], color_of: ColorOf,
                dark: bool) -> None:
    """Actor backgrounds, drawn under the text."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    alpha = 105 if dark else 70
    for seg in segments:
        if seg.item.layer != "actor":
            continue
        inset = 1.0 + 2.5 * _lane(seg.item)
        rect = seg.rect.adjusted(0, inset, 0, -inset)
        color = QColor(color_of(seg.item))
        border = QColor(color)
        color.setAlpha(alpha)
        border.setAlpha(170)
        painter.setPen(QPen(border, 1.0))
        painter.setBrush(color)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 2.5, 2.5)


def paint_marks(painter: QPainter, segments: Iterable[Segment], color_of: ColorOf,
                selected: int | None, highlight: QColor) -> None:
    """Stance underlines, narrative overlines and the selected span's outline, over the text."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    outline: list[QRectF] = []
    for seg in segments:
        layer, lane = seg.item.layer, _lane(seg.item)
        left, right = seg.rect.left() + 0.5, seg.rect.right() - 0.5
        if layer == "stance":
            y = min(seg.baseline + 3.0 + 3.5 * lane, seg.rect.bottom() - 1.0)
            pen = QPen(color_of(seg.item), 2.6)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.drawLine(QPointF(left, y), QPointF(right, y))
        elif layer == "narrative":
            # A thin bracket over the text: the line above, with a hook down at the
            # narrative's first and last character, so it reads as belonging below.
            y = seg.rect.top() + 1.0 + 2.5 * lane
            pen = QPen(color_of(seg.item), 1.6)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.drawLine(QPointF(left, y), QPointF(right, y))
            hook = min(6.0, seg.rect.height() / 3)
            first, last = (right, left) if seg.rtl else (left, right)
            if seg.start == seg.item.start:
                painter.drawLine(QPointF(first, y), QPointF(first, y + hook))
            if seg.end == seg.item.end:
                painter.drawLine(QPointF(last, y), QPointF(last, y + hook))
        if selected is not None and seg.item.id == selected:
            outline.append(seg.rect)
    if outline:
        pen = QPen(highlight, 2.0)
        painter.setPen(pen)
        for rect in outline:
            painter.drawRoundedRect(rect.adjusted(-1.5, -0.5, 1.5, 0.5), 3.0, 3.0)


def narrative_extents(segments: Iterable[Segment]) -> dict[int, tuple[SpanItem, float, float]]:
    """Vertical extent on screen of each visible narrative span: id -> (item, top, bottom)."""
    out: dict[int, tuple[SpanItem, float, float]] = {}
    for seg in segments:
        if seg.item.layer != "narrative":
            continue
        item, top, bottom = out.get(seg.item.id, (seg.item, seg.rect.top(), seg.rect.bottom()))
        out[seg.item.id] = (item, min(top, seg.rect.top()), max(bottom, seg.rect.bottom()))
    return out


def paint_gutter(painter: QPainter, width: float,
                 extents: dict[int, tuple[SpanItem, float, float]], color_of: ColorOf,
                 selected: int | None, highlight: QColor) -> None:
    """Narrative bars in the left margin, one lane per nesting level, nearest the text."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for item, top, bottom in extents.values():
        x = width - 8.0 - GUTTER_LANE * _lane(item)
        rect = QRectF(x, top + 2.0, 4.0, max(bottom - top - 4.0, 4.0))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color_of(item))
        painter.drawRoundedRect(rect, 2.0, 2.0)
        if item.id == selected:
            painter.setPen(QPen(highlight, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-1.5, -1.5, 1.5, 1.5), 2.5, 2.5)
