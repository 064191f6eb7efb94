"""The one road for every change: gesture -> core command -> QUndoStack -> ``changed``.

Usage::

    controller = Controller(project, annotator_name="Dana")
    controller.changed.connect(view.on_changed)      # (Change, initiator)
    ok = controller.push(AddSpan(span), initiator=view)
    controller.undo_stack.undo()                     # emits changed(..., UNDO)

A command is applied *before* it is put on the stack, so a command the store refuses
(a shortcut clash, a read-only project) shows a message and never reaches the stack.
Redo is ``project.apply`` again, undo ``project.revert``; each runs in one transaction.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.commands import Change, Command
from annotator.core.errors import AnnotatorError
from annotator.core.model import Annotator
from annotator.store import Project

# Initiators for changes that no widget made.
UNDO = "undo"
REDO = "redo"
EXTERNAL = "external"


class _StackEntry(QUndoCommand):
    """A core command on the Qt undo stack."""

    def __init__(self, controller: Controller, command: Command) -> None:
        super().__init__(command.text)
        self._controller = controller
        self.command = command
        self._applied = True  # push() already ran it; Qt calls redo() once on push

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        if not self._controller._replay(self.command, undo=False):
            self.setObsolete(True)  # QUndoStack then drops this entry, index stays right

    def undo(self) -> None:
        if not self._controller._replay(self.command, undo=True):
            self.setObsolete(True)


class Controller(QObject):
    """Owns the undo stack of one open project and announces every change."""

    changed = Signal(object, object)  # Change, initiator
    annotator_changed = Signal(object)  # Annotator
    failed = Signal(str, str)  # title, message (shown by the window)
    # The views were told about a write made on another connection of this window (a
    # worker's import, merge or corpus-wide accept): not news from someone else.
    synced = Signal()

    def __init__(self, project: Project, annotator_name: str, parent: QObject | None = None
                 ) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(0)  # unlimited: a wrong key must never cost anything
        self.annotator: Annotator = self._annotator_for(annotator_name)

    # -- who is annotating ---------------------------------------------------------------
    def _annotator_for(self, name: str) -> Annotator:
        name = name.strip() or "me"
        if self.project.read_only:
            found = self.project.find_annotator(name)
            return found if found is not None else Annotator(name=name, id=-1)
        return self.project.annotator(name)

    def set_annotator(self, name: str) -> bool:
        """Make ``name`` the current annotator (created in the project if new)."""
        if not name.strip() or name.strip() == self.annotator.name:
            return False
        try:
            self.annotator = self._annotator_for(name)
        except AnnotatorError as exc:
            self.failed.emit("Cannot change annotator", str(exc))
            return False
        self.annotator_changed.emit(self.annotator)
        return True

    # -- commands ------------------------------------------------------------------------
    def push(self, command: Command, initiator: object = None) -> bool:
        """Apply ``command`` and put it on the undo stack; False (and a message) if refused."""
        try:
            change = self.project.apply(command)
        except AnnotatorError as exc:
            self.failed.emit(f"Cannot {command.text[:1].lower()}{command.text[1:]}", str(exc))
            return False
        self.undo_stack.push(_StackEntry(self, command))
        self.changed.emit(change, initiator)
        return True

    def _replay(self, command: Command, *, undo: bool) -> bool:
        """Undo or redo ``command``; False (and a message) if it no longer fits the file.

        Each runs in one transaction, so a refusal writes nothing. The caller then drops
        just this step: the rest of the history still fits (its commands check the file
        themselves). Anything else raised is caught too: it would otherwise vanish inside
        Qt's call with the stack's index already moved past a step that never ran."""
        title = "Cannot undo" if undo else "Cannot redo"
        try:
            change = self.project.revert(command) if undo else self.project.apply(command)
        except AnnotatorError as exc:
            # The file changed under us (another window or program).
            self.failed.emit(title, f"{exc}\n\nThis step was removed from the undo "
                                    "history; the other steps are kept.")
            return False
        except Exception as exc:
            self.failed.emit(title, f"{type(exc).__name__}: {exc}\n\nNothing was changed; "
                                    "this step was removed from the undo history.")
            return False
        self.changed.emit(change, UNDO if undo else REDO)
        return True

    def push_applied(self, command: Command, change: Change, initiator: object = None) -> None:
        """Put on the stack a command a worker thread already applied on its own
        connection (a corpus-wide job); undo and redo then run here as usual."""
        self.undo_stack.push(_StackEntry(self, command))
        self.changed.emit(change, initiator)
        self.synced.emit()

    def announce(self, change: Change, initiator: object = EXTERNAL) -> None:
        """Tell the views about a change made outside the stack (import, merge)."""
        self.changed.emit(change, initiator)
        self.synced.emit()
