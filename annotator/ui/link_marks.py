"""Outlines that are not spans of one's own: a selected stance's holder and target (a
thin outline around each, dashed for the holder, dotted for the target, quieter than the
selection), and suggestions from the actors registry (a dashed box in the suggested
label's colour, half transparent, never filled: visibly nobody's span yet)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPen

from annotator.core.entity_commands import HOLDER
from annotator.ui.span_index import SpanItem
from annotator.ui.span_painter import Segment

PEN_STYLE = {HOLDER: Qt.PenStyle.DashLine}  # any other type (target) is dotted


def paint_related(painter: QPainter, segments: Iterable[Segment], related: Mapping[int, str],
                  color: QColor) -> None:
    """Outline the segments of the spans in ``related`` (span id -> link type)."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    quiet = QColor(color)
    quiet.setAlpha(190)  # below the selection's outline in weight
    for seg in segments:
        link_type = related.get(seg.item.id)
        if link_type is None:
            continue
        pen = QPen(quiet, 1.3)
        pen.setStyle(PEN_STYLE.get(link_type, Qt.PenStyle.DotLine))
        painter.setPen(pen)
        painter.drawRoundedRect(seg.rect.adjusted(-1.0, 0.5, 1.0, -0.5), 3.0, 3.0)


def paint_ghosts(painter: QPainter, segments: Iterable[Segment],
                 color_of: Callable[[SpanItem], QColor]) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for seg in segments:
        color = QColor(color_of(seg.item))
        color.setAlpha(200)
        pen = QPen(color, 1.6)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRoundedRect(seg.rect.adjusted(-1.0, 1.0, 1.0, -1.0), 3.0, 3.0)
