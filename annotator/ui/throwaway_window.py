"""A real main window on a project with throwaway settings, for screenshots and benchmarks.

Usage::

    app = make_application()
    window = throwaway_window(path, Path(tmp), annotator="Dana", size=(1600, 1000))
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from annotator.ui import settings as keys
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings


def throwaway_window(project: Path, settings_folder: Path, *, annotator: str,
                     size: tuple[int, int]) -> MainWindow:
    """Shown, sized, with ``project`` open as ``annotator``; settings live in an INI file in
    ``settings_folder`` so the user's own are never read or written."""
    settings = Settings(QSettings(str(settings_folder / "s.ini"), QSettings.Format.IniFormat))
    settings.set(keys.ANNOTATOR, annotator)
    window = MainWindow(settings)
    window.resize(*size)
    window.show()
    window.open_project(project)
    return window
