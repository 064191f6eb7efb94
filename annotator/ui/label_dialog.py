"""Add or edit a label: name, colour, shortcut, description (the coding-manual entry)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QColor, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from annotator.core.model import Label
from annotator.ui.buttons import ok_cancel
from annotator.ui.messages import Message

# Why these fields cannot be saved (a key another label uses…), or None if they can.
FieldsCheck = Callable[["LabelFields"], str | None]


@dataclass(frozen=True)
class LabelFields:
    name: str
    color: str
    shortcut: str
    description: str
    parent_id: int | None = None


class LabelDialog(QDialog):
    def __init__(self, parent: QWidget | None, layer: str, label: Label | None,
                 parents: list[Label], parent_id: int | None,
                 check: FieldsCheck | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self.setWindowTitle(f"Edit {layer} label" if label else f"New {layer} label")
        self._color = QColor(label.color if label else "#4363d8")
        form = QFormLayout(self)
        self.name = QLineEdit(label.name if label else "")
        self.name.setPlaceholderText("e.g. Security forces")
        form.addRow("&Name", self.name)
        self.color_button = QPushButton()
        self.color_button.clicked.connect(self._on_color_clicked)
        form.addRow("&Colour", self.color_button)
        self.shortcut = QLineEdit(label.shortcut if label else "")
        self.shortcut.setMaxLength(1)
        self.shortcut.setValidator(QRegularExpressionValidator(QRegularExpression("[A-Za-z0-9]?")))
        self.shortcut.setPlaceholderText("one letter or digit, optional")
        form.addRow("&Shortcut", self.shortcut)
        self.parent_combo = QComboBox()
        self.parent_combo.addItem("(top level)", None)
        for p in parents:
            if label is None or p.id != label.id:
                self.parent_combo.addItem(p.name, p.id)
        current = label.parent_id if label else parent_id
        self.parent_combo.setCurrentIndex(max(0, self.parent_combo.findData(current)))
        form.addRow("&Under", self.parent_combo)
        self.description = QPlainTextEdit(label.description if label else "")
        self.description.setPlaceholderText("When to use this label (coding manual)")
        self.description.setMaximumHeight(110)
        form.addRow("&Description", self.description)
        buttons = ok_cancel(self)
        form.addRow(buttons)
        self._show_color()

    def _show_color(self) -> None:
        self.color_button.setText(self._color.name())
        self.color_button.setStyleSheet(
            f"background-color: {self._color.name()}; color: "
            f"{'black' if self._color.lightness() > 140 else 'white'};")

    def _on_color_clicked(self) -> None:
        color = QColorDialog.getColor(self._color, self, "Label colour")
        if color.isValid():
            self._color = color
            self._show_color()

    def accept(self) -> None:
        """Refuse here, keeping what was typed, what the project would refuse after."""
        fields = self.fields()
        problem = "Give the label a name." if not fields.name else (
            self._check(fields) if self._check is not None else None)
        if problem is not None:
            Message.error(self, self.windowTitle(), problem)
            (self.shortcut if fields.name else self.name).setFocus()
            return
        super().accept()

    def fields(self) -> LabelFields:
        return LabelFields(name=self.name.text().strip(), color=self._color.name(),
                           shortcut=self.shortcut.text().strip().upper(),
                           description=self.description.toPlainText().strip(),
                           parent_id=self.parent_combo.currentData())

    @classmethod
    def ask(cls, parent: QWidget | None, layer: str, label: Label | None = None,
            parents: list[Label] | None = None, parent_id: int | None = None,
            check: FieldsCheck | None = None) -> LabelFields | None:
        """Show the dialog; the entered fields, or None if cancelled or nameless."""
        dialog = cls(parent, layer, label, parents or [], parent_id, check)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        fields = dialog.fields()
        return fields if fields.name else None
