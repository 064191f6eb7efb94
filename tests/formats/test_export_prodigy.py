"""Prodigy/spaCy spans JSONL: examples a Prodigy or spaCy user can load as they are."""

from __future__ import annotations

from pathlib import Path

from annotator.formats.importer import import_paths
from annotator.paths import default_scheme_path
from annotator.store import Project

from .export_helpers import export, json_lines, native, native_spans, rich_project


def test_an_example_per_document_and_annotator_with_text_spans_meta_and_answer(
        project: Project) -> None:
    rich_project(project)
    examples = json_lines(export(project, "prodigy"))
    docs = native(project)
    assert [(eg["id"], eg.get("_annotator_id")) for eg in examples] == [
        (docs[0]["id"], "Dana"), (docs[0]["id"], "Omid"), (docs[0]["id"], "gold"),
        (docs[1]["id"], "Omid"), (docs[2]["id"], "Dana")]
    first = examples[0]
    assert list(first) == ["id", "text", "spans", "meta", "_annotator_id", "answer"]
    assert first["answer"] == "accept"
    assert first["meta"] == {"title": "Mixed", "source": "a.txt",
                             "url": "https://x.example", "lang": "en"}
    spans = first["spans"]
    span = dict(spans[0])  # type: ignore[index]
    entity = span.pop("entity")  # the registry entity rides as a span-level key
    assert span == {"start": 0, "end": 7, "label": "State/Government", "text": "Iran 🇮🇷"}
    assert entity["name"] == "Iran" and entity["aliases"] == ["Tehran"]
    # overlapping spans of one annotator stay (doc.spans takes them; doc.ents would not)
    dana_actor = [(s["start"], s["end"]) for s in spans  # type: ignore[attr-defined]
                  if s["label"] in ("Head of state/government", "Other actor")]
    assert len(dana_actor) == 2 and dana_actor[0][0] == dana_actor[1][0]


def test_a_prodigy_export_imports_back_to_the_same_spans(project: Project,
                                                        tmp_path: Path) -> None:
    rich_project(project)
    path = tmp_path / "prodigy.jsonl"
    path.write_bytes(export(project, "prodigy"))
    again = Project.memory(scheme=default_scheme_path())
    summary = import_paths(again, [path])
    assert summary.documents_added == 3 and not summary.labels_created
    assert native_spans(again) == native_spans(project)
