"""The CSV of spans: one row per span that csv readers (pandas, R) parse back exactly."""

from __future__ import annotations

import csv
import io
import json

from annotator.formats.export_csv import COLUMNS
from annotator.store import Project

from .export_helpers import add, export, native, rich_project


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_a_row_per_span_with_every_column_parsed_back(project: Project) -> None:
    rich_project(project)
    doc = next(project.iter_documents())
    add(project, doc, project.annotator("Omid").id, "actor", "Media", "café",
        note='line one\nline two, "quoted"')
    data = export(project, "csv")
    assert not data.startswith(b"\xef\xbb\xbf")  # no BOM: pandas' utf-8 reads the header
    assert data.split(b"\n", 1)[0].decode() == ",".join(COLUMNS)
    parsed = rows(data)
    spans = {s["id"]: (rec, s) for rec in native(project) for s in rec["spans"]}
    assert len(parsed) == len(spans) == 13
    for row in parsed:
        rec, span = spans[row["span_id"]]
        assert (row["document_id"], row["document_title"]) == (rec["id"], rec["title"])
        assert (row["annotator"], row["layer"], row["label"]) == (
            span["annotator"], span["layer"], span["label"])
        assert row["parent_label"] == span.get("parent", "")
        assert rec["text"][int(row["start"]):int(row["end"])] == row["text"] == span["text"]
        assert row["note"] == span.get("note", "")
        assert json.loads(row["attributes"]) == span.get("attributes", {})
        assert (row["entity"], row["entity_id"]) == (
            (span["entity"]["name"], span["entity"]["id"]) if "entity" in span else ("", ""))
    by_text = {row["text"]: row for row in parsed}
    assert by_text["café"]["note"] == 'line one\nline two, "quoted"'
    assert by_text["Путин наблюдает за Ираном 👀"]["parent_label"] == "Foreign interference"
