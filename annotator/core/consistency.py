"""The consistency check (issue 11, item 4): where one annotator coded the same text in
different ways, or left it uncoded.

Texts are compared folded (``core.search.fold``: case, ZWNJ, diacritics, letter
variants), so "Kremlin", "kremlin" and "КРЕМЛЬ"/"Кремль" pair up as a reader would.

- ``label_conflicts``: the same text tagged with different labels (of one layer) by the
  annotator, with how often each label was used and where;
- ``entity_conflicts``: actor spans of the same text linked to different registry actors
  (or some linked and some not);
- untagged occurrences (found by ``formats.consistency`` with the corpus search): the
  text tagged somewhere, found elsewhere with no span of that layer covering it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from annotator.core.search import fold


@dataclass(frozen=True)
class Coded:
    """One span of the annotator, as the check reads it."""

    span_id: int
    doc_id: int
    start: int
    end: int
    text: str
    label: str
    layer: str
    entity: str = ""


@dataclass
class Group:
    """The spans of one layer whose texts fold alike."""

    text: str  # as first written
    layer: str
    spans: list[Coded] = field(default_factory=list)

    def counts(self, of: str) -> Counter[str]:
        return Counter(getattr(s, of) for s in self.spans)


def groups(spans: Iterable[Coded]) -> list[Group]:
    """Spans grouped by (layer, folded text), in the order their first span comes."""
    found: dict[tuple[str, str], Group] = {}
    for span in spans:
        key = (span.layer, fold(span.text))
        if key[1]:
            found.setdefault(key, Group(span.text, span.layer)).spans.append(span)
    return list(found.values())


def label_conflicts(spans: Iterable[Coded]) -> list[Group]:
    """Groups whose spans carry more than one label, most spans first."""
    out = [g for g in groups(spans) if len(g.counts("label")) > 1]
    return sorted(out, key=lambda g: -len(g.spans))


def entity_conflicts(spans: Iterable[Coded]) -> list[Group]:
    """Actor groups whose spans name more than one registry actor (or none for some)."""
    out = [g for g in groups(s for s in spans if s.layer == "actor")
           if len(g.counts("entity")) > 1]
    return sorted(out, key=lambda g: -len(g.spans))


def describe(counts: Counter[str]) -> str:
    """``Media ×3, State/Government ×1`` (an empty entity reads "no actor")."""
    return ", ".join(f"{name or 'no actor'} ×{n}" for name, n in counts.most_common())
