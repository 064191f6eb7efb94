"""Document → Details…: a document's title and metadata, edited as one undoable step.

The usual keys (outlet, date, author, URL, language) have their own fields; every other
key is a row of the table below them (a value that is not text, such as a list, is shown
and read as JSON). The text itself is never editable: offsets refer to it.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.document_commands import clean_details
from annotator.core.errors import InputError
from annotator.ui.buttons import ok_cancel
from annotator.ui.messages import Message

FIELDS = (("outlet", "&Outlet", "e.g. Reuters"),
          ("date", "&Date", "ISO 8601: 2026-01-15"),
          ("author", "&Author", ""),
          ("url", "&URL", ""),
          ("language", "&Language", "e.g. fa, ru, en"))


class DocumentDetailsDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, meta: dict[str, Any]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Document details")
        self.setMinimumWidth(520)
        box = QVBoxLayout(self)
        form = QFormLayout()
        self.title = QLineEdit(title)
        form.addRow("&Title", self.title)
        self.fields: dict[str, QLineEdit] = {}
        for key, text, hint in FIELDS:
            edit = QLineEdit(_shown(meta.get(key)))
            edit.setPlaceholderText(hint)
            form.addRow(text, edit)
            self.fields[key] = edit
        box.addLayout(form)
        box.addWidget(QLabel("Other metadata"))
        others = [(k, v) for k, v in sorted(meta.items()) if k not in self.fields]
        self.others = QTableWidget(len(others), 2)
        self.others.setHorizontalHeaderLabels(["Key", "Value"])
        self.others.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.others.verticalHeader().hide()
        self._json_keys = {k for k, v in others if not isinstance(v, str)}
        for row, (key, value) in enumerate(others):
            self.others.setItem(row, 0, QTableWidgetItem(key))
            self.others.setItem(row, 1, QTableWidgetItem(_shown(value)))
        box.addWidget(self.others)
        add = QPushButton("Add a &key")
        add.clicked.connect(self._add_row)
        box.addWidget(add)
        buttons = ok_cancel(self)
        box.addWidget(buttons)

    def _add_row(self) -> None:
        row = self.others.rowCount()
        self.others.insertRow(row)
        key = QTableWidgetItem("")
        self.others.setItem(row, 0, key)
        self.others.setItem(row, 1, QTableWidgetItem(""))
        self.others.setCurrentCell(row, 0)
        self.others.editItem(key)

    def details(self) -> tuple[str, dict[str, Any]]:
        """The title and metadata as entered, checked and cleaned (``InputError``)."""
        meta: dict[str, Any] = {key: edit.text() for key, edit in self.fields.items()}
        for row in range(self.others.rowCount()):
            key_item, value_item = self.others.item(row, 0), self.others.item(row, 1)
            key = key_item.text().strip() if key_item else ""
            value = value_item.text() if value_item else ""
            if not key:
                continue
            if meta.get(key):
                raise InputError(f"the key {key!r} is given twice")
            if key in self._json_keys:
                try:
                    meta[key] = json.loads(value) if value.strip() else ""
                except ValueError:
                    raise InputError(f"the value of {key!r} is not valid JSON") from None
            else:
                meta[key] = value
        return clean_details(self.title.text(), meta)

    def accept(self) -> None:
        try:
            self.details()
        except InputError as exc:
            Message.error(self, self.windowTitle(), f"{exc.reason[0].upper()}{exc.reason[1:]}.")
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, meta: dict[str, Any]
            ) -> tuple[str, dict[str, Any]] | None:
        dialog = cls(parent, title, meta)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.details()


def _shown(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
