"""Reading JSONL records (native, doccano, Prodigy/spaCy) into one neutral shape.

Every reader of another tool's JSONL ends here, so the importer deals with one shape:
an ``InDoc`` with ``InSpan``/``InLink`` lists. Offsets are left as the file counts them:
code points for Prodigy/spaCy (Python tools) and native files, UTF-16 code units or
grapheme clusters for a file from doccano's app. A record may state its unit
(``"offset_unit"``); otherwise the native header or the user says it, and the importer
converts to code points (``import_units``).

* native: ``{"id", "title", "source", "meta", "status", "text", "spans": [{"id", "start",
  "end", "text", "layer", "label", "parent", "annotator", "entity", "attributes",
  "note"}], "links": [{"id", "source", "target" | "entity", "type"}]}``
* doccano: ``{"text", "label": [[start, end, "L"], ...]}`` or ``{"text", "entities":
  [{"id", "start_offset", "end_offset", "label"}], "relations": [{"from_id", "to_id",
  "type"}]}`` or, from intent detection, ``{"text", "entities": [[start, end, "L"]],
  "cats": [...]}``; ``cats`` and ``Comments`` become the metadata ``cats`` and
  ``comments``, other top-level keys metadata as they are. doccano's JSON export (one
  array, pretty-printed) is read too (``jsonl_import.read_jsonl``).
* Prodigy/spaCy: ``{"text", "spans": [{"start", "end", "label"}], "meta": {...},
  "answer": "accept"}``; rejected and ignored examples are skipped.

Errors are ``InputError`` without a location; the importer adds file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import GOLD, JSON, Annotator, Status
from annotator.formats.offset_units import check_unit

# Keys that describe the record itself; any other top-level key of a foreign record is
# kept as document metadata.
_RECORD_KEYS = frozenset({
    "id", "title", "source", "meta", "status", "text", "spans", "links", "label", "labels",
    "entities", "relations", "tokens", "answer", "annotator", "comments", "Comments", "cats",
    "offset_unit",
})
_STATUSES = frozenset(str(s) for s in Status)


@dataclass(frozen=True)
class InEntity:
    name: str
    type: str = ""
    aliases: tuple[str, ...] = ()
    uuid: str | None = None


@dataclass(frozen=True)
class InSpan:
    start: int
    end: int
    label: str
    layer: str | None = None  # None: foreign, the importer picks the layer
    text: str | None = None
    parent: str | None = None
    annotator: str | None = None
    uuid: str | None = None
    ref: str | None = None  # a foreign record's own span id, for its relations
    entity: InEntity | None = None
    attributes: JSON = field(default_factory=dict)
    note: str = ""
    # The n-th span of its record equal to an earlier one (same annotator, layer, label,
    # offsets). 0 in formats where an equal span is the same annotation said twice; brat
    # numbers its T lines, so two equal ones are two spans and keep distinct ids.
    occurrence: int = 0
    # ``uuid`` is that of an equal span the project holds (``import_known``), not one the
    # file gives: a file may say that span again (doccano's line per annotator).
    known: bool = False


@dataclass(frozen=True)
class InLink:
    source: str  # span uuid, or a ref of this record
    type: str
    target: str | None = None
    entity: InEntity | None = None
    uuid: str | None = None


@dataclass
class InDoc:
    text: str
    uuid: str | None = None
    title: str | None = None
    source: str = ""
    meta: JSON = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)
    annotator: str | None = None  # record-level default (Prodigy's _annotator_id)
    offset_unit: str | None = None  # as the record states it; None: not stated
    spans: list[InSpan] = field(default_factory=list)
    links: list[InLink] = field(default_factory=list)


_KIND_NAMES = {str: "a string", int: "an integer", dict: "an object", list: "a list"}


def _get(obj: dict[str, Any], key: str, kind: type, what: str, *, required: bool = False
         ) -> Any:
    value = obj.get(key)
    if type(value) is kind:  # the common case, checked cheaply (bool is not int here)
        return value
    if value is None:
        if required:
            raise InputError(f'{what} has no "{key}"')
        return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise InputError(f'{what}: "{key}" must be {_KIND_NAMES[kind]}, '
                         f"not {type(value).__name__}")
    return value


def parse_record(rec: Any) -> InDoc | None:
    """One JSONL line as an ``InDoc``; None for a record to skip (a rejected example)."""
    if not isinstance(rec, dict):
        raise InputError(f"expected a JSON object, got {type(rec).__name__}")
    if rec.get("answer") in ("reject", "ignore"):
        return None
    text = _get(rec, "text", str, "the record", required=True)
    meta = dict(_get(rec, "meta", dict, "the record") or {})
    doc = InDoc(text=text, title=_get(rec, "title", str, "the record"),
                source=_get(rec, "source", str, "the record") or "", meta=meta,
                annotator=_record_annotator(rec))
    doc_id = rec.get("id")
    if isinstance(doc_id, str) and doc_id:
        doc.uuid = doc_id
    elif doc_id is not None:
        meta.setdefault("id", doc_id)  # doccano's numeric id: keep it, not as our uuid
    if "meta" not in rec:
        for key, value in rec.items():
            if key not in _RECORD_KEYS and not key.startswith("_"):
                meta.setdefault(key, value)
    doc.status = _status(rec)
    unit = _get(rec, "offset_unit", str, "the record")
    doc.offset_unit = None if unit is None else check_unit(unit)
    for i, raw in enumerate(_get(rec, "spans", list, "the record") or [], start=1):
        doc.spans.append(_native_span(raw, f"span #{i}"))
    for key in ("label", "labels"):
        _doccano_triples(rec, key, doc)
    entities = _get(rec, "entities", list, "the record") or []
    if entities and isinstance(entities[0], list):  # doccano's intent detection export
        _doccano_triples(rec, "entities", doc)
    else:
        for i, raw in enumerate(entities, start=1):
            doc.spans.append(_doccano_entity(raw, f"entity #{i}"))
    _classes_and_comments(rec, doc)
    for i, raw in enumerate(_get(rec, "relations", list, "the record") or [], start=1):
        doc.links.append(_doccano_relation(raw, f"relation #{i}"))
    for i, raw in enumerate(_get(rec, "links", list, "the record") or [], start=1):
        doc.links.append(_native_link(raw, f"link #{i}"))
    return doc


def header_people(header: dict[str, Any]) -> list[Annotator]:
    """The people a native header names with their person ids (``"annotators"``);
    empty for a header without them (older exports). A name or id given twice is an
    error: the file could not say whose spans are whose."""
    people: list[Annotator] = []
    names: set[str] = set()
    ids: set[str] = set()
    for i, raw in enumerate(_get(header, "annotators", list, "header") or [], start=1):
        what = f"header annotator #{i}"
        if not isinstance(raw, dict):
            raise InputError(f"{what} is not an object")
        name = _name(_get(raw, "name", str, what, required=True), what, "name").strip()
        uuid = _name(_get(raw, "id", str, what, required=True), what, "id")
        if name in names or uuid in ids:
            raise InputError(f"{what}: {name!r} or its id {uuid} is named twice")
        names.add(name)
        ids.add(uuid)
        # "gold" is informative: the store makes the annotator called gold the gold one.
        people.append(Annotator(name=name, uuid=uuid, is_gold=name == GOLD))
    return people


def _record_annotator(rec: dict[str, Any]) -> str | None:
    for key in ("annotator", "_annotator_id"):
        value = rec.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _status(rec: dict[str, Any]) -> dict[str, str]:
    raw = _get(rec, "status", dict, "the record") or {}
    for name, value in raw.items():
        if value not in _STATUSES:
            raise InputError(f"status of {name!r} is {value!r}; expected one of "
                             f"{', '.join(sorted(_STATUSES))}")
    return dict(raw)


def _native_span(raw: Any, what: str) -> InSpan:
    if not isinstance(raw, dict):
        raise InputError(f"{what} is not an object")
    uuid = _get(raw, "id", str, what)
    if uuid is not None:
        what = f"span {uuid}"
    entity = raw.get("entity")
    return InSpan(
        start=_get(raw, "start", int, what, required=True),
        end=_get(raw, "end", int, what, required=True),
        label=_name(_get(raw, "label", str, what, required=True), what, "label"),
        layer=_get(raw, "layer", str, what),
        text=_get(raw, "text", str, what),
        parent=_get(raw, "parent", str, what),
        annotator=_get(raw, "annotator", str, what),
        uuid=uuid or None,
        entity=_entity(entity, what) if entity is not None else None,
        attributes=_get(raw, "attributes", dict, what) or {},
        note=_get(raw, "note", str, what) or "",
    )


def _name(value: str, what: str, key: str) -> str:
    if not value.strip():
        raise InputError(f'{what}: "{key}" is empty')
    return value


def _entity(raw: Any, what: str) -> InEntity:
    if not isinstance(raw, dict):
        raise InputError(f'{what}: "entity" must be an object with "id" and "name"')
    aliases = _get(raw, "aliases", list, f"{what} entity") or []
    if not all(isinstance(a, str) for a in aliases):
        raise InputError(f'{what}: entity "aliases" must be strings')
    return InEntity(name=_name(_get(raw, "name", str, f"{what} entity", required=True),
                               what, "entity name"),
                    type=_get(raw, "type", str, f"{what} entity") or "",
                    aliases=tuple(aliases), uuid=_get(raw, "id", str, f"{what} entity"))


def _doccano_triples(rec: dict[str, Any], key: str, doc: InDoc) -> None:
    items = _get(rec, key, list, "the record") or []
    if items and all(isinstance(item, str) for item in items):
        doc.meta.setdefault(key, items)  # document classes, not spans
        return
    for i, item in enumerate(items, start=1):
        ok = isinstance(item, list) and len(item) == 3 and isinstance(item[2], str)
        if not ok:
            raise InputError(f'"{key}" item #{i} must be [start, end, "label"]')
        start, end, label = item
        for value in (start, end):
            if not isinstance(value, int) or isinstance(value, bool):
                raise InputError(f'"{key}" item #{i}: offsets must be integers')
        doc.spans.append(InSpan(start=start, end=end, label=_name(label, f"{key} #{i}", key)))


def _classes_and_comments(rec: dict[str, Any], doc: InDoc) -> None:
    """Document classes (doccano's intent ``cats``, Prodigy's ``cats`` scores) and
    doccano's document ``Comments`` are kept as metadata, never dropped."""
    cats = rec.get("cats")
    if cats:
        doc.meta.setdefault("cats", cats)
    for key in ("Comments", "comments"):
        comments = _get(rec, key, list, "the record") or []
        texts = [_comment_text(c, f'"{key}" item #{i}') for i, c in enumerate(comments, 1)]
        if texts:
            doc.meta.setdefault("comments", texts)


def _comment_text(raw: Any, what: str) -> str:
    """A doccano comment: a string, or an object with its ``comment`` or ``text``."""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, dict):
        for key in ("comment", "text"):
            if isinstance(raw.get(key), str):
                return str(raw[key])
    raise InputError(f'{what} must be a comment (a string or an object with "comment")')


def _doccano_entity(raw: Any, what: str) -> InSpan:
    if not isinstance(raw, dict):
        raise InputError(f"{what} is not an object")
    ref = raw.get("id")
    return InSpan(start=_get(raw, "start_offset", int, what, required=True),
                  end=_get(raw, "end_offset", int, what, required=True),
                  label=_name(_get(raw, "label", str, what, required=True), what, "label"),
                  ref=None if ref is None else f"#{ref}")


def _doccano_relation(raw: Any, what: str) -> InLink:
    if not isinstance(raw, dict) or "from_id" not in raw or "to_id" not in raw:
        raise InputError(f'{what} needs "from_id" and "to_id"')
    return InLink(source=f"#{raw['from_id']}", target=f"#{raw['to_id']}",
                  type=_name(_get(raw, "type", str, what, required=True), what, "type"))


def _native_link(raw: Any, what: str) -> InLink:
    if not isinstance(raw, dict):
        raise InputError(f"{what} is not an object")
    entity = raw.get("entity")
    target = _get(raw, "target", str, what)
    if (target is None) == (entity is None):
        raise InputError(f'{what} needs exactly one of "target" (a span id) or "entity"')
    return InLink(source=_get(raw, "source", str, what, required=True),
                  type=_name(_get(raw, "type", str, what, required=True), what, "type"),
                  target=target, entity=_entity(entity, what) if entity is not None else None,
                  uuid=_get(raw, "id", str, what))
