"""The document list on the left: title, status and span count, and a filter box that
matches titles and article texts (the store searches; the proxy keeps the matching ids)."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QVBoxLayout, QWidget

from annotator.ui.models.document_list_model import SPANS, STATUS, TITLE, DocumentListModel
from annotator.ui.models.id_model import ID_ROLE
from annotator.ui.tables import make_table


class _FilterBox(QLineEdit):
    """Down/Enter in the filter box move into the list, so the mouse is never needed."""

    go_down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.go_down.emit()
            return
        super().keyPressEvent(event)


class _MatchingProxy(QSortFilterProxyModel):
    """Shows the rows whose id is in ``matches``; every row when it is None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matches: set[int] | None = None

    def set_matches(self, matches: set[int] | None) -> None:
        self.beginFilterChange()
        self.matches = matches
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self.matches is None:
            return True
        index = self.sourceModel().index(source_row, TITLE, source_parent)
        return index.data(ID_ROLE) in self.matches


class DocumentList(QWidget):
    document_chosen = Signal(int)

    def __init__(self, model: DocumentListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = _MatchingProxy(self)
        self.proxy.setSourceModel(model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.filter = _FilterBox()
        self.filter.setPlaceholderText("Filter documents…")
        self.filter.setToolTip("Shows the documents whose title or text contains this "
                               "(any case, any script)")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.go_down.connect(self._on_filter_go_down)
        layout.addWidget(self.filter)
        self.no_match = QLabel("No documents match")
        self.no_match.setTextFormat(Qt.TextFormat.PlainText)
        self.no_match.setStyleSheet("color: gray")
        self.no_match.hide()
        layout.addWidget(self.no_match)
        # Documents added while a filter is on are searched too, not hidden unseen.
        model.rowsInserted.connect(self._apply_filter)
        model.modelReset.connect(self._apply_filter)
        self.table = make_table(self.proxy)
        header = self.table.horizontalHeader()
        fm = self.table.fontMetrics()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(STATUS, fm.horizontalAdvance("◐ in progress") + 16)
        header.resizeSection(SPANS, fm.horizontalAdvance("00000") + 16)
        layout.addWidget(self.table)
        self._quiet = False
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)

    def _apply_filter(self, *_: object) -> None:
        needle = self.filter.text()
        matches = self.model.matching_ids(needle) if needle.strip() else None
        self.proxy.set_matches(matches)
        self.no_match.setVisible(matches is not None and self.proxy.rowCount() == 0)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None

    def select_document(self, doc_id: int | None) -> None:
        """Make ``doc_id`` current without announcing it (the caller opened it)."""
        source = self.model.index_of(doc_id) if doc_id is not None else QModelIndex()
        index = self.proxy.mapFromSource(source)
        if not index.isValid() and source.isValid():
            self.filter.clear()  # the filter hides it: show everything again
            index = self.proxy.mapFromSource(source)
        self._quiet = True
        try:
            flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
            self.table.selectionModel().setCurrentIndex(index, flags)
            if index.isValid():
                self.table.scrollTo(index)
        finally:
            self._quiet = False

    def _on_table_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        self.document_chosen.emit(int(current.data(ID_ROLE)))

    def _on_filter_go_down(self) -> None:
        self.table.setFocus()
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()
