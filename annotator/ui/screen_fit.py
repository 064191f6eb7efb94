"""First sizes of top-level windows that never exceed the screen they open on."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room left for the window frame and title bar, which availableGeometry() does not count.
FRAME_MARGIN = 40


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` × ``height``, smaller where the screen is smaller
    (a 1366 × 768 laptop): a window taller than the screen hides its bottom row."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width = min(width, free.width() - FRAME_MARGIN)
        height = min(height, free.height() - FRAME_MARGIN)
    window.resize(width, height)
