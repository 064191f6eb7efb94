"""Questions the window asks, each behind an ``ask`` classmethod tests can replace."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator import __version__
from annotator.core.model import GOLD, LAYERS
from annotator.formats.export_formats import CHOICES, FORMATS
from annotator.ui.buttons import ok_cancel

PROJECT_FILTER = "Annotator projects (*.annotator);;All files (*)"


class FileAsk:
    """File and folder choosers."""

    @classmethod
    def open_project(cls, parent: QWidget | None, folder: str = "") -> Path | None:
        path, _ = QFileDialog.getOpenFileName(parent, "Open project", folder, PROJECT_FILTER)
        return Path(path) if path else None

    @classmethod
    def new_project(cls, parent: QWidget | None, folder: str = "") -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, "New project", folder, PROJECT_FILTER)
        if not path:
            return None
        result = Path(path)
        return result if result.suffix else result.with_suffix(".annotator")

    @classmethod
    def import_files(cls, parent: QWidget | None) -> list[Path]:
        paths, _ = QFileDialog.getOpenFileNames(
            parent, "Import documents", "",
            "Articles and annotations (*.txt *.md *.html *.htm *.docx *.odt *.pdf *.rtf *.jsonl "
            "*.ndjson *.json *.rss *.atom *.xml);;"
            "Web pages (*.html *.htm *.xhtml);;"
            "Word, OpenDocument, PDF and RTF files, news-database exports (*.docx *.odt *.pdf "
            "*.rtf *.txt);;"
            "Feeds (*.rss *.atom *.xml);;"
            "All files (*)")
        return [Path(p) for p in paths]

    @classmethod
    def import_folder(cls, parent: QWidget | None) -> Path | None:
        path = QFileDialog.getExistingDirectory(parent, "Import a folder of articles")
        return Path(path) if path else None

    @classmethod
    def colleague_project(cls, parent: QWidget | None) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            parent, "Import a colleague's project", "",
            "Projects and exports (*.annotator *.jsonl);;All files (*)")
        return Path(path) if path else None


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    annotators: tuple[str, ...]
    layers: tuple[str, ...]
    gold: bool
    format: str = "jsonl"  # a key of formats.export_formats.FORMATS
    network: str | None = None  # for the network formats


class ExportDialog(QDialog):
    """Export in any format (``export_formats.CHOICES``) with the command line's
    annotator and layer filters."""

    def __init__(self, parent: QWidget | None, annotators: list[str], suggested: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.format = QComboBox()
        for title, fmt, network in CHOICES:
            self.format.addItem(title, (fmt, network))
        self.format.currentIndexChanged.connect(self._on_format_changed)
        form.addRow("F&ormat", self.format)
        row = QHBoxLayout()
        self.path = QLineEdit(str(suggested))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._on_browse_clicked)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        file_label = QLabel("&File")  # a row of two widgets gets no buddy by itself
        file_label.setBuddy(self.path)
        form.addRow(file_label, row)
        layout.addLayout(form)
        people = QGroupBox("Annotators (none ticked: everyone)")
        people_box = QVBoxLayout(people)
        self.annotator_boxes = {}
        for name in annotators:
            box = QCheckBox(name)
            self.annotator_boxes[name] = box
            people_box.addWidget(box)
        self.gold = QCheckBox("gold (adjudicated spans)")
        people_box.addWidget(self.gold)
        layout.addWidget(people)
        layers = QGroupBox("Layers (none ticked: all)")
        layer_box = QHBoxLayout(layers)
        self.layer_boxes = {}
        for layer in LAYERS:
            box = QCheckBox(str(layer))
            self.layer_boxes[str(layer)] = box
            layer_box.addWidget(box)
        layout.addWidget(layers)
        buttons = ok_cancel(self)
        layout.addWidget(buttons)

    def _on_format_changed(self) -> None:
        # Keep the name, change the suffix (brat writes a folder: no suffix).
        current = Path(self.path.text().strip() or "export")
        stem = current.name.removesuffix(current.suffix) if current.suffix else current.name
        self.path.setText(str(current.with_name(stem + FORMATS[self.format.currentData()[0]]
                                                .suffix)))

    def _on_browse_clicked(self) -> None:
        if not FORMATS[self.format.currentData()[0]].suffix:
            path = QFileDialog.getExistingDirectory(self, "Export to a new or empty folder",
                                                    self.path.text())
        else:
            path, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text())
        if path:
            self.path.setText(path)

    def request(self) -> ExportRequest:
        fmt, network = self.format.currentData()
        return ExportRequest(
            path=Path(self.path.text().strip()),
            annotators=tuple(n for n, b in self.annotator_boxes.items() if b.isChecked()),
            layers=tuple(n for n, b in self.layer_boxes.items() if b.isChecked()),
            gold=self.gold.isChecked(), format=fmt, network=network)

    @classmethod
    def ask(cls, parent: QWidget | None, annotators: list[str], suggested: Path
            ) -> ExportRequest | None:
        dialog = cls(parent, [a for a in annotators if a != GOLD], suggested)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.path.text().strip():
            return None
        return dialog.request()


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: every key of the window, label keys included."""

    def __init__(self, parent: QWidget | None, rows: list[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        layout = QVBoxLayout(self)
        intro = QLabel("Select text with the mouse or Shift+arrows, then press a label's key. "
                       "With a span selected and no text selected, a label key relabels it.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels(["Key", "Does"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (key, what) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(key))
            table.setItem(r, 1, QTableWidgetItem(what))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 560)

    @classmethod
    def ask(cls, parent: QWidget | None, rows: list[tuple[str, str]]) -> None:
        cls(parent, rows).exec()


ABOUT = (f"Annotator {__version__}\n\n"
         "Hand-label news articles as actors, stances and narratives. Every edit is saved "
         "at once in the project file and can be undone; there is no Save button.\n\n"
         "Offsets are Unicode code points of the stored text.")


def about_text() -> str:
    return ABOUT


def plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label
