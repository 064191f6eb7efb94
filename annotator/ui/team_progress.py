"""File → Team → Team progress…: the lead's view of who has done what.

A bar per member (done · in progress · still to do of the documents assigned to them),
drawn with QPainter (no plotting library to load for six bars), a table with the same
figures, spans and last sync, and the double-coded sample's agreement so far. The
figures come from ``team.manage.team_progress`` on a worker thread (it syncs first).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Status
from annotator.store import Project
from annotator.team.manage import MemberProgress, TeamProgress
from annotator.ui.jobs import Cancelled, Progress, run_job
from annotator.ui.messages import Message
from annotator.ui.models.document_list_model import STATUS_COLOR

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

# The document list's status colours; "to do" lighter, so that it reads as what is left.
_DONE = QColor(STATUS_COLOR[Status.DONE])
_STARTED = QColor(STATUS_COLOR[Status.IN_PROGRESS])
_TODO = QColor("#d6d6d6")
COLUMNS = ("Member", "Role", "Assigned", "In progress", "Done", "Spans", "Last sync")


class ProgressChart(QWidget):
    """Horizontal stacked bars: each member's assigned documents, done first."""

    def __init__(self, members: list[MemberProgress], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.members = [m for m in members if m.assigned or m.done or m.started]
        self.setMinimumHeight(self._row() * max(1, len(self.members)) + 2 * self._row())

    def _row(self) -> int:
        return self.fontMetrics().height() + 10

    def sizeHint(self) -> QSize:
        return QSize(560, self.minimumHeight())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        row = self._row()
        if not self.members:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "No documents are assigned yet (annotator team assign).")
            return
        name_w = max(fm.horizontalAdvance(m.name) for m in self.members) + 12
        count_w = fm.horizontalAdvance("000 / 000") + 12
        width = max(10, self.width() - name_w - count_w - 8)
        most = max(max(m.assigned, m.done + m.started) for m in self.members)
        for i, m in enumerate(self.members):
            y = i * row + 4
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(0, y, name_w - 6, row - 8),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             m.name)
            total = max(m.assigned, m.done + m.started)
            x = float(name_w)
            for n, colour in ((m.done, _DONE), (m.started, _STARTED),
                              (total - m.done - m.started, _TODO)):
                w = width * n / most if most else 0
                painter.fillRect(QRectF(x, y + 2, w, row - 12), colour)
                x += w
            painter.drawText(QRectF(name_w + width + 8, y, count_w, row - 8),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             f"{m.done} / {total}")
        y = len(self.members) * row + 8
        x = float(name_w)
        for text, colour in (("done", _DONE), ("in progress", _STARTED), ("to do", _TODO)):
            painter.fillRect(QRectF(x, y + 3, 12, 12), colour)
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(x + 16, y, 200, row),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), text)
            x += 16 + fm.horizontalAdvance(text) + 18
        painter.end()


class ProgressDialog(QDialog):
    def __init__(self, report: TeamProgress, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Team progress")
        layout = QVBoxLayout(self)
        head = QLabel(f"{report.server} · {report.documents} documents, {report.assigned} "
                      f"assigned, double-coded sample {report.doubled}")
        head.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(head)
        self.chart = ProgressChart(report.members)
        layout.addWidget(self.chart)
        self.table = QTableWidget(len(report.members), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, m in enumerate(report.members):
            when = m.last_sync.strftime("%Y-%m-%d %H:%M") if m.last_sync else "never"
            for c, value in enumerate((m.name, m.role, m.assigned, m.started, m.done, m.spans,
                                       when)):
                item = QTableWidgetItem(str(value))
                if isinstance(value, int):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.documents = QTableWidget(len(report.by_document), 3)
        self.documents.setHorizontalHeaderLabels(("Id", "Document", "Assigned to"))
        self.documents.verticalHeader().hide()
        self.documents.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (doc_id, title, who) in enumerate(report.by_document):
            for c, value in enumerate((str(doc_id), title, ", ".join(who))):
                self.documents.setItem(r, c, QTableWidgetItem(value))
        self.documents.resizeColumnToContents(0)
        self.documents.setColumnWidth(1, 360)
        self.documents.horizontalHeader().setStretchLastSection(True)
        tabs = QTabWidget()
        tabs.addTab(self.table, "Per member")
        tabs.addTab(self.documents, "Per document")
        layout.addWidget(tabs, 1)
        agreement = QLabel("\n".join(report.agreement))
        agreement.setTextFormat(Qt.TextFormat.PlainText)
        agreement.setWordWrap(True)
        layout.addWidget(agreement)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(780, 660)


def show_progress(window: MainWindow) -> ProgressDialog | None:
    from annotator.team.manage import team_progress

    project = window.project
    if project is None:
        return None
    if project.sync_settings() is None:
        Message.info(window, "Team progress", "This project is not a team project: File → "
                     "Team → Publish… shares it.")
        return None

    def job(p: Project, progress: Progress, cancelled: Cancelled) -> Any:
        return team_progress(p)

    outcome = run_job(window, "Counting the team's progress…", project.path, job, project)
    if outcome.error:
        Message.error(window, "Team progress", outcome.error)
        return None
    dialog = ProgressDialog(outcome.result, window)
    dialog.show()
    return dialog
