"""One open project: document list | article | tagging panel, wired to one controller.

Every gesture here builds a command and hands it to the controller; every widget is
refreshed from ``Controller.changed``. The window swaps the whole workspace when
another project is opened, so nothing in here has to handle "no project".
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSplitter, QWidget

from annotator.core.commands import Change, DeleteSpan, SetStatus
from annotator.core.document_commands import SetDocumentDetails
from annotator.core.errors import AnnotatorError
from annotator.core.model import Document, Span, Status
from annotator.core.relabel import relabel_command
from annotator.ui.changed_spans import changed_spans
from annotator.ui.controller import REDO, UNDO, Controller
from annotator.ui.details_dialog import DocumentDetailsDialog
from annotator.ui.find_bar import find
from annotator.ui.gestures import Refusal, added_span, tag_command
from annotator.ui.link_gestures import LinkGestures
from annotator.ui.messages import Message
from annotator.ui.models.document_list_model import STATUS_TEXT
from annotator.ui.models.id_model import ID_ROLE
from annotator.ui.panes import ArticlePane, TaggingPanel, build_document_list
from annotator.ui.suggestions import Suggestions


class Workspace(QSplitter):
    message = Signal(str)  # for the status bar
    document_opened = Signal(object)  # Document | None

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.controller = controller
        self.project = controller.project
        self.panel = TaggingPanel(controller, self)
        self.labels = self.panel.labels
        self.spans = self.panel.spans
        self.doc_list, self.documents = build_document_list(controller, self)
        self.article = ArticlePane(self)
        self.view = self.article.view
        self.view.set_label_lookup(self.labels.label, self.labels.display_color)
        self.addWidget(self.doc_list)
        self.addWidget(self.article)
        self.addWidget(self.panel)
        self.setStretchFactor(1, 1)
        self.setSizes([250, 760, 380])
        self.setChildrenCollapsible(False)
        if self.project.read_only:
            # A note typed here could never be saved; every other edit is refused with
            # a message by the store when the controller applies it.
            for box in (self.panel.editor.note, self.panel.editor.attributes):
                box.setReadOnly(True)
        self.doc: Document | None = None
        self._shown: tuple[int, ...] = ()
        self._label_actions: list[QAction] = []
        self._connect()
        self.link_gestures = LinkGestures(self)
        self.suggestions = Suggestions(self)
        self.controller.changed.connect(self.suggestions.on_changed)
        self._rebuild_label_shortcuts()
        self.refresh_names()
        first = self.documents.next_id(None)
        if first is not None:
            self.open_document(first)
        else:
            self.document_opened.emit(None)

    def _connect(self) -> None:
        c = self.controller
        c.changed.connect(self.labels.on_changed)
        c.changed.connect(self.documents.on_changed)
        c.changed.connect(self.spans.on_changed)
        c.changed.connect(self._on_controller_changed)
        c.changed.connect(self.panel.editor.on_changed)
        c.failed.connect(self._on_controller_failed)
        c.annotator_changed.connect(self._on_controller_annotator_changed)
        self.doc_list.document_chosen.connect(self.open_document)
        self.view.span_clicked.connect(lambda span_id: self.select_span(span_id, self.view))
        self.view.selectionChanged.connect(self._on_view_selection_changed)
        self.panel.labels_panel.label_clicked.connect(self.apply_label)
        self.panel.table.selectionModel().currentRowChanged.connect(self._on_table_current)
        self.article.find_bar.find_requested.connect(self.find_text)
        self.article.find_bar.closed.connect(self.view.setFocus)
        self.article.done_button.clicked.connect(self.toggle_done)

    # -- which spans are shown -------------------------------------------------------------
    @property
    def me(self) -> int:
        assert self.controller.annotator.id is not None
        return self.controller.annotator.id

    @property
    def shown_annotators(self) -> tuple[int, ...]:
        """Whose spans the article and the table show (the compare view shows two)."""
        return self._shown or (self.me,)

    def set_shown_annotators(self, annotator_ids: tuple[int, ...]) -> None:
        self._shown = tuple(annotator_ids)
        if self.doc is not None and self.doc.id is not None:
            self.open_document(self.doc.id, keep_position=True)

    # -- documents -------------------------------------------------------------------------
    @property
    def doc_id(self) -> int | None:
        return self.doc.id if self.doc is not None else None

    def open_document(self, doc_id: int, *, keep_position: bool = False) -> None:
        self.panel.editor.commit()
        try:
            doc = self.project.get_document(doc_id)
        except AnnotatorError as exc:
            self.message.emit(str(exc))
            return
        rows = self.project.span_rows(doc_id, list(self.shown_annotators))
        # The same text re-read (spans changed elsewhere): keep its layout, and with it
        # the scroll position, which counts the lines laid out so far.
        same = keep_position and self.doc_id == doc_id and self.view.text() == doc.text
        self.doc = doc
        if same:
            self.view.show_spans(rows)
        else:
            self.view.show_document(doc.text, rows)
        self.spans.load(doc_id, self.shown_annotators, doc.text, rows)
        self.panel.editor.show_span(None)
        self.doc_list.select_document(doc_id)
        self._refresh_header()
        self.suggestions.refresh()
        self.document_opened.emit(doc)

    def go(self, step: int) -> None:
        target = self.documents.next_id(self.doc_id, step)
        if target is None:
            self.message.emit("This is the last document." if step > 0 else
                              "This is the first document.")
            return
        self.open_document(target)

    def go_unfinished(self) -> None:
        target = self.documents.next_id(self.doc_id, unfinished=True)
        if target is None:
            self.message.emit("Every document is done.")
            return
        self.open_document(target)

    def status(self) -> Status:
        if self.doc_id is None:
            return Status.TODO
        return self.project.get_status(self.doc_id, self.me)

    def toggle_done(self) -> None:
        if self.doc_id is None:
            return
        done = self.status() == Status.DONE
        target = Status.IN_PROGRESS if done else Status.DONE
        self.controller.push(SetStatus(self.doc_id, self.me, target), initiator=self)

    def edit_details(self) -> None:
        """Document → Details…: title and metadata, one undoable step."""
        if self.doc_id is None:
            return
        title, meta = self.project.document_details(self.doc_id)
        entered = DocumentDetailsDialog.ask(self, title, meta)
        if entered is not None and entered != (title, meta):
            self.controller.push(SetDocumentDetails(self.doc_id, *entered), initiator=self)

    def _refresh_header(self) -> None:
        status = self.status()
        self.article.show_header(self.doc.title if self.doc else "", STATUS_TEXT[status],
                                 status == Status.DONE)

    # -- tagging ---------------------------------------------------------------------------
    def apply_label(self, label_id: int) -> None:
        """A label key or button: tag the selection, else relabel the selected span."""
        if self.doc is None or self.doc.id is None:
            return
        label = self.labels.label(label_id)
        if label is None:
            return
        selection = self.view.selected_range()
        if selection is None:
            span_id = self.view.selected_span
            if span_id is None:
                self.message.emit(f"Select some text first, then press the key for "
                                  f"“{label.name}”.")
                return
            span = self.spans.span_of(span_id)
            if span is not None and span.label_id != label_id:
                if label.retired:
                    self.message.emit(f"The label “{label.name}” is retired.")
                    return
                self.controller.push(relabel_command(self.project, span_id, label_id),
                                     initiator=self)
            return
        command = tag_command(doc_id=self.doc.id, text=self.doc.text, annotator_id=self.me,
                              label=label, selection=selection, status=self.status(),
                              exists=self.spans.exists)
        if isinstance(command, Refusal):
            self.message.emit(command.reason[:1].upper() + command.reason[1:] + ".")
            return
        if self.controller.push(command, initiator=self):
            span = added_span(command)
            self.view.clear_selection()
            if span is not None and span.id is not None:
                self.select_span(span.id, self)

    def delete_selected_span(self) -> None:
        span_id = self.view.selected_span
        if span_id is None:
            self.message.emit("Select a span first (click it, or pick it in the table).")
            return
        self.controller.push(DeleteSpan(span_id), initiator=self)

    def select_span(self, span_id: int | None, source: object = None) -> None:
        """Select a span in the article, the table and the editor (from any of them)."""
        self.view.set_selected_span(span_id, reveal=source is not self.view
                                    and source is not self)
        if source is not self.panel.table:
            index = self.spans.index_of(span_id) if span_id is not None else QModelIndex()
            selection = self.panel.table.selectionModel()
            selection.blockSignals(True)
            flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
            selection.setCurrentIndex(index, flags)
            selection.blockSignals(False)
            self.panel.table.viewport().update()
            if index.isValid():
                self.panel.table.scrollTo(index)
        self.panel.editor.show_span(self.spans.span_of(span_id) if span_id is not None else None)

    def _on_table_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid():
            self.select_span(int(current.data(ID_ROLE)), self.panel.table)

    def _on_view_selection_changed(self) -> None:
        # Selecting text starts a new gesture: a key now tags it instead of relabelling.
        if self.view.textCursor().hasSelection() and self.view.selected_span is not None:
            self.select_span(None, self.view)

    # -- find ------------------------------------------------------------------------------
    def find_text(self, query: str, backward: bool = False) -> None:
        if self.doc is None:
            return
        current = self.view.selected_range()
        cursor = self.view.offsets.to_codepoint(self.view.textCursor().position())
        start = (current[0] if backward else current[1]) if current else cursor
        found = find(self.doc.text, query, start, backward=backward)
        self.article.find_bar.status.setText("" if found or not query else "not found")
        if found is not None:
            self.view.select_range(*found)

    # -- refresh from changes --------------------------------------------------------------
    def _on_controller_changed(self, change: Change, initiator: object) -> None:
        if change.labels:
            self.view.refresh_labels()
            self.panel.labels_panel.rebuild()
            self._rebuild_label_shortcuts()
        if change.details and self.doc_id in change.doc_ids:
            self.doc = self.project.get_document(self.doc_id)  # a new title to show
            self._refresh_header()
        if not change.span_ids and not change.statuses:
            return
        if (initiator in (UNDO, REDO) and self.doc_id not in change.doc_ids
                and len(change.doc_ids) == 1):
            # Undoing an edit made in another document: show it where it happens.
            self.open_document(next(iter(change.doc_ids)))
        if self.doc_id in change.doc_ids:
            self._apply_span_changes(change, initiator)
            self._refresh_header()

    def _apply_span_changes(self, change: Change, initiator: object) -> None:
        last: Span | None = None
        assert self.doc_id is not None
        for span_id, span in changed_spans(self.project, self.doc_id, change.span_ids).items():
            if span is not None and span.annotator_id in self.shown_annotators:
                self.view.put_span(span)
                last = span
            else:
                self.view.drop_span(span_id)
        if initiator in (UNDO, REDO):
            target = last.id if last is not None else None
            self.select_span(target, self)
        elif self.view.selected_span is None and self.panel.editor.span is not None:
            self.select_span(None, self)

    def refresh_names(self) -> None:
        self.view.set_annotator_names({a.id: a.name for a in self.project.annotators()
                                       if a.id is not None})

    def _on_controller_failed(self, title: str, text: str) -> None:
        Message.error(self.window(), title, text)

    def _on_controller_annotator_changed(self, annotator: object) -> None:
        self.documents.set_annotator(self.me)
        self.panel.show_annotator(self.controller.annotator.name)
        self.refresh_names()
        if self.doc_id is not None:
            self.open_document(self.doc_id, keep_position=True)

    # -- label keys ------------------------------------------------------------------------
    def _rebuild_label_shortcuts(self) -> None:
        """One action per label key; line edits swallow plain keys, so typing is safe."""
        for action in self._label_actions:
            self.removeAction(action)
            action.deleteLater()
        self._label_actions = []
        # A retired label's key still answers (with why it tags nothing) unless an
        # active label has taken the key over.
        labels = sorted(self.labels.labels(), key=lambda lab: lab.retired)
        taken: set[str] = set()
        for label in labels:
            key = label.shortcut.strip().upper()
            if not key or label.id is None or key in taken:
                continue
            taken.add(key)
            action = QAction(label.name, self)
            sequences = [QKeySequence(key)]
            if key.isalpha():
                sequences.append(QKeySequence(f"Shift+{key}"))  # caps held after Shift+arrows
            elif key.isdigit():
                sequences.append(QKeySequence(Qt.KeyboardModifier.KeypadModifier
                                              | Qt.Key(ord(key))))
            action.setShortcuts(sequences)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _=False, i=label.id: self.apply_label(i))
            self.addAction(action)
            self._label_actions.append(action)
