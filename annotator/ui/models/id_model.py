"""A table model whose rows are database ids, updated row by row.

Subclasses keep a small cache keyed by id and answer ``data()`` from it; they change
rows only through ``_insert``/``_remove``/``_refresh``/``_sync`` so views keep their
selection and scroll position when one row changes.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class IdTableModel(QAbstractTableModel):
    headers: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self._rows: dict[int, int] | None = None

    # -- Qt --------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.headers)):
            return self.headers[section]
        return None

    # -- ids -------------------------------------------------------------------------------
    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, item_id: int) -> int | None:
        if self._rows is None:
            self._rows = {i: r for r, i in enumerate(self._ids)}
        return self._rows.get(item_id)

    def index_of(self, item_id: int, column: int = 0) -> QModelIndex:
        row = self.row_of(item_id)
        return QModelIndex() if row is None else self.index(row, column)

    # -- precise updates -------------------------------------------------------------------
    def _insert(self, row: int, item_id: int) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._ids.insert(row, item_id)
        self._rows = None
        self.endInsertRows()

    def _remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._ids[row]
        self._rows = None
        self.endRemoveRows()

    def _refresh(self, item_id: int) -> None:
        row = self.row_of(item_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1))

    def _refresh_all(self) -> None:
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(self.headers) - 1))

    def _reset(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._rows = None
        self.endResetModel()

    def _sync(self, new_ids: list[int]) -> None:
        """Turn the rows into ``new_ids`` with the fewest row removals and insertions."""
        ops = SequenceMatcher(None, self._ids, new_ids, autojunk=False).get_opcodes()
        # Apply from the end so earlier row numbers stay valid.
        for tag, i1, i2, j1, j2 in reversed(ops):
            if tag == "equal":
                continue
            if i2 > i1:
                self.beginRemoveRows(QModelIndex(), i1, i2 - 1)
                del self._ids[i1:i2]
                self._rows = None
                self.endRemoveRows()
            if j2 > j1:
                self.beginInsertRows(QModelIndex(), i1, i1 + (j2 - j1) - 1)
                self._ids[i1:i1] = new_ids[j1:j2]
                self._rows = None
                self.endInsertRows()
