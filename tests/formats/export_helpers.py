"""A project that every export test uses, and readers that turn each format back into
spans, so a test can compare what a format says with what the project holds."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import regex

from annotator.core.model import Document, Span
from annotator.core.offsets import OffsetMap
from annotator.formats.export_brat import label_from_brat
from annotator.formats.export_common import DEFAULT_OPTIONS, EVERYTHING, ExportOptions
from annotator.formats.export_formats import write_export, write_stream
from annotator.formats.jsonl_export import ExportFilter, export_jsonl
from annotator.store import Project

from .conftest import annotate

# (doc id, annotator, start, end, label, text), offsets in code points
SpanKey = tuple[str, str, int, int, str, str]

MULTILINE = "Флаг 🇺🇦 поднят.\nدر تهران 🇮🇷 مردم.\n\nRussia backs Iran. Moscow agrees!\n"


def rich_project(project: Project) -> Project:
    """``conftest.annotate`` (emoji, flag, Persian, Russian, entity, link, note,
    attributes, gold) plus: nested and overlapping actor spans of one annotator, a span
    across a line break, and a third document in three scripts."""
    doc1, _ = annotate(project)
    doc3, _ = project.add_document(Document(title="Lines", text=MULTILINE))
    dana = project.annotator("Dana")
    add(project, doc1, dana.id, "actor", "Head of state/government", "Путин")
    add(project, doc1, dana.id, "actor", "Other actor", "Путин наблюдает")
    add(project, doc1, dana.id, "actor", "Media", "🇮🇷 protests")
    add(project, doc1, dana.id, "narrative", "Western-backed unrest", "café\nПутин")
    add(project, doc3, dana.id, "actor", "State/Government", "در تهران 🇮🇷")
    add(project, doc3, dana.id, "narrative", "Colour revolution", "🇺🇦 поднят.\nدر")
    return project


def add(project: Project, doc: Document, who: int | None, layer: str, label: str, sub: str,
        **kw: object) -> Span:
    lab = project.find_label(layer, label)
    assert lab is not None and lab.id is not None and doc.id is not None and who is not None
    start = doc.text.index(sub)
    return project.insert_span(Span(doc_id=doc.id, annotator_id=who, label_id=lab.id,
                                    start=start, end=start + len(sub), text=sub,
                                    **kw))  # type: ignore[arg-type]


def export(project: Project, fmt: str, filt: ExportFilter = EVERYTHING,
           options: ExportOptions = DEFAULT_OPTIONS) -> bytes:
    out = io.BytesIO()
    write_stream(project, fmt, out, filt, options)
    return out.getvalue()


def export_to(project: Project, fmt: str, target: Path, filt: ExportFilter = EVERYTHING,
              options: ExportOptions = DEFAULT_OPTIONS) -> Path:
    write_export(project, fmt, target, filt, options)
    return target


def json_lines(data: bytes) -> list[dict[str, object]]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line]


def native(project: Project, filt: ExportFilter = EVERYTHING) -> list[dict]:  # type: ignore[type-arg]
    out = io.BytesIO()
    export_jsonl(project, out, filt)
    return json_lines(out.getvalue())[1:]  # type: ignore[return-value]


def native_spans(project: Project, filt: ExportFilter = EVERYTHING) -> set[SpanKey]:
    return {(rec["id"], s["annotator"], s["start"], s["end"], s["label"], s["text"])
            for rec in native(project, filt) for s in rec["spans"]}


def texts(project: Project) -> dict[str, str]:
    return {rec["id"]: rec["text"] for rec in native(project)}


# -- readers: each checks that its offsets slice its text, then returns code points ----
def to_codepoints(text: str, unit: str) -> Callable[[int], int]:
    if unit == "utf16":
        return OffsetMap(text).to_codepoint
    if unit == "grapheme":
        bounds = [0] + [m.end() for m in regex.finditer(r"\X", text)]
        return lambda g: bounds[g]
    return lambda cp: cp


def slice_in(text: str, start: int, end: int, unit: str) -> str:
    """``text[start:end]`` counted in ``unit``, the way the target tool counts."""
    if unit == "utf16":
        return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")
    if unit == "grapheme":
        return "".join(regex.findall(r"\X", text)[start:end])
    return text[start:end]


def doccano_spans(data: bytes, unit: str = "codepoint") -> set[SpanKey]:
    found = set()
    for line in json_lines(data):
        text = str(line["text"])
        back = to_codepoints(text, unit)
        for start, end, label in line["label"]:  # type: ignore[attr-defined]
            cut = slice_in(text, start, end, unit)
            assert text[back(start):back(end)] == cut
            found.add((str(line["id"]), str(line.get("annotator", "")), back(start), back(end),
                       label, cut))
    return found


def prodigy_spans(data: bytes) -> set[SpanKey]:
    found = set()
    for eg in json_lines(data):
        text = str(eg["text"])
        for s in eg["spans"]:  # type: ignore[attr-defined]
            assert text[s["start"]:s["end"]] == s["text"]
            found.add((str(eg["id"]), str(eg.get("_annotator_id", "")), s["start"], s["end"],
                       s["label"], s["text"]))
    return found


def labelstudio_spans(data: bytes) -> set[SpanKey]:
    found = set()
    for task in json.loads(data.decode("utf-8")):
        text = task["data"]["text"]
        for name, annotation in zip(task["data"]["annotators"], task["annotations"],
                                    strict=True):
            for region in annotation["result"]:
                if region["type"] != "labels":
                    continue
                value = region["value"]
                assert text[value["start"]:value["end"]] == value["text"]
                found.add((task["data"]["doc_id"], name, value["start"], value["end"],
                           value["labels"][0], value["text"]))
    return found


def csv_spans(data: bytes, doc_texts: dict[str, str]) -> set[SpanKey]:
    found = set()
    for row in csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")):
        start, end = int(row["start"]), int(row["end"])
        assert doc_texts[row["document_id"]][start:end] == row["text"]
        found.add((row["document_id"], row["annotator"], start, end, row["label"],
                   row["text"]))
    return found


def brat_spans(folder: Path) -> set[SpanKey]:
    """Spans of a brat folder: each T line's fragments slice the .txt (read as brat
    reads it: UTF-8, no newline translation) to its text; the annotator is the
    sub-folder (``""`` at the top)."""
    found = set()
    for ann in sorted(folder.rglob("*.ann")):
        text = ann.with_suffix(".txt").read_bytes().decode("utf-8")
        annotator = "" if ann.parent == folder else label_from_brat(ann.parent.name)
        for line in ann.read_text(encoding="utf-8").split("\n"):
            if not line.startswith("T"):
                continue
            _, kind_where, shown = line.split("\t")
            kind, where = kind_where.split(" ", 1)
            pieces = [tuple(map(int, p.split())) for p in where.split(";")]
            assert " ".join(text[s:e] for s, e in pieces) == shown
            start, end = pieces[0][0], pieces[-1][1]
            found.add((ann.stem, annotator, start, end, label_from_brat(kind),
                       text[start:end]))
    return found


def drop_annotator(keys: set[SpanKey]) -> set[SpanKey]:
    return {(d, "", s, e, lab, t) for d, _, s, e, lab, t in keys}
