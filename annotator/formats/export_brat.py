"""brat standoff: a folder of ``<document uuid>.txt`` + ``.ann``, with ``annotation.conf``
and ``visual.conf``.

* ``.txt`` is the stored text, unchanged, UTF-8 without BOM: brat checks every span's
  text against ``txt[start:end]``, offsets counted in characters of the decoded text,
  i.e. code points as in Python (no conversion).
* ``.ann``: ``T1<TAB>Type start end<TAB>text`` per span; ``R1<TAB>type Arg1:T1 Arg2:T2``
  per link between two spans; ``#1<TAB>AnnotatorNotes T1<TAB>…`` for a span's note,
  entity, attributes and links to registry entities (one line: line breaks become
  spaces). brat reads the .ann line by line, so a span that crosses a line break is
  written as fragments ``start end;start end`` split at the break, its text the
  fragments joined by a space (how brat itself stores such spans).
* Type names: brat allows only ``A-Z a-z 0-9 _ -`` (``normalize_to_storage_form``), so
  label names are made safe reversibly by ``brat_name``: ASCII letters and digits stay,
  a space becomes ``_``, any other character ``c`` becomes ``-<hex code point of c>-``
  (``State/Government`` -> ``State-2f-Government``); ``label_from_brat`` undoes it.
  A name already taken (a label of another layer, or a layer) is written for
  ``"layer:name"``. ``visual.conf`` shows the original names and colours.
* ``annotation.conf`` lists the layers as unselectable groups (``!actor``) with their
  labels (sub-labels indented), the link types as relations, and allows any overlap.
* Annotators: when the project's spans (within ``--annotator``) come from one annotator,
  the folder is flat; otherwise each annotator's spans go to a sub-folder named by
  ``brat_name`` (brat shows sub-folders as collections; the conf applies to all), and
  documents nobody annotated stay at the top with an empty ``.ann``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from annotator.core.model import GOLD, LAYERS, Label, text_sha256
from annotator.formats.export_common import (
    DEFAULT_OPTIONS,
    EVERYTHING,
    LINE_BREAK,
    ExportOptions,
    FormatSummary,
    Record,
    SpanRec,
    by_annotator,
    dumps,
    one_line,
    records,
)
from annotator.formats.jsonl_export import ExportFilter
from annotator.formats.summary import Progress, no_progress
from annotator.store import Project

_SAFE = re.compile(r"[A-Za-z0-9]|_|-([0-9a-f]+)-")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{3,8}")
_FILE_STEM = re.compile(r"[A-Za-z0-9_-]{1,100}")
_LAYER_ORDER = {str(layer): i for i, layer in enumerate(LAYERS)}


def brat_name(name: str) -> str:
    """A brat-safe type (or folder) name for ``name``; ``label_from_brat`` reverses it."""
    return "".join(ch if ch.isascii() and ch.isalnum() else "_" if ch == " "
                   else f"-{ord(ch):x}-" for ch in name)


def label_from_brat(safe: str) -> str:
    """The name ``brat_name`` made ``safe`` from; ValueError for any other string."""
    out, pos = [], 0
    while pos < len(safe):
        m = _SAFE.match(safe, pos)
        if m is None:
            raise ValueError(f"{safe!r} is not a name written by brat_name")
        out.append(chr(int(m.group(1), 16)) if m.group(1) else
                   " " if m.group() == "_" else m.group())
        pos = m.end()
    return "".join(out)


class BratTypes:
    """The brat type of each (layer, label name), unique across the whole scheme."""

    def __init__(self, labels: Iterable[Label]) -> None:
        self.labels = sorted(labels, key=lambda lab: (_LAYER_ORDER.get(lab.layer, 99),
                                                      lab.position, lab.name))
        taken = {brat_name(str(layer)) for layer in LAYERS}
        self.types: dict[tuple[str, str], str] = {}
        for lab in self.labels:
            safe = brat_name(lab.name)
            if safe in taken:
                safe = brat_name(f"{lab.layer}:{lab.name}")
            taken.add(safe)
            self.types[(lab.layer, lab.name)] = safe

    def of(self, span: SpanRec) -> str:
        return self.types.get((span["layer"], span["label"])) or brat_name(span["label"])


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at line breaks, empty pieces dropped."""
    pieces, pos = [], start
    for m in LINE_BREAK.finditer(text, start, end):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, end))
    return [(s, e) for s, e in pieces if s < e]


def ann_lines(text: str, spans: list[SpanRec], links: list[Record], types: BratTypes,
              summary: FormatSummary) -> list[str]:
    """The .ann lines for one annotator's spans of one document."""
    lines: list[str] = []
    tids: dict[str, str] = {}
    for span in spans:
        pieces = fragments(text, span["start"], span["end"])
        if not pieces:  # only line breaks: nothing brat could show
            summary.dropped += 1
            continue
        tid = tids[span["id"]] = f"T{len(tids) + 1}"
        where = ";".join(f"{s} {e}" for s, e in pieces)
        lines.append(f"{tid}\t{types.of(span)} {where}\t{' '.join(text[s:e] for s, e in pieces)}")
    extra: dict[str, list[str]] = {}
    relations = 0
    for link in links:
        source, target = tids.get(link["source"]), tids.get(link.get("target") or "")
        if source and target:
            relations += 1
            summary.link_types.add(link["type"])
            lines.append(f"R{relations}\t{brat_name(link['type'])} Arg1:{source} "
                         f"Arg2:{target}")
        elif source and "entity" in link:
            extra.setdefault(link["source"], []).append(f"{link['type']}: "
                                                        f"{link['entity']['name']}")
    summary.links += relations
    notes = 0
    for span in spans:
        parts = [span.get("note") or ""]
        if "entity" in span:
            parts.append(f"entity: {span['entity']['name']}")
        parts.extend(extra.get(span["id"], []))
        if "attributes" in span:
            parts.append(f"attributes: {dumps(span['attributes'])}")
        parts = [p for p in parts if p]
        if parts and span["id"] in tids:
            notes += 1
            lines.append(f"#{notes}\tAnnotatorNotes {tids[span['id']]}\t"
                         f"{one_line(' | '.join(parts))}")
    return lines


def annotation_conf(types: BratTypes, link_types: set[str]) -> str:
    lines = ["# Written by Annotator. brat type names allow only A-Z a-z 0-9 _ -: a label",
             "# name is written with a space as _ and any other character c as",
             "# -<hex code point of c>- (State/Government -> State-2f-Government).",
             "[entities]"]
    children: dict[int | None, list[Label]] = {}
    for lab in types.labels:
        children.setdefault(lab.parent_id, []).append(lab)
    for layer in LAYERS:
        lines.append(f"!{layer}")
        for lab in children.get(None, []):
            if lab.layer == layer:
                lines.append(f"\t{types.types[(lab.layer, lab.name)]}")
                lines.extend(f"\t\t{types.types[(kid.layer, kid.name)]}"
                             for kid in children.get(lab.id, []))
    lines.append("[relations]")
    for kind in sorted({"holder", "target"} | link_types):
        lines.append(f"{brat_name(kind)}\tArg1:<ENTITY>, Arg2:<ENTITY>")
    lines.append("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>")
    lines += ["[events]", "[attributes]"]
    return "\n".join(lines) + "\n"


def visual_conf(types: BratTypes) -> str:
    lines = ["[labels]"]
    lines += [f"{types.types[(lab.layer, lab.name)]} | {_shown(lab.name)}"
              for lab in types.labels]
    lines.append("[drawing]")
    lines += [f"{types.types[(lab.layer, lab.name)]}\tbgColor:{lab.color}"
              for lab in types.labels if _COLOUR.fullmatch(lab.color)]
    return "\n".join(lines) + "\n"


def _shown(name: str) -> str:
    return one_line(name).replace("|", "\u00a6")  # "|" separates brat's label forms


def file_stem(doc_id: str) -> str:
    """The document's file name without suffix: its uuid, or (for an imported id that
    is no safe file name, e.g. ``../x``) a name derived from it."""
    return doc_id if _FILE_STEM.fullmatch(doc_id) else brat_name(doc_id)[:100] + \
        f"-{text_sha256(doc_id)[:12]}"


def _flat(project: Project, filt: ExportFilter) -> bool:
    coding = project.annotators_with_spans()
    names = {a.name for a in project.annotators() if a.id in coding}
    chosen = set(filt.annotators) | ({GOLD} if filt.gold else set())
    return len(names & chosen if chosen else names) <= 1


def export_brat(project: Project, folder: Path, filt: ExportFilter = EVERYTHING,
                options: ExportOptions = DEFAULT_OPTIONS,
                progress: Progress = no_progress) -> FormatSummary:
    """Write the brat collection into ``folder`` (which must exist)."""
    summary = FormatSummary()
    types = BratTypes(project.labels())
    flat = _flat(project, filt)
    for record in records(project, filt, summary, progress):
        groups = by_annotator(record["spans"])
        if flat or not groups:
            groups = [("", record["spans"])]
        for annotator, spans in groups:
            where = folder / brat_name(annotator) if annotator else folder
            where.mkdir(exist_ok=True)
            stem = file_stem(record["id"])
            (where / f"{stem}.txt").write_bytes(record["text"].encode("utf-8"))
            lines = ann_lines(record["text"], spans, record["links"], types, summary)
            (where / f"{stem}.ann").write_bytes(
                "".join(line + "\n" for line in lines).encode("utf-8"))
    (folder / "annotation.conf").write_bytes(
        annotation_conf(types, summary.link_types).encode("utf-8"))
    (folder / "visual.conf").write_bytes(visual_conf(types).encode("utf-8"))
    if summary.dropped:
        summary.notes.append(f"{summary.dropped} spans covering only line breaks left out")
    return summary
