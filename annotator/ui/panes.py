"""The three panes of the workspace, assembled from their widgets (layout only)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import GOLD
from annotator.ui.article_view import ArticleView
from annotator.ui.controller import Controller
from annotator.ui.document_list import DocumentList
from annotator.ui.find_bar import FindBar
from annotator.ui.label_panel import LabelPanel
from annotator.ui.models.document_list_model import DocumentListModel
from annotator.ui.models.label_model import LabelModel
from annotator.ui.models.span_table_model import ANNOTATOR, LABEL, LAYER, TEXT, SpanTableModel
from annotator.ui.span_editor import SpanEditor
from annotator.ui.tables import make_table


def build_document_list(controller: Controller, parent: QWidget
                        ) -> tuple[DocumentList, DocumentListModel]:
    assert controller.annotator.id is not None
    model = DocumentListModel(controller.project, controller.annotator.id, parent)
    return DocumentList(model, parent), model


class ElidedLabel(QLabel):
    """One line of plain text, cut with an ellipsis when the pane is narrow."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""

    def setText(self, text: str) -> None:
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(self.width(), 20))
        if shown != super().text():
            super().setText(shown)


class ArticlePane(QWidget):
    """Title and status of the open document, the find bar, and the article."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        header = QWidget()
        row = QHBoxLayout(header)
        row.setContentsMargins(12, 6, 8, 6)
        self.title = ElidedLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        row.addWidget(self.title, 1)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.status)
        self.done_button = QPushButton("Mark done")
        self.done_button.setToolTip("Mark this document done for you (Ctrl+D)")
        self.done_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row.addWidget(self.done_button)
        layout.addWidget(header)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        self.find_bar = FindBar()
        layout.addWidget(self.find_bar)
        self.view = ArticleView()
        layout.addWidget(self.view, 1)

    def show_header(self, title: str, status: str, done: bool) -> None:
        self.title.setText(title or "No documents yet: File → Import documents…")
        self.title.setToolTip(title)
        self.status.setText(status)
        self.done_button.setText("Reopen" if done else "Mark done")
        self.done_button.setEnabled(bool(title))


class TaggingPanel(QSplitter):
    """Annotator, label buttons, the spans of this document, the span editor."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self._controller = controller
        self.labels = LabelModel(controller.project, self)
        self.spans = SpanTableModel(controller.project, self.labels, self)
        top = QWidget()
        box = QVBoxLayout(top)
        box.setContentsMargins(4, 4, 4, 0)
        who = QHBoxLayout()
        who.addWidget(QLabel("Annotator:"))
        self.annotator_combo = QComboBox()
        self.annotator_combo.setEditable(True)
        self.annotator_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.annotator_combo.setToolTip("Who you are: your spans and statuses are saved "
                                        "under this name. Type a new name to add one.")
        self.annotator_combo.activated.connect(self._on_annotator_combo_chosen)
        line_edit = self.annotator_combo.lineEdit()
        if line_edit is not None:
            line_edit.editingFinished.connect(self._on_annotator_combo_chosen)
        who.addWidget(self.annotator_combo, 1)
        box.addLayout(who)
        self.labels_panel = LabelPanel(controller, self.labels)
        scroll = QScrollArea()
        scroll.setWidget(self.labels_panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        box.addWidget(scroll, 1)
        self.addWidget(top)
        self.table = make_table(self.spans)
        header = self.table.horizontalHeader()
        fm = self.table.fontMetrics()
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(LAYER, fm.horizontalAdvance("narrative") + 16)
        header.resizeSection(LABEL, fm.horizontalAdvance("Head of state/gov") + 24)
        header.resizeSection(ANNOTATOR, fm.horizontalAdvance("annotator") + 16)
        self.addWidget(self.table)
        self.editor = SpanEditor(controller, self.labels)
        # In a scroll area: the editor's rows come and go with the span's layer and its
        # text wraps, and none of that may resize the panes (measured: relaying out the
        # panel and repainting the label buttons was a fifth of a key press).
        editor_area = QScrollArea()
        holder = QWidget()  # the editor at the top, any room left below it
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.editor)
        column.addStretch(1)
        editor_area.setWidget(holder)
        editor_area.setWidgetResizable(True)
        editor_area.setFrameShape(QFrame.Shape.NoFrame)
        editor_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        editor_area.setMinimumHeight(self.editor.tallest_height())
        self.addWidget(editor_area)
        self.setSizes([560, 160, 190])
        self.setStretchFactor(0, 1)  # a taller window gives the room to the labels
        self.setChildrenCollapsible(False)
        self.show_annotator(controller.annotator.name)

    def show_annotator(self, name: str) -> None:
        self.annotator_combo.blockSignals(True)
        self.annotator_combo.clear()
        names = [a.name for a in self._controller.project.annotators() if a.name != GOLD]
        if name not in names:
            names.append(name)
        self.annotator_combo.addItems(sorted(names, key=str.casefold))
        self.annotator_combo.setCurrentText(name)
        self.annotator_combo.blockSignals(False)

    def _on_annotator_combo_chosen(self, *_: object) -> None:
        name = self.annotator_combo.currentText().strip()
        if name and name != self._controller.annotator.name:
            self._controller.set_annotator(name)
