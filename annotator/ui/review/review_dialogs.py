"""Questions the review windows ask, each behind an ``ask`` classmethod tests replace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QPlainTextEdit,
    QWidget,
)

from annotator.ui.buttons import ok_cancel


class CommentDialog(QDialog):
    """A reviewer's comment on one of the pair's spans (A's, B's or gold's)."""

    def __init__(self, parent: QWidget | None, targets: list[tuple[str, int]]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Reviewer comment")
        form = QFormLayout(self)
        self.target = QComboBox()
        for text, span_id in targets:
            self.target.addItem(text, span_id)
        form.addRow("&On", self.target)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("Why this decision; what the coding manual says…")
        self.text.setTabChangesFocus(True)
        form.addRow("&Comment", self.text)
        buttons = ok_cancel(self)
        form.addRow(buttons)
        self.resize(460, 220)

    @classmethod
    def ask(cls, parent: QWidget | None, targets: list[tuple[str, int]]
            ) -> tuple[int, str] | None:
        """(span id, comment text), or None if cancelled or empty."""
        dialog = cls(parent, targets)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        text = dialog.text.toPlainText().strip()
        span_id = dialog.target.currentData()
        return (int(span_id), text) if text and span_id is not None else None


class ReportFileAsk:
    @classmethod
    def save(cls, parent: QWidget | None, suggested: Path, kind: str) -> Path | None:
        """Where to write the report as ``kind`` ("csv" or "json")."""
        filters = {"csv": "CSV (*.csv)", "json": "JSON (*.json)"}
        path, _ = QFileDialog.getSaveFileName(parent, f"Export the report as {kind.upper()}",
                                              str(suggested), f"{filters[kind]};;All files (*)")
        if not path:
            return None
        result = Path(path)
        return result if result.suffix else result.with_suffix(f".{kind}")
