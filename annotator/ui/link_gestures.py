"""Linking a stance to its actors from the article.

With a stance selected, Ctrl+click an actor span to make it the stance's holder, and
Ctrl+Shift+click to make it the target; the stance stays selected, so both can be set in
a row. Right-clicking an actor offers the same two choices with their keys shown (how
the gesture is discovered). The selected stance's holder and target are outlined in the
article. Everything goes through ``LinkEditor.set_link``, so it is one undoable step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QMouseEvent
from PySide6.QtWidgets import QMenu

from annotator.core.entity_commands import HOLDER, STANCE_LINK_TYPES, TARGET
from annotator.ui.link_editor import GESTURES

if TYPE_CHECKING:
    from annotator.ui.span_index import SpanItem
    from annotator.ui.workspace import Workspace

_LINK_MODIFIERS = {
    Qt.KeyboardModifier.ControlModifier: HOLDER,
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier: TARGET,
}


class LinkGestures(QObject):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self._ws = workspace
        self._links = workspace.panel.editor.links
        self._pending: tuple[str, int] | None = None  # (link type, actor) pressed on
        self._links.related_changed.connect(workspace.view.set_related_spans)
        self._links.hint.connect(workspace.message.emit)
        workspace.view.viewport().installEventFilter(self)

    def actor_at(self, pos: QPoint) -> SpanItem | None:
        """The actor span under a viewport point (the innermost), if a stance is shown."""
        stance = self._links.stance
        if stance is None:
            return None
        return next((item for item in self._ws.view.spans_at(pos)
                     if item.layer == "actor" and item.id != stance.id), None)

    def link_at(self, pos: QPoint, link_type: str) -> bool:
        """Make the actor at ``pos`` the shown stance's ``link_type``."""
        actor = self.actor_at(pos)
        if actor is None:
            return False
        done = self._links.set_link(link_type, span_id=actor.id)
        if done:
            text = self._ws.view.text()
            start = self._ws.view.offsets.to_codepoint(actor.start)
            end = self._ws.view.offsets.to_codepoint(actor.end)
            self._ws.message.emit(f"“{' '.join(text[start:end].split())}” is now the "
                                  f"stance's {link_type}.")
        return done

    def context_menu(self, pos: QPoint) -> QMenu | None:
        """The article's menu at ``pos`` with "holder"/"target" on top, if an actor of a
        shown stance is there (None: the view's own menu applies)."""
        if self.actor_at(pos) is None:
            return None
        menu = self._ws.view.createStandardContextMenu(self._ws.view.viewport().mapTo(
            self._ws.view, pos))
        first = menu.actions()[0] if menu.actions() else None
        for link_type in STANCE_LINK_TYPES:
            action = QAction(f"Make it the stance's &{link_type}\t{GESTURES[link_type]}", menu)
            action.triggered.connect(lambda _=False, t=link_type: self.link_at(pos, t))
            menu.insertAction(first, action)  # type: ignore[arg-type]
        menu.insertSeparator(first)  # type: ignore[arg-type]
        return menu

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)
                and isinstance(event, QMouseEvent)):
            link_type = _LINK_MODIFIERS.get(event.modifiers())
            actor = self.actor_at(event.position().toPoint()) if link_type else None
            if (event.button() == Qt.MouseButton.LeftButton and link_type is not None
                    and actor is not None):
                self._pending = (link_type, actor.id)
                return True  # not a text selection, and the stance stays selected
        elif kind == QEvent.Type.MouseButtonRelease and self._pending is not None:
            link_type, actor_id = self._pending
            self._pending = None
            if isinstance(event, QMouseEvent):
                actor = self.actor_at(event.position().toPoint())
                if actor is not None and actor.id == actor_id:
                    self.link_at(event.position().toPoint(), link_type)
            return True
        elif kind == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            menu = self.context_menu(event.pos())
            if menu is not None:
                menu.exec(event.globalPos())
                menu.deleteLater()
                return True
        return super().eventFilter(watched, event)
