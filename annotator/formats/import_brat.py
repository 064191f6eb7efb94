"""Importing a brat standoff folder (``.txt`` + ``.ann`` pairs) through the JSONL importer.

Each ``.ann`` becomes one neutral ``InDoc`` (``jsonl_records``) and goes through the same
``RecordImporter`` as JSONL, in the caller's transaction.

* Layout, as ``export_brat`` writes it: pairs at the top are ``--annotator``'s; pairs in
  a sub-folder (at any depth below it) are the annotator the first sub-folder names
  (``label_from_brat``, or the folder name as it is). A ``.txt`` without ``.ann`` is a
  document without spans; an ``.ann`` without ``.txt`` is an error.
* Text: UTF-8 read as brat reads it: nothing stripped (a leading U+FEFF is a character
  of the text and counts in the offsets), no newline translation. Line endings are
  then normalised to ``\\n`` (PRODUCT §3) and the offsets moved with them, so a CRLF
  file matches the project's text.
* A file named by a UUID (our export) keeps it as the document's uuid.
* ``T`` lines: fragments ``start end;start end`` separated only by line breaks (how our
  export and brat write a span across lines) join into one span; other gaps (a
  discontinuous brat span) keep the outer range, with a warning. The text after the
  second tab must be the fragments' texts joined by a space (it may hold a tab itself).
  Two equal T lines (same type and offsets) are two spans, as brat has them.
* Types: with our ``annotation.conf`` (it starts ``# Written by Annotator``) a type is
  decoded by ``label_from_brat``, its layer is the ``!layer`` group it is listed under
  (a ``layer:name`` type says it too) and a doubly indented type is a sub-label. A
  foreign type is the label name as written, layer ``--layer`` for a label the project
  lacks.
* ``R`` lines are links (``Arg1`` -> ``Arg2``); ``#`` ``AnnotatorNotes`` are notes. What
  our export packs into a note after `` | `` (``entity: X``, ``attributes: {…}``, a
  link to a registry entity ``type: X``) is read back when the conf is ours. Other
  lines (``E``, ``A``, ``N``, ``*`` …), and notes on them or on ``R`` lines (links
  carry no note here), are counted in a note and left out.

Errors name the ``.ann`` (or ``.txt``) and the line.
"""

from __future__ import annotations

import json
import re
import uuid as _uuid
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.model import LAYERS
from annotator.formats.export_brat import label_from_brat
from annotator.formats.export_common import LINE_BREAK
from annotator.formats.import_known import adopt_known
from annotator.formats.jsonl_import import RecordImporter
from annotator.formats.jsonl_records import InDoc, InEntity, InLink, InSpan
from annotator.formats.summary import ImportSummary, Progress, no_progress
from annotator.formats.text_import import title_from
from annotator.store import Project

_LAYER_NAMES = tuple(str(layer) for layer in LAYERS)
_OURS = "# Written by Annotator"
_T_WHERE = re.compile(r"(\d+) (\d+)(?:;(\d+) (\d+))*")
_ATTRS = "attributes: "
_KINDS = {"R": "relation", "E": "event", "A": "attribute", "M": "attribute",
          "N": "normalization", "*": "equivalence"}


def is_brat_folder(folder: Path) -> bool:
    return any(not _hidden(folder, p) for p in folder.rglob("*.ann"))


def _hidden(root: Path, path: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


@dataclass
class Conf:
    """What ``annotation.conf`` says about type names."""

    ours: bool = False
    types: dict[str, tuple[str | None, str, str | None]] = field(default_factory=dict)
    relations: set[str] = field(default_factory=set)

    def label(self, kind: str) -> tuple[str | None, str, str | None]:
        """(layer or None, label name, parent name or None) of a type."""
        if kind in self.types:
            return self.types[kind]
        name = self.name(kind)
        layer, sep, rest = name.partition(":")
        if sep and layer in _LAYER_NAMES and rest:
            return layer, rest, None
        return None, name, None

    def name(self, kind: str) -> str:
        if not self.ours:
            return kind
        try:
            return label_from_brat(kind)
        except ValueError:
            return kind


def read_conf(folder: Path) -> Conf:
    path = folder / "annotation.conf"
    if not path.is_file():
        return Conf()
    lines = _read(path).split("\n")
    conf = Conf(ours=bool(lines) and lines[0].startswith(_OURS))
    section, layer, parent = "", None, None
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("["):
            section = line.strip().strip("[]")
            continue
        term = line.strip().split()[0]
        depth = len(line) - len(line.lstrip("\t"))
        if section == "relations":
            conf.relations.add(conf.name(term))
        elif section == "entities":
            if term.startswith("!"):
                layer = term[1:] if term[1:] in _LAYER_NAMES and depth == 0 else None
                continue
            name = conf.name(term)
            prefix = f"{layer}:"
            if layer and name.startswith(prefix):
                name = name[len(prefix):]
            if depth <= 1:
                parent = name
                conf.types[term] = (layer if depth == 1 else None, name, None)
            else:
                conf.types[term] = (layer, name, parent)
    return conf


def _read(path: Path, *, keep_bom: bool = False) -> str:
    """The file as UTF-8; a BOM is dropped from ``.ann`` and ``.conf`` (no offsets count
    in them) and kept in a ``.txt`` (``keep_bom``), where brat counts it."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})", path=str(path)) from None
    try:
        return data.decode("utf-8" if keep_bom else "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError("not UTF-8", path=str(path), line=line) from None


class _Text:
    """A .txt as brat counts it and as the project stores it (``\\n`` line endings)."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.removed = [m.start() for m in re.finditer("\r\n", raw)]
        self.text = raw.replace("\r\n", "\n").replace("\r", "\n")

    def pos(self, raw_pos: int) -> int:
        return raw_pos - bisect_left(self.removed, raw_pos)


def import_brat(project: Project, folder: Path, summary: ImportSummary, *,
                annotator: str = "imported", layer: str = "actor",
                progress: Progress = no_progress) -> None:
    """Import one brat folder in the caller's transaction."""
    conf = read_conf(folder)
    importer = RecordImporter(project, summary, annotator=annotator, layer=layer)
    pairs = _pairs(folder)
    skipped: dict[str, int] = {}
    for done, (txt, ann) in enumerate(pairs, start=1):
        rel = txt.relative_to(folder)
        who = None
        if len(rel.parts) > 1:
            try:
                who = label_from_brat(rel.parts[0])
            except ValueError:
                who = rel.parts[0]
        text = _Text(_read(txt, keep_bom=True))
        if not text.text.strip():
            raise InputError("the document text is empty", path=str(txt))
        doc = InDoc(text=text.text, title=title_from(text.text, txt.name),
                    source=rel.as_posix(), annotator=who,
                    uuid=txt.stem if _is_uuid(txt.stem) else None)
        if ann is not None:
            read_ann(ann, text, conf, doc, summary, skipped)
        try:
            importer.add(adopt_known(project, doc, annotator, layer, summary), done,
                         place=f"in {ann or txt}")
        except AnnotatorError as exc:
            reason = exc.reason if isinstance(exc, InputError) else str(exc)
            raise InputError(reason, path=str(ann or txt)) from None
        progress(done, len(pairs))
    for kind, count in sorted(skipped.items()):
        summary.notes.append(f"{folder}: {count} brat {kind} annotations left out "
                             f"(Annotator has no place for them)")


def _pairs(folder: Path) -> list[tuple[Path, Path | None]]:
    anns = {p.with_suffix(""): p for p in folder.rglob("*.ann") if not _hidden(folder, p)}
    txts = {p.with_suffix(""): p for p in folder.rglob("*.txt") if not _hidden(folder, p)}
    for stem, ann in sorted(anns.items()):
        if stem not in txts:
            raise InputError("no .txt beside this .ann", path=str(ann))
    return [(txt, anns.get(stem)) for stem, txt in sorted(txts.items())]


def read_ann(ann: Path, text: _Text, conf: Conf, doc: InDoc, summary: ImportSummary,
             skipped: dict[str, int]) -> None:
    """Add the spans, links and notes of one .ann to ``doc``."""
    notes: dict[str, tuple[int, str]] = {}
    for number, line in enumerate(_read(ann).split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        try:
            head = line[0]
            if head == "T":
                doc.spans.append(_t_line(line, text, conf, doc, summary, f"{ann}:{number}"))
            elif head == "R":
                doc.links.append(_r_line(line, conf))
            elif head == "#":
                ref, note = _note_line(line)
                notes[ref] = (number, note)
            else:
                kind = _KINDS.get(head, "other")
                skipped[kind] = skipped.get(kind, 0) + 1
        except InputError as exc:
            raise InputError(exc.reason, path=str(ann), line=number) from None
    refs = {s.ref for s in doc.spans}
    for ref, (number, _) in notes.items():
        if ref not in refs:
            if ref.startswith("T"):
                raise InputError(f"AnnotatorNotes for {ref}, which is no T line of this file",
                                 path=str(ann), line=number)
            kind = f"AnnotatorNotes on {_KINDS.get(ref[:1], 'other')}"
            skipped[kind] = skipped.get(kind, 0) + 1
    doc.spans[:] = [_with_note(s, notes[s.ref][1], conf, doc) if s.ref in notes else s
                    for s in doc.spans]
    _number_equal_spans(doc)


def _number_equal_spans(doc: InDoc) -> None:
    """Equal T lines are distinct brat annotations: each repeat gets its occurrence."""
    count: dict[tuple[str | None, str, str | None, int, int], int] = {}
    for i, s in enumerate(doc.spans):
        key = (s.layer, s.label, s.parent, s.start, s.end)
        if key in count:
            doc.spans[i] = replace(s, occurrence=count[key])
        count[key] = count.get(key, 0) + 1


def _t_line(line: str, text: _Text, conf: Conf, doc: InDoc, summary: ImportSummary,
            where: str) -> InSpan:
    parts = line.split("\t", 2)
    if len(parts) != 3 or " " not in parts[1]:
        raise InputError("expected 'T<n><TAB><type> <start> <end><TAB><text>'")
    tid, (kind, places), shown = parts[0], parts[1].split(" ", 1), parts[2]
    if not _T_WHERE.fullmatch(places):
        raise InputError(f"offsets {places!r} are not 'start end' or 'start end;start end'")
    pieces = [(int(a), int(b)) for a, b in (p.split(" ") for p in places.split(";"))]
    raw = text.raw
    for start, end in pieces:
        if not 0 <= start < end <= len(raw):
            raise InputError(f"{tid}: offsets {start} {end} outside the text of "
                             f"{len(raw)} characters")
    cut = " ".join(raw[s:e] for s, e in pieces)
    if cut != shown:
        raise InputError(f"{tid}: the text at {places} is {cut!r}, the line says "
                         f"{shown!r}")
    pairs = pairwise(pieces)
    if any(b[0] < a[1] or LINE_BREAK.sub("", raw[a[1]:b[0]]) for a, b in pairs):
        summary.notes.append(f"{where}: {tid} is a discontinuous span ({places}); "
                             f"imported as its whole range")
    start, end = min(s for s, _ in pieces), max(e for _, e in pieces)
    layer, label, parent = conf.label(kind)
    return InSpan(start=text.pos(start), end=text.pos(end), label=label, layer=layer,
                  parent=parent, ref=tid)


def _r_line(line: str, conf: Conf) -> InLink:
    parts = line.split("\t")
    fields = parts[1].split() if len(parts) >= 2 else []
    args = dict(f.split(":", 1) for f in fields[1:] if ":" in f)
    if len(fields) != 3 or len(args) != 2:
        raise InputError("expected 'R<n><TAB><type> Arg1:T<a> Arg2:T<b>'")
    source, target = list(args.values())
    return InLink(source=source, target=target, type=conf.name(fields[0]))


def _note_line(line: str) -> tuple[str, str]:
    parts = line.split("\t", 2)
    fields = parts[1].split() if len(parts) == 3 else []
    if len(fields) != 2:
        raise InputError("expected '#<n><TAB>AnnotatorNotes T<n><TAB><note>'")
    return fields[1], parts[2]


def _with_note(span: InSpan, note: str, conf: Conf, doc: InDoc) -> InSpan:
    """The note, with what our export packed into it (``ann_lines``) taken back out."""
    if not conf.ours:
        return replace(span, note=note)
    parts = note.split(" | ")
    kept: list[str] = []
    entity: InEntity | None = None
    attributes: dict[str, Any] = {}
    for part in parts:
        kind, sep, value = part.partition(": ")
        if part.startswith(_ATTRS) and _json_object(part[len(_ATTRS):]) is not None:
            attributes = _json_object(part[len(_ATTRS):]) or {}
        elif sep and kind == "entity" and value:
            entity = InEntity(name=value)
        elif sep and kind in conf.relations and value:
            assert span.ref is not None
            doc.links.append(InLink(source=span.ref, type=kind,
                                    entity=InEntity(name=value)))
        else:
            kept.append(part)
    return replace(span, note=" | ".join(kept), entity=entity, attributes=attributes)


def _json_object(value: str) -> dict[str, Any] | None:
    try:
        got = json.loads(value)
    except ValueError:
        return None
    return got if isinstance(got, dict) else None


def _is_uuid(value: str) -> bool:
    try:
        return str(_uuid.UUID(value)) == value.lower()
    except ValueError:
        return False
