"""Review → Agreement report: every measure of ``core.agreement`` over the corpus.

The report is computed on a worker thread with its own read-only connection
(``background.BackgroundJob``: progress by stage, Cancel, and the window — this one and
the main one — stays usable meanwhile). It is read by ``formats.agreement_data`` and
built by ``core.agreement.build_report``, exactly as ``annotator agreement`` does, and
exported with the same ``to_csv`` / ``to_json``. Every figure is shown with its unit and
matching rule beside it, and a figure that cannot be computed says why.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement import (
    MEASURES,
    AgreementReport,
    Figure,
    build_report,
    to_csv,
    to_json,
)
from annotator.core.agreement.report import LABEL, LAYER, OVERALL, POOLED
from annotator.core.model import GOLD, LAYERS
from annotator.store import Project
from annotator.ui.messages import Message
from annotator.ui.review.background import BackgroundJob, StageProgress
from annotator.ui.review.figure_text import details_text, short_title
from annotator.ui.review.report_models import (
    FIGURE_ROLE,
    RULE,
    SORT_ROLE,
    UNIT,
    DocumentFigureModel,
    FigureListModel,
    MatrixModel,
)
from annotator.ui.review.review_dialogs import ReportFileAsk
from annotator.ui.screen_fit import resize_within_screen
from annotator.ui.tables import make_table

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

# Documents are listed worst first by uα: it sees both boundaries and labels.
DOCUMENT_SORT = "unitizing_alpha"


def compute(project: Project, progress: StageProgress, annotators: list[str] | None,
            layers: list[str] | None) -> AgreementReport:
    """What ``annotator agreement`` computes, reporting each stage."""
    from annotator.formats.agreement_data import load_agreement_input

    data = load_agreement_input(project, annotators=annotators, layers=layers,
                                progress=progress)
    return build_report(data, progress)


def _reading_order(report: AgreementReport) -> Callable[[Figure], tuple[int, ...]]:
    """Overall first, then layer by layer, label by label (scheme order); within each,
    the measures in the report's order."""
    scopes = {OVERALL: 0, LAYER: 1, LABEL: 2, POOLED: 3}
    layers = {layer: i for i, layer in enumerate(report.layers)}
    labels = {(k.layer, k.name): i for i, k in enumerate(report.labels)}
    measures = {m: i for i, m in enumerate(MEASURES)}

    def key(f: Figure) -> tuple[int, ...]:
        return (layers.get(f.layer, -1), scopes.get(f.scope, 3),
                labels.get((f.layer, f.label), -1), measures.get(f.measure, 99))
    return key


class ReportWindow(QMainWindow):
    def __init__(self, main: MainWindow) -> None:
        super().__init__(main, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        assert main.project is not None
        self.main = main
        self.project: Project = main.project
        self.report: AgreementReport | None = None
        self.job = BackgroundJob(self)
        self.job.progressed.connect(self._on_job_progressed)
        self.job.finished.connect(self._on_job_finished)
        self.job.failed.connect(self._on_job_failed)
        self.job.cancelled.connect(self._on_job_cancelled)
        self.closing = False
        name = self.project.path.name if self.project.path else "(in memory)"
        self.setWindowTitle(f"Agreement report — {name}")
        self._build()
        if main.controller is not None:
            main.controller.destroyed.connect(self.close)  # another project was opened
        resize_within_screen(self, 1400, 900)
        self.start()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        box = QVBoxLayout(central)
        box.setContentsMargins(8, 6, 8, 6)
        box.addLayout(self._choices())
        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.stage = QLabel()
        self.stage.setTextFormat(Qt.TextFormat.PlainText)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        progress_row.addWidget(self.stage)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        box.addLayout(progress_row)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        box.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Vertical)
        self.tabs = QTabWidget()
        self.scopes = FigureListModel(self)
        self.labels = FigureListModel(self)
        self.documents = DocumentFigureModel(self)
        self.sorted_documents = QSortFilterProxyModel(self)
        self.sorted_documents.setSourceModel(self.documents)
        self.sorted_documents.setSortRole(SORT_ROLE)
        self.matrix = MatrixModel(self)
        self.scope_table = self._long_table(self.scopes)
        self.label_table = self._long_table(self.labels)
        self.tabs.addTab(self.scope_table, "Overall and layers")
        self.tabs.addTab(self.label_table, "Labels")
        self.tabs.addTab(self._documents_tab(), "Documents")
        self.tabs.addTab(self._pairwise_tab(), "Pairwise")
        split.addWidget(self.tabs)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText("Select a figure to read its unit, matching rule, "
                                        "units counted and ingredients.")
        split.addWidget(self.details)
        split.setSizes([700, 140])
        box.addWidget(split, 1)
        self.setCentralWidget(central)
        close = QAction(self)
        close.setShortcut(QKeySequence("Ctrl+W"))
        close.triggered.connect(self.close)
        self.addAction(close)

    def _choices(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel("Annotators:"))
        self.annotator_boxes: dict[str, QCheckBox] = {}
        with_spans = self.project.annotators_with_spans()
        for person in self.project.annotators():
            if person.id not in with_spans:
                continue
            box = QCheckBox(person.name)
            box.setChecked(person.name != GOLD)  # as the CLI: everyone but gold by default
            self.annotator_boxes[person.name] = box
            row.addWidget(box)
        self._default_names = [n for n, b in self.annotator_boxes.items() if b.isChecked()]
        row.addSpacing(16)
        row.addWidget(QLabel("Layers:"))
        self.layer_boxes: dict[str, QCheckBox] = {}
        for layer in LAYERS:
            box = QCheckBox(str(layer))
            box.setChecked(True)
            self.layer_boxes[str(layer)] = box
            row.addWidget(box)
        row.addSpacing(16)
        self.compute_button = QPushButton("&Compute")
        self.compute_button.clicked.connect(self.start)
        row.addWidget(self.compute_button)
        row.addStretch(1)
        self.export_csv = QPushButton("Export C&SV…")
        self.export_json = QPushButton("Export &JSON…")
        self.export_csv.clicked.connect(lambda: self.export("csv"))
        self.export_json.clicked.connect(lambda: self.export("json"))
        row.addWidget(self.export_csv)
        row.addWidget(self.export_json)
        return row

    def _long_table(self, model: FigureListModel) -> QTableView:
        table = make_table(model)
        header = table.horizontalHeader()
        fm = table.fontMetrics()
        widths = ("narrative: Foreign interference", "Krippendorff's unitizing alpha (uα)",
                  "not defined: no units", "Units counted ")
        for column, sample in enumerate(widths):
            header.resizeSection(column, fm.horizontalAdvance(sample) + 16)
        header.resizeSection(UNIT, fm.horizontalAdvance("token × label, valued present/absent")
                             + 16)
        header.setSectionResizeMode(RULE, QHeaderView.ResizeMode.Stretch)
        table.selectionModel().currentChanged.connect(
            lambda current, _previous, t=table: self._show_details(t, current))
        return table

    def _documents_tab(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 4, 0, 0)
        note = QLabel("One row per document, worst first by uα; click a header to sort. "
                      "Each column's unit is under its name; hover the header for the "
                      "matching rule, or select a cell for everything about the figure.")
        note.setWordWrap(True)
        box.addWidget(note)
        self.document_table = make_table(self.sorted_documents)
        self.document_table.setSortingEnabled(True)
        header = self.document_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setDefaultSectionSize(self.fontMetrics().horizontalAdvance(
            "unit: matched span group") + 14)
        self.document_table.selectionModel().currentChanged.connect(
            lambda current, _previous: self._show_details(self.document_table, current))
        box.addWidget(self.document_table)
        return page

    def _pairwise_tab(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 4, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel("Measure:"))
        self.matrix_measure = QComboBox()
        self.matrix_measure.activated.connect(lambda _=0: self._show_matrix())
        row.addWidget(self.matrix_measure)
        row.addStretch(1)
        box.addLayout(row)
        self.matrix_rule = QLabel()
        self.matrix_rule.setTextFormat(Qt.TextFormat.PlainText)
        self.matrix_rule.setWordWrap(True)
        box.addWidget(self.matrix_rule)
        self.matrix_table = make_table(self.matrix)
        self.matrix_table.verticalHeader().show()
        self.matrix_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.matrix_table.horizontalHeader().setDefaultSectionSize(150)
        self.matrix_table.selectionModel().currentChanged.connect(
            lambda current, _previous: self._show_details(self.matrix_table, current))
        box.addWidget(self.matrix_table, 1)
        return page

    # -- computing -------------------------------------------------------------------------
    def chosen(self) -> tuple[list[str], list[str]]:
        names = [n for n, b in self.annotator_boxes.items() if b.isChecked()]
        layers = [n for n, b in self.layer_boxes.items() if b.isChecked()]
        return names, layers

    def start(self) -> None:
        names, layers = self.chosen()
        if not layers:
            self.stage.setText("Tick at least one layer.")
            return
        # The defaults go as "no choice", exactly as the command line without options.
        chosen_names = None if names == self._default_names else names
        chosen_layers = None if len(layers) == len(self.layer_boxes) else layers
        self._busy(True)
        self.stage.setText("Starting…")
        self.job.start(lambda p, progress: compute(p, progress, chosen_names, chosen_layers),
                       self.project)

    def cancel(self) -> None:
        self.job.cancel()
        self.stage.setText("Cancelling…")

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.compute_button.setEnabled(not busy)
        has = self.report is not None and not busy
        self.export_csv.setEnabled(has)
        self.export_json.setEnabled(has)

    def _on_job_progressed(self, stage: str, done: int, total: int) -> None:
        self.stage.setText(f"{stage}…")
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    def _on_job_finished(self, report: object) -> None:
        assert isinstance(report, AgreementReport)
        self.report = report
        self._busy(False)
        self.stage.setText("")
        self._show(report)

    def _on_job_failed(self, message: str) -> None:
        self._busy(False)
        self.stage.setText("Failed.")
        Message.error(self, "Agreement report", message)

    def _on_job_cancelled(self) -> None:
        self._busy(False)
        self.stage.setText("Cancelled." + (" Showing the previous report."
                                           if self.report is not None else ""))

    # -- showing ---------------------------------------------------------------------------
    def _show(self, report: AgreementReport) -> None:
        group = report.annotators
        order = _reading_order(report)
        self.scopes.load(sorted((f for f in report.figures if f.annotators == group
                                 and f.scope in (OVERALL, LAYER)), key=order))
        self.labels.load(sorted((f for f in report.figures if f.annotators == group
                                 and f.scope in (LABEL, POOLED)), key=order))
        self.documents.load(report)
        # A reset with new columns forgets how sections were sized.
        self.document_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        if DOCUMENT_SORT in report.group_measures:
            column = 1 + report.group_measures.index(DOCUMENT_SORT)
            self.document_table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        self.matrix_measure.clear()
        for measure in report.pairwise_measures:
            self.matrix_measure.addItem(short_title(measure), measure)
        self._show_matrix()
        coded = ", ".join(f"{a} {n:,}" for a, n in report.coded_documents.items())
        lines = [f"Annotators: {', '.join(report.annotators) or 'none'} · documents: "
                 f"{report.documents:,} ({report.documents_compared:,} coded by two or more) "
                 f"· tokens: {report.tokens:,} · documents coded: {coded or 'none'}",
                 f"Tokens: {report.tokenisation}"]
        if len(report.annotators) < 2:
            lines.append("Agreement needs two annotators with spans: every figure is "
                         "reported as not defined.")
        lines.extend(f"Note: {note}" for note in report.notes)
        self.summary.setText("\n".join(lines))

    def _show_matrix(self) -> None:
        measure = self.matrix_measure.currentData()
        self.matrix.load(self.report, measure)
        if measure is None:
            self.matrix_rule.setText(
                "Pairwise matrices are shown for three or more annotators; with two, "
                "every figure is already between the pair.")
            return
        info = MEASURES[measure]
        self.matrix_rule.setText(f"{info.title}, overall, between each two annotators.\n"
                                 f"Unit: {info.unit}\nMatching rule: {info.matching}")

    def _show_details(self, table: QTableView, current: QModelIndex) -> None:
        figure = current.data(FIGURE_ROLE) if current.isValid() else None
        self.details.setPlainText(details_text(figure) if figure is not None else "")

    # -- export ----------------------------------------------------------------------------
    def export(self, kind: str, path: Path | None = None) -> Path | None:
        """Write the shown report as CSV or JSON (the CLI's ``--format csv|json``)."""
        if self.report is None:
            return None
        if path is None:
            folder = self.project.path.parent if self.project.path else Path.home()
            stem = self.project.path.stem if self.project.path else "agreement"
            path = ReportFileAsk.save(self, folder / f"{stem}-agreement.{kind}", kind)
        if path is None:
            return None
        text = to_csv(self.report) if kind == "csv" else to_json(self.report)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            Message.error(self, "Export the report", f"Cannot write {path}: {exc.strerror}")
            return None
        self.statusBar().showMessage(f"Wrote {path}", 8000)
        return path

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing = True
        self.job.cancel(wait=True)
        super().closeEvent(event)
