"""Edit → Search the corpus… (Ctrl+Shift+F): a concordance (KWIC) of every document, and
tagging from it (issue 11, items 1 and 2).

A phrase of three characters or more is looked up in the project's index as you type;
a regular expression, or a shorter phrase (a flag), reads every text when you press
Enter, with progress and Cancel. Each row shows the document, the hit in its context and
the spans that already cover it. Select rows (Ctrl+A: all) and press a label's key:
one span per hit, snapped like any span, linked to the chosen registry actor, all in
one undo step; hits already covered by that label are skipped and counted.
Double-click (or Enter on) a row to open the document there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
)

from annotator.core.search import Hit
from annotator.core.tag_all import plan_tag_all
from annotator.core.wording import count
from annotator.formats.corpus_search import SearchRequest, corpus_hits, result_rows

if TYPE_CHECKING:
    from annotator.store import Project
    from annotator.ui.main_window import MainWindow

AS_YOU_TYPE_LIMIT = 2000  # hits shown while typing; Enter lists them all
DOC, LEFT, MATCH, RIGHT, COVERED = range(5)


class HitModel(QAbstractTableModel):
    headers = ("Document", "Left", "Match", "Right", "Covered by")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.hits: list[Hit] = []
        self.rows: list[dict[str, Any]] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, hits: list[Hit], rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.hits, self.rows = hits, rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == DOC:
                return row["title"]
            if col == COVERED:
                return "; ".join(f"{c['label']} ({c['annotator']})" for c in row["covered_by"])
            return row[("left", "match", "right")[col - LEFT]]
        if role == Qt.ItemDataRole.TextAlignmentRole and col == LEFT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and col == MATCH:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row['title']}\n…{row['left']}[{row['match']}]{row['right']}…"
        return None


class _Results(QTableView):
    """Label keys on the results tag the selected hits."""

    def __init__(self, dialog: CorpusSearch) -> None:
        super().__init__(dialog)
        self._dialog = dialog

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._dialog.open_current()
            return
        if not mods and event.text().strip() and self._dialog.tag_with_key(event.text()):
            return
        super().keyPressEvent(event)


class CorpusSearch(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Search the corpus")
        self.resize(1100, 640)
        box = QVBoxLayout(self)
        line = QHBoxLayout()
        self.query = QLineEdit()
        self.query.setPlaceholderText("A word or phrase (any case, with or without ZWNJ and "
                                      "diacritics), or a regular expression")
        self.query.setClearButtonEnabled(True)
        line.addWidget(self.query, 1)
        self.regex = QCheckBox("&Regular expression")
        self.words = QCheckBox("&Whole words")
        line.addWidget(self.regex)
        line.addWidget(self.words)
        box.addLayout(line)
        tag_line = QHBoxLayout()
        tag_line.addWidget(QLabel("Tagging links the new actor spans to:"))
        self.entity = QComboBox()
        tag_line.addWidget(self.entity, 1)
        box.addLayout(tag_line)
        self.status = QLabel("Type to search every document.")
        self.status.setWordWrap(True)
        box.addWidget(self.status)
        self.model = HitModel(self)
        self.table = _Results(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        for column, width in ((DOC, 230), (LEFT, 300), (MATCH, 120), (RIGHT, 260)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(COVERED, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        box.addWidget(self.table, 1)
        help_ = QLabel("Select hits (Ctrl+A: all) and press a label's key to tag them, in "
                       "one undo step. Double-click or Enter opens the document there.")
        help_.setStyleSheet("color: gray")
        box.addWidget(help_)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(lambda: self.run(everything=False))
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.query.returnPressed.connect(lambda: self.run(everything=True))
        self.regex.toggled.connect(lambda _on: self._timer.start())
        self.words.toggled.connect(lambda _on: self._timer.start())
        self.fill_entities()

    @property
    def project(self) -> Project:
        ws = self.window_.workspace
        assert ws is not None, "the search is closed with its project"
        return ws.project

    def fill_entities(self) -> None:
        self.entity.clear()
        self.entity.addItem("(no actor)", None)
        for entity in sorted(self.project.entities(), key=lambda e: e.name.casefold()):
            self.entity.addItem(entity.name, entity.id)

    def request(self) -> SearchRequest:
        return SearchRequest(self.query.text(), regex=self.regex.isChecked(),
                             words=self.words.isChecked())

    def run(self, *, everything: bool) -> None:
        """Search again; as you type only when the index can answer (a phrase)."""
        request = self.request()
        try:
            pattern = request.pattern()
        except ValueError as exc:
            self.status.setText(str(exc))
            return
        if pattern is None:
            self.model.set_rows([], [])
            self.status.setText("Type to search every document.")
            return
        if not request.indexed and not everything:
            self.status.setText("Press Enter to read every text (a regular expression, or "
                                "fewer than three letters).")
            return
        hits = (self._collect(request, None if everything else AS_YOU_TYPE_LIMIT)
                if request.indexed else self._scan(request))
        if hits is None:
            self.status.setText("Search cancelled.")
            return
        self._show(hits, limited=not everything and len(hits) >= AS_YOU_TYPE_LIMIT)

    def _collect(self, request: SearchRequest, limit: int | None) -> list[Hit]:
        hits: list[Hit] = []
        for hit in corpus_hits(self.project, request):
            hits.append(hit)
            if limit is not None and len(hits) >= limit:
                break
        return hits

    def _scan(self, request: SearchRequest) -> list[Hit] | None:
        from annotator.ui.jobs import run_job

        outcome = run_job(self, "Searching every text…", self.project.path,
                          lambda p, progress, cancelled: list(corpus_hits(
                              p, request, progress=progress, cancelled=cancelled)),
                          project=self.project)
        if outcome.cancelled or outcome.error:
            return None
        return list(outcome.result)

    def _show(self, hits: list[Hit], *, limited: bool) -> None:
        self.model.set_rows(hits, result_rows(self.project, hits))
        documents = len({h.doc_id for h in hits})
        more = f" (the first {AS_YOU_TYPE_LIMIT}; Enter lists all)" if limited else ""
        self.status.setText(f"{count(len(hits), 'hit')} in {count(documents, 'document')}"
                            f"{more}")

    # -- from the results ----------------------------------------------------------------
    def selected_hits(self) -> list[Hit]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.hits[r] for r in rows]

    def tag_with_key(self, key: str) -> bool:
        """Tag the selected hits with the label whose key is ``key``; False if none."""
        ws = self.window_.workspace
        if ws is None:
            return False
        label = next((lab for lab in self.project.labels()
                      if not lab.retired and lab.shortcut.strip().upper() == key.upper()),
                     None)
        hits = self.selected_hits()
        if label is None or not hits:
            return False
        me = ws.me
        doc_ids = sorted({h.doc_id for h in hits})
        texts = dict(self.project.texts_of(doc_ids))
        spans = {d: [(s.start, s.end, s.label_id, s.annotator_id)
                     for s in self.project.spans_of_document(d, [me])] for d in doc_ids}
        statuses = {d: self.project.get_status(d, me) for d in doc_ids}
        entity = self.entity.currentData() if label.layer == "actor" else None
        plan = plan_tag_all(hits, label, me, texts, spans, statuses, entity_id=entity)
        if plan.command is not None:
            ws.controller.push(plan.command, initiator=self)
        summary = plan.summary(label.name)
        self.status.setText(f"{summary[0].upper()}{summary[1:]} (Ctrl+Z undoes it).")
        self._refresh_covering()
        return True

    def _refresh_covering(self) -> None:
        selection = self.table.selectionModel()
        rows = sorted({i.row() for i in selection.selectedRows()})
        self.model.set_rows(self.model.hits, result_rows(self.project, self.model.hits))
        flags = (QItemSelectionModel.SelectionFlag.Select
                 | QItemSelectionModel.SelectionFlag.Rows)
        for row in rows:
            selection.select(self.model.index(row, 0), flags)

    def open_current(self) -> None:
        index = self.table.currentIndex()
        ws = self.window_.workspace
        if not index.isValid() or ws is None:
            return
        hit = self.model.hits[index.row()]
        ws.open_document(hit.doc_id)
        ws.view.select_range(hit.start, hit.end)


def open_search(window: MainWindow) -> None:
    """Show the window's corpus search (one per window), with the query box focused."""
    dialog = getattr(window, "_corpus_search", None)
    if dialog is None:
        dialog = CorpusSearch(window)
        window._corpus_search = dialog  # type: ignore[attr-defined]
    else:
        dialog.fill_entities()
    ws = window.workspace
    selected = ws.view.textCursor().selectedText() if ws is not None else ""
    if selected and "\u2029" not in selected:
        dialog.query.setText(selected)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.query.setFocus()
    dialog.query.selectAll()
