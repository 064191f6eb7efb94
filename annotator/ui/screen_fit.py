"""First sizes of top-level windows that never exceed the screen they open on."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room left for the window frame and title bar, which availableGeometry() does not count.
FRAME_MARGIN = 40


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` × ``height``, smaller where the screen is smaller
    (a 1366 × 768 laptop): a window taller than the screen hides its bottom row; and
    place it in the middle of the screen's free area, frame and title bar included. Left
    to the window manager, a window opened from another one cascades below and right of
    it, partly off the screen (the compare window on a 1600 × 1000 screen)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    free = screen.availableGeometry()
    width = max(min(width, free.width() - FRAME_MARGIN), window.minimumWidth())
    height = max(min(height, free.height() - FRAME_MARGIN), window.minimumHeight())
    window.resize(width, height)
    window.move(free.x() + max(0, (free.width() - width) // 2),
                free.y() + max(0, (free.height() - height - FRAME_MARGIN) // 2))
