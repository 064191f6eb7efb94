"""Find in the open document (Ctrl+F): case-insensitive, offsets in code points."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


def find(text: str, query: str, start: int, *, backward: bool = False
         ) -> tuple[int, int] | None:
    """Next (or previous) match of ``query`` from code point ``start``, wrapping around.

    A regex keeps offsets in the stored text; ``str.lower()`` could change lengths.
    """
    if not query:
        return None
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    if not backward:
        m = pattern.search(text, start) or pattern.search(text, 0)
        return (m.start(), m.end()) if m else None
    matches = [(m.start(), m.end()) for m in pattern.finditer(text)]
    before = [m for m in matches if m[0] < start]
    if before:
        return before[-1]
    return matches[-1] if matches else None


class _QueryBox(QLineEdit):
    closed = Signal()
    step = Signal(bool)  # backward?

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.step.emit(bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
        else:
            super().keyPressEvent(event)


class FindBar(QWidget):
    find_requested = Signal(str, bool)  # query, backward
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.addWidget(QLabel("Find:"))
        self.query = _QueryBox()
        self.query.setPlaceholderText("text in this document (Enter: next, Shift+Enter: previous)")
        self.query.step.connect(lambda back: self.find_requested.emit(self.query.text(), back))
        self.query.closed.connect(self.close_bar)
        row.addWidget(self.query, 1)
        self.status = QLabel()
        row.addWidget(self.status)
        for text, back in (("↑", True), ("↓", False)):
            button = QToolButton()
            button.setText(text)
            button.setAutoRaise(True)
            button.clicked.connect(
                lambda _=False, b=back: self.find_requested.emit(self.query.text(), b))
            row.addWidget(button)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.clicked.connect(self.close_bar)
        row.addWidget(close)
        self.hide()

    def open_bar(self, text: str = "") -> None:
        if text:
            self.query.setText(text)
        self.show()
        self.query.setFocus()
        self.query.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()
