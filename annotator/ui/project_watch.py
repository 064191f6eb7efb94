"""Catching up with what other windows, processes or terminal commands saved to the project.

Usage (the main window owns one)::

    watch = ProjectWatch(window)
    watch.follow(workspace)        # on opening a project; follow(None) on closing it
    watch.check()                  # what the timer does: reload if someone else committed
    watch.reload()                 # Document → Reload from project file (F5)

A timer compares ``Project.data_version`` (SQLite's counter of *other* connections'
commits; microseconds to read) every second while the application is active and every
five seconds otherwise, and at once when it becomes active again. When it moved, the
views catch up through the roads they already have: the document list reloads its rows,
and one ``Change`` announced through the controller names the open document's spans that
differ from the file, plus everything cheap to re-read (labels, statuses, links,
comments, the actor registry; the compare view re-reads itself on it). Nothing is
re-opened, so the scroll position, the text selection and the selected span stay.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from annotator.core.commands import Change
from annotator.ui.controller import EXTERNAL
from annotator.ui.models.id_model import ID_ROLE

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow
    from annotator.ui.workspace import Workspace

ACTIVE_MS = 1_000
IDLE_MS = 5_000
# Past this many changed spans, re-reading the article whole is cheaper than updating
# span by span (the views then read every span of it twice: ``changed_spans``' bulk road).
REOPEN_ABOVE = 64
UPDATED = "Updated with changes saved elsewhere."
RELOADED = "Reloaded from the project file."
# What a change made elsewhere may have touched besides the open document's spans.
EVERYTHING = Change(labels=True, statuses=True, links=True, comments=True, entities=True)


class ProjectWatch(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._ws: Workspace | None = None
        self._seen = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_application_state)

    def follow(self, workspace: Workspace | None) -> None:
        """Watch ``workspace``'s project (None: stop watching)."""
        self._ws = workspace
        self._timer.stop()
        if workspace is None or workspace.project.path is None:
            return  # an in-memory project has no other connections
        self._seen = workspace.project.data_version()
        workspace.controller.synced.connect(self._on_controller_synced)
        # An undo refused because the file changed: show the file as it is now (after
        # the message, which the workspace shows first, is closed).
        workspace.controller.failed.connect(self._on_controller_failed)
        self._on_application_state(QGuiApplication.applicationState())

    def check(self, *, quiet: bool = False) -> bool:
        """Catch up if another connection committed since the last look; True if so."""
        ws = self._ws
        if ws is None or _busy():
            return False
        version = ws.project.data_version()
        if version == self._seen:
            return False
        self._seen = version
        catch_up(ws)
        if not quiet:
            ws.message.emit(UPDATED)
        return True

    def reload(self) -> None:
        """Re-read everything shown from the file, whoever changed it (F5)."""
        ws = self._ws
        if ws is None:
            return
        self._seen = ws.project.data_version()
        catch_up(ws, reopen=True)
        ws.message.emit(RELOADED)

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if self._ws is None or self._ws.project.path is None:
            return
        active = state == Qt.ApplicationState.ApplicationActive
        self._timer.start(ACTIVE_MS if active else IDLE_MS)
        if active:
            self.check()

    def _on_controller_failed(self, title: str, text: str) -> None:
        QTimer.singleShot(0, self.check)

    def _on_controller_synced(self) -> None:
        # This window's own worker wrote (import, merge, corpus accept) on its own
        # connection and the views were told. Once the caller has finished its refresh,
        # catch up quietly: the file moved by the worker's commit (shown already, so the
        # pass finds little) and perhaps by others' during the job (not shown yet); it
        # is not news from someone else.
        QTimer.singleShot(0, lambda: self.check(quiet=True))


def _busy() -> bool:
    """Is the user in the middle of something a reload must not pull away: a dialog (a
    worker's progress, a label being edited), an open menu, a mouse drag? The next tick
    looks again."""
    return (QApplication.activeModalWidget() is not None
            or QApplication.activePopupWidget() is not None
            or QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton)


def catch_up(ws: Workspace, *, reopen: bool = False) -> None:
    """Bring every view of ``ws`` up to the file; ``reopen`` re-reads the open document
    whole (keeping scroll position and selected span) instead of comparing its spans."""
    ws.documents.reload()
    ws.refresh_names()
    combo = ws.panel.annotator_combo
    focus = QApplication.focusWidget()
    if focus is None or (focus is not combo and not combo.isAncestorOf(focus)):
        ws.panel.show_annotator(ws.controller.annotator.name)  # not while a name is typed
    doc_id = ws.doc_id
    if doc_id is not None and ws.documents.row_of(doc_id) is None:
        doc_id = None  # the document is gone from the file
    changed = _changed_span_ids(ws, doc_id) if doc_id is not None and not reopen else set()
    if doc_id is None or reopen or len(changed) > REOPEN_ABOVE:
        ws.controller.announce(EVERYTHING, EXTERNAL)
        _reopen(ws, doc_id)
        return
    editing = ws.panel.editor.span
    if editing is not None and editing.id is not None:
        changed.add(editing.id)  # its note, attributes or links may have changed
    spans = Change(doc_ids=frozenset({doc_id}), span_ids=frozenset(changed))
    ws.controller.announce(spans | EVERYTHING, EXTERNAL)
    _keep_table_row(ws)


def _changed_span_ids(ws: Workspace, doc_id: int) -> set[int]:
    """Spans of the open document that the file and the span table disagree on."""
    now = {row[0]: row for row in ws.project.span_states(doc_id, ws.shown_annotators)}
    changed = {span_id for span_id, row in now.items() if ws.spans.row_tuple(span_id) != row[:5]}
    changed.update(span_id for span_id in ws.spans.ids if span_id not in now)
    # An actor span pointed at another registry entry reads differently in the table.
    names = {e.id: e.name for e in ws.project.entities() if e.id is not None}
    for span_id, row in now.items():
        entity = row[5]
        if (names.get(entity, "") if entity is not None else "") != ws.spans.entity_name(
                span_id):
            changed.add(span_id)
    return changed


def _reopen(ws: Workspace, doc_id: int | None) -> None:
    """Open ``doc_id`` again (or the first document if it is gone), keeping the scroll
    position, the text selection and the selected span."""
    target = doc_id if doc_id is not None else ws.documents.next_id(None)
    if target is None:
        return
    selected, text_selection = ws.view.selected_span, ws.view.selected_range()
    bar = ws.view.verticalScrollBar()
    ws.open_document(target, keep_position=target == doc_id)
    if target != doc_id:
        return
    scroll = bar.value()
    if text_selection is not None:
        ws.view.select_range(*text_selection)
    elif selected is not None and ws.view.has_span(selected):
        ws.select_span(selected, ws.view)
    bar.setValue(scroll)


def _keep_table_row(ws: Workspace) -> None:
    """A selected span moved by someone else was re-inserted in the table: select its
    row again (the table only; the span editor keeps what is being typed)."""
    span_id = ws.view.selected_span
    selection = ws.panel.table.selectionModel()
    if span_id is None or selection.currentIndex().data(ID_ROLE) == span_id:
        return
    index = ws.spans.index_of(span_id)
    selection.blockSignals(True)
    selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                              | QItemSelectionModel.SelectionFlag.Rows)
    selection.blockSignals(False)
    ws.panel.table.viewport().update()
