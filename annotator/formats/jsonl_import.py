"""Importing JSONL (native, doccano, Prodigy/spaCy) into a project.

Runs in the caller's transaction: the first bad line raises ``InputError(path, line)``
and the caller's rollback leaves the project as it was. Documents are matched by uuid,
then by text hash; a span or link whose id is already in the project is skipped, so
importing the same file twice changes nothing. Foreign spans have no ids: a span equal
to one the project holds (same document, annotator, layer, label and offsets) is that
span (``import_known``), so our doccano or Prodigy export comes back into its own
project without doubling; any other gets an id derived from what it says (text hash,
annotator, layer, label, offsets), which makes re-importing a file idempotent too.

Offsets are converted to code points per record, from the unit the record or the header
states or the caller names (``import_units``; doccano's app counts UTF-16 code units).

Annotators are matched by name, as the user chose to import this file. A native header
that lists the people with their ids (``"annotators"``) gives a created annotator the
file's id, so a later merge of the same colleague's project file knows them; a local
namesake with another id keeps the spans and gets a note in the summary.
"""

from __future__ import annotations

import codecs
import json
import os
import uuid as _uuid
from collections.abc import Generator
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, InputError, SpanError
from annotator.core.model import (
    LAYERS,
    Annotator,
    Document,
    Entity,
    Label,
    Link,
    Span,
    Status,
    now_iso,
    text_sha256,
)
from annotator.core.spans import validate_span
from annotator.formats.import_known import adopt_known
from annotator.formats.import_units import (
    span_name,
    suspect_hint,
    suspect_note,
    suspect_unit,
    to_codepoints,
)
from annotator.formats.json_array import elements, read_text, refuse_constant
from annotator.formats.jsonl_records import (
    InDoc,
    InEntity,
    InLink,
    InSpan,
    header_people,
    parse_record,
)
from annotator.formats.offset_units import check_unit
from annotator.formats.summary import ImportSummary, Progress, no_progress
from annotator.formats.text_import import title_from
from annotator.store import Project

FORMAT_NAME = "jsonl"
FORMAT_VERSION = 1
# Derived ids for records that carry none (foreign formats); fixed forever.
_NAMESPACE = _uuid.UUID("6d1c7f52-3f0e-4c3e-9d59-2b1d6a0f4e11")
# Colours for labels an import creates, so they stay distinguishable in the window.
_PALETTE = ("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#46f0f0", "#f032e6",
            "#bcf60c", "#008080", "#9a6324", "#800000", "#808000", "#000075")
_LAYER_NAMES = tuple(str(layer) for layer in LAYERS)


def derived_uuid(*parts: object) -> str:
    return str(_uuid.uuid5(_NAMESPACE, "\x1f".join(str(p) for p in parts)))


def read_jsonl(path: Path, progress: Progress = no_progress
               ) -> Generator[tuple[int, Any], None, None]:
    """(line number, decoded JSON) for each non-blank line, streaming; for a file that
    is one JSON array instead (doccano's JSON export, pretty-printed), each element with
    the line it starts on."""
    done = 0
    try:
        fh = path.open("rb")
        total = os.fstat(fh.fileno()).st_size
        head = fh.read(4096).removeprefix(codecs.BOM_UTF8).lstrip()
        fh.seek(0)
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})", path=str(path)) from None
    if head.startswith(b"["):
        fh.close()
        yield from _array(path, progress)
        return
    with fh:
        for number, raw in enumerate(fh, start=1):
            done += len(raw)
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"not UTF-8 (byte {exc.start + 1} of the line)",
                                 path=str(path), line=number) from None
            if line.strip():
                try:
                    value = json.loads(line, parse_constant=refuse_constant)
                except json.JSONDecodeError as exc:
                    # json's messages end in " at" before the position it leaves out
                    reason = exc.msg.removesuffix(" at")
                    raise InputError(f"malformed JSON at column {exc.colno}: {reason}",
                                     path=str(path), line=number) from None
                except (ValueError, RecursionError) as exc:
                    raise InputError(f"malformed JSON ({exc})", path=str(path),
                                     line=number) from None
                yield number, value
            progress(done, total)


def _array(path: Path, progress: Progress) -> Generator[tuple[int, Any], None, None]:
    text = read_text(path)
    for n, (line, value) in enumerate(elements(text, text.index("[") + 1, str(path)),
                                      start=1):
        yield line, value
        progress(n, 0)


def check_header(rec: dict[str, Any]) -> str:
    """The offset unit the header states, once the header is known to be ours."""
    if rec.get("annotator_format") != FORMAT_NAME:
        raise InputError(f"header: unknown format {rec.get('annotator_format')!r}")
    version = rec.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise InputError(f"header: format version {version!r} is newer than this Annotator "
                         f"reads ({FORMAT_VERSION}); update Annotator")
    unit = rec.get("offset_unit")
    if not isinstance(unit, str):
        raise InputError(f"header: offset unit {unit!r} is not a name")
    try:
        return check_unit(unit)
    except InputError as exc:
        raise InputError(f"header: {exc.reason}") from None


def import_jsonl(project: Project, path: Path, summary: ImportSummary, *,
                 annotator: str = "imported", layer: str = "actor",
                 offset_unit: str | None = None, progress: Progress = no_progress,
                 people: dict[str, int] | None = None) -> None:
    """Import one JSONL file in the caller's transaction (see the module docstring).

    Offsets are read in the unit the record states, else the header, else
    ``offset_unit``; with none stated (code points assumed) records that look counted
    in another unit are listed in a warning in ``summary.notes``. ``people`` (name in
    the file -> local annotator id) is a merge's decision on who is who; the header's
    person ids are then left to the caller (``merge_jsonl``).
    """
    if layer not in _LAYER_NAMES:
        raise InputError(f"unknown layer {layer!r} (known: {', '.join(_LAYER_NAMES)})")
    importer = RecordImporter(project, summary, annotator=annotator, layer=layer)
    if people is not None:
        importer.annotators.update(people)
    first = True
    stated = offset_unit
    suspects: dict[str, list[int]] = {}
    for number, rec in read_jsonl(path, progress):
        try:
            if first and isinstance(rec, dict) and "annotator_format" in rec:
                stated = check_header(rec)
                if people is None:
                    importer.header(header_people(rec), str(path))
                if offset_unit not in (None, stated):
                    summary.notes.append(f"{path}: its header states offsets in {stated}; "
                                         f"--offset-unit {offset_unit} does not apply to it")
            else:
                doc = parse_record(rec)
                if doc is None:
                    summary.records_skipped += 1
                else:
                    unit = doc.offset_unit or stated
                    guess = suspect_unit(doc) if unit is None else None
                    if guess is not None:
                        suspects.setdefault(guess, []).append(number)
                    doc = to_codepoints(doc, unit or "codepoint")
                    if any(span.uuid is None for span in doc.spans):  # doccano, Prodigy
                        doc = adopt_known(project, doc, annotator, layer, summary)
                    importer.add(doc, number, hint=suspect_hint(guess))
        except AnnotatorError as exc:  # locate whatever the record broke
            reason = exc.reason if isinstance(exc, InputError) else str(exc)
            raise InputError(reason, path=str(path), line=number) from None
        first = False
    if first:
        raise InputError("the file is empty", path=str(path))
    for unit, lines in suspects.items():
        summary.notes.append(suspect_note(str(path), unit, lines))


class RecordImporter:
    """Resolves names to ids (creating what is missing) and writes one record at a time."""

    def __init__(self, project: Project, summary: ImportSummary, *, annotator: str,
                 layer: str) -> None:
        self.project = project
        self.summary = summary
        self.default_annotator = annotator
        self.default_layer = layer
        self.labels: dict[tuple[str, str], Label] = {
            (lab.layer, lab.name): lab for lab in project.labels()}
        self.annotators: dict[str, int] = {
            a.name: a.id for a in project.annotators() if a.id is not None}
        self.header_ids: dict[str, str] = {}  # name -> the file's person id, to create
        self.entities: dict[tuple[str | None, str], int] = {}
        self.seen_spans: dict[str, tuple[int, str]] = {}  # explicit span id -> (line, place)
        self.seen_links: dict[str, tuple[int, str]] = {}
        self.documents: set[int] = set()  # met in this import: each counted once
        self.line = 0
        self.place = ""  # where the record is, for messages: "on line 3", "in a/b.ann"
        self.hint = ""  # added to an offset error (see import_units.suspect_hint)
        self.now = now_iso()  # one timestamp for the import, not one clock read per span

    def add(self, doc: InDoc, line: int, hint: str = "", place: str | None = None) -> None:
        """Write record number ``line``; ``place`` names it in messages (default: the
        line)."""
        self.line = line
        self.hint = hint
        self.place = place or f"on line {line}"
        text = doc.text
        if not text.strip():
            raise InputError("the document text is empty")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InputError(f"the text has an unpaired surrogate at {exc.start}") from None
        doc_id = self._document(doc, text)
        refs = self._spans(doc, doc_id, text)
        self._links(doc, refs)
        self._statuses(doc, doc_id)

    # -- documents -------------------------------------------------------------------------
    def _document(self, doc: InDoc, text: str) -> int:
        sha = text_sha256(text)
        existing = None
        if doc.uuid is not None:
            existing = self.project.find_document(uuid=doc.uuid)
            if existing is not None and existing.sha256 != sha:
                raise InputError(f"document {doc.uuid} is already in the project with a "
                                 "different text")
        if existing is None:
            existing = self.project.find_document(sha256=sha)
        if existing is not None and existing.id is not None:
            # Another line of this import (doccano's one line per annotator, brat's
            # copy per annotator folder) is the same document, not one "already there".
            if existing.id not in self.documents:
                self.summary.documents_matched += 1
                self.documents.add(existing.id)
            return existing.id
        stored, _ = self.project.add_document(Document(
            title=doc.title if doc.title is not None else title_from(text, "untitled"),
            text=text, source=doc.source, meta=doc.meta, sha256=sha,
            uuid=doc.uuid or derived_uuid("document", sha)))
        self.summary.documents_added += 1
        assert stored.id is not None
        self.documents.add(stored.id)
        return stored.id

    # -- spans -----------------------------------------------------------------------------
    def _spans(self, doc: InDoc, doc_id: int, text: str) -> dict[str, str]:
        """Insert the record's new spans; returns {ref or uuid: uuid} for its links."""
        sha = text_sha256(text)
        refs: dict[str, str] = {}
        new: dict[str, Span] = {}
        for number, s in enumerate(doc.spans, start=1):
            what = span_name(s, number)
            try:
                validate_span(text, s.start, s.end, s.text)
            except SpanError as exc:
                raise InputError(f"{what}: {exc}{self.hint}") from None
            label = self._label_for(s)
            annotator = (s.annotator or doc.annotator or self.default_annotator).strip()
            if not annotator:
                raise InputError(f"{what}: the annotator name is empty")
            uuid = s.uuid
            if uuid is not None and not s.known:
                first, place = self.seen_spans.setdefault(uuid, (self.line, self.place))
                if first != self.line or uuid in new:
                    raise InputError(f"duplicate span id {uuid} (first {place})")
            elif uuid is None:
                uuid = derived_uuid("span", sha, annotator, label.layer, label.name,
                                    s.start, s.end, *([s.occurrence] if s.occurrence else []))
            refs[s.ref or uuid] = uuid
            if uuid in new:  # the same foreign annotation twice in one record
                self.summary.spans_skipped += 1
                continue
            assert label.id is not None
            new[uuid] = Span(doc_id=doc_id, annotator_id=self._annotator_id(annotator),
                             label_id=label.id, start=s.start, end=s.end,
                             text=text[s.start:s.end], note=s.note, attributes=s.attributes,
                             entity_id=self._entity_id(s.entity) if s.entity else None,
                             uuid=uuid, created=self.now)
        for uuid, owner in self.project.span_docs_by_uuid(list(new)).items():
            if owner != doc_id:
                raise InputError(f"span id {uuid} is already used by another document of "
                                 "the project")
            del new[uuid]
            self.summary.spans_skipped += 1
        self.project.insert_spans(new.values())
        self.summary.spans_added += len(new)
        return refs

    def _label_for(self, s: InSpan) -> Label:
        if s.layer is not None:
            return self._label(s.layer, s.label, s.parent)
        found = self.labels.get((self.default_layer, s.label))
        if found is not None:
            return found
        elsewhere = [lab for (_, name), lab in self.labels.items() if name == s.label]
        if len(elsewhere) == 1:
            return elsewhere[0]
        return self._label(self.default_layer, s.label, None)

    def _label(self, layer: str, name: str, parent: str | None) -> Label:
        found = self.labels.get((layer, name))
        if found is not None:
            return found
        if layer not in _LAYER_NAMES:
            raise InputError(f"unknown layer {layer!r} for label {name!r} (known: "
                             f"{', '.join(_LAYER_NAMES)})")
        parent_id = self._label(layer, parent, None).id if parent else None
        colour = _PALETTE[len(self.summary.labels_created) % len(_PALETTE)]
        label = self.project.insert_label(Label(layer=layer, name=name, color=colour,
                                                parent_id=parent_id))
        self.labels[(layer, name)] = label
        self.summary.labels_created.append(f"{layer}/{name}")
        return label

    def header(self, people: list[Annotator], source: str) -> None:
        """Take the person ids a native header gives (see the module docstring)."""
        mine = self.project.annotators()
        by_name = {a.name: a for a in mine}
        by_uuid = {a.uuid: a for a in mine}
        for person in people:
            local = by_name.get(person.name)
            same = by_uuid.get(person.uuid)
            if local is not None:
                if local.uuid != person.uuid:
                    self.summary.notes.append(
                        f"{person.name!r} in {source} is a different person id than this "
                        f"project's {local.name!r}; their spans were added under the local "
                        f"{local.name!r}")
            elif same is not None and same.id is not None:
                # Their id is a person this project knows by another name: the same
                # person (ids are random), so not a second annotator for them.
                self.annotators[person.name] = same.id
                self.summary.notes.append(
                    f"{person.name!r} in {source} is the person this project calls "
                    f"{same.name!r} (same person id); their spans were added under "
                    f"{same.name!r}")
            else:
                self.header_ids[person.name] = person.uuid

    def _annotator_id(self, name: str) -> int:
        found = self.annotators.get(name)
        if found is None:
            ann = self.project.annotator(name, uuid=self.header_ids.get(name))
            assert ann.id is not None
            found = self.annotators[name] = ann.id
            self.summary.annotators_created.append(name)
        return found

    def _entity_id(self, ent: InEntity) -> int:
        key = (ent.uuid, ent.name)
        if key in self.entities:
            return self.entities[key]
        found = None
        if ent.uuid is not None:
            found = self.project.find_entity(uuid=ent.uuid)
        if found is None:
            # The same canonical actor from a colleague's registry: one entity, not two.
            found = self.project.find_entity(name=ent.name)
        if found is None:
            found = self.project.insert_entity(Entity(
                name=ent.name, type=ent.type, aliases=ent.aliases,
                uuid=ent.uuid or derived_uuid("entity", ent.name)))
        assert found.id is not None
        self.entities[key] = found.id
        return found.id

    # -- links and statuses ----------------------------------------------------------------
    def _links(self, doc: InDoc, refs: dict[str, str]) -> None:
        if not doc.links:
            return
        pending: list[tuple[str, InLink, str, str | None]] = []
        for link in doc.links:
            source = refs.get(link.source, link.source)
            target = refs.get(link.target, link.target) if link.target else None
            uuid = link.uuid or derived_uuid(
                "link", source, link.type, target or (link.entity.name if link.entity else ""))
            if link.uuid is not None:
                first, place = self.seen_links.setdefault(uuid, (self.line, self.place))
                if first != self.line:
                    raise InputError(f"duplicate link id {uuid} (first {place})")
            pending.append((uuid, link, source, target))
        existing = self.project.existing_link_uuids([p[0] for p in pending])
        ends = {e for p in pending for e in (p[2], p[3]) if e is not None}
        ids = self.project.span_ids_by_uuid(sorted(ends))
        for uuid, link, source, target in pending:
            for end in (source, target):
                if end is not None and end not in ids:
                    raise InputError(f"link {uuid}: no span {end} in this record or the "
                                     "project")
            if uuid in existing:
                continue
            existing.add(uuid)
            self.project.insert_link(Link(
                source_id=ids[source], type=link.type,
                target_id=ids[target] if target is not None else None,
                target_entity_id=self._entity_id(link.entity) if link.entity else None,
                uuid=uuid))
            self.summary.links_added += 1

    def _statuses(self, doc: InDoc, doc_id: int) -> None:
        for name, value in doc.status.items():
            status = Status(value)
            annotator_id = self._annotator_id(name)
            # Never downgrade what this project already recorded.
            if status != Status.TODO and self.project.get_status(
                    doc_id, annotator_id) == Status.TODO:
                self.project.set_status(doc_id, annotator_id, status)
