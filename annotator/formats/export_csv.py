"""A CSV of spans for R and pandas: one row per span, UTF-8 (no BOM), a header row.

Columns: ``document_id, document_title, span_id, annotator, layer, label, parent_label,
start, end, text, note, entity, entity_id, attributes``. Offsets are code points, as
Python (``doc_text[start:end]``) and R (``substr(doc_text, start + 1, end)``) count
characters. ``attributes`` is a JSON object (``{}`` when none); empty cells are empty
strings. Quoting by the csv module: a field with a comma, quote or line break is quoted,
quotes doubled; rows end in ``\\n``.
"""

from __future__ import annotations

import csv
import io
from typing import IO

from annotator.formats.export_common import (
    DEFAULT_OPTIONS,
    EVERYTHING,
    ExportOptions,
    FormatSummary,
    Record,
    dumps,
    records,
)
from annotator.formats.jsonl_export import ExportFilter
from annotator.formats.summary import Progress, no_progress
from annotator.store import Project

COLUMNS = ("document_id", "document_title", "span_id", "annotator", "layer", "label",
           "parent_label", "start", "end", "text", "note", "entity", "entity_id",
           "attributes")


def csv_rows(record: Record) -> list[list[object]]:
    rows: list[list[object]] = []
    for span in record["spans"]:
        entity = span.get("entity") or {}
        rows.append([record["id"], record["title"], span["id"], span["annotator"],
                     span["layer"], span["label"], span.get("parent") or "", span["start"],
                     span["end"], span["text"], span.get("note") or "",
                     entity.get("name", ""), entity.get("id", ""),
                     dumps(span.get("attributes") or {})])
    return rows


def export_csv(project: Project, out: IO[bytes], filt: ExportFilter = EVERYTHING,
               options: ExportOptions = DEFAULT_OPTIONS,
               progress: Progress = no_progress) -> FormatSummary:
    summary = FormatSummary()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for record in records(project, filt, summary, progress):
        writer.writerows(csv_rows(record))
        out.write(buffer.getvalue().encode("utf-8"))
        buffer.seek(0)
        buffer.truncate()
    out.write(buffer.getvalue().encode("utf-8"))
    return summary
