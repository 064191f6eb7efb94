"""One document's agreement figures for the compare view's header (no widgets here).

Computed by ``core.agreement.document_scores``, i.e. exactly as the report's document
rows: over the labels anyone used anywhere in the corpus, within the compare view's
layer (what ``annotator agreement --annotators A,B [--layer L]`` uses), and with the
report's rule for who coded a document (a span of any layer in it, or marked it done).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from annotator.core.agreement import DocInput, Figure, LabelKey, SpanRecord, document_scores
from annotator.core.model import Label, Span
from annotator.core.review.compare import Pair


def sides(pairs: Iterable[Pair]) -> tuple[list[Span], list[Span]]:
    """A's and B's spans in ``pairs``."""
    spans_a = [p.a for p in pairs if p.a is not None]
    spans_b = [p.b for p in pairs if p.b is not None]
    return spans_a, spans_b


def labels_used(counts: Iterable[tuple[str, str, str, int]], layer: str | None = None
                ) -> set[LabelKey]:
    """Label keys someone used (of ``layer``, if given), from ``Project.span_counts()``
    rows (layer, label, annotator, count): as the report, whoever is compared."""
    return {LabelKey(lay, label) for lay, label, _who, n in counts
            if n and (layer is None or lay == layer)}


def document_figures(*, key: str, title: str, text: str, pairs: Sequence[Pair],
                     names: tuple[str, str], labels: Mapping[int, Label],
                     corpus_labels: set[LabelKey], coded: Iterable[str] = ()
                     ) -> dict[str, Figure]:
    """Figures by measure for the two sides of ``pairs`` on one document. ``coded``:
    which of ``names`` coded it (a span of any layer, or done), whatever ``pairs``
    hold (the compare view may show one layer)."""
    spans_a, spans_b = sides(pairs)
    records: list[SpanRecord] = []
    used: set[LabelKey] = set()
    for name, spans in zip(names, (spans_a, spans_b), strict=True):
        for span in spans:
            label = labels.get(span.label_id)
            if label is None:
                continue
            records.append(SpanRecord(name, label.layer, label.name, span.start, span.end))
            used.add(LabelKey(label.layer, label.name))
    coders = frozenset({r.annotator for r in records} | (set(coded) & set(names)))
    doc = DocInput(key, text, tuple(records), title, coders)
    scope = tuple(sorted(corpus_labels | used))
    return document_scores(doc, names, scope)
