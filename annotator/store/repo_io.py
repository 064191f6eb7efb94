"""Queries for import, export and statistics (``annotator.formats`` and ``stats``).

Export reads spans as plain ``ExportSpanRow`` tuples, already in export order, rather
than ``Span`` objects: a corpus export touches every span once, and building half a
million frozen dataclasses (or sorting them in Python) costs more than the rest of the
export together.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from annotator.core.model import LAYERS, Status
from annotator.store.base import RepoBase, placeholders

_LAYER_ORDER = "CASE l.layer " + " ".join(
    f"WHEN '{layer}' THEN {i}" for i, layer in enumerate(LAYERS)) + f" ELSE {len(LAYERS)} END"
# SQLite's limit on host parameters is 32766 (3.32+); stay far below it.
_CHUNK = 500


# (uuid, start, end, label_id, annotator_id, entity_id, attributes JSON, note)
ExportSpanRow = tuple[str, int, int, int, int, int | None, str, str]


class ExportLinkRow(NamedTuple):
    uuid: str
    source: str  # span uuid
    target: str | None  # span uuid
    entity_id: int | None
    type: str


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(values), _CHUNK):
        yield values[i:i + _CHUNK]


class IOMixin(RepoBase):
    # -- export ----------------------------------------------------------------------------
    def export_spans(self, doc_id: int, *, annotator_ids: Iterable[int] | None = None,
                     label_ids: Iterable[int] | None = None) -> list[ExportSpanRow]:
        """The spans of one document (optionally only some annotators/labels) in export
        order: start, end, layer, label name, annotator name, uuid. Sorting here, not in
        Python, saves a key function per span; SQLite's byte order on UTF-8 is code
        point order, the same as Python's ``str`` comparison."""
        sql = ('SELECT s.uuid, s.start, s."end", s.label_id, s.annotator_id, s.entity_id, '
               "s.attributes, s.note FROM spans s JOIN labels l ON l.id = s.label_id "
               "JOIN annotators a ON a.id = s.annotator_id WHERE s.doc_id = ?")
        params: list[object] = [doc_id]
        for column, ids in (("s.annotator_id", annotator_ids), ("s.label_id", label_ids)):
            if ids is not None:
                chosen = list(ids)
                sql += f" AND {column} IN ({placeholders(chosen)})"
                params.extend(chosen)
        sql += f' ORDER BY s.start, s."end", {_LAYER_ORDER}, l.name, a.name, s.uuid'

        return self.conn.execute(sql, params).fetchall()

    def export_links(self, doc_id: int) -> list[ExportLinkRow]:
        """Links whose source span lies in ``doc_id``, with span uuids instead of ids."""
        sql = """
            SELECT k.uuid, s.uuid, t.uuid, k.target_entity_id, k.type
            FROM links k JOIN spans s ON s.id = k.source_id
            LEFT JOIN spans t ON t.id = k.target_id
            WHERE s.doc_id = ?
        """
        return [ExportLinkRow(*r) for r in self.conn.execute(sql, (doc_id,))]

    def export_annotator_ids(self, *, annotator_ids: Sequence[int] | None = None,
                             label_ids: Sequence[int] | None = None,
                             doc_uuids: Sequence[str] | None = None) -> set[int]:
        """The annotators an export with these filters will name: those with a selected
        span or a status on a selected document. One EXISTS per annotator on
        idx_spans_annotator / idx_doc_status_annotator, so the export's header costs a
        few index probes, not a pass over the spans."""
        span_where, status_where = "", ""
        span_params: list[object] = []
        status_params: list[object] = []
        if label_ids is not None:
            span_where += f" AND s.label_id IN ({placeholders(label_ids)})"
            span_params.extend(label_ids)
        if doc_uuids is not None:
            docs = "(SELECT id FROM documents WHERE uuid IN (SELECT value FROM json_each(?)))"
            span_where += f" AND s.doc_id IN {docs}"
            status_where += f" AND st.doc_id IN {docs}"
            span_params.append(json.dumps(list(doc_uuids)))
            status_params.append(json.dumps(list(doc_uuids)))
        sql = (f"SELECT a.id FROM annotators a WHERE (EXISTS (SELECT 1 FROM spans s "
               f"WHERE s.annotator_id = a.id{span_where}) OR EXISTS (SELECT 1 FROM "
               f"doc_status st WHERE st.annotator_id = a.id{status_where}))")
        params = span_params + status_params
        if annotator_ids is not None:
            sql += f" AND a.id IN ({placeholders(annotator_ids)})"
            params.extend(annotator_ids)
        return {int(r[0]) for r in self.conn.execute(sql, params)}

    def has_links_and_statuses(self) -> tuple[bool, bool]:
        row = self.conn.execute("SELECT EXISTS (SELECT 1 FROM links), "
                                "EXISTS (SELECT 1 FROM doc_status)").fetchone()
        return bool(row[0]), bool(row[1])

    def document_statuses(self, doc_id: int) -> dict[int, Status]:
        """Status of one document per annotator id (only those that were set)."""
        return {r[0]: Status(r[1]) for r in self.conn.execute(
            "SELECT annotator_id, status FROM doc_status WHERE doc_id = ?", (doc_id,))}

    # -- import ----------------------------------------------------------------------------
    def span_docs_by_uuid(self, uuids: Sequence[str]) -> dict[str, int]:
        """{span uuid: document id} for those of ``uuids`` already in the project."""
        found: dict[str, int] = {}
        for part in _chunks(uuids):
            found.update(self.conn.execute(
                f"SELECT uuid, doc_id FROM spans WHERE uuid IN ({placeholders(part)})",
                tuple(part)).fetchall())
        return found

    def span_ids_by_uuid(self, uuids: Sequence[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for part in _chunks(uuids):
            found.update(self.conn.execute(
                f"SELECT uuid, id FROM spans WHERE uuid IN ({placeholders(part)})",
                tuple(part)).fetchall())
        return found

    def existing_link_uuids(self, uuids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for part in _chunks(uuids):
            found.update(r[0] for r in self.conn.execute(
                f"SELECT uuid FROM links WHERE uuid IN ({placeholders(part)})", tuple(part)))
        return found

    # -- statistics ------------------------------------------------------------------------
    def status_counts(self) -> list[tuple[str, str, int]]:
        """(annotator, status, documents) for every status that was set (not "todo")."""
        sql = """
            SELECT a.name, st.status, count(*) FROM doc_status st
            JOIN annotators a ON a.id = st.annotator_id
            GROUP BY a.name, st.status ORDER BY a.name, st.status
        """
        return [(r[0], r[1], int(r[2])) for r in self.conn.execute(sql)]
