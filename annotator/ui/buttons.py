"""Small pieces dialogs share: the OK / Cancel row, asking where to save, saving a
picture as PNG or SVG, a status line with buttons, showing a view of the project."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK accepts ``dialog`` (through its ``accept``, which may refuse), Cancel rejects."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def save_path(parent: QWidget, title: str, name: str, filters: str) -> Path | None:
    """The file the user chose to save to, or None if cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, name, filters)
    return Path(chosen) if chosen else None


# Paints a picture into the given rectangle (a scene, a chart...).
Render = Callable[[QPainter, QRectF], None]


def save_png(path: Path, size: QSizeF, render: Render, *, scale: float = 2.0) -> Path:
    """``render`` at ``scale`` times ``size`` on white, as PNG."""
    image = QImage(QSize(int(size.width() * scale), int(size.height() * scale)),
                   QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    render(painter, QRectF(image.rect()))
    painter.end()
    image.save(str(path))
    return path


def save_svg(path: Path, size: QSizeF, render: Render, title: str) -> Path:
    from PySide6.QtSvg import QSvgGenerator  # only when an SVG is saved

    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(size.toSize())
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    painter = QPainter(generator)
    render(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    return path


def action_row(status: QLabel, actions: Iterable[tuple[str, Callable[[], object]]]
               ) -> QHBoxLayout:
    """A status line with buttons at its right (a view's export row). None of them is a
    default button: Enter in a box of the view must not start an export."""
    row = QHBoxLayout()
    row.addWidget(status, 1)
    for text, slot in actions:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _=False, slot=slot: slot())
        row.addWidget(button)
    return row


View = TypeVar("View", bound=QWidget)


def show_view(window: Any, make: Callable[[Any], View]) -> View | None:
    """A window of the open project (``make(window)``), shown and deleted when closed;
    None when no project is open."""
    if window.workspace is None:
        return None
    view = make(window)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view.show()
    return view
