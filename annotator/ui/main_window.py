"""The main window: menus, the open project, and remembering the layout.

The window holds at most one project; opening another builds a new controller and a
new ``Workspace`` and drops the old ones. There is no Save: every edit is already in
the project file, so the title never says "unsaved".
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QUndoGroup
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from annotator.core.errors import NewerSchemaError, NotAProjectError, ProjectError
from annotator.paths import default_scheme_path
from annotator.store import Project
from annotator.ui import settings as keys
from annotator.ui.controller import Controller
from annotator.ui.menus import build_menus
from annotator.ui.messages import Message
from annotator.ui.project_watch import ProjectWatch
from annotator.ui.screen_fit import resize_within_screen
from annotator.ui.settings import Settings
from annotator.ui.team_status import TeamStatus
from annotator.ui.workspace import Workspace


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.project: Project | None = None
        self.controller: Controller | None = None
        self.workspace: Workspace | None = None
        self.undo_group = QUndoGroup(self)
        self.watch = ProjectWatch(self)  # other windows' and programs' changes
        self.menu_actions = build_menus(self)
        self.statusBar().showMessage("Every edit is saved as you make it.")
        # Stays in the status bar (messages come and go beside it) while read-only.
        self.read_only_notice = QLabel("Read-only: you can read and export, not change.")
        self.read_only_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.read_only_notice)
        self.read_only_notice.hide()
        self.team = TeamStatus(self)  # a team replica's sync, and its indicator
        self._show_empty()
        geometry = settings.get(keys.GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            resize_within_screen(self, 1400, 860)

    # -- projects ------------------------------------------------------------------------
    def open_project(self, path: Path, *, create: bool = False) -> bool:
        """Open (or with ``create``, make) a project file; explain and keep the current
        project if it cannot be opened."""
        path = Path(path)
        project: Project | None
        try:
            project = Project.open(path, create=create,
                                   scheme=default_scheme_path() if create else None)
        except ProjectError as exc:
            project = self._open_read_only_instead(path, exc)
            if project is None:
                return False
        self.set_project(project)
        return True

    def _open_read_only_instead(self, path: Path, exc: ProjectError) -> Project | None:
        writable = not path.exists() or (os.access(path, os.W_OK) and os.access(
            path.parent, os.W_OK))
        if isinstance(exc, (NotAProjectError, NewerSchemaError)) or writable:
            Message.error(self, "Cannot open the project", _explain(exc))
            return None
        if not Message.question(self, "Read-only location",
                                f"{exc}\n\nOpen it read-only? You can read and export, "
                                "but not change it."):
            return None
        try:
            return Project.open(path, read_only=True)
        except ProjectError as again:
            Message.error(self, "Cannot open the project", _explain(again))
            return None

    def set_project(self, project: Project) -> None:
        self._close_project()
        self.project = project
        team = project.sync_settings()
        # A team replica codes as its member: only that person's spans are pushed.
        name = team["member"] if team else self.settings.get(keys.ANNOTATOR) or _login_name()
        self.controller = Controller(project, name, self)
        self.controller.annotator_changed.connect(self._on_controller_annotator_changed)
        self.undo_group.addStack(self.controller.undo_stack)
        self.undo_group.setActiveStack(self.controller.undo_stack)
        self.workspace = Workspace(self.controller, self)
        self.workspace.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.workspace.document_opened.connect(lambda _doc: self._update_title())
        self.workspace.restoreState(self.settings.get(keys.MAIN_SPLITTER))
        self.workspace.panel.restoreState(self.settings.get(keys.PANEL_SPLITTER))
        self.workspace.view.set_point_size(self.settings.get(keys.FONT_POINT_SIZE))
        self.setCentralWidget(self.workspace)
        if project.path is not None:
            self.settings.remember_project(str(project.path.resolve()))
            self.menu_actions.refresh_recent()
        self.menu_actions.set_project_open(True, read_only=project.read_only)
        self.workspace.view.setFocus()
        self._update_title()
        self.read_only_notice.setVisible(project.read_only)
        if project.read_only:
            self.statusBar().showMessage("Opened read-only: nothing can be changed.")
        self.watch.follow(self.workspace)
        self.team.follow(project, self.watch.check)

    def reload_from_file(self) -> None:
        """Document → Reload from project file (F5): show what others saved."""
        self.watch.reload()

    def _close_project(self) -> None:
        self.team.stop()
        self.watch.follow(None)
        self.read_only_notice.hide()
        if self.workspace is not None:
            self.workspace.panel.editor.commit()
            # A name still being typed is not a choice: losing focus as the window goes
            # must not create an annotator in a project that is closing.
            self.workspace.panel.annotator_combo.blockSignals(True)
            line_edit = self.workspace.panel.annotator_combo.lineEdit()
            if line_edit is not None:
                line_edit.blockSignals(True)
            self._save_layout()
        if self.controller is not None:
            self.undo_group.removeStack(self.controller.undo_stack)
            self.controller.deleteLater()
        if self.project is not None:
            self.project.close()
        self.project, self.controller, self.workspace = None, None, None

    def _show_empty(self) -> None:
        empty = QLabel("No project is open.\n\nFile → New project… or File → Open project…")
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setTextFormat(Qt.TextFormat.PlainText)
        self.setCentralWidget(empty)
        self.menu_actions.set_project_open(False)
        self._update_title()

    def _update_title(self) -> None:
        # Qt appends the application display name ("… — Annotator") on its own.
        parts: list[str] = []
        if self.project is not None:
            name = self.project.path.name if self.project.path else "(in memory)"
            parts.append(f"{name} [read-only]" if self.project.read_only else name)
        if self.controller is not None:
            parts.append(self.controller.annotator.name)
        self.setWindowTitle(" — ".join(parts) or "Annotator")

    def _on_controller_annotator_changed(self, annotator: object) -> None:
        if self.controller is not None:
            self.settings.set(keys.ANNOTATOR, self.controller.annotator.name)
        self._update_title()

    def actions_with_keys(self) -> list[QAction]:
        """The window's keyed actions (for Help → Keyboard shortcuts)."""
        own = [a for a in self.actions() if a.shortcuts()]
        return [self.menu_actions.undo, self.menu_actions.redo, *own]

    # -- layout memory -------------------------------------------------------------------
    def _save_layout(self) -> None:
        self.settings.set(keys.GEOMETRY, self.saveGeometry())
        if self.workspace is not None:
            self.settings.set(keys.MAIN_SPLITTER, self.workspace.saveState())
            self.settings.set(keys.PANEL_SPLITTER, self.workspace.panel.saveState())
            self.settings.set(keys.FONT_POINT_SIZE, self.workspace.view.point_size())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_layout()
        self._close_project()
        super().closeEvent(event)


def _login_name() -> str:
    import getpass

    try:
        return getpass.getuser() or "me"
    except (OSError, KeyError):
        return "me"


def _explain(exc: ProjectError) -> str:
    if isinstance(exc, NewerSchemaError):
        return str(exc)  # it already says the file was not changed
    if isinstance(exc, NotAProjectError):
        return f"{exc}\n\nChoose an Annotator project (.annotator), or create a new one."
    return str(exc)
