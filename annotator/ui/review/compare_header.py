"""The compare view's header: how far A and B agree on this document, and the legend.

First line: the pair counts from ``summarize`` (unit: aligned pair of spans; a span only
one side marked is a pair of its own). Second line: the document's figures from the
agreement report's functions, each with its unit; hovering shows the matching rule and
the units counted, and a figure that cannot be computed says why.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from annotator.core.agreement import Figure
from annotator.core.review.compare import CompareSummary, PairState
from annotator.ui.review.figure_text import details_text, short_title, short_unit, value_text
from annotator.ui.review.states import STATE_HELP, STATE_NAMES, state_color

# The order figures are shown in; the kappa shown is Cohen's (two annotators compared).
HEADER_MEASURES = ("span_f1_exact", "span_f1_partial", "cohen_kappa", "alpha_tokens",
                   "unitizing_alpha", "alpha_matched")
PAIR_RULE = ("unit: aligned pair of spans within a layer (one-to-one, best overlap first); "
             "a span only one side marked counts as one pair. Agreement = agreed pairs / "
             "all pairs × 100.")


class StateSwatch(QWidget):
    """A small picture of how a state is drawn: A's half on top, B's below."""

    def __init__(self, state: PairState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setFixedSize(QSize(30, 16))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        color = state_color(self.state)
        fill = QColor(color)
        fill.setAlpha(110)
        w, h = self.width() - 2.0, self.height() - 2.0
        top = bottom = (1.0, w)
        if self.state in (PairState.BOUNDARY, PairState.BOUNDARY_AND_LABEL):
            top, bottom = (1.0, w * 0.7), (w * 0.3, w * 0.7)  # same stretch, shifted
        for side, (x, width) in enumerate((top, bottom)):
            if (side == 0 and self.state is PairState.ONLY_B) or (
                    side == 1 and self.state is PairState.ONLY_A):
                continue
            y = 1.0 if side == 0 else 1.0 + h / 2
            painter.fillRect(QRectF(x, y, width, h / 2), fill)
            edge = y if side == 0 else y + h / 2 - 2.0
            painter.fillRect(QRectF(x, edge, width, 2.0), color)
        if self.state is PairState.LABEL_CONFLICT or self.state is PairState.BOUNDARY_AND_LABEL:
            painter.setPen(QColor("#333333") if self.palette().base().color().lightness() > 127
                           else QColor("#eeeeee"))
            painter.drawText(QRectF(0, 0, self.width(), self.height()),
                             Qt.AlignmentFlag.AlignCenter, "≠")
        painter.end()


class Legend(QWidget):
    """Swatch, name and count of each state, and which half is whose."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.counts: dict[PairState, QLabel] = {}
        for state in PairState:
            swatch = StateSwatch(state)
            swatch.setToolTip(STATE_HELP[state])
            row.addWidget(swatch)
            label = QLabel(STATE_NAMES[state])
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setToolTip(STATE_HELP[state])
            row.addWidget(label)
            row.addSpacing(8)
            self.counts[state] = label
        self.sides = QLabel()
        self.sides.setTextFormat(Qt.TextFormat.PlainText)
        self.sides.setWordWrap(True)  # a long line would make the window wider than a screen
        self.sides.setStyleSheet("color: palette(placeholder-text)")
        row.addWidget(self.sides, 1)

    def show_counts(self, counts: Mapping[PairState, int], name_a: str, name_b: str) -> None:
        for state, label in self.counts.items():
            label.setText(f"{STATE_NAMES[state]} {counts.get(state, 0)}")
        self.sides.setText(f"upper half / line above: A = {name_a} · lower half / line "
                           f"below: B = {name_b} · paler, dashed: settled")


class CompareHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 4, 10, 4)
        box.setSpacing(3)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setToolTip(PAIR_RULE)
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.05)
        self.summary.setFont(font)
        box.addWidget(self.summary)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(22)
        grid.setVerticalSpacing(0)
        self.figures: dict[str, QLabel] = {}
        self.units: dict[str, QLabel] = {}
        bold = QFont(self.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.1)
        for column, measure in enumerate(HEADER_MEASURES):
            value, unit = QLabel(), QLabel()
            for label in (value, unit):
                label.setTextFormat(Qt.TextFormat.PlainText)
                label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            value.setFont(bold)
            # "not defined: <why>" wraps instead of widening the window past the screen.
            value.setWordWrap(True)
            unit.setStyleSheet("color: palette(placeholder-text)")
            grid.addWidget(value, 0, column)
            grid.addWidget(unit, 1, column)
            self.figures[measure] = value
            self.units[measure] = unit
        grid.setColumnStretch(len(HEADER_MEASURES), 1)
        box.addLayout(grid)
        self.legend = Legend()
        box.addWidget(self.legend)

    def show_summary(self, summary: CompareSummary | None, name_a: str, name_b: str) -> None:
        if summary is None:
            self.summary.setText("No document")
            self.legend.show_counts({}, name_a, name_b)
            return
        percent = ("not defined: neither side has a span" if summary.percent_agreement is None
                   else f"{summary.percent_agreement:.1f} % of pairs")
        self.summary.setText(
            f"{name_a} vs {name_b}: {summary.total} pairs · {summary.agreed} agreed "
            f"({percent}) · {summary.disagreements} disagreements, {summary.unresolved} "
            "still open")
        self.legend.show_counts(summary.counts, name_a, name_b)

    def show_figures(self, figures: Mapping[str, Figure]) -> None:
        for measure, label in self.figures.items():
            figure = figures.get(measure)
            label.setText(f"{short_title(measure)}  {value_text(figure)}")
            n = f" · n = {figure.n_units:,}" if figure is not None else ""
            self.units[measure].setText(f"{short_unit(measure)}{n}")
            tip = details_text(figure) if figure is not None else ""
            label.setToolTip(tip)
            self.units[measure].setToolTip(tip)
            label.setStyleSheet("" if figure is None or figure.defined
                                else "color: palette(placeholder-text)")
