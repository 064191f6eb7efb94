"""Row <-> core object conversion, kept in one place."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from annotator.core.docfilter import document_day, outlet_text
from annotator.core.model import Annotator, Comment, Document, Entity, Label, Link, Span

DOC_COLS = "id, uuid, title, text, source, meta, sha256"
SPAN_COLS = ('id, uuid, doc_id, annotator_id, label_id, start, "end", text, note, attributes, '
             "entity_id, created, modified")
LABEL_COLS = "id, uuid, layer, name, color, shortcut, description, parent_id, position, retired"
LINK_COLS = "id, uuid, source_id, target_id, target_entity_id, type"


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def facets(meta: Mapping[str, Any]) -> tuple[str, str]:
    """(outlet, ISO day) of a document's metadata as the document list shows and sorts
    them, stored beside ``meta`` (``""`` when absent); a list of outlets is joined."""
    return outlet_text(meta), document_day(meta) or ""


def document(row: tuple[Any, ...]) -> Document:
    return Document(id=row[0], uuid=row[1], title=row[2], text=row[3], source=row[4],
                    meta=json.loads(row[5]), sha256=row[6])


def span(row: tuple[Any, ...]) -> Span:
    return Span(id=row[0], uuid=row[1], doc_id=row[2], annotator_id=row[3], label_id=row[4],
                start=row[5], end=row[6], text=row[7], note=row[8],
                attributes=json.loads(row[9]) if row[9] != "{}" else {}, entity_id=row[10],
                created=row[11], modified=row[12])


def span_values(s: Span) -> tuple[Any, ...]:
    return (s.id, s.uuid, s.doc_id, s.annotator_id, s.label_id, s.start, s.end, s.text, s.note,
            dumps(s.attributes) if s.attributes else "{}", s.entity_id, s.created, s.modified)


def label(row: tuple[Any, ...]) -> Label:
    return Label(id=row[0], uuid=row[1], layer=row[2], name=row[3], color=row[4],
                 shortcut=row[5], description=row[6], parent_id=row[7], position=row[8],
                 retired=bool(row[9]))


def label_values(lab: Label) -> tuple[Any, ...]:
    return (lab.id, lab.uuid, lab.layer, lab.name, lab.color, lab.shortcut, lab.description,
            lab.parent_id, lab.position, int(lab.retired))


def link(row: tuple[Any, ...]) -> Link:
    return Link(id=row[0], uuid=row[1], source_id=row[2], target_id=row[3],
                target_entity_id=row[4], type=row[5])


def annotator(row: tuple[Any, ...]) -> Annotator:
    return Annotator(id=row[0], uuid=row[1], name=row[2], is_gold=bool(row[3]))


def entity(row: tuple[Any, ...]) -> Entity:
    return Entity(id=row[0], uuid=row[1], name=row[2], type=row[3],
                  aliases=tuple(json.loads(row[4])))


def comment(row: tuple[Any, ...]) -> Comment:
    return Comment(id=row[0], span_id=row[1], author=row[2], text=row[3], created=row[4])
