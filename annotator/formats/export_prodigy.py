"""Prodigy/spaCy-style spans JSONL: one example per document and annotator.

::

    {"id":"<uuid>","text":"…","spans":[{"start":0,"end":7,"label":"State/Government",
     "text":"Iran 🇮🇷"}],"meta":{"title":"…",…},"_annotator_id":"Dana","answer":"accept"}

Offsets are code points: Prodigy and spaCy are Python and index ``str`` (spaCy's
``Doc.char_span`` takes the same numbers). ``meta`` is what Prodigy shows under an
example: the title, then the document's own metadata. Spans may overlap (actor inside
narrative): load them into ``doc.spans``, not ``doc.ents`` (see the README). No
``tokens`` are written; Prodigy adds them when a recipe needs them. A span's note,
registry entity (as native JSONL writes it) and attributes are the span-level keys
``note``, ``entity`` and ``attributes``: Prodigy keeps keys it does not know.
"""

from __future__ import annotations

from typing import IO

from annotator.formats.export_common import (
    DEFAULT_OPTIONS,
    EVERYTHING,
    ExportOptions,
    FormatSummary,
    Record,
    SpanRec,
    by_annotator,
    dumps,
    write_lines,
)
from annotator.formats.jsonl_export import ExportFilter
from annotator.formats.summary import Progress, no_progress
from annotator.store import Project


def prodigy_lines(record: Record) -> list[str]:
    """The Prodigy examples (each a line ending in a newline) of one native record."""
    groups: list[tuple[str | None, list[SpanRec]]] = list(by_annotator(record["spans"]))
    meta = {"title": record["title"], **({"source": record["source"]} if record["source"]
                                         else {}), **record["meta"]}
    lines = []
    for annotator, spans in groups or [(None, [])]:
        example: Record = {
            "id": record["id"], "text": record["text"],
            "spans": [_span(s) for s in spans],
            "meta": meta}
        if annotator is not None:
            example["_annotator_id"] = annotator
        example["answer"] = "accept"
        lines.append(dumps(example) + "\n")
    return lines


def _span(span: SpanRec) -> Record:
    """Prodigy keeps unknown span keys: a note, entity and attributes ride along."""
    out: Record = {"start": span["start"], "end": span["end"], "label": span["label"],
                   "text": span["text"]}
    if span.get("note"):
        out["note"] = span["note"]
    if span.get("entity"):
        out["entity"] = span["entity"]
    if span.get("attributes"):
        out["attributes"] = span["attributes"]
    return out


def export_prodigy(project: Project, out: IO[bytes], filt: ExportFilter = EVERYTHING,
                   options: ExportOptions = DEFAULT_OPTIONS,
                   progress: Progress = no_progress) -> FormatSummary:
    return write_lines(project, out, filt, progress,
                       lambda record: prodigy_lines(record), "a spans example")
