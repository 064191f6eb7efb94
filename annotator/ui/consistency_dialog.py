"""Review → Consistency…: where the current annotator coded the same text in different
ways or left it uncoded elsewhere (``formats.consistency``). Each finding opens to its
places; double-click (or Enter on) a place to go there. Fixing is an ordinary edit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from annotator.core.wording import count
from annotator.formats.consistency import KIND_TEXT, Finding, consistency_report
from annotator.ui.buttons import show_view

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

PLACE_ROLE = Qt.ItemDataRole.UserRole + 1


class _Tree(QTreeWidget):
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.itemActivated.emit(self.currentItem(), 0)
            return
        super().keyPressEvent(event)


class ConsistencyDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Consistency")
        self.resize(900, 560)
        box = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        self.untagged = QCheckBox("Look for &untagged occurrences")
        self.untagged.setChecked(True)
        top.addWidget(self.untagged)
        again = QPushButton("&Check again")
        again.clicked.connect(self.check)
        top.addWidget(again)
        box.addLayout(top)
        self.tree = _Tree()
        self.tree.setHeaderLabels(["Finding", "Text", "Detail"])
        self.tree.setColumnWidth(0, 230)
        self.tree.setColumnWidth(1, 420)
        self.tree.itemActivated.connect(lambda item, _col: self.go(item))
        box.addWidget(self.tree, 1)

    def check(self) -> None:
        ws = self.window_.workspace
        if ws is None:
            return
        from annotator.ui.jobs import run_job

        me, who = ws.me, ws.controller.annotator.name
        untagged = self.untagged.isChecked()
        outcome = run_job(self, "Checking consistency…", ws.project.path,
                          lambda p, _progress, _cancelled: consistency_report(
                              p, me, untagged=untagged), project=ws.project)
        if outcome.cancelled or outcome.error:
            self.summary.setText(outcome.error or "Check cancelled.")
            return
        self.show_findings(who, list(outcome.result))

    def show_findings(self, who: str, findings: list[Finding]) -> None:
        ws = self.window_.workspace
        assert ws is not None
        self.tree.clear()
        titles: dict[int, str] = {}
        for finding in findings:
            item = QTreeWidgetItem([KIND_TEXT[finding.kind], f"{finding.layer} “{finding.text}”",
                                    finding.detail])
            for place in finding.places:
                if place.doc_id not in titles:
                    titles[place.doc_id] = ws.project.document_details(place.doc_id)[0]
                child = QTreeWidgetItem([titles[place.doc_id], place.context, place.note])
                child.setToolTip(1, f"code points {place.start}–{place.end}")
                child.setData(0, PLACE_ROLE, (place.doc_id, place.start, place.end))
                item.addChild(child)
            self.tree.addTopLevelItem(item)
        self.summary.setText(f"{who}: {count(len(findings), 'finding')}" if findings else
                             f"{who}: consistent, no finding.")

    def go(self, item: QTreeWidgetItem) -> None:
        place = item.data(0, PLACE_ROLE)
        first = item.child(0) if item.childCount() else None
        if place is None and first is not None:
            place = first.data(0, PLACE_ROLE)
        ws = self.window_.workspace
        if place is None or ws is None:
            return
        doc_id, start, end = place
        ws.open_document(doc_id)
        ws.view.select_range(start, end)


def open_consistency(window: MainWindow) -> ConsistencyDialog | None:
    dialog = show_view(window, ConsistencyDialog)
    if dialog is not None:
        dialog.check()
    return dialog
