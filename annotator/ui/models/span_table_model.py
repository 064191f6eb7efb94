"""The spans of the open document (for the shown annotators), ordered by position."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.core.commands import Change
from annotator.core.errors import AnnotatorError
from annotator.core.model import Span
from annotator.store import Project
from annotator.ui.models.id_model import ID_ROLE, IdTableModel
from annotator.ui.models.label_model import LabelModel

SPAN_ROLE = Qt.ItemDataRole.UserRole + 5

LAYER, LABEL, TEXT, ANNOTATOR = range(4)
_LAYER_NAMES = {"actor": "actor", "stance": "stance", "narrative": "narrative"}


def _key(span: Span) -> tuple[int, int, int]:
    return (span.start, span.end, span.id or 0)


class SpanTableModel(IdTableModel):
    headers = ("Layer", "Label", "Text", "Annotator")

    def __init__(self, project: Project, labels: LabelModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._project = project
        self._labels = labels
        self._spans: dict[int, Span] = {}
        self._keys: list[tuple[int, int, int]] = []
        self._names: dict[int, str] = {}
        self.doc_id: int | None = None
        self.annotator_ids: tuple[int, ...] = ()

    def load(self, doc_id: int | None, annotator_ids: Sequence[int],
             spans: Sequence[Span] | None = None) -> None:
        """Show ``doc_id``'s spans of ``annotator_ids`` (``spans`` if already fetched)."""
        self.doc_id, self.annotator_ids = doc_id, tuple(annotator_ids)
        if spans is None:
            spans = ([] if doc_id is None else
                     self._project.spans_of_document(doc_id, list(annotator_ids)))
        ordered = sorted(spans, key=_key)
        self._spans = {s.id: s for s in ordered if s.id is not None}
        self._keys = [_key(s) for s in ordered]
        self._names = {a.id: a.name for a in self._project.annotators() if a.id is not None}
        self._reset([s.id for s in ordered if s.id is not None])

    def span_of(self, span_id: int) -> Span | None:
        return self._spans.get(span_id)

    def spans(self) -> list[Span]:
        return [self._spans[i] for i in self._ids]

    # -- Qt --------------------------------------------------------------------------------
    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        span = self._spans[self._ids[index.row()]]
        label = self._labels.label(span.label_id)
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == LAYER:
                return label.layer if label else "?"
            if col == LABEL:
                return label.name if label else f"label {span.label_id}"
            if col == TEXT:
                return " ".join(span.text.split())
            return self._names.get(span.annotator_id, str(span.annotator_id))
        if role == Qt.ItemDataRole.DecorationRole and col == LABEL and label is not None:
            return QColor(label.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            extra = f"\nNote: {span.note}" if span.note else ""
            return f"{span.text}\n[{span.start}, {span.end}){extra}"
        if role == ID_ROLE:
            return span.id
        if role == SPAN_ROLE:
            return span
        return None

    # -- precise refresh -------------------------------------------------------------------
    def on_changed(self, change: Change, initiator: object = None) -> None:
        if self.doc_id is None:
            return
        if self.doc_id in change.doc_ids:
            for span_id in sorted(change.span_ids):
                self.refresh_span(span_id)
        if change.labels:
            self._refresh_all()

    def refresh_span(self, span_id: int) -> None:
        try:
            span: Span | None = self._project.get_span(span_id)
        except AnnotatorError:
            span = None
        if span is not None and (span.doc_id != self.doc_id
                                 or span.annotator_id not in self.annotator_ids):
            span = None
        old = self._spans.get(span_id)
        if old is not None and (span is None or _key(span) != _key(old)):
            row = bisect_left(self._keys, _key(old))
            self._remove(row)
            del self._keys[row]
            del self._spans[span_id]
            old = None
        if span is None:
            return
        if span.annotator_id not in self._names:
            self._names = {a.id: a.name for a in self._project.annotators() if a.id is not None}
        self._spans[span_id] = span
        if old is not None:
            self._refresh(span_id)
            return
        row = bisect_left(self._keys, _key(span))
        self._keys.insert(row, _key(span))
        self._insert(row, span_id)
