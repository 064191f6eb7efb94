"""The current state of the spans a ``Change`` names, for the views of one document."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.errors import AnnotatorError
from annotator.core.model import Span
from annotator.store import Project

# Above this many ids one query for the document beats a query per id (a corpus-wide
# "accept all agreed" names tens of thousands of spans, few of them in this document).
_BULK = 64


def changed_spans(project: Project, doc_id: int, span_ids: Iterable[int]
                  ) -> dict[int, Span | None]:
    """Each id -> its span if it now lives in ``doc_id``, else ``None`` (deleted or
    elsewhere), in id order."""
    ids = sorted(span_ids)
    if len(ids) > _BULK:
        mine = {s.id: s for s in project.spans_of_document(doc_id)}
        return {i: mine.get(i) for i in ids}
    out: dict[int, Span | None] = {}
    for span_id in ids:
        try:
            span: Span | None = project.get_span(span_id)
        except AnnotatorError:
            span = None
        out[span_id] = span if span is not None and span.doc_id == doc_id else None
    return out
