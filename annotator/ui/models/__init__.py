"""Thin Qt models over database ids (ARCHITECTURE: "thin Qt models over ids")."""

from annotator.ui.models.document_list_model import DocumentListModel
from annotator.ui.models.label_model import LabelModel
from annotator.ui.models.span_table_model import SpanTableModel

__all__ = ["DocumentListModel", "LabelModel", "SpanTableModel"]
