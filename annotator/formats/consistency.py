"""The consistency report of one annotator over a project (``core.consistency``'s
checks, plus untagged occurrences found with the corpus search).

Usage::

    findings = consistency_report(project, annotator_id)
    for f in findings: print(f.kind, f.text, f.detail, len(f.places))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from annotator.core.consistency import (
    Coded,
    Group,
    describe,
    entity_conflicts,
    groups,
    label_conflicts,
)
from annotator.core.search import hits_in
from annotator.core.wording import count
from annotator.formats.corpus_search import SearchRequest, candidates
from annotator.store import Project

LABELS, UNTAGGED, ENTITIES = "labels", "untagged", "entities"
KIND_TEXT = {LABELS: "same text, different labels", UNTAGGED: "untagged elsewhere",
             ENTITIES: "same text, different actors"}


@dataclass(frozen=True)
class Place:
    doc_id: int
    start: int
    end: int
    note: str  # the label (and actor) of a span here, or "untagged"
    context: str = ""  # "…left [match] right…" on one line


@dataclass(frozen=True)
class Finding:
    kind: str  # LABELS, UNTAGGED or ENTITIES
    text: str
    layer: str
    detail: str
    places: tuple[Place, ...]


def consistency_report(project: Project, annotator_id: int, *,
                       untagged: bool = True) -> list[Finding]:
    spans = [Coded(*row) for row in project.coded_spans(annotator_id)]
    findings = [_finding(LABELS, g, describe(g.counts("label"))) for g in label_conflicts(spans)]
    if untagged:
        findings += _untagged(project, spans)
    findings += [_finding(ENTITIES, g, describe(g.counts("entity")))
                 for g in entity_conflicts(spans)]
    return _with_context(project, findings)


def _with_context(project: Project, findings: list[Finding]) -> list[Finding]:
    texts = dict(project.texts_of(sorted({p.doc_id for f in findings for p in f.places})))
    return [replace(f, places=tuple(replace(p, context=snippet(texts[p.doc_id], p.start, p.end))
                                    for p in f.places)) for f in findings]


def snippet(text: str, start: int, end: int, width: int = 30) -> str:
    """The place with ``width`` code points of context either side, on one line."""
    left = text[max(0, start - width):start].rsplit("\n", 1)[-1]
    right = text[end:end + width].split("\n", 1)[0]
    return f"…{left}[{text[start:end]}]{right}…"


def _finding(kind: str, group: Group, detail: str) -> Finding:
    return Finding(kind, group.text, group.layer, detail, tuple(
        Place(s.doc_id, s.start, s.end, s.label + (f" → {s.entity}" if s.entity else ""))
        for s in group.spans))


def _untagged(project: Project, spans: Sequence[Coded]) -> list[Finding]:
    """Occurrences (whole words) of a tagged text with no span of its layer covering."""
    by_doc_layer: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for s in spans:
        by_doc_layer.setdefault((s.doc_id, s.layer), []).append((s.start, s.end))
    out = []
    for group in groups(spans):
        request = SearchRequest(group.text, words=True)
        pattern = request.pattern()
        if pattern is None:
            continue
        places = []
        for doc_id, text in project.texts_of(candidates(project, request)):
            covered = by_doc_layer.get((doc_id, group.layer), [])
            for hit in hits_in(doc_id, text, pattern, context=0):
                if not any(s <= hit.start and e >= hit.end for s, e in covered):
                    places.append(Place(doc_id, hit.start, hit.end, "untagged"))
        if places:
            labels = describe(group.counts("label"))
            out.append(Finding(UNTAGGED, group.text, group.layer,
                               f"tagged {count(len(group.spans), 'time')} ({labels}); "
                               f"{count(len(places), 'occurrence')} untagged", tuple(places)))
    return sorted(out, key=lambda f: -len(f.places))
