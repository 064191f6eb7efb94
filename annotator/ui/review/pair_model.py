"""The pairs of the compare view as a table: state, layer, each side's label, text, gold.

Row ``i`` is pair ``i`` of the shown list (sorted by position, as ``compare`` returns
them). Ids are stable per pair (by the pair's source key), so refreshing after a
decision updates rows in place and the view keeps its selection and scroll position.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from annotator.core.model import Label, Span
from annotator.core.review.compare import Pair
from annotator.ui.models.id_model import ID_ROLE, IdTableModel
from annotator.ui.review.states import STATE_HELP, STATE_NAMES, resolution_text, state_color

STATE, LAYER, LABEL_A, LABEL_B, TEXT, SETTLED = range(6)
PAIR_ROLE = Qt.ItemDataRole.UserRole + 10
_SHOWN_CHARS = 120

LabelOf = Callable[[int], Label | None]


class PairTableModel(IdTableModel):
    headers = ("State", "Layer", "A", "B", "Text", "Gold")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._pairs: dict[int, Pair] = {}
        self._id_of: dict[str, int] = {}
        self._text = ""
        self._names = ("A", "B")
        self._label_of: LabelOf = lambda _id: None

    def set_names(self, name_a: str, name_b: str, label_of: LabelOf) -> None:
        self._names = (name_a, name_b)
        self._label_of = label_of
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, LABEL_A, LABEL_B)

    def load(self, pairs: Sequence[Pair], text: str) -> None:
        """Show ``pairs`` of a document whose text is ``text``; rows that stay keep their
        place, changed rows are refreshed."""
        ids = []
        for pair in pairs:
            key = pair.key
            if key not in self._id_of:
                self._id_of[key] = len(self._id_of) + 1
            ids.append(self._id_of[key])
        new = dict(zip(ids, pairs, strict=True))
        # Rows leaving are still asked for while they are removed: keep them until then.
        self._pairs.update(new)
        self._sync(ids)
        self._pairs = new
        self._text = text
        self._refresh_all()

    def pair(self, row: int) -> Pair:
        return self._pairs[self._ids[row]]

    # -- Qt --------------------------------------------------------------------------------
    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and section in (LABEL_A, LABEL_B)):
            return f"{'AB'[section - LABEL_A]}: {self._names[section - LABEL_A]}"
        return super().headerData(section, orientation, role)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        pair = self._pairs[self._ids[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(pair, column)
        if role == Qt.ItemDataRole.DecorationRole and column == STATE:
            return state_color(pair.state)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == STATE:
                return STATE_HELP[pair.state]
            if column in (LABEL_A, LABEL_B, TEXT):
                span = (pair.a, pair.b)[column - LABEL_A] if column != TEXT else None
                return span.text if span is not None else self._display(pair, TEXT)
        if role == Qt.ItemDataRole.ForegroundRole and pair.resolved:
            return QColor("#808080")
        if role == Qt.ItemDataRole.FontRole and pair.needs_review and column == STATE:
            font = QFont()
            font.setBold(True)
            return font
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role == PAIR_ROLE:
            return pair
        return None

    def _display(self, pair: Pair, column: int) -> str:
        if column == STATE:
            return STATE_NAMES[pair.state]
        if column == LAYER:
            return pair.layer
        if column in (LABEL_A, LABEL_B):
            return self._label((pair.a, pair.b)[column - LABEL_A])
        if column == TEXT:
            text = " ".join(self._text[pair.start:pair.end][:_SHOWN_CHARS + 1].split())
            return text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS - 1] + "…"
        if column == SETTLED:
            return resolution_text(pair)
        return ""

    def _label(self, span: Span | None) -> str:
        if span is None:
            return "—"
        label = self._label_of(span.label_id)
        return label.name if label is not None else f"label {span.label_id}"
