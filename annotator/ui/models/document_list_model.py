"""The document list: title, status and span count for the current annotator."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.core.commands import Change
from annotator.core.model import Status
from annotator.core.team import GREY, HIDE, UNASSIGNED
from annotator.store import DocumentRow, Project
from annotator.ui.models.id_model import ID_ROLE, IdTableModel

STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

STATUS_TEXT = {Status.TODO: "to do", Status.IN_PROGRESS: "in progress", Status.DONE: "done"}
STATUS_MARK = {Status.TODO: "○", Status.IN_PROGRESS: "◐", Status.DONE: "●"}
STATUS_COLOR = {Status.TODO: "#9e9e9e", Status.IN_PROGRESS: "#ef6c00", Status.DONE: "#2e7d32"}

TITLE, STATUS, SPANS = range(3)


class DocumentListModel(IdTableModel):
    headers = ("Title", "Status", "Spans")

    def __init__(self, project: Project, annotator_id: int, parent: Any = None) -> None:
        super().__init__(parent)
        self._project = project
        self._annotator_id = annotator_id
        self._cache: dict[int, DocumentRow] = {}
        self._assigned: set[int] = set()
        self._hide_others = False
        self._load()

    def _load(self) -> None:
        rows = self._ordered(self._project.document_rows(self._annotator_id))
        self._cache = {r.id: r for r in rows}
        self._reset([r.id for r in rows])

    def _ordered(self, rows: list[DocumentRow]) -> list[DocumentRow]:
        """In a team project whose lead assigned documents: the annotator's own first
        (the others follow, greyed)."""
        name = next((a.name for a in self._project.annotators()
                     if a.id == self._annotator_id), "")
        self._assigned = set(self._project.assigned_documents(name)) if name else set()
        if not self._assigned:
            return rows
        mine = [r for r in rows if r.id in self._assigned]
        self._hide_others = self._project.info(UNASSIGNED, GREY) == HIDE
        if self._hide_others:
            return mine  # the lead chose: a coder sees only their documents
        return mine + [r for r in rows if r.id not in self._assigned]

    def row_data(self, doc_id: int) -> DocumentRow:
        return self._cache[doc_id]

    def set_annotator(self, annotator_id: int) -> None:
        """Statuses and counts are per annotator; the rows stay the same."""
        self._annotator_id = annotator_id
        rows = self._ordered(self._project.document_rows(annotator_id))
        self._cache = {r.id: r for r in rows}
        self._sync([r.id for r in rows])
        self._refresh_all()

    def reload(self) -> None:
        """Catch up after an import or merge: new rows inserted, all rows refreshed."""
        self.set_annotator(self._annotator_id)

    def matching_ids(self, needle: str) -> set[int]:
        """Documents whose title or text contains ``needle`` in any case."""
        return self._project.document_ids_matching(needle)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        doc = self._cache[self._ids[index.row()]]
        col = index.column()
        if role == ID_ROLE:
            return doc.id
        if role == STATUS_ROLE:
            return doc.status.value
        if role == Qt.ItemDataRole.DisplayRole:
            if col == TITLE:
                return doc.title
            if col == STATUS:
                return f"{STATUS_MARK[doc.status]} {STATUS_TEXT[doc.status]}"
            return doc.span_count
        if role == Qt.ItemDataRole.ForegroundRole and col == STATUS:
            return QColor(STATUS_COLOR[doc.status])
        if (role == Qt.ItemDataRole.ForegroundRole and self._assigned
                and doc.id not in self._assigned):
            return QColor(STATUS_COLOR[Status.TODO])  # the grey of "to do"
        if role == Qt.ItemDataRole.TextAlignmentRole and col == SPANS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            mine = ("" if not self._assigned else "\nassigned to you" if doc.id in
                    self._assigned else "\nnot assigned to you")
            return (f"{doc.title}\n{STATUS_TEXT[doc.status]} · {doc.span_count} spans · "
                    f"{doc.length:,} characters{mine}")
        return None

    # -- precise refresh -------------------------------------------------------------------
    def on_changed(self, change: Change, initiator: object = None) -> None:
        for doc_id in sorted(change.doc_ids):
            self.refresh_document(doc_id)

    def refresh_document(self, doc_id: int) -> None:
        present = self.row_of(doc_id)
        cached = self._cache.get(doc_id)
        if present is not None and cached is not None:
            # Title and length never change with an edit; only count and status do.
            progress = self._project.document_progress(doc_id, self._annotator_id)
            row = None if progress is None else replace(cached, span_count=progress[0],
                                                        status=progress[1])
        else:
            row = self._project.document_row(doc_id, self._annotator_id)
        if row is None:
            if present is not None:
                self._remove(present)
                self._cache.pop(doc_id, None)
            return
        if present is None and self._hide_others and doc_id not in self._assigned:
            return
        self._cache[doc_id] = row
        if present is None:
            self._insert(len(self._ids), doc_id)  # new documents go to the end of the list
        else:
            self._refresh(doc_id)

    def next_id(self, doc_id: int | None, step: int = 1, *, unfinished: bool = False
                ) -> int | None:
        """The document ``step`` rows after ``doc_id`` (wrapping for ``unfinished``)."""
        if not self._ids:
            return None
        start = self.row_of(doc_id) if doc_id is not None else None
        if not unfinished:
            if start is None:
                return self._ids[0]
            row = start + step
            return self._ids[row] if 0 <= row < len(self._ids) else None
        n = len(self._ids)
        first = 0 if start is None else start + 1
        for k in range(n):
            candidate = self._ids[(first + k) % n]
            if self._cache[candidate].status != Status.DONE and candidate != doc_id:
                return candidate
        return None
