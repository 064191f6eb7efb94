"""Small pieces every dialog uses: the OK / Cancel row, asking where to save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QWidget


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
