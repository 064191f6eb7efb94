"""Tag from search results (issue 11, item 2): one span per hit, snapped like any span
(PRODUCT §3), all in one undo step.

A hit already covered by a span of the same label and annotator is skipped and counted,
and so is a hit that snaps to nothing or to a span made by another hit; a document still
"to do" moves to "in progress" in the same step, as a first span does.

Usage::

    plan = plan_tag_all(hits, label, annotator_id, texts, spans, statuses)
    if plan.command is not None:
        controller.push(plan.command)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from annotator.core.commands import AddSpan, Batch, Command, SetStatus
from annotator.core.model import Label, Span, Status
from annotator.core.search import Hit
from annotator.core.spans import snap_in_text
from annotator.core.wording import count

# The (start, end, label id, annotator id) of a document's stored spans.
SpanKey = tuple[int, int, int, int]


@dataclass(frozen=True)
class TagAllPlan:
    command: Command | None  # None when every hit was skipped
    added: int
    covered: int  # already covered by a span of this label and annotator
    empty: int  # snapped to nothing (only spaces or punctuation)

    def summary(self, label: str) -> str:
        parts = [f"tagged {count(self.added, 'hit')} “{label}”"]
        if self.covered:
            parts.append(f"{count(self.covered, 'hit')} already covered, skipped")
        if self.empty:
            parts.append(f"{count(self.empty, 'hit')} with no word, skipped")
        return "; ".join(parts)


def plan_tag_all(hits: Sequence[Hit], label: Label, annotator_id: int,
                 texts: Mapping[int, str], spans: Mapping[int, Sequence[SpanKey]],
                 statuses: Mapping[int, Status], *, entity_id: int | None = None
                 ) -> TagAllPlan:
    """The command tagging ``hits`` with ``label`` for ``annotator_id``.

    ``texts``, ``spans`` and ``statuses`` hold each hit's document's text, stored spans
    and the annotator's status."""
    assert label.id is not None
    adds: list[Command] = []
    covered = empty = 0
    made: dict[int, list[tuple[int, int]]] = {}
    for hit in hits:
        text = texts[hit.doc_id]
        bounds = snap_in_text(text, hit.start, hit.end)
        if bounds is None:
            empty += 1
            continue
        start, end = bounds
        mine = [(s, e) for s, e, lab, who in spans.get(hit.doc_id, ())
                if lab == label.id and who == annotator_id]
        if any(s <= start and e >= end for s, e in mine + made.get(hit.doc_id, [])):
            covered += 1
            continue
        made.setdefault(hit.doc_id, []).append((start, end))
        adds.append(AddSpan(Span(doc_id=hit.doc_id, annotator_id=annotator_id,
                                 label_id=label.id, start=start, end=end,
                                 text=text[start:end], entity_id=entity_id)))
    moves: list[Command] = [SetStatus(doc_id, annotator_id, Status.IN_PROGRESS)
                            for doc_id in made if statuses.get(doc_id) == Status.TODO]
    command = (Batch([*adds, *moves], f"Tag {count(len(adds), 'hit')} “{label.name}”")
               if adds else None)
    return TagAllPlan(command, len(adds), covered, empty)
