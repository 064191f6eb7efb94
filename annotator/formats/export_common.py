"""What the exports to other tools' formats share: summary, options, records, helpers.

Every format is made from the native records of ``jsonl_export.iter_records`` (one
document and its spans in memory at a time, the filters applied there), so every format
streams and honours the same filters. A record is the native JSONL line as a dict:
``{"id", "title", "source", "meta", "text", "spans": [{"id", "start", "end", "text",
"layer", "label", "parent"?, "annotator", "entity"?, "attributes"?, "note"?}],
"links": [{"id", "source", "target" | "entity", "type"}]}``. Offsets are code points of
``text``; a format that counts in another unit converts on the way out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import IO, Any

from annotator.formats.jsonl_export import ExportFilter, ExportSummary, iter_records
from annotator.formats.offset_units import OFFSET_UNITS as OFFSET_UNITS  # re-exported
from annotator.formats.summary import Progress, no_progress
from annotator.store import Project

Record = dict[str, Any]
SpanRec = dict[str, Any]

NETWORKS = ("actor-narrative", "actor-stance")

# Everything str.splitlines() breaks at: a reader that iterates a file by lines (brat)
# ends a line there, so a one-line field must not contain any of them.
LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Characters XML 1.0 cannot carry at all (controls, lone surrogates, U+FFFE/FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass
class FormatSummary(ExportSummary):
    """Counts, plus what the user must be told (``notes``: a format could not express
    everything) and the files written beside the main output."""

    dropped: int = 0  # spans the format could not carry (CoNLL overlaps, brat blank spans)
    edges: int = 0  # network formats
    notes: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    link_types: set[str] = field(default_factory=set)  # of the links written


@dataclass(frozen=True)
class ExportOptions:
    network: str | None = None  # network formats: one of NETWORKS
    offset_unit: str = "codepoint"  # doccano only: one of OFFSET_UNITS
    task_ids: bool = False  # Label Studio only: number the tasks (label-studio-sdk needs it)


# Defaults for the writers' arguments (both immutable).
EVERYTHING = ExportFilter()
DEFAULT_OPTIONS = ExportOptions()


def records(project: Project, filt: ExportFilter, summary: FormatSummary,
            progress: Progress = no_progress) -> Iterator[Record]:
    """The selected documents' native records; counts documents and spans in ``summary``
    (links are counted by the formats that write them). The filter is checked now, so
    a bad name fails before a format writes its first byte."""
    return _links_uncounted(iter_records(project, filt, summary, progress), summary)


def _links_uncounted(source: Iterator[Record], summary: FormatSummary) -> Iterator[Record]:
    for record in source:
        # iter_records counts every link it read; a format counts the links it writes.
        summary.links -= len(record["links"])
        yield record


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def one_line(text: str) -> str:
    """``text`` on one line: line breaks and tabs become spaces."""
    return LINE_BREAK.sub(" ", text).replace("\t", " ")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (each becomes U+FFFD), so any
    label or span text can go into an XML file that parsers accept."""
    return _NOT_XML.sub("\ufffd", text)


def by_annotator(spans: list[SpanRec]) -> list[tuple[str, list[SpanRec]]]:
    """The spans grouped by annotator, annotators in name order, spans in export order."""
    ordered = sorted(spans, key=lambda s: str(s["annotator"]))  # stable: keeps span order
    return [(name, list(group)) for name, group in groupby(ordered, key=lambda s: s["annotator"])]


def parent_or_self(span: SpanRec) -> str:
    return str(span.get("parent") or span["label"])


def note_mixed_annotators(summary: FormatSummary, names: set[str], how: str) -> None:
    """Tell the user when one output mixes several annotators' spans."""
    if len(names) > 1:
        shown = ", ".join(sorted(names))
        summary.notes.append(f"{len(names)} annotators ({shown}) {how}; choose one with "
                             f"--annotator NAME or --gold")


def note_links_left_out(summary: FormatSummary, count: int, fmt: str) -> None:
    if count:
        summary.notes.append(f"{count} links (stance holder/target) left out: {fmt} has no "
                             f"place for them")



SPAN_EXTRAS = ("note", "entity", "attributes")


def note_span_extras_left_out(summary: FormatSummary, counts: dict[str, int],
                              fmt: str) -> None:
    """One warning per kind of span detail (note, entity, attributes) a format dropped."""
    for kind in SPAN_EXTRAS:
        if counts.get(kind):
            what = {"note": "notes", "entity": "registry entities",
                    "attributes": "attribute sets"}[kind]
            summary.notes.append(f"{counts[kind]} span {what} left out: {fmt} has no place "
                                 f"for them (native JSONL keeps them)")


def write_lines(project: Project, out: IO[bytes], filt: ExportFilter, progress: Progress,
                lines_of: Callable[[Record], list[str]], links_lost_in: str,
                extras_lost_in: str | None = None) -> FormatSummary:
    """A line-per-example format (doccano, Prodigy): each record's lines, UTF-8, and a note
    for the links the format cannot carry, and for the span details (note, entity,
    attributes) when ``extras_lost_in`` names a format that has no place for them."""
    summary = FormatSummary()
    links = 0
    extras: dict[str, int] = {}
    for record in records(project, filt, summary, progress):
        links += len(record["links"])
        if extras_lost_in:
            for span in record["spans"]:
                for kind in SPAN_EXTRAS:
                    if span.get(kind):
                        extras[kind] = extras.get(kind, 0) + 1
        for line in lines_of(record):
            out.write(line.encode("utf-8"))
    note_links_left_out(summary, links, links_lost_in)
    if extras_lost_in:
        note_span_extras_left_out(summary, extras, extras_lost_in)
    return summary
