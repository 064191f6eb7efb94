"""A reviewer's decision on one disagreement, and how decisions are keyed.

A decision names its source spans by uuid *and* by what they said (start, end, label):
if a colleague's span changes after the review (edited, or re-merged from a newer file),
the key no longer matches and the disagreement shows as open again instead of staying
silently "resolved" by a verdict on something else.

Provenance lives here (``gold_span_uuid`` ← ``source_key``), not in the gold span's
``attributes``: attributes are the coder's data, editable in the span editor, compared
by agreement on attributes and exported to every format, so gold spans stay ordinary
spans byte for byte like any annotator's; and ``Reject`` needs the same record anyway.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from annotator.core.model import Span, new_uuid, now_iso


class Verdict(StrEnum):
    ACCEPT = "accept"  # a source span copied into gold as it was
    EDIT = "edit"  # gold received a span with other boundaries or label
    REJECT = "reject"  # reviewed; nothing goes to gold


@dataclass(frozen=True, slots=True)
class ReviewDecision:
    doc_id: int
    verdict: Verdict
    source_key: str
    gold_span_uuid: str | None = None  # None exactly when the verdict is REJECT
    reviewer: str = ""
    uuid: str = field(default_factory=new_uuid)
    created: str = field(default_factory=now_iso)
    id: int | None = None

    def __post_init__(self) -> None:
        if (self.verdict == Verdict.REJECT) != (self.gold_span_uuid is None):
            raise ValueError("a reject has no gold span; an accept or edit has one")

    @property
    def source_uuids(self) -> tuple[str, ...]:
        return source_uuids(self.source_key)


def source_key(spans: Iterable[Span]) -> str:
    """Canonical key of a set of source spans (order-free, so A/B swapped is the same)."""
    entries = sorted([s.uuid, s.start, s.end, s.label_id] for s in spans)
    return json.dumps(entries, ensure_ascii=False, separators=(",", ":"))


def source_uuids(key: str) -> tuple[str, ...]:
    return tuple(str(entry[0]) for entry in json.loads(key))
