"""Label Studio JSON: tasks with one annotation per annotator, stable region ids, links
as relations, and a labelling config that matches them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from annotator.core.model import Label
from annotator.formats.jsonl_export import ExportFilter
from annotator.store import Project

from .export_helpers import add, export, export_to, native, rich_project


def test_tasks_hold_the_text_and_an_annotation_per_annotator(project: Project) -> None:
    rich_project(project)
    tasks = json.loads(export(project, "labelstudio"))
    docs = native(project)
    assert [t["data"]["doc_id"] for t in tasks] == [d["id"] for d in docs]
    assert all("id" not in t for t in tasks)  # Label Studio reserves the task id
    first = tasks[0]
    assert first["data"]["text"] == docs[0]["text"]
    assert first["data"]["annotators"] == ["Dana", "Omid", "gold"]
    assert [a["ground_truth"] for a in first["annotations"]] == [False, False, True]
    span_ids = {s["id"]: s for s in docs[0]["spans"]}
    for name, annotation in zip(first["data"]["annotators"], first["annotations"],
                                strict=True):
        for region in annotation["result"]:
            if region["type"] == "labels":
                span = span_ids[region["id"]]  # region ids are the span uuids
                assert span["annotator"] == name
                assert region["from_name"] == span["layer"] and region["to_name"] == "text"
                assert region["value"] == {"start": span["start"], "end": span["end"],
                                           "text": span["text"], "labels": [span["label"]]}


def test_links_become_relations_and_notes_region_meta(project: Project) -> None:
    rich_project(project)
    dana = json.loads(export(project, "labelstudio"))[0]["annotations"][0]["result"]
    by_text = {r["value"]["text"]: r for r in dana if r["type"] == "labels"}
    stance, iran = by_text["“death to the dictator”"], by_text["Iran 🇮🇷"]
    relations = [r for r in dana if r["type"] == "relation"]
    assert relations == [{"type": "relation", "from_id": stance["id"], "to_id": iran["id"],
                          "direction": "right", "labels": ["holder"]}]
    # the note, and the attributes Label Studio has no field for, ride in region meta
    assert stance["meta"] == {"text": ["chant"],
                              "attributes": {"intensity": 3, "quoted": True}}
    assert set(iran["meta"]) == {"entity"}  # no note: only its registry entity


def test_the_same_project_exports_the_same_bytes(project: Project) -> None:
    rich_project(project)
    assert export(project, "labelstudio") == export(project, "labelstudio")


def test_the_config_written_beside_the_tasks_declares_every_name_they_use(
        project: Project, tmp_path: Path) -> None:
    rich_project(project)
    project.insert_label(Label(layer="actor", name='Odd <&"> \x01 name', color="#123456"))
    doc = next(project.iter_documents())
    add(project, doc, project.annotator("Dana").id, "actor", 'Odd <&"> \x01 name', "café")
    export_to(project, "labelstudio", tmp_path / "tasks.json")
    config = ET.parse(tmp_path / "tasks.labelstudio.xml").getroot()
    assert config.tag == "View"
    assert "pre-wrap" in (config.findtext("Style") or "")
    assert config.find("Text").attrib == {"name": "text", "value": "$text"}  # type: ignore[union-attr]
    controls = {c.get("name"): {lab.get("value") for lab in c} for c in config.iter("Labels")}
    assert set(controls) == {"actor", "stance", "narrative"}
    assert 'Odd <&"> \ufffd name' in controls["actor"]  # escaped; the control char replaced
    relations = {r.get("value") for r in config.iter("Relation")}
    tasks = json.loads((tmp_path / "tasks.json").read_bytes())
    for task in tasks:
        for annotation in task["annotations"]:
            for region in annotation["result"]:
                if region["type"] == "labels":
                    label = region["value"]["labels"][0].replace("\x01", "\ufffd")
                    assert label in controls[region["from_name"]]
                else:
                    assert region["labels"][0] in relations


def test_a_layer_filter_limits_the_config(project: Project, tmp_path: Path) -> None:
    rich_project(project)
    export_to(project, "labelstudio", tmp_path / "t.json", ExportFilter(layers=("stance",)))
    config = ET.parse(tmp_path / "t.labelstudio.xml").getroot()
    assert [c.get("name") for c in config.iter("Labels")] == ["stance"]
