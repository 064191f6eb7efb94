"""Other tools' JSONL (doccano, Prodigy/spaCy) arrives without a converter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.formats.importer import ImportOptions, import_paths
from annotator.store import Project

TEXT = "Russia backs Tehran 🇮🇷 against “foreign interference”."


def write(path: Path, *records: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def spans(project: Project) -> list[tuple[str, str, str, str]]:
    labels = {lab.id: lab for lab in project.labels()}
    names = {a.id: a.name for a in project.annotators()}
    out = []
    for doc_id in project.document_ids():
        for s in project.spans_of_document(doc_id):
            out.append((s.text, labels[s.label_id].layer, labels[s.label_id].name,
                        names[s.annotator_id]))
    return out


def test_doccano_label_triples(project: Project, tmp_path: Path) -> None:
    path = write(tmp_path / "doccano.jsonl",
                 {"id": 7, "text": TEXT, "label": [[0, 6, "State/Government"],
                                                   [32, 52, "Frame"]], "outlet": "TASS"})
    summary = import_paths(project, [path], ImportOptions(annotator="Lena", layer="narrative"))
    assert spans(project) == [("Russia", "actor", "State/Government", "Lena"),
                              ("foreign interference", "narrative", "Frame", "Lena")]
    assert summary.labels_created == ["narrative/Frame"]
    assert summary.annotators_created == ["Lena"]
    doc = next(project.iter_documents())
    assert doc.meta == {"id": 7, "outlet": "TASS"}
    assert doc.title == TEXT


def test_doccano_entities_and_relations_become_spans_and_links(project: Project,
                                                               tmp_path: Path) -> None:
    path = write(tmp_path / "doccano.jsonl", {
        "text": TEXT,
        "entities": [{"id": 1, "start_offset": 0, "end_offset": 6, "label": "Media"},
                     {"id": 2, "start_offset": 7, "end_offset": 12, "label": "Supports"}],
        "relations": [{"id": 1, "from_id": 2, "to_id": 1, "type": "holder"}]})
    summary = import_paths(project, [path])
    assert summary.spans_added == 2 and summary.links_added == 1
    assert ("backs", "stance", "Supports", "imported") in spans(project)


def test_prodigy_spans_with_meta_and_rejected_examples(project: Project,
                                                       tmp_path: Path) -> None:
    path = write(tmp_path / "prodigy.jsonl",
                 {"text": TEXT, "meta": {"source": "wire"}, "answer": "accept",
                  "_annotator_id": "news-Omid",
                  "spans": [{"start": 13, "end": 22, "label": "State/Government",
                             "token_start": 2, "token_end": 3}]},
                 {"text": "A rejected example.", "answer": "reject",
                  "spans": [{"start": 0, "end": 1, "label": "Media"}]})
    summary = import_paths(project, [path])
    assert spans(project) == [("Tehran 🇮🇷", "actor", "State/Government", "news-Omid")]
    assert summary.records_skipped == 1
    assert next(project.iter_documents()).meta == {"source": "wire"}


def test_foreign_files_are_idempotent_too(project: Project, tmp_path: Path) -> None:
    record = {"text": TEXT, "label": [[0, 6, "Media"], [0, 6, "Media"]]}
    path = write(tmp_path / "d.jsonl", record, record)  # the same example twice
    first = import_paths(project, [path])
    assert (first.documents_added, first.documents_matched) == (1, 0)  # one document
    assert (first.spans_added, first.spans_skipped) == (1, 3)
    again = import_paths(project, [path])
    assert not again.changed and project.span_count() == 1


def test_an_ambiguous_label_goes_to_the_chosen_layer(project: Project, tmp_path: Path) -> None:
    path = write(tmp_path / "d.jsonl", {"text": TEXT, "label": [[0, 6, "Media"]]})
    import_paths(project, [path], ImportOptions(layer="stance"))
    # "Media" exists only on the actor layer, so it is used rather than duplicated.
    assert spans(project) == [("Russia", "actor", "Media", "imported")]


def test_foreign_offsets_are_checked(project: Project, tmp_path: Path) -> None:
    path = write(tmp_path / "d.jsonl", {"text": "short", "label": [[0, 99, "Media"]]})
    with pytest.raises(InputError, match="outside the text") as err:
        import_paths(project, [path])
    assert err.value.line == 1
    assert project.document_count() == 0
