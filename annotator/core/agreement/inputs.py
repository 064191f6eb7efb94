"""The plain inputs every agreement function takes: documents with their spans.

``formats.agreement_data`` builds these from a project; tests and the compare view can
build them by hand. Offsets are code points of ``DocInput.text`` (PRODUCT §3).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

# (stage, done, total): a stage starts with done == 0; the CLI draws it, the UI a dialog.
Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    """The default ``Progress``: report nothing."""


@dataclass(frozen=True, slots=True, order=True)
class LabelKey:
    """A label is named by its layer and its name (names may repeat across layers)."""

    layer: str
    name: str

    def __str__(self) -> str:
        return f"{self.layer}:{self.name}"


class SpanRecord(NamedTuple):
    """One annotator's span: half-open ``[start, end)`` in code points. (A named tuple:
    a corpus holds hundreds of thousands, and these are cheap to make.)"""

    annotator: str
    layer: str
    label: str
    start: int
    end: int

    @property
    def key(self) -> LabelKey:
        return LabelKey(self.layer, self.label)


@dataclass(frozen=True, slots=True)
class DocInput:
    """A document as agreement sees it.

    ``coders`` are the annotators who coded the document; ``None`` means every
    annotator being compared did. An annotator who did not code a document gives
    missing values there (alpha skips them; kappa, F1 and uα leave the document out
    of any comparison that involves that annotator).
    """

    key: str
    text: str
    spans: tuple[SpanRecord, ...] = ()
    title: str = ""
    coders: frozenset[str] | None = None

    def coded_by(self, annotator: str) -> bool:
        return self.coders is None or annotator in self.coders

    def coded_by_all(self, annotators: Iterable[str]) -> bool:
        return all(self.coded_by(a) for a in annotators)


@dataclass(frozen=True, slots=True)
class AgreementInput:
    """Documents plus the annotators to compare (in display order) and the labels in
    scope (``None``: every label some compared annotator used). ``parents`` maps a
    sub-label to its parent label (two-level taxonomies); each parent with a sub-label
    in scope also gets figures with its sub-labels pooled into it."""

    docs: Sequence[DocInput]
    annotators: tuple[str, ...]
    labels: tuple[LabelKey, ...] | None = None
    notes: tuple[str, ...] = field(default=())
    parents: Mapping[LabelKey, LabelKey] = field(default_factory=dict)
