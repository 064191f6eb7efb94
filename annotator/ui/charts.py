"""Analysis → Charts…: how many spans per label, per outlet, per month, per annotator
(issue 12, item 2), as bars drawn with QPainter, each exportable as PNG or SVG and its
figures as CSV. Months run in order; the others go from most to fewest."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from annotator.core.wording import count
from annotator.ui.buttons import action_row, save_path, save_png, save_svg, show_view

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

BY = (("label", "Spans per label"), ("outlet", "Spans per outlet"),
      ("month", "Spans per month (document date)"), ("annotator", "Spans per annotator"))
_MISSING = {"outlet": "(no outlet)", "month": "(undated)", "label": "", "annotator": ""}
_BAR = QColor("#5c6bc0")


class BarChart(QWidget):
    """One horizontal bar per (name, value), longest scaled to the width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, int, QColor]] = []

    def set_rows(self, rows: list[tuple[str, int, QColor]]) -> None:
        self.rows = rows
        self.setMinimumHeight(self._row() * max(1, len(rows)) + 8)
        self.update()

    def _row(self) -> int:
        return self.fontMetrics().height() + 8

    def sizeHint(self) -> QSize:
        return QSize(640, self.minimumHeight())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        self.paint(painter, self.width())
        painter.end()

    def paint(self, painter: QPainter, width: int) -> None:
        fm = self.fontMetrics()
        row = self._row()
        if not self.rows:
            painter.drawText(QRectF(0, 0, width, row * 3), Qt.AlignmentFlag.AlignCenter,
                             "No spans yet.")
            return
        name_w = min(width // 2, max(fm.horizontalAdvance(n) for n, _, _ in self.rows) + 12)
        count_w = fm.horizontalAdvance(f"{max(v for _, v, _ in self.rows):,}") + 12
        bars = max(10, width - name_w - count_w - 8)
        most = max(v for _, v, _ in self.rows) or 1
        text = self.palette().text().color()
        for i, (name, value, colour) in enumerate(self.rows):
            y = i * row + 4
            painter.setPen(text)
            painter.drawText(QRectF(0, y, name_w - 6, row - 4),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             fm.elidedText(name, Qt.TextElideMode.ElideMiddle, name_w - 8))
            painter.fillRect(QRectF(name_w, y + 3, bars * value / most, row - 10), colour)
            painter.drawText(QRectF(name_w + bars * value / most + 6, y, count_w, row - 4),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             f"{value:,}")


class ChartsDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Charts")
        self.resize(760, 620)
        box = QVBoxLayout(self)
        top = QHBoxLayout()
        self.by = QComboBox()
        for key, text in BY:
            self.by.addItem(text, key)
        top.addWidget(self.by, 1)
        box.addLayout(top)
        self.chart = BarChart()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        box.addWidget(scroll, 1)
        self.status = QLabel()
        box.addLayout(action_row(self.status, (
            ("Export &PNG…", self.export_png), ("Export &SVG…", self.export_svg),
            ("Figures as &CSV…", self.export_csv))))
        self.figures: list[tuple[str, int]] = []
        self.by.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        ws = self.window_.workspace
        if ws is None:
            return
        by = str(self.by.currentData())
        self.figures = [(k or _MISSING[by], n) for k, n in ws.project.span_counts_by(by)]
        colours = {f"{lab.layer} · {lab.name}": QColor(lab.color) for lab in ws.project.labels()}
        self.chart.set_rows([(k, n, colours.get(k, _BAR) if by == "label" else _BAR)
                             for k, n in self.figures])
        self.status.setText(f"{count(sum(n for _, n in self.figures), 'span')} · "
                            f"{count(len(self.figures), 'bar')}")

    def _size(self) -> QSizeF:
        return QSizeF(self.chart.width(), self.chart.minimumHeight())

    def _render(self, painter: QPainter, target: QRectF) -> None:
        painter.fillRect(target, QColor("white"))
        painter.scale(target.width() / self.chart.width(),
                      target.height() / self.chart.minimumHeight())
        self.chart.paint(painter, self.chart.width())

    def export_png(self, path: Path | None = None) -> Path | None:
        path = path or save_path(self, "Export the chart as PNG", "chart.png", "PNG (*.png)")
        return save_png(path, self._size(), self._render) if path else None

    def export_svg(self, path: Path | None = None) -> Path | None:
        path = path or save_path(self, "Export the chart as SVG", "chart.svg", "SVG (*.svg)")
        return save_svg(path, self._size(), self._render, self.by.currentText()) if path else None

    def export_csv(self, path: Path | None = None) -> Path | None:
        path = path or save_path(self, "Export the figures as CSV", "chart.csv", "CSV (*.csv)")
        if path is None:
            return None
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow([str(self.by.currentData()), "spans"])
            writer.writerows(self.figures)
        return path


def open_charts(window: MainWindow) -> ChartsDialog | None:
    return show_view(window, ChartsDialog)
