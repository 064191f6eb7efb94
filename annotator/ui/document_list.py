"""The document list on the left: title, outlet, date, status and span count (sorted by
a click on a column's header), and a filter box that matches titles and article texts
and understands ``outlet:Reuters date:2026-01..2026-02`` (``core.docfilter.BoxQuery``;
the store searches, the proxy keeps the matching ids)."""

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

from annotator.core.docfilter import BoxQuery
from annotator.core.errors import InputError
from annotator.ui.models.document_list_model import (
    DATE,
    OUTLET,
    SPANS,
    STATUS,
    TITLE,
    DocumentListModel,
)
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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The model sorts itself, so that "next document" follows the rows shown.
        self.sourceModel().sort(column, order)

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
        self.filter.setPlaceholderText("Filter: words, outlet:…, date:2026-01..2026-02")
        self.filter.setToolTip(
            "Shows the documents whose title or text contains these words (any case, any "
            "script).\nKEY:VALUE keeps those whose metadata KEY contains VALUE: "
            "outlet:Reuters, author:\"Anna Petrova\", language:fa.\n"
            "date: takes a year, month or day, or a range: date:2026-01..2026-02, "
            "date:2026-03..")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.go_down.connect(self._on_filter_go_down)
        layout.addWidget(self.filter)
        self.no_match = QLabel("No documents match")
        self.no_match.setWordWrap(True)
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
        header.resizeSection(OUTLET, fm.horizontalAdvance("Radio Farda") + 16)
        header.resizeSection(DATE, fm.horizontalAdvance("2026-01-15") + 16)
        header.resizeSection(STATUS, fm.horizontalAdvance("◐ in progress") + 16)
        header.resizeSection(SPANS, fm.horizontalAdvance("00000") + 16)
        # Click a header to sort, again to reverse, a third time for the project's order.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorClearable(True)
        self.table.setSortingEnabled(True)
        layout.addWidget(self.table)
        # Outlet and date show once some document has one (imports, or edited details).
        model.facets_changed.connect(self._show_columns)
        self._show_columns()
        self._quiet = False
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)

    def _show_columns(self, *_: object) -> None:
        for column in (OUTLET, DATE):
            hidden = not self.model.has_values(column)
            if self.table.isColumnHidden(column) != hidden:
                self.table.setColumnHidden(column, hidden)

    def _apply_filter(self, *_: object) -> None:
        typed = self.filter.text()
        try:
            query = BoxQuery.parse(typed)
        except InputError as exc:
            self.no_match.setText(f"{exc.reason}")
            self.no_match.setStyleSheet("color: #c62828")
            self.no_match.show()
            return  # keep showing what the last good filter chose
        self.no_match.setText("No documents match")
        self.no_match.setStyleSheet("color: gray")
        matches = self.model.matching_ids(query) if (query.text or query.on_metadata) else None
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
