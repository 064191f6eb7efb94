"""The inputs of a report, checked once and laid out as arrays for the measures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np

from annotator.core.agreement.inputs import AgreementInput, DocInput, LabelKey
from annotator.core.agreement.units import BoolArray, IntArray
from annotator.core.errors import SpanError
from annotator.core.model import LAYERS


@dataclass(frozen=True)
class Corpus:
    """Documents, annotators and labels in scope, and every span in scope.

    A span is in scope when its annotator is compared, its label is in scope and its
    annotator coded its document; ``span_*`` are parallel arrays of those spans
    (document, annotator and label numbers, start, end).
    """

    docs: Sequence[DocInput]
    annotators: tuple[str, ...]
    labels: tuple[LabelKey, ...]
    layers: tuple[str, ...]
    coded: BoolArray
    lengths: IntArray
    span_doc: IntArray
    span_coder: IntArray
    span_label: IntArray
    span_start: IntArray
    span_end: IntArray

    @property
    def m(self) -> int:
        return len(self.annotators)

    def label_numbers(self, layer: str | None = None) -> list[int]:
        return [k for k, key in enumerate(self.labels) if layer is None or key.layer == layer]

    def pair(self, i: int, j: int) -> Corpus:
        """The same corpus seen by annotators ``i`` and ``j`` alone (now numbered 0, 1):
        what a report comparing just those two would be built from."""
        keep = (self.span_coder == i) | (self.span_coder == j)
        coder = np.where(self.span_coder[keep] == i, 0, 1)
        return Corpus(self.docs, (self.annotators[i], self.annotators[j]), self.labels,
                      self.layers, self.coded[:, [i, j]], self.lengths, self.span_doc[keep],
                      coder, self.span_label[keep], self.span_start[keep],
                      self.span_end[keep])

    @classmethod
    def build(cls, data: AgreementInput) -> Corpus:
        annotators = tuple(dict.fromkeys(data.annotators))
        who = {name: i for i, name in enumerate(annotators)}
        labels = data.labels if data.labels is not None else _used_labels(data.docs, who)
        labels = tuple(dict.fromkeys(labels))
        label_no = {(key.layer, key.name): k for k, key in enumerate(labels)}
        coded = np.array([[doc.coded_by(a) for a in annotators] for doc in data.docs],
                         dtype=bool).reshape(len(data.docs), len(annotators))
        lengths = np.array([len(doc.text) for doc in data.docs], dtype=np.int64)
        who_get, label_get = who.get, label_no.get
        flat = np.fromiter(chain.from_iterable(
            (d, who_get(s.annotator, -1), label_get((s.layer, s.label), -1), s.start, s.end)
            for d, doc in enumerate(data.docs) for s in doc.spans), dtype=np.int64)
        doc, coder, label, start, end = flat.reshape(-1, 5).T
        keep = (coder >= 0) & (label >= 0)
        keep[keep] = coded[doc[keep], coder[keep]]
        doc, coder, label, start, end = (x[keep] for x in (doc, coder, label, start, end))
        bad = np.flatnonzero((start < 0) | (start >= end) | (end > lengths[doc]))
        if bad.size:
            q = int(bad[0])
            raise SpanError(f"document {data.docs[int(doc[q])].key}: span [{start[q]}, "
                            f"{end[q]}) of {annotators[int(coder[q])]} is outside its text "
                            f"(length {lengths[doc[q]]}) or empty")
        return cls(data.docs, annotators, labels, _layers(labels), coded, lengths,
                   doc, coder, label, start, end)


def _used_labels(docs: Sequence[DocInput], who: dict[str, int]) -> tuple[LabelKey, ...]:
    used = {(s.layer, s.label) for doc in docs for s in doc.spans if s.annotator in who}
    keys = (LabelKey(layer, name) for layer, name in used)
    return tuple(sorted(keys, key=lambda k: (_layer_rank(k.layer), k.layer, k.name)))


def _layer_rank(layer: str) -> int:
    names = [str(x) for x in LAYERS]
    return names.index(layer) if layer in names else len(names)


def _layers(labels: tuple[LabelKey, ...]) -> tuple[str, ...]:
    return tuple(sorted({k.layer for k in labels}, key=lambda x: (_layer_rank(x), x)))
