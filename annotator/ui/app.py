"""Composition root of the window: QApplication, settings, the first project.

``run(None)`` reopens the last project (or, the first time, the default project with
the sample articles); ``run(path)`` opens that project. A project that cannot be opened
is explained in a dialog and the window falls back to the default project, or stays
open and empty, so the user can always open or create another.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from annotator.core.errors import ProjectError
from annotator.ui import settings as keys
from annotator.ui.main_window import MainWindow
from annotator.ui.messages import Message
from annotator.ui.settings import Settings


def make_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv)
    app.setOrganizationName(keys.ORGANIZATION)
    app.setApplicationName(keys.APPLICATION)
    app.setApplicationDisplayName("Annotator")
    # No stylesheet and no forced style: the system palette (light or dark) applies.
    return app


def open_first_project(window: MainWindow, path: Path | None) -> bool:
    """Open ``path``, else the last project, else the default one; True if one is open."""
    if path is not None:
        if window.open_project(path, create=not path.exists()):
            return True
    else:
        last = window.settings.get(keys.LAST_PROJECT)
        if last and Path(last).exists() and window.open_project(Path(last)):
            return True
    return open_default_project(window)


def open_default_project(window: MainWindow) -> bool:
    from annotator.formats.default_project import ensure_default_project

    try:
        default = ensure_default_project()
    except ProjectError as exc:
        Message.error(window, "Cannot create the default project",
                      f"{exc}\n\nUse File → New project… to create one elsewhere.")
        return False
    return window.open_project(default)


def run(project_path: Path | None) -> int:
    app = make_application()
    window = MainWindow(Settings())
    window.show()
    open_first_project(window, project_path)
    return int(app.exec())
