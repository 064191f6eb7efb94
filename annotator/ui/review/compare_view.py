"""Review → Compare annotators: two annotators (or one and gold) on the current document.

The text shows both sides' spans coloured by state (``compare_text``), the list holds
the pairs (``pair_model``), the header the document's agreement (``compare_header``) and
the panel the decisions (``adjudication``). The window follows the main window's
document and moves it along when it jumps (F8 / Shift+F8: next / previous disagreement
across the corpus). Every decision goes through the controller's one undo stack; the
view refreshes from ``Controller.changed`` like every other view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QCloseEvent, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement import Figure, LabelKey
from annotator.core.commands import Change
from annotator.core.errors import AnnotatorError
from annotator.core.model import LAYERS, Document, Status
from annotator.core.review.compare import Pair, summarize
from annotator.ui.messages import Message
from annotator.ui.panes import ElidedLabel
from annotator.ui.review.adjudication import A, AdjudicationPanel, Adjudicator, B
from annotator.ui.review.compare_header import CompareHeader
from annotator.ui.review.compare_text import CompareText
from annotator.ui.review.corpus_accept import CorpusAccept, accept_agreed_corpus
from annotator.ui.review.doc_agreement import document_figures, labels_used
from annotator.ui.review.navigation import PairSource
from annotator.ui.review.pair_model import LABEL_A, LABEL_B, LAYER, SETTLED, STATE, PairTableModel
from annotator.ui.screen_fit import resize_within_screen
from annotator.ui.tables import make_table

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow
    from annotator.ui.workspace import Workspace

ALL_LAYERS = "All layers"


class CompareWindow(QMainWindow):
    def __init__(self, main: MainWindow) -> None:
        super().__init__(main, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        assert main.controller is not None and main.workspace is not None
        self.main = main
        self.controller = main.controller
        self.workspace: Workspace = main.workspace
        self.project = self.controller.project
        self.labels = self.workspace.labels
        self.source = PairSource(self.project)
        self.adjudicator = Adjudicator(self.controller, self)
        self.doc: Document | None = None
        self.pairs: list[Pair] = []
        self._names = ("A", "B")
        self._corpus_labels: set[LabelKey] = set()
        self.closing = False  # closed, waiting to be deleted: open a new one instead
        self.setWindowTitle("Compare annotators")
        self._build()
        self._build_actions()
        self._fill_annotators()
        self.controller.changed.connect(self._on_controller_changed)
        self.controller.destroyed.connect(self.close)  # another project was opened
        self.workspace.document_opened.connect(self._on_workspace_document_opened)
        resize_within_screen(self, 1500, 900)
        self._choose()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        bar = QHBoxLayout()
        bar.setContentsMargins(10, 6, 10, 2)
        self.combo_a, self.combo_b = QComboBox(), QComboBox()
        self.layer_combo = QComboBox()
        self.layer_combo.addItems([ALL_LAYERS, *[str(layer) for layer in LAYERS]])
        for title, widget in (("&A:", self.combo_a), ("vs &B:", self.combo_b),
                              ("Layer:", self.layer_combo)):
            label = QLabel(title)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)
            widget.activated.connect(lambda _=0: self._choose())
        bar.addSpacing(12)
        self.prev_button = QPushButton("◀ Previous")
        self.prev_button.setToolTip("Previous disagreement, across documents (Shift+F8)")
        self.next_button = QPushButton("Next disagreement ▶")
        self.next_button.setToolTip("Next disagreement, across documents (F8)")
        self.prev_button.clicked.connect(lambda: self.step(backward=True))
        self.next_button.clicked.connect(lambda: self.step(backward=False))
        self.open_only = QCheckBox("only open ones")
        self.open_only.setChecked(True)
        self.open_only.setToolTip("Skip disagreements already settled in gold or rejected")
        for control in (self.prev_button, self.next_button, self.open_only):
            control.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            bar.addWidget(control)
        bar.addStretch(1)
        self.where = QLabel()
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        bar.addWidget(self.where)
        box.addLayout(bar)
        self.title = ElidedLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setContentsMargins(10, 2, 10, 0)
        box.addWidget(self.title)
        self.header = CompareHeader()
        box.addWidget(self.header)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.text = CompareText()
        self.text.set_label_lookup(self.labels.label, self.labels.display_color)
        self.text.pair_clicked.connect(lambda index: self.select(index, self.text))
        self.text.selectionChanged.connect(self._update_preview)
        split.addWidget(self.text)
        right = QSplitter(Qt.Orientation.Vertical)
        self.model = PairTableModel(self)
        self.table = make_table(self.model)
        header = self.table.horizontalHeader()
        bold = self.table.font()
        bold.setBold(True)
        fm = QFontMetrics(bold)
        header.resizeSection(STATE, fm.horizontalAdvance("boundary mismatch") + 36)
        header.resizeSection(LAYER, fm.horizontalAdvance("narrative") + 8)
        for column in (LABEL_A, LABEL_B):
            header.resizeSection(column, fm.horizontalAdvance("Head of state/g") + 12)
        header.resizeSection(SETTLED, fm.horizontalAdvance("✓ A accepted") + 12)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current)
        right.addWidget(self.table)
        self.panel = AdjudicationPanel()
        self.panel.decided.connect(self.decide)
        self.panel.agreed_requested.connect(self.accept_agreed)
        self.panel.label_combo.currentIndexChanged.connect(lambda _=0: self._update_preview())
        right.addWidget(self.panel)
        right.setSizes([560, 340])
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setSizes([820, 680])
        split.setChildrenCollapsible(False)
        box.addWidget(split, 1)
        self.setCentralWidget(central)

    def _build_actions(self) -> None:
        stack = self.controller.undo_stack
        undo = stack.createUndoAction(self, "&Undo")
        undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        redo = stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addAction(undo)
        self.addAction(redo)
        keys = [
            (["F8", "Ctrl+]"], lambda: self.step(backward=False)),
            (["Shift+F8", "Ctrl+["], lambda: self.step(backward=True)),
            (["1"], lambda: self.decide("accept_a")),
            (["2"], lambda: self.decide("accept_b")),
            (["X"], lambda: self.decide("reject")),
            (["E"], lambda: self.decide("edit")),
            (["Return", "Enter"], lambda: self.decide("accept_edit")),
            (["C"], lambda: self.decide("comment")),
            (["Ctrl+Shift+A"], lambda: self.accept_agreed("document")),
            (["Alt+Down", "Ctrl+PgDown"], lambda: self.workspace.go(1)),
            (["Alt+Up", "Ctrl+PgUp"], lambda: self.workspace.go(-1)),
            (["Escape"], lambda: self.select(None)),
            (["Ctrl+W"], self.close),
        ]
        for sequences, slot in keys:
            action = QAction(self)
            action.setShortcuts([QKeySequence(s) for s in sequences])
            action.triggered.connect(lambda _=False, fn=slot: fn())
            self.addAction(action)

    # -- who is compared -------------------------------------------------------------------
    def _fill_annotators(self) -> None:
        people = self.project.annotators()
        with_spans = self.project.annotators_with_spans()
        me = self.controller.annotator.id
        for combo in (self.combo_a, self.combo_b):
            combo.clear()
            for person in people:
                combo.addItem(person.name, person.id)
        ranked = sorted((p for p in people if p.id in with_spans),
                        key=lambda p: (p.is_gold, p.id != me, p.name))
        first = ranked[0].id if ranked else me
        second = next((p.id for p in ranked if p.id != first), None)
        if second is None:
            second = next((p.id for p in people if p.id != first), first)
        self.combo_a.setCurrentIndex(max(self.combo_a.findData(first), 0))
        self.combo_b.setCurrentIndex(max(self.combo_b.findData(second), 0))

    def set_annotators(self, a_id: int, b_id: int) -> None:
        if self.combo_a.findData(a_id) < 0 or self.combo_b.findData(b_id) < 0:
            self._fill_annotators()  # someone new (gold, after the first decision)
        self.combo_a.setCurrentIndex(self.combo_a.findData(a_id))
        self.combo_b.setCurrentIndex(self.combo_b.findData(b_id))
        self._choose()

    def _choose(self) -> None:
        a_id, b_id = self.combo_a.currentData(), self.combo_b.currentData()
        layer = self.layer_combo.currentText()
        self.source.choose(int(a_id or 0), int(b_id or 0),
                           None if layer == ALL_LAYERS else layer)
        self.adjudicator.side_ids = (self.source.a_id, self.source.b_id)
        self._names = (self.combo_a.currentText(), self.combo_b.currentText())
        self.text.set_names(*self._names, self.labels.label)
        self.model.set_names(*self._names, self.labels.label)
        self.panel.show_names(*self._names)
        self._corpus_labels = labels_used(self.project.span_counts(), self.source.layer)
        doc_id = self.doc.id if self.doc is not None else self.workspace.doc_id
        self.show_document(doc_id, new_document=True)

    # -- documents -------------------------------------------------------------------------
    @property
    def doc_id(self) -> int | None:
        return self.doc.id if self.doc is not None else None

    def show_document(self, doc_id: int | None, *, new_document: bool = True,
                      select: int | None = None) -> None:
        """Compare A and B on ``doc_id`` (the main window moves there too)."""
        keep = self._selected_key() if not new_document else None
        try:
            self.doc = self.project.get_document(doc_id) if doc_id is not None else None
        except AnnotatorError:
            self.doc = None
        if self.doc is not None and self.workspace.doc_id != self.doc.id:
            self.workspace.open_document(self.doc.id)  # type: ignore[arg-type]
        self._load(new_document=new_document)
        if select is None and keep is not None:
            select = next((i for i, p in enumerate(self.pairs) if p.key == keep), None)
        self.select(select, reveal=new_document or select is not None)

    def _load(self, *, new_document: bool) -> None:
        doc = self.doc
        if doc is None or doc.id is None or not self.source.ready:
            self.pairs = []
            why = ("Pick two different annotators." if not self.source.ready
                   else "No document is open.")
            self.title.setText(why)
            self.text.show_pairs(doc.text if doc else "", [], new_document=new_document)
            self.model.load([], "")
            self.header.show_summary(None, *self._names)
            self.header.show_figures({})
            self.where.setText("")
            return
        self.pairs = self.source.pairs(doc.id)
        self.title.setText(doc.title or "(untitled)")
        self.text.show_pairs(doc.text, self.pairs, new_document=new_document)
        self.model.load(self.pairs, doc.text)
        self.header.show_summary(summarize(self.pairs), *self._names)
        self.header.show_figures(self._figures(doc))
        docs = self.source.documents()
        position = f"document {docs.index(doc.id) + 1} of {len(docs)}" if doc.id in docs else (
            "neither has spans here")
        self.where.setText(f"{position} with spans by A or B")

    def _figures(self, doc: Document) -> dict[str, Figure]:
        assert doc.id is not None
        labels = {label.id: label for label in self.labels.labels() if label.id is not None}
        statuses = self.project.statuses(doc.id)
        sides = self.adjudicator.side_ids
        with_spans = self.project.annotators_with_spans_in(doc.id, sides)
        coded = [name for name, side_id in zip(self._names, sides, strict=True)
                 if statuses.get(side_id) == Status.DONE or side_id in with_spans]
        return dict(document_figures(key=doc.uuid, title=doc.title, text=doc.text,
                                     pairs=self.source.pairs(doc.id),
                                     names=(self._names[A], self._names[B]),
                                     labels=labels, corpus_labels=self._corpus_labels,
                                     coded=coded))

    def _on_workspace_document_opened(self, doc: object) -> None:
        if isinstance(doc, Document) and doc.id != self.doc_id:
            self.show_document(doc.id)

    # -- the selected pair -----------------------------------------------------------------
    @property
    def selected(self) -> int | None:
        return self.text.selected_pair

    def selected_pair(self) -> Pair | None:
        index = self.selected
        return self.pairs[index] if index is not None and index < len(self.pairs) else None

    def _selected_key(self) -> str | None:
        pair = self.selected_pair()
        return pair.key if pair is not None else None

    def select(self, index: int | None, source: object = None, *, reveal: bool = True) -> None:
        """Select pair ``index`` in the text, the list and the panel (from any of them)."""
        if index is not None and not 0 <= index < len(self.pairs):
            index = None
        self.text.select_pair(index, reveal=reveal and source is not self.text)
        if source is not self.table:
            selection = self.table.selectionModel()
            selection.blockSignals(True)
            model_index = self.model.index(index, 0) if index is not None else QModelIndex()
            selection.setCurrentIndex(model_index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
            selection.blockSignals(False)
            self.table.viewport().update()
            if model_index.isValid():
                self.table.scrollTo(model_index)
        self._show_panel()

    def _on_table_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid():
            self.select(current.row(), self.table)

    def _show_panel(self) -> None:
        pair = self.selected_pair()
        layer_labels = (self.labels.labels(pair.layer, include_retired=False)
                        if pair is not None else [])
        gold_sides = (self.adjudicator.side_is_gold(A), self.adjudicator.side_is_gold(B))
        self.panel.show_pair(pair, self._label_name, layer_labels, self._comments(pair),
                             writable=not self.project.read_only and self.source.ready,
                             gold_sides=gold_sides)
        self._update_preview()

    def _label_name(self, label_id: int) -> str:
        label = self.labels.label(label_id)
        return label.name if label is not None else f"label {label_id}"

    def _comments(self, pair: Pair | None) -> list[str]:
        if pair is None:
            return []
        out = []
        for whose, span in (("A's span", pair.a), ("B's span", pair.b), ("gold", pair.gold)):
            if span is None or span.id is None:
                continue
            for comment in self.project.comments_of_span(span.id):
                out.append(f"on {whose} — {comment.author}: {comment.text}")
        return out

    def _update_preview(self) -> None:
        pair = self.selected_pair()
        if pair is None or self.doc is None:
            self.panel.show_preview("", None, "")
            return
        label_id = self.panel.chosen_label()
        selection = self.text.selected_range() or (pair.start, pair.end)
        self.panel.show_preview(self.doc.text, selection,
                                self._label_name(label_id) if label_id is not None else "")

    # -- moving around ---------------------------------------------------------------------
    def step(self, *, backward: bool) -> bool:
        """Jump to the next (previous) disagreement, in this document or the next ones."""
        hit = self.source.step(self.doc_id, self.selected, backward=backward,
                               open_only=self.open_only.isChecked())
        if hit is None:
            what = "open disagreement" if self.open_only.isChecked() else "disagreement"
            self.statusBar().showMessage(f"No {what} between {self._names[A]} and "
                                         f"{self._names[B]} anywhere.", 6000)
            return False
        if hit.doc_id != self.doc_id:
            self.show_document(hit.doc_id, select=hit.index)
        else:
            self.select(hit.index)
        return True

    def _advance_after_decision(self, index: int) -> None:
        """After a verdict, go to the next open disagreement of this document (going
        round to its first); stay if none is left (F8 goes on to the next document)."""
        count = len(self.pairs)
        for step in range(1, count + 1):
            i = (index + step) % count
            if self.pairs[i].needs_review:
                self.select(i)
                return
        self.select(index if index < count else None)

    # -- decisions -------------------------------------------------------------------------
    def decide(self, what: str) -> bool:
        pair, index = self.selected_pair(), self.selected
        if self.project.read_only:
            self.statusBar().showMessage("The project is open read-only: nothing can be "
                                         "decided here.", 5000)
            return False
        if pair is None or index is None:
            self.statusBar().showMessage("Select a pair first (F8: next disagreement).", 5000)
            return False
        if what == "edit":
            self.text.select_range(pair.start, pair.end)
            self.text.setFocus()
            return True
        if what == "comment":
            return self._comment(pair)
        if what in ("accept_a", "accept_b"):
            ok = self.adjudicator.accept(pair, A if what == "accept_a" else B)
        elif what == "reject":
            ok = self.adjudicator.reject(pair)
        elif what == "accept_edit":
            label_id = self.panel.chosen_label()
            if label_id is None:
                return False
            start, end = self.text.selected_range() or (pair.start, pair.end)
            ok = self.adjudicator.accept_edit(pair, start, end, label_id)
            if ok:
                self.text.clear_selection()
        else:
            return False
        if ok:
            self._advance_after_decision(index)
        return ok

    def _comment(self, pair: Pair) -> bool:
        from annotator.ui.review.review_dialogs import CommentDialog

        targets = [(f"{whose}: {self._label_name(span.label_id)} “{span.text[:40]}”", span.id)
                   for whose, span in (("gold span", pair.gold),
                                       (f"A's span ({self._names[A]})", pair.a),
                                       (f"B's span ({self._names[B]})", pair.b))
                   if span is not None and span.id is not None]
        answer = CommentDialog.ask(self, targets)
        if answer is None:
            return False
        return self.adjudicator.comment(*answer)

    def accept_agreed(self, scope: str) -> bool:
        if self.project.read_only or not self.source.ready or self.doc_id is None:
            return False
        if self.adjudicator.side_is_gold(A) or self.adjudicator.side_is_gold(B):
            self.statusBar().showMessage("Compare two annotators (not gold) to accept what "
                                         "they agree on.", 6000)
            return False
        if scope == "document":
            command = self.adjudicator.accept_agreed(self.doc_id)
            if command is not None:
                self.statusBar().showMessage(
                    f"Accepted {command.accepted} agreed spans into gold "
                    f"({command.skipped} were already there).", 8000)
            return command is not None
        result = accept_agreed_corpus(self, self.controller, list(self.adjudicator.side_ids),
                                      self.adjudicator.gold_id(), initiator=self)
        if result is None:
            self.statusBar().showMessage("Cancelled; nothing was changed.", 6000)
            return False
        if isinstance(result, str):
            Message.error(self, "Accept all agreed", f"{result}\n\nNothing was changed.")
            return False
        self._report_corpus(result)
        return True

    def _report_corpus(self, result: CorpusAccept) -> None:
        self.statusBar().showMessage(
            f"Accepted {result.accepted:,} agreed spans into gold in {result.documents:,} "
            f"documents ({result.skipped:,} already settled). Ctrl+Z takes it back.", 10000)

    # -- refresh ---------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing = True
        super().closeEvent(event)

    def _on_controller_changed(self, change: Change, initiator: object) -> None:
        if change.labels:  # also what an import or merge announces: maybe new people
            self.source.forget()
            a_id, b_id = self.combo_a.currentData(), self.combo_b.currentData()
            self._fill_annotators()
            for combo, wanted in ((self.combo_a, a_id), (self.combo_b, b_id)):
                combo.setCurrentIndex(max(combo.findData(wanted), 0))
            self._corpus_labels = labels_used(self.project.span_counts(), self.source.layer)
        else:
            self.source.forget(change.doc_ids)
        if self.doc_id is None:
            return
        if change.labels or self.doc_id in change.doc_ids or change.comments:
            self.show_document(self.doc_id, new_document=False)
