"""Label Studio JSON: a list of tasks, one per document, one annotation per annotator.

::

    [{"data":{"text":"…","title":"…","doc_id":"<uuid>","annotators":["Dana"],"meta":{…}},
      "annotations":[{"ground_truth":false,"result":[
        {"id":"<span uuid>","from_name":"actor","to_name":"text","type":"labels",
         "value":{"start":0,"end":7,"text":"Iran 🇮🇷","labels":["State/Government"]}},
        {"type":"relation","from_id":"<stance uuid>","to_id":"<span uuid>",
         "direction":"right","labels":["holder"]}]}]}]

Offsets are code points: Label Studio's Text tag stores them so (its own test suite,
"NER - Emoji - Text": "Should calculate offsets by code points in text"; before 2022
it counted UTF-16 units, issue #1347). ``from_name`` is the span's layer, one
``<Labels>`` control per layer, so overlapping spans of different layers coexist.
Region ids are the span uuids (stable across exports). Task ``id`` is left to Label
Studio (its docs call it reserved) unless ``task_ids`` (``--task-ids``) numbers the tasks
1, 2, ... for label-studio-sdk's converter, which needs one (``KeyError: 'id'``); the
document's uuid is ``data.doc_id`` and the
annotators, in the order of ``annotations``, are ``data.annotators`` (an imported
annotation is attributed to the importing user). Gold is marked ``ground_truth``.
Notes become the region's ``meta.text``. Links to registry entities have no Label
Studio form and are left out (counted).

``labelstudio_config`` writes the matching labelling config (XML) from the project's
labels: paste it into the project's Labeling Interface before importing the tasks.
"""

from __future__ import annotations

from typing import IO, Any
from xml.sax.saxutils import quoteattr

from annotator.core.model import GOLD, LAYERS
from annotator.formats.export_common import (
    DEFAULT_OPTIONS,
    EVERYTHING,
    ExportOptions,
    FormatSummary,
    Record,
    SpanRec,
    by_annotator,
    dumps,
    records,
    xml_safe,
)
from annotator.formats.jsonl_export import ExportFilter
from annotator.formats.summary import Progress, no_progress
from annotator.store import Project

TO_NAME = "text"


def labelstudio_task(record: Record) -> tuple[Record, list[str]]:
    """One Label Studio task, and the types of the span-to-span links it carries."""
    groups = by_annotator(record["spans"])
    data: Record = {"text": record["text"], "title": record["title"], "doc_id": record["id"]}
    if record["source"]:
        data["source"] = record["source"]
    data["annotators"] = [name for name, _ in groups]
    data["meta"] = record["meta"]
    annotations = []
    links: list[str] = []
    for name, spans in groups:
        result = [_region(span) for span in spans]
        ids = {span["id"] for span in spans}
        for link in record["links"]:
            if link["source"] in ids and link.get("target") in ids:
                result.append({"type": "relation", "from_id": link["source"],
                               "to_id": link["target"], "direction": "right",
                               "labels": [link["type"]]})
                links.append(link["type"])
        annotations.append({"ground_truth": name == GOLD, "result": result})
    return {"data": data, "annotations": annotations}, links


def _region(span: SpanRec) -> Record:
    region: Record = {"id": span["id"], "from_name": span["layer"], "to_name": TO_NAME,
                      "type": "labels",
                      "value": {"start": span["start"], "end": span["end"],
                                "text": span["text"], "labels": [span["label"]]}}
    meta: Record = {}
    if span.get("note"):
        meta["text"] = [span["note"]]
    if span.get("entity"):
        meta["entity"] = span["entity"]
    if span.get("attributes"):
        meta["attributes"] = span["attributes"]
    if meta:
        region["meta"] = meta
    return region


def export_labelstudio(project: Project, out: IO[bytes], filt: ExportFilter = EVERYTHING,
                       options: ExportOptions = DEFAULT_OPTIONS,
                       progress: Progress = no_progress) -> FormatSummary:
    """Write the tasks as one JSON array, a task per line, without holding the corpus."""
    summary = FormatSummary()
    source = records(project, filt, summary, progress)
    out.write(b"[")
    entity_links = 0
    for n, record in enumerate(source):
        task, links = labelstudio_task(record)
        if options.task_ids:
            task = {"id": n + 1, **task}
        summary.links += len(links)
        summary.link_types.update(links)
        entity_links += sum(1 for link in record["links"] if "entity" in link)
        out.write(((",\n" if n else "\n") + dumps(task)).encode("utf-8"))
    out.write(b"\n]\n")
    if entity_links:
        summary.notes.append(f"{entity_links} links to registry entities left out: Label "
                             f"Studio relations join two regions")
    return summary


def labelstudio_config(project: Project, filt: ExportFilter = EVERYTHING,
                       link_types: set[str] | None = None) -> str:
    """The labelling config for the exported tasks: the text, one ``<Labels>`` per layer
    with its labels and colours (retired ones too: old spans use them), the link types
    as relations (``holder``/``target`` and any other written). Whitespace is kept
    (``pre-wrap``): Label Studio counts every space in its offsets but otherwise
    collapses them on screen."""
    lines = ["<View>", "  <Style>.htx-text{ white-space: pre-wrap; }</Style>",
             f'  <Text name="{TO_NAME}" value="$text"/>']
    labels = project.labels()
    for layer in LAYERS:
        if filt.layers and str(layer) not in filt.layers:
            continue
        lines.append(f'  <Labels name="{layer}" toName="{TO_NAME}">')
        for label in labels:
            if label.layer == layer:
                lines.append(f"    <Label value={_attr(label.name)} "
                             f"background={_attr(label.color)}/>")
        lines.append("  </Labels>")
    lines.append("  <Relations>")
    kinds = sorted({"holder", "target"} | (link_types or set()))
    lines.extend(f"    <Relation value={_attr(kind)}/>" for kind in kinds)
    lines.append("  </Relations>")
    lines.append("</View>")
    return "\n".join(lines) + "\n"


def _attr(value: Any) -> str:
    return quoteattr(xml_safe(str(value)))
