"""Importing Label Studio JSON (a ``.json`` list of tasks) through the JSONL importer.

What Label Studio itself imports is read: a list of tasks or one task object, tasks with
``data`` or "flat" ones whose keys are the data (``[{"text": …}]``).

Each task becomes one neutral ``InDoc`` (``jsonl_records``) and goes through the same
``RecordImporter`` as JSONL: documents matched by uuid then text hash, labels and
annotators created by name, known span ids skipped, all in the caller's transaction.

* ``data.text`` is the text (``--text-key`` names another key, as a labelling config's
  ``<Text value="$article"/>`` does), kept as it is: Label Studio's offsets count code
  points of exactly this string (see ``export_labelstudio``); ``--offset-unit utf16``
  reads a file from Label Studio before 2022 (issue #1347). ``data.title``,
  ``data.doc_id`` (our export's document uuid), ``data.source`` and ``data.meta`` are
  ours; any other ``data`` key of a foreign task becomes metadata.
* Annotators, per annotation: our export's ``data.annotators`` (same order), else
  ``completed_by`` (an e-mail, a name, or a user number: ``Label Studio user 3``), else
  ``--annotator``. Cancelled annotations (``was_cancelled``) are skipped. Predictions
  are not annotations: they are counted and left out, or with ``--predictions``
  imported as an annotator named after the prediction's ``model_version``.
* Regions of other kinds (choices, text areas, image rectangles, ...) have no place in
  Annotator: they are counted by kind in the summary's notes.
* ``labels`` regions: one span per label; ``from_name`` is the layer when it names one
  (our export writes one ``<Labels>`` per layer), else ``--layer`` for a label the
  project lacks. ``value.text`` must be ``text[start:end]``. A region id that is a UUID
  (ours: the span's uuid) is kept as the span's id; any other (Label Studio's short
  ids, reused across annotations made from one prediction) only joins relations, and the
  span gets a derived id, so importing twice changes nothing either way.
* ``relation`` regions: a link per label (``relation`` when it has none).
* ``meta.text`` of a region is its note; ``meta.entity`` (a registry entity) and
  ``meta.attributes`` (an object), as our export writes them, come back too.

Errors name the file and the line where the task (or the JSON error) is.
"""

from __future__ import annotations

import json
import uuid as _uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.model import LAYERS
from annotator.core.wording import count
from annotator.formats.import_known import adopt_known
from annotator.formats.import_units import to_codepoints
from annotator.formats.json_array import elements, json_error, read_text, skip_space
from annotator.formats.jsonl_import import RecordImporter
from annotator.formats.jsonl_records import InDoc, InEntity, InLink, InSpan
from annotator.formats.summary import ImportSummary, Progress, no_progress
from annotator.store import Project

_LAYER_NAMES = frozenset(str(layer) for layer in LAYERS)
_OUR_DATA = frozenset({"text", "title", "doc_id", "source", "annotators", "meta"})


# Keys of a doccano or Prodigy record, which a Label Studio task (one with "data", or a
# flat one: its data) does not have.
_RECORD_KEYS = frozenset({"label", "labels", "entities", "relations", "spans", "cats"})


def json_kind(path: Path, text_key: str = "text") -> str | None:
    """What a ``.json`` file holds, judged by its first element without reading the
    rest: "labelstudio" for a Label Studio task or a list of them (an object with
    ``data``, or a flat one with a ``text_key`` string), "jsonl" for a JSON array of
    doccano or Prodigy records (doccano's JSON export), None for anything else."""
    first = _first(path)
    if not isinstance(first, dict):
        return None
    if "data" not in first and _RECORD_KEYS & first.keys() and "text" in first:
        return "jsonl"
    if "data" in first or isinstance(first.get(text_key), str):
        return "labelstudio"
    return None


def _first(path: Path) -> Any:
    """The file's object, or the first element of its array (None if neither)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1 << 20).decode("utf-8-sig", errors="replace")
    except OSError:
        return None
    start = skip_space(head, 0)
    opener = head[start:start + 1]
    if opener not in ("[", "{"):
        return None
    try:
        if opener == "[":
            for _, value in elements(head, start + 1, str(path)):
                return value
            return None
        return json.JSONDecoder().raw_decode(head, start)[0]
    except (InputError, ValueError):
        # A first task longer than the peek: decide on the whole file.
        try:
            value = json.loads(read_text(path))
        except (InputError, ValueError):
            return None
        return (value[0] if value else None) if isinstance(value, list) else value


@dataclass
class Reading:
    """How to read tasks, and what was left out of them (for the summary)."""

    text_key: str = "text"
    predictions: bool = False  # import predictions as annotators (else count them)
    left_out: Counter[str] = field(default_factory=Counter)  # region kind: how many
    predictions_left_out: int = 0
    cancelled: int = 0

    def notes(self) -> list[str]:
        notes = []
        if self.left_out:
            kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(self.left_out.items()))
            notes.append(f"left out {count(self.left_out.total(), 'Label Studio region')} "
                         f"that are not text spans or relations ({kinds})")
        if self.predictions_left_out:
            notes.append(f"left out {count(self.predictions_left_out, 'prediction')} "
                         "(import them with --predictions)")
        if self.cancelled:
            notes.append(f"skipped {count(self.cancelled, 'cancelled annotation')}")
        return notes


def import_labelstudio(project: Project, path: Path, summary: ImportSummary, *,
                       annotator: str = "imported", layer: str = "actor",
                       offset_unit: str | None = None, text_key: str = "text",
                       predictions: bool = False,
                       progress: Progress = no_progress) -> None:
    """Import one Label Studio JSON file in the caller's transaction."""
    text = read_text(path)
    start = skip_space(text, 0)
    if text.startswith("[", start):
        tasks_in = elements(text, start + 1, str(path))
    elif text.startswith("{", start):
        tasks_in = _single(text, start, str(path))
    else:
        raise InputError("expected a Label Studio task or a JSON list of them",
                         path=str(path), line=text.count("\n", 0, start) + 1)
    importer = RecordImporter(project, summary, annotator=annotator, layer=layer)
    reading = Reading(text_key=text_key, predictions=predictions)
    tasks = 0
    for line, raw in tasks_in:
        tasks += 1
        try:
            doc = to_codepoints(task_doc(raw, reading), offset_unit or "codepoint")
            importer.add(adopt_known(project, doc, annotator, layer, summary), line)
        except AnnotatorError as exc:
            reason = exc.reason if isinstance(exc, InputError) else str(exc)
            raise InputError(f"task #{tasks}: {reason}", path=str(path), line=line) from None
        progress(tasks, 0)
    if not tasks:
        raise InputError("the file has no tasks", path=str(path))
    summary.notes.extend(f"{path.name}: {note}" for note in reading.notes())


def _single(text: str, start: int, path: str) -> Iterator[tuple[int, Any]]:
    """The one task of a file that holds a task object, not a list."""
    try:
        value, end = json.JSONDecoder().raw_decode(text, start)
    except json.JSONDecodeError as exc:
        raise json_error(text, exc.pos, exc.msg.removesuffix(" at"), path) from None
    if skip_space(text, end) != len(text):
        raise json_error(text, end, "extra data after the task", path)
    yield text.count("\n", 0, start) + 1, value


def task_doc(task: Any, reading: Reading | None = None) -> InDoc:
    """One Label Studio task as an ``InDoc`` (offsets as the file counts them)."""
    reading = reading or Reading()
    if not isinstance(task, dict):
        raise InputError('expected a task object (with "data", or the data itself)')
    flat = "data" not in task  # Label Studio reads such a task as its data
    data = task if flat else task["data"]
    if not isinstance(data, dict):
        raise InputError('"data" must be an object')
    key = reading.text_key
    text = data.get(key)
    if not isinstance(text, str):
        raise InputError(_no_text(data, key, flat))
    ours = (_OUR_DATA - {"text"}) | {key}
    given = data.get("meta")
    meta: dict[str, Any] = dict(given) if isinstance(given, dict) else {}
    for name, value in data.items():
        if name not in ours:
            meta.setdefault(name, value)
    doc_id, title, source = data.get("doc_id"), data.get("title"), data.get("source")
    doc = InDoc(text=text, meta=meta,
                uuid=doc_id if isinstance(doc_id, str) and doc_id else None,
                title=title if isinstance(title, str) else None,
                source=source if isinstance(source, str) else "")
    if flat:
        return doc
    names = data.get("annotators")
    annotations = _list(task, "annotations")
    named = isinstance(names, list) and len(names) == len(annotations)
    taken: set[str] = set()
    for i, annotation in enumerate(annotations, start=1):
        if not isinstance(annotation, dict):
            raise InputError(f"annotation #{i} is not an object")
        if annotation.get("was_cancelled"):
            reading.cancelled += 1
            continue
        who = names[i - 1] if named and isinstance(names, list) \
            else _completed_by(annotation)
        _annotation(annotation, f"annotation #{i}", f"a{i}#",
                    who if isinstance(who, str) and who.strip() else None, doc, taken,
                    reading)
    _predictions(_list(task, "predictions"), doc, taken, reading)
    return doc


def _list(task: dict[str, Any], key: str) -> list[Any]:
    value = task.get(key) or []
    if not isinstance(value, list):
        raise InputError(f'"{key}" must be a list')
    return value


def _no_text(data: dict[str, Any], key: str, flat: bool) -> str:
    where = "the task" if flat else '"data"'
    strings = [name for name, value in data.items() if isinstance(value, str)]
    hint = (f" (its text keys: {', '.join(strings)}; name the one to read with "
            "--text-key)" if strings and key not in strings else "")
    return f'{where} has no "{key}" string{hint}'


def _predictions(predictions: list[Any], doc: InDoc, taken: set[str],
                 reading: Reading) -> None:
    """A model's predictions: an annotator named after its version, or only counted."""
    if not reading.predictions:
        reading.predictions_left_out += len(predictions)
        return
    for i, prediction in enumerate(predictions, start=1):
        if not isinstance(prediction, dict):
            raise InputError(f"prediction #{i} is not an object")
        version = prediction.get("model_version")
        who = str(version) if version not in (None, "") else "Label Studio prediction"
        _annotation(prediction, f"prediction #{i}", f"p{i}#", who, doc, taken, reading)


def _completed_by(annotation: dict[str, Any]) -> str | None:
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        for key in ("email", "username"):
            if isinstance(who.get(key), str) and who[key].strip():
                return str(who[key])
        name = f"{who.get('first_name') or ''} {who.get('last_name') or ''}".strip()
        return name or (f"Label Studio user {who['id']}" if "id" in who else None)
    if isinstance(who, str):
        return who
    if isinstance(who, int) and not isinstance(who, bool):
        return f"Label Studio user {who}"
    return None


def _annotation(annotation: dict[str, Any], what: str, scope: str, who: str | None,
                doc: InDoc, taken: set[str], reading: Reading) -> None:
    """The regions of one annotation (or prediction); ``scope`` prefixes its region ids,
    which are unique within it only."""
    result = annotation.get("result") or []
    if not isinstance(result, list):
        raise InputError(f'{what}: "result" must be a list')
    for j, region in enumerate(result, start=1):
        where = f"{what} region #{j}"
        if not isinstance(region, dict):
            raise InputError(f"{where} is not an object")
        kind = region.get("type")
        if kind == "labels":
            doc.spans.extend(_spans(region, where, who, scope, taken))
        elif kind == "relation":
            doc.links.extend(_links(region, where, scope))
        else:
            reading.left_out[str(kind) if kind else "untyped"] += 1


def _spans(region: dict[str, Any], what: str, who: str | None, scope: str,
           taken: set[str]) -> list[InSpan]:
    value = region.get("value")
    if not isinstance(value, dict):
        raise InputError(f'{what} has no "value" object')
    start, end, labels = value.get("start"), value.get("end"), value.get("labels")
    for key, got in (("start", start), ("end", end)):
        if not isinstance(got, int) or isinstance(got, bool):
            raise InputError(f'{what}: "value.{key}" must be an integer')
    if not isinstance(labels, list) or not labels or not all(
            isinstance(lab, str) and lab.strip() for lab in labels):
        raise InputError(f'{what}: "value.labels" must be a list of label names')
    text = value.get("text")
    layer = region.get("from_name")
    rid = region.get("id")
    ref = f"{scope}{rid}" if rid is not None else None
    uuid = rid if isinstance(rid, str) and _is_uuid(rid) and rid not in taken else None
    if uuid is not None and len(labels) == 1:
        taken.add(uuid)
    else:
        uuid = None
    meta = region.get("meta")
    notes = meta.get("text") if isinstance(meta, dict) else None
    note = "\n".join(n for n in notes if isinstance(n, str)) if isinstance(notes, list) \
        else notes if isinstance(notes, str) else ""
    entity = meta.get("entity") if isinstance(meta, dict) else None
    attributes = meta.get("attributes") if isinstance(meta, dict) else None
    return [InSpan(start=start, end=end, label=label,  # type: ignore[arg-type]
                   layer=layer if layer in _LAYER_NAMES else None,
                   text=text if isinstance(text, str) else None, annotator=who,
                   uuid=uuid, ref=ref, note=note,
                   entity=_entity(entity),
                   attributes=attributes if isinstance(attributes, dict) else {})
            for label in labels]


def _entity(raw: Any) -> InEntity | None:
    """A region's ``meta.entity`` as our export writes it (the native entity object)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) \
            or not raw["name"].strip():
        return None
    kind, uuid = raw.get("type"), raw.get("id")
    return InEntity(name=raw["name"], type=kind if isinstance(kind, str) else "",
                    uuid=uuid if isinstance(uuid, str) else None)


def _links(region: dict[str, Any], what: str, scope: str) -> list[InLink]:
    source, target = region.get("from_id"), region.get("to_id")
    if source is None or target is None:
        raise InputError(f'{what}: a relation needs "from_id" and "to_id"')
    kinds = region.get("labels") or ["relation"]
    if not isinstance(kinds, list) or not all(isinstance(k, str) and k.strip() for k in kinds):
        raise InputError(f'{what}: "labels" of a relation must be names')
    return [InLink(source=f"{scope}{source}", target=f"{scope}{target}", type=kind)
            for kind in kinds]


def _is_uuid(value: str) -> bool:
    try:
        return str(_uuid.UUID(value)) == value.lower()
    except ValueError:
        return False

