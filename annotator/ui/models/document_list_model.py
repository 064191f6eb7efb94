"""The document list: title, outlet, date, status and span count for the current
annotator, in the project's order or sorted by a column (sorted here, so that "next
document" follows what the list shows)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from annotator.core.commands import Change
from annotator.core.docfilter import BoxQuery
from annotator.core.model import Status
from annotator.core.team import GREY, HIDE, UNASSIGNED
from annotator.store import DocumentRow, Project
from annotator.ui.models.id_model import ID_ROLE, IdTableModel

STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

STATUS_TEXT = {Status.TODO: "to do", Status.IN_PROGRESS: "in progress", Status.DONE: "done"}
STATUS_MARK = {Status.TODO: "○", Status.IN_PROGRESS: "◐", Status.DONE: "●"}
STATUS_COLOR = {Status.TODO: "#9e9e9e", Status.IN_PROGRESS: "#ef6c00", Status.DONE: "#2e7d32"}

TITLE, OUTLET, DATE, STATUS, SPANS = range(5)
_STATUS_ORDER = {Status.TODO: 0, Status.IN_PROGRESS: 1, Status.DONE: 2}


class DocumentListModel(IdTableModel):
    headers = ("Title", "Outlet", "Date", "Status", "Spans")
    facets_changed = Signal()  # has_values() changed

    def __init__(self, project: Project, annotator_id: int, parent: Any = None) -> None:
        super().__init__(parent)
        self._project = project
        self._annotator_id = annotator_id
        self._cache: dict[int, DocumentRow] = {}
        self._assigned: set[int] = set()
        self._hide_others = False
        self._base: list[int] = []  # the project's order (assigned documents first)
        self._sort_by: tuple[int, bool] = (-1, False)  # (column, descending); -1: none
        self._facets: set[int] = set()  # OUTLET, DATE: the columns some document fills
        self._load()

    def _load(self) -> None:
        rows = self._ordered(self._project.document_rows(self._annotator_id))
        self._cache = {r.id: r for r in rows}
        self._base = [r.id for r in rows]
        self._reset(self._sorted(self._base))
        self._count_facets()

    # -- sorting ---------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (-1: the project's order); documents without an outlet or
        a date come last either way. Rows keep their place when counts change later."""
        self._sort_by = (column, order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        held = [(self._ids[i.row()], i.column()) for i in before]
        self._ids = self._sorted(self._base)
        self._rows = None
        self.changePersistentIndexList(
            before, [self.index_of(doc_id, column) for doc_id, column in held])
        self.layoutChanged.emit()

    def _sorted(self, ids: list[int]) -> list[int]:
        column, descending = self._sort_by
        if column < 0:
            return list(ids)
        key = self._sort_key(column)
        if column in (OUTLET, DATE):
            present = sorted((i for i in ids if key(i)), key=key, reverse=descending)
            return present + [i for i in ids if not key(i)]
        return sorted(ids, key=key, reverse=descending)

    def _sort_key(self, column: int) -> Callable[[int], Any]:
        cache = self._cache
        if column == OUTLET:
            return lambda i: cache[i].outlet.casefold()
        if column == DATE:
            return lambda i: cache[i].day
        if column == STATUS:
            return lambda i: _STATUS_ORDER[cache[i].status]
        if column == SPANS:
            return lambda i: cache[i].span_count
        return lambda i: cache[i].title.casefold()

    def has_values(self, column: int) -> bool:
        """Whether any document has an outlet (``OUTLET``) or a date (``DATE``)."""
        return column in self._facets

    def _count_facets(self) -> None:
        """Done on loads and details edits only, never on the key-press path."""
        found = set()
        if any(r.outlet for r in self._cache.values()):
            found.add(OUTLET)
        if any(r.day for r in self._cache.values()):
            found.add(DATE)
        if found != self._facets:
            self._facets = found
            self.facets_changed.emit()

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
        self._base = [r.id for r in rows]
        self._sync(self._sorted(self._base))
        self._refresh_all()
        self._count_facets()

    def reload(self) -> None:
        """Catch up after an import or merge: new rows inserted, all rows refreshed."""
        self.set_annotator(self._annotator_id)

    def matching_ids(self, query: BoxQuery) -> set[int]:
        """Documents meeting the filter box's conditions whose title or text contains its
        free words in any case."""
        ids = (self._project.document_ids_matching(query.text) if query.text
               else set(self._cache))
        if query.on_metadata:
            metas = ({doc_id: meta for doc_id, _, meta in
                      self._project.document_metas_from(0)} if query.needs_meta else {})
            ids = {i for i in ids if i in self._cache and query.matches(
                self._cache[i].outlet, self._cache[i].day, metas.get(i))}
        return ids

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
            if col == OUTLET:
                return doc.outlet
            if col == DATE:
                return doc.day
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
            source = " · ".join(v for v in (doc.outlet, doc.day) if v)
            return (f"{doc.title}\n{source + chr(10) if source else ''}"
                    f"{STATUS_TEXT[doc.status]} · {doc.span_count} spans · "
                    f"{doc.length:,} characters{mine}")
        return None

    # -- precise refresh -------------------------------------------------------------------
    def on_changed(self, change: Change, initiator: object = None) -> None:
        for doc_id in sorted(change.doc_ids):
            self.refresh_document(doc_id, details=change.details)

    def refresh_document(self, doc_id: int, *, details: bool = False) -> None:
        """Re-read one row; ``details`` when its title or metadata may have changed."""
        present = self.row_of(doc_id)
        cached = self._cache.get(doc_id)
        if present is not None and cached is not None and not details:
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
                self._base = [i for i in self._base if i != doc_id]
            return
        if present is None and self._hide_others and doc_id not in self._assigned:
            return
        self._cache[doc_id] = row
        if present is None:
            self._base.append(doc_id)
            self._insert(len(self._ids), doc_id)  # new documents go to the end of the list
        else:
            self._refresh(doc_id)
        if details or present is None:
            self._count_facets()

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
