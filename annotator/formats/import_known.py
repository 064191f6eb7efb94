"""Spans and links of an id-less format that the project already holds.

brat carries no span ids and neither Label Studio nor brat carries link ids, so their
importers derive ids from the content (``jsonl_import.derived_uuid``): importing the
same file twice changes nothing. Importing a brat or Label Studio export back into the
project it came from must not double it either: a span with the same document,
annotator, layer, label and offsets as one already there *is* that span (it takes its
id), and a link with the same ends and type as one already there is that link. Equal
spans (a project may hold the same span twice) take the equal spans' ids in turn.
"""

from __future__ import annotations

from dataclasses import replace

from annotator.core.model import text_sha256
from annotator.formats.jsonl_records import InDoc
from annotator.formats.summary import ImportSummary
from annotator.store import Project


def adopt_known(project: Project, doc: InDoc, default_annotator: str,
                default_layer: str, summary: ImportSummary | None = None) -> InDoc:
    """``doc`` with its id-less spans given the ids of equal spans in the project and
    the links the project already has left out; a span said again in ``doc`` of one
    already there is left out and counted in ``summary`` as already there."""
    found = project.find_document(uuid=doc.uuid) if doc.uuid else None
    if found is None:
        found = project.find_document(sha256=text_sha256(doc.text))
    if found is None or found.id is None or not doc.spans:
        return doc
    labels = {lab.id: (lab.layer, lab.name) for lab in project.labels()}
    people = {a.id: a.name for a in project.annotators()}
    existing = project.spans_of_document(found.id)
    known: dict[tuple[str, str, str, int, int], list[str]] = {}
    layers: dict[tuple[str, str, int, int], set[str]] = {}
    for span in existing:
        layer, name = labels[span.label_id]
        who = people[span.annotator_id]
        known.setdefault((who, layer, name, span.start, span.end), []).append(span.uuid)
        layers.setdefault((who, name, span.start, span.end), set()).add(layer)
    spans = []
    first_ref: dict[str, str] = {}  # uuid -> the ref of the span that took it
    alias: dict[str, str] = {}  # ref of a span said twice -> ref of its first saying
    for s in doc.spans:
        who = (s.annotator or doc.annotator or default_annotator).strip()
        there = layers.get((who, s.label, s.start, s.end), set())
        # With no layer given, the one the importer would pick if the span is there.
        span_layer = s.layer or (next(iter(there)) if len(there) == 1 else default_layer)
        equal = known.get((who, span_layer, s.label, s.start, s.end), [])
        uuid = equal[s.occurrence] if s.uuid is None and s.occurrence < len(equal) else None
        if uuid is None:
            spans.append(s)
        elif uuid in first_ref:  # the same annotation said twice: it is there once
            if s.ref:
                alias[s.ref] = first_ref[uuid]
            if summary is not None:
                summary.spans_skipped += 1
        else:
            first_ref[uuid] = s.ref or uuid
            spans.append(replace(s, uuid=uuid, known=True))
    links = [replace(k, source=alias.get(k.source, k.source),
                     target=alias.get(k.target, k.target) if k.target else None)
             for k in doc.links]
    doc = replace(doc, spans=spans, links=links)
    return _without_known_links(project, doc, found.id)


def _without_known_links(project: Project, doc: InDoc, doc_id: int) -> InDoc:
    if not doc.links:
        return doc
    uuid_of = {s.ref or s.uuid: s.uuid for s in doc.spans if s.uuid}
    ids = {s.uuid: s.id for s in project.spans_of_document(doc_id) if s.id is not None}
    linked = {(k.source_id, k.type, k.target_id, k.target_entity_id)
              for k in project.links_of_document(doc_id)}
    links = []
    for link in doc.links:
        source = ids.get(uuid_of.get(link.source, link.source) or "")
        target = ids.get(uuid_of.get(link.target, link.target) or "") if link.target else None
        entity = project.find_entity(name=link.entity.name) if link.entity else None
        if (source, link.type, target, entity.id if entity else None) not in linked:
            links.append(link)
    return replace(doc, links=links)
