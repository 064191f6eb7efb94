"""The agreement report as Qt table models (read-only; a new report replaces the rows).

- ``FigureListModel``: one figure per row with its value (or "not defined: reason"),
  the units it was counted over, the unit and the matching rule, side by side;
- ``DocumentFigureModel``: one document per row, one measure per column (the unit in the
  column header, the rule in its tooltip), sortable to find problem documents;
- ``MatrixModel``: one measure between every two annotators (three or more compared).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from annotator.core.agreement import MEASURES, AgreementReport, Figure
from annotator.core.agreement.report import DOCUMENT, OVERALL, POOLED
from annotator.ui.review.figure_text import details_text, short_title, short_unit, value_text

Index = QModelIndex | QPersistentModelIndex
FIGURE_ROLE = Qt.ItemDataRole.UserRole + 20
SORT_ROLE = Qt.ItemDataRole.UserRole + 21
_GREY = QColor("#808080")

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class _Table(QAbstractTableModel):
    headers: tuple[str, ...] = ()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def _rows(self) -> int:
        raise NotImplementedError

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.headers)):
            return self.headers[section]
        return None

    def figure(self, index: Index) -> Figure | None:
        value = index.data(FIGURE_ROLE) if index.isValid() else None
        return value if isinstance(value, Figure) else None


def scope_name(figure: Figure) -> str:
    if figure.scope == "label":
        return f"{figure.layer}: {figure.label}"
    if figure.scope == POOLED:
        return f"{figure.layer}: {figure.label} (+ sub-labels)"
    if figure.scope == "layer":
        return f"layer {figure.layer}"
    if figure.scope == DOCUMENT:
        return figure.title or figure.document
    return figure.scope


SCOPE, MEASURE, VALUE, N_UNITS, UNIT, RULE = range(6)


class FigureListModel(_Table):
    headers = ("Scope", "Measure", "Value", "Units counted", "Unit", "Matching rule")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._figures: list[Figure] = []

    def _rows(self) -> int:
        return len(self._figures)

    def load(self, figures: Sequence[Figure]) -> None:
        self.beginResetModel()
        self._figures = list(figures)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._figures):
            return None
        f = self._figures[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (scope_name(f), MEASURES[f.measure].title, value_text(f),
                    f"{f.n_units:,}", f.unit, f.matching)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return details_text(f)
        if role == Qt.ItemDataRole.ForegroundRole and column == VALUE and not f.defined:
            return _GREY
        if role == Qt.ItemDataRole.FontRole and f.scope == OVERALL and column <= VALUE:
            font = QFont()  # made here: a QFont needs the application to exist
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (VALUE, N_UNITS) \
                and f.defined:
            return int(_RIGHT)
        if role == FIGURE_ROLE:
            return f
        return None


class DocumentFigureModel(_Table):
    """Rows: documents (in report order); columns: title, then each measure."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._measures: list[str] = []
        self._docs: list[tuple[str, str]] = []  # (key, title)
        self._cells: dict[tuple[str, str], Figure] = {}

    def load(self, report: AgreementReport | None) -> None:
        self.beginResetModel()
        self._measures, self._docs, self._cells = [], [], {}
        if report is not None:
            self._measures = list(report.group_measures)
            seen: dict[str, str] = {}
            for f in report.select(scope=DOCUMENT, annotators=report.annotators):
                seen.setdefault(f.document, f.title)
                self._cells[(f.document, f.measure)] = f
            self._docs = list(seen.items())
        self.headers = ("Document", *[f"{short_title(m)}\n{short_unit(m)}"
                                      for m in self._measures])
        self.endResetModel()

    def measure(self, column: int) -> str | None:
        return self._measures[column - 1] if 1 <= column <= len(self._measures) else None

    def _rows(self) -> int:
        return len(self._docs)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        measure = self.measure(section) if orientation == Qt.Orientation.Horizontal else None
        if role == Qt.ItemDataRole.ToolTipRole and measure is not None:
            info = MEASURES[measure]
            return f"{info.title}\nunit: {info.unit}\nmatching rule: {info.matching}"
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._docs):
            return None
        key, title = self._docs[index.row()]
        measure = self.measure(index.column())
        if measure is None:
            if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
                return title or key
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{title}\n{key}"
            return None
        f = self._cells.get((key, measure))
        if role == Qt.ItemDataRole.DisplayRole:
            return value_text(f)
        if role == SORT_ROLE:  # undefined after every value (values are at most 1)
            return 2.0 if f is None or f.value is None else f.value
        if role == Qt.ItemDataRole.ToolTipRole and f is not None:
            return details_text(f)
        if role == Qt.ItemDataRole.ForegroundRole and (f is None or not f.defined):
            return _GREY
        if role == Qt.ItemDataRole.TextAlignmentRole and f is not None and f.defined:
            return int(_RIGHT)
        if role == FIGURE_ROLE:
            return f
        return None


class MatrixModel(_Table):
    """One measure between each two annotators; the diagonal is empty."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._names: tuple[str, ...] = ()
        self._cells: dict[tuple[str, str], Figure] = {}

    def load(self, report: AgreementReport | None, measure: str | None) -> None:
        self.beginResetModel()
        self._names = report.annotators if report is not None else ()
        self._cells = report.matrix(measure) if report is not None and measure else {}
        self.headers = self._names
        self.endResetModel()

    def _rows(self) -> int:
        return len(self._names)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._names)):
            return self._names[section]
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._names)
                                       and 0 <= index.column() < len(self._names)):
            return None
        a, b = self._names[index.row()], self._names[index.column()]
        f = None if a == b else self._cells.get((a, b))
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if a == b else value_text(f)
        if role == Qt.ItemDataRole.ToolTipRole and f is not None:
            return details_text(f)
        if role == Qt.ItemDataRole.ForegroundRole and f is not None and not f.defined:
            return _GREY
        if role == Qt.ItemDataRole.TextAlignmentRole and f is not None and f.defined:
            return int(_RIGHT)
        if role == FIGURE_ROLE:
            return f
        return None
