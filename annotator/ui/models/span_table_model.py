"""The spans of the open document (for the shown annotators), ordered by position.

Rows are light tuples (``SpanRow``: id, start, end, label, annotator); the text shown is
the document's ``text[start:end]``, which is what a span's text is by definition. Full
``Span`` objects are read from the project only when one is needed (the editor).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.core.commands import Change
from annotator.core.errors import AnnotatorError
from annotator.core.model import Span
from annotator.store import Project
from annotator.store.repo_window import SpanRow
from annotator.ui.changed_spans import changed_spans
from annotator.ui.models.id_model import ID_ROLE, IdTableModel
from annotator.ui.models.label_model import LabelModel

LAYER, LABEL, TEXT, ANNOTATOR = range(4)
_SHOWN_CHARS = 200  # enough for a table cell; a narrative can be a page long


def _key(row: SpanRow) -> tuple[int, int, int]:
    return (row[1], row[2], row[0])


def span_row(span: Span) -> SpanRow:
    assert span.id is not None
    return (span.id, span.start, span.end, span.label_id, span.annotator_id)


class SpanTableModel(IdTableModel):
    headers = ("Layer", "Label", "Text", "Annotator")

    def __init__(self, project: Project, labels: LabelModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._project = project
        self._labels = labels
        self._by_id: dict[int, SpanRow] = {}
        self._keys: list[tuple[int, int, int]] = []
        self._names: dict[int, str] = {}
        self._entity_of: dict[int, int] = {}  # span id -> entity id, for actor spans with one
        self._entity_names: dict[int, str] = {}
        self._text = ""
        self.doc_id: int | None = None
        self.annotator_ids: tuple[int, ...] = ()

    def load(self, doc_id: int | None, annotator_ids: Sequence[int], text: str = "",
             rows: Sequence[SpanRow] | None = None) -> None:
        """Show ``doc_id``'s spans of ``annotator_ids`` (``rows`` if already fetched)."""
        self.doc_id, self.annotator_ids, self._text = doc_id, tuple(annotator_ids), text
        if rows is None:
            rows = ([] if doc_id is None else
                    self._project.span_rows(doc_id, list(annotator_ids)))
        keys = [(r[1], r[2], r[0]) for r in rows]
        # ``span_rows`` already orders by (start, end, id), the table's order.
        if any(a > b for a, b in pairwise(keys)):
            rows = sorted(rows, key=_key)
            keys = sorted(keys)
        self._by_id = {r[0]: r for r in rows}
        self._keys = keys
        self._names = {a.id: a.name for a in self._project.annotators() if a.id is not None}
        self._entity_of = ({} if doc_id is None else
                           self._project.span_entity_ids(doc_id, list(annotator_ids)))
        self._load_entity_names()
        self._reset([k[2] for k in keys])

    def _load_entity_names(self) -> None:
        self._entity_names = {e.id: e.name for e in self._project.entities() if e.id is not None}

    def entity_name(self, span_id: int) -> str:
        """The registry name of the actor a span stands for ("" if none)."""
        entity_id = self._entity_of.get(span_id)
        return self._entity_names.get(entity_id, "") if entity_id is not None else ""

    def row_of(self, item_id: int) -> int | None:
        """Row of a span by binary search (no 20,000-entry index to rebuild per insert)."""
        row = self._by_id.get(item_id)
        return None if row is None else bisect_left(self._keys, _key(row))

    def row_tuple(self, span_id: int) -> SpanRow | None:
        return self._by_id.get(span_id)

    def span_of(self, span_id: int) -> Span | None:
        """The full span from the project (None if it is not in this table)."""
        if span_id not in self._by_id:
            return None
        try:
            return self._project.get_span(span_id)
        except AnnotatorError:
            return None

    def exists(self, start: int, end: int, label_id: int, annotator_id: int) -> bool:
        """Is there already a span with exactly these bounds, label and annotator?"""
        i = bisect_left(self._keys, (start, end, -1))
        while i < len(self._keys) and self._keys[i][:2] == (start, end):
            row = self._by_id[self._keys[i][2]]
            if (row[3], row[4]) == (label_id, annotator_id):
                return True
            i += 1
        return False

    # -- Qt --------------------------------------------------------------------------------
    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        span_id, start, end, label_id, annotator_id = self._by_id[self._ids[index.row()]]
        label = self._labels.label(label_id)
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == LAYER:
                return label.layer if label else "?"
            if col == LABEL:
                return label.name if label else f"label {label_id}"
            if col == TEXT:
                text = " ".join(self._text[start:min(end, start + _SHOWN_CHARS)].split())
                entity = self.entity_name(span_id)
                return f"{text}  [{entity}]" if entity else text
            return self._names.get(annotator_id, str(annotator_id))
        if role == Qt.ItemDataRole.DecorationRole and col == LABEL and label is not None:
            return QColor(self._labels.display_color(label_id))
        if role == Qt.ItemDataRole.ToolTipRole:
            entity = self.entity_name(span_id)
            return (f"{self._text[start:min(end, start + 1000)]}\ncode points [{start}, {end})"
                    + (f"\nactor: {entity}" if entity else ""))
        if role == ID_ROLE:
            return span_id
        return None

    # -- precise refresh -------------------------------------------------------------------
    def on_changed(self, change: Change, initiator: object = None) -> None:
        if self.doc_id is None:
            return
        if self.doc_id in change.doc_ids:
            for span_id, span in changed_spans(self._project, self.doc_id,
                                               change.span_ids).items():
                self.put_span(span_id, span)
        if change.entities:
            self._load_entity_names()
        if change.labels or change.entities:
            self._refresh_all()

    def refresh_span(self, span_id: int) -> None:
        try:
            span: Span | None = self._project.get_span(span_id)
        except AnnotatorError:
            span = None
        self.put_span(span_id, span)

    def put_span(self, span_id: int, span: Span | None) -> None:
        """Bring the row of ``span_id`` up to ``span`` (``None``: the span is gone)."""
        if span is not None and (span.doc_id != self.doc_id
                                 or span.annotator_id not in self.annotator_ids):
            span = None
        old = self._by_id.get(span_id)
        new = span_row(span) if span is not None else None
        if span is not None and span.entity_id is not None:
            self._entity_of[span_id] = span.entity_id
        else:
            self._entity_of.pop(span_id, None)
        if old is not None and (new is None or _key(new) != _key(old)):
            row = bisect_left(self._keys, _key(old))
            self._remove(row)
            del self._keys[row]
            del self._by_id[span_id]
            old = None
        if new is None:
            return
        if new[4] not in self._names:
            self._names = {a.id: a.name for a in self._project.annotators() if a.id is not None}
        self._by_id[span_id] = new
        if old is not None:
            self._refresh(span_id)
            return
        row = bisect_left(self._keys, _key(new))
        self._keys.insert(row, _key(new))
        self._insert(row, span_id)
