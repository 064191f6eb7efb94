"""Messages to the user, as classmethods so tests can replace them (``monkeypatch``).

Text is always shown as plain text: file names and error messages may contain ``<``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


class Message:
    @classmethod
    def error(cls, parent: QWidget | None, title: str, text: str) -> None:
        cls._box(parent, QMessageBox.Icon.Warning, title, text).exec()

    @classmethod
    def info(cls, parent: QWidget | None, title: str, text: str) -> None:
        cls._box(parent, QMessageBox.Icon.Information, title, text).exec()

    @classmethod
    def question(cls, parent: QWidget | None, title: str, text: str) -> bool:
        box = cls._box(parent, QMessageBox.Icon.Question, title, text)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        return bool(box.exec() == QMessageBox.StandardButton.Yes)

    @staticmethod
    def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str
             ) -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        return box
