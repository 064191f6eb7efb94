"""doccano JSONL (sequence labelling): one line per document and annotator.

::

    {"id":"<uuid>","title":"…","text":"…","label":[[0,7,"State/Government"]],
     "annotator":"Dana","meta":{…}}

doccano keeps every key but ``text`` and ``label`` as metadata; ``annotator`` lets our
importer give the spans back to their annotator. A ``[start, end, label]`` triple has no
room for a span's note, entity or attributes: they are counted in a warning. A document
with spans by several annotators gets one line per annotator (doccano has no annotator
per span); one without spans gets one line with an empty ``label``.

Offsets: doccano's file format names no unit. Its web app counts UTF-16 code units in a
default sequence-labelling project, and grapheme clusters when the project's "Count
grapheme clusters as one character" is ticked (doccano issue #2290); Python readers
(spaCy, pandas, our importer) count code points. So the unit is chosen:
``codepoint`` (default), ``utf16`` or ``grapheme``. A span boundary inside a grapheme
cluster widens to the whole cluster in ``grapheme``.
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
from annotator.formats.offset_units import to_unit
from annotator.formats.summary import Progress, no_progress
from annotator.store import Project


def doccano_lines(record: Record, unit: str = "codepoint") -> list[str]:
    """The doccano lines (each ending in a newline) of one native record."""
    convert = to_unit(record["text"], unit)
    groups: list[tuple[str | None, list[SpanRec]]] = list(by_annotator(record["spans"]))
    lines = []
    for annotator, spans in groups or [(None, [])]:
        line: Record = {"id": record["id"], "title": record["title"], "text": record["text"],
                        "label": [[*convert(s["start"], s["end"]), s["label"]] for s in spans]}
        if annotator is not None:
            line["annotator"] = annotator
        if record["source"]:
            line["source"] = record["source"]
        line["meta"] = record["meta"]
        lines.append(dumps(line) + "\n")
    return lines


def export_doccano(project: Project, out: IO[bytes], filt: ExportFilter = EVERYTHING,
                   options: ExportOptions = DEFAULT_OPTIONS,
                   progress: Progress = no_progress) -> FormatSummary:
    return write_lines(project, out, filt, progress,
                       lambda record: doccano_lines(record, options.offset_unit),
                       "doccano's label list", extras_lost_in="doccano's label list")
