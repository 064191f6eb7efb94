"""Native JSONL export (PRODUCT §6): a header line, then one document per line.

::

    {"annotator_format":"jsonl","version":1,"offset_unit":"codepoint",
     "annotators":[{"name":"Dana","id":"<uuid>"},{"name":"gold","id":"<uuid>","gold":true}]}
    {"id":"<uuid>","title":"…","source":"…","meta":{…},"status":{"Dana":"done"},
     "text":"…","spans":[{"id":"<uuid>","start":0,"end":4,"text":"Iran","layer":"actor",
     "label":"State/Government","annotator":"Dana"}],"links":[…]}

Offsets are code points of ``text``; every span satisfies ``text[start:end] == span.text``.
Keys come in a fixed order and spans/links are sorted by what they say (never by
database ids), so export → import into an empty project → export is byte-identical.
``status``, ``parent``, ``entity``, ``attributes`` and ``note`` appear only when set.

The header names the people of the export (those with an exported span or status,
sorted by name) with their person ids, so an import or merge elsewhere keeps who is
who: a JSONL file and later a project file from the same colleague match by id
(``annotators`` is absent when nobody is named, and from older exports).

Streaming: one document (and its spans) in memory at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from annotator.core.docfilter import DocumentFilter
from annotator.core.errors import InputError
from annotator.core.model import GOLD, LAYERS, OFFSET_UNIT, Document
from annotator.formats.doc_selection import matching_uuids
from annotator.formats.jsonl_import import FORMAT_NAME, FORMAT_VERSION
from annotator.formats.summary import Progress, no_progress
from annotator.store import Project
from annotator.store.repo_io import ExportSpanRow

HEADER = {"annotator_format": FORMAT_NAME, "version": FORMAT_VERSION, "offset_unit": OFFSET_UNIT}


@dataclass(frozen=True)
class ExportFilter:
    """Which spans (and documents) to export; empty means all.

    ``labels`` match a label's name or its parent's (a narrative brings its
    sub-narratives); ``documents`` are uuids; ``where`` chooses documents by metadata
    (outlet, date…; both document filters apply when both are given); ``gold`` adds the
    gold annotator to ``annotators`` (alone, it exports only adjudicated spans).
    """

    annotators: tuple[str, ...] = ()
    layers: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    gold: bool = False
    where: DocumentFilter = field(default_factory=DocumentFilter)


@dataclass
class ExportSummary:
    documents: int = 0
    spans: int = 0
    links: int = 0


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _Context:
    """Names of labels, annotators and entities, and the filter turned into ids."""

    def __init__(self, project: Project, filt: ExportFilter) -> None:
        self.project = project
        labels = project.labels()
        by_id = {lab.id: lab for lab in labels}
        self.labels: dict[int, tuple[str, str, str | None]] = {}  # layer, name, parent
        for lab in labels:
            assert lab.id is not None
            parent = by_id.get(lab.parent_id) if lab.parent_id is not None else None
            self.labels[lab.id] = (lab.layer, lab.name, parent.name if parent else None)
        self.people = {a.id: a for a in project.annotators() if a.id is not None}
        self.annotators = {i: a.name for i, a in self.people.items()}
        self.entities: dict[int, dict[str, Any]] = {}
        for ent in project.entities():
            assert ent.id is not None
            entry: dict[str, Any] = {"id": ent.uuid, "name": ent.name}
            if ent.type:
                entry["type"] = ent.type
            if ent.aliases:
                entry["aliases"] = list(ent.aliases)
            self.entities[ent.id] = entry
        # Most projects have no links or statuses yet: skip two queries per document.
        self.has_links, self.has_statuses = project.has_links_and_statuses()
        self.annotator_ids = self._annotator_ids(filt)
        self.label_ids = self._label_ids(filt)
        self.doc_uuids = self._doc_uuids(filt)

    def _annotator_ids(self, filt: ExportFilter) -> list[int] | None:
        names = list(filt.annotators) + ([GOLD] if filt.gold else [])
        if not names:
            return None
        ids = {name: i for i, name in self.annotators.items()}
        for name in names:
            if name == GOLD and name not in ids:  # made by the first adjudication
                raise InputError("no gold spans yet: nothing has been adjudicated (annotator "
                                 "adjudicate, or Review → Compare annotators in the window)")
            if name not in ids:
                known = ", ".join(sorted(ids)) or "none yet"
                raise InputError(f"no annotator named {name!r} in the project (known: {known})")
        return sorted({ids[name] for name in names})

    def _label_ids(self, filt: ExportFilter) -> list[int] | None:
        if not filt.layers and not filt.labels:
            return None
        for layer in filt.layers:
            if layer not in LAYERS:
                raise InputError(f"unknown layer {layer!r} (known: "
                                 f"{', '.join(str(x) for x in LAYERS)})")
        known = {name for _, name, _ in self.labels.values()}
        for name in filt.labels:
            if name not in known:
                raise InputError(f"no label named {name!r} in the project")
        return sorted(
            i for i, (layer, name, parent) in self.labels.items()
            if (not filt.layers or layer in filt.layers)
            and (not filt.labels or name in filt.labels or parent in filt.labels))

    def _doc_uuids(self, filt: ExportFilter) -> list[str] | None:
        for uuid in filt.documents:
            if self.project.find_document(uuid=uuid) is None:
                raise InputError(f"no document with id {uuid} in the project")
        named = list(dict.fromkeys(filt.documents)) if filt.documents else None
        if filt.where.is_empty:
            return named
        chosen = matching_uuids(self.project, filt.where)
        return [u for u in named if u in chosen] if named is not None else list(chosen)

    def span_dict(self, row: ExportSpanRow, text: str) -> dict[str, Any]:
        uuid, start, end, label_id, annotator_id, entity_id, attributes, note = row
        layer, name, parent = self.labels[label_id]
        # The slice, not the stored copy: every exported span satisfies
        # text[start:end] == span["text"] by construction (the store checks the copy
        # on every write).
        entry: dict[str, Any] = {"id": uuid, "start": start, "end": end,
                                 "text": text[start:end], "layer": layer, "label": name}
        if parent is not None:
            entry["parent"] = parent
        entry["annotator"] = self.annotators[annotator_id]
        if entity_id is not None:
            entry["entity"] = self.entities[entity_id]
        if attributes != "{}":
            entry["attributes"] = json.loads(attributes)
        if note:
            entry["note"] = note
        return entry


def iter_jsonl(project: Project, filt: ExportFilter = ExportFilter(),
               summary: ExportSummary | None = None,
               progress: Progress = no_progress) -> Iterator[str]:
    """The export's lines (each ending in ``\\n``), one document at a time."""
    ctx = _Context(project, filt)  # a bad filter fails here, before any output
    yield _dumps(_header(ctx)) + "\n"
    for record in _records(ctx, summary if summary is not None else ExportSummary(),
                           progress):
        yield _dumps(record) + "\n"


def _header(ctx: _Context) -> dict[str, Any]:
    ids = ctx.project.export_annotator_ids(
        annotator_ids=ctx.annotator_ids, label_ids=ctx.label_ids, doc_uuids=ctx.doc_uuids)
    if not ids:
        return HEADER
    people = []
    for person in sorted((ctx.people[i] for i in ids), key=lambda a: a.name):
        entry: dict[str, Any] = {"name": person.name, "id": person.uuid}
        if person.is_gold:
            entry["gold"] = True
        people.append(entry)
    return {**HEADER, "annotators": people}


def iter_records(project: Project, filt: ExportFilter = ExportFilter(),
                 summary: ExportSummary | None = None,
                 progress: Progress = no_progress) -> Iterator[dict[str, Any]]:
    """The native record (as a dict) of each selected document, one at a time: what
    every export format is made from. The filter is checked now, before the first
    record, so a bad name fails before any output exists."""
    ctx = _Context(project, filt)
    return _records(ctx, summary if summary is not None else ExportSummary(), progress)


def _records(ctx: _Context, summary: ExportSummary, progress: Progress
             ) -> Iterator[dict[str, Any]]:
    project = ctx.project
    total = len(ctx.doc_uuids) if ctx.doc_uuids is not None else project.document_count()
    for done, doc in enumerate(project.iter_documents(uuids=ctx.doc_uuids), start=1):
        yield _record(ctx, doc, summary)
        summary.documents += 1
        progress(done, total)


def _record(ctx: _Context, doc: Document, summary: ExportSummary) -> dict[str, Any]:
    assert doc.id is not None
    rows = ctx.project.export_spans(doc.id, annotator_ids=ctx.annotator_ids,
                                    label_ids=ctx.label_ids)
    record: dict[str, Any] = {"id": doc.uuid, "title": doc.title, "source": doc.source,
                              "meta": doc.meta}
    statuses = ctx.project.document_statuses(doc.id) if ctx.has_statuses else {}
    status = {ctx.annotators[a]: str(s) for a, s in statuses.items()
              if ctx.annotator_ids is None or a in ctx.annotator_ids}
    if status:
        record["status"] = dict(sorted(status.items()))
    record["text"] = doc.text
    record["spans"] = [ctx.span_dict(r, doc.text) for r in rows]
    record["links"] = _links(ctx, doc.id, {r[0] for r in rows}) if ctx.has_links else []
    summary.spans += len(rows)
    summary.links += len(record["links"])
    return record


def _links(ctx: _Context, doc_id: int, exported: set[str]) -> list[dict[str, Any]]:
    out = []
    for row in ctx.project.export_links(doc_id):
        # A link is exported only with both of its spans (entities are always there).
        if row.source not in exported or (row.target is not None and row.target not in exported):
            continue
        entry: dict[str, Any] = {"id": row.uuid, "source": row.source}
        if row.target is not None:
            entry["target"] = row.target
        else:
            assert row.entity_id is not None
            entry["entity"] = ctx.entities[row.entity_id]
        entry["type"] = row.type
        out.append(entry)
    out.sort(key=lambda e: (e["source"], e["type"], e.get("target") or e["entity"]["id"],
                            e["id"]))
    return out


def export_jsonl(project: Project, out: IO[bytes], filt: ExportFilter = ExportFilter(),
                 progress: Progress = no_progress) -> ExportSummary:
    """Write the native JSONL export of ``project`` to the binary stream ``out``."""
    summary = ExportSummary()
    for line in iter_jsonl(project, filt, summary, progress):
        out.write(line.encode("utf-8"))
    return summary
