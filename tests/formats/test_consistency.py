"""The consistency report's counts on a crafted project (issue 11, item 4)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from annotator.core.model import Document, Entity, Span
from annotator.formats.consistency import ENTITIES, LABELS, UNTAGGED, consistency_report
from annotator.store import Project
from tests.cli.helpers import run

DOCS = [
    "The Kremlin said Khamenei spoke. مردم می‌خواهند.",
    "A kremlin source; Khamenei again.",
    "Nobody tagged the Kremlin here, nor Khamenei, nor مردم میخواهند.",
    "Kremlinology is another word.",
]


def crafted(project: Project) -> int:
    ids = [project.add_document(Document(title=f"d{i}", text=t))[0].id
           for i, t in enumerate(DOCS)]
    dana = project.annotator("Dana")
    omid = project.annotator("Omid")
    assert dana.id is not None and omid.id is not None
    label = {lab.name: lab.id for lab in project.labels()}
    leader = project.insert_entity(Entity(name="Ali Khamenei"))

    def tag(doc: int, phrase: str, name: str, who: int = dana.id or 0,
            entity: int | None = None) -> None:
        text = DOCS[doc]
        start = text.index(phrase)
        project.insert_span(Span(doc_id=ids[doc] or 0, annotator_id=who,
                                 label_id=label[name] or 0, start=start,
                                 end=start + len(phrase), text=phrase, entity_id=entity))

    tag(0, "Kremlin", "State/Government")
    tag(1, "kremlin", "Media")  # (a): the same text, another label
    tag(0, "Khamenei", "Head of state/government", entity=leader.id)
    tag(1, "Khamenei", "Head of state/government")  # (c): linked in one, not the other
    tag(0, "مردم می‌خواهند", "Protesters/Civil society")
    tag(2, "Kremlin", "Media", who=omid.id)  # Omid's span does not cover Dana's gaps
    return dana.id


def test_the_three_checks_count_what_was_crafted(project: Project) -> None:
    dana = crafted(project)
    found = {(f.kind, f.text): f for f in consistency_report(project, dana)}
    conflict = found[(LABELS, "Kremlin")]
    assert conflict.detail in ("State/Government ×1, Media ×1", "Media ×1, State/Government ×1")
    assert len(conflict.places) == 2
    # (b): "Kremlin" untagged in d2 only (Omid's span is his; "Kremlinology" is no word).
    untagged = found[(UNTAGGED, "Kremlin")]
    assert [(p.doc_id, p.start) for p in untagged.places] == [(3, DOCS[2].index("Kremlin"))]
    assert found[(UNTAGGED, "Khamenei")].places[0].doc_id == 3
    persian = found[(UNTAGGED, "مردم می‌خواهند")]  # found again without its ZWNJ
    assert [p.doc_id for p in persian.places] == [3]
    assert DOCS[2][persian.places[0].start:persian.places[0].end] == "مردم میخواهند"
    entity = found[(ENTITIES, "Khamenei")]
    assert entity.detail in ("Ali Khamenei ×1, no actor ×1", "no actor ×1, Ali Khamenei ×1")
    assert len(found) == 5


def test_cli_lists_findings_per_annotator(tmp_path: Path, project: Project) -> None:
    crafted(project)
    path = tmp_path / "p.annotator"
    project.conn.execute(f"VACUUM INTO '{path}'")
    table = run("consistency", path, "--annotator", "Dana")
    assert table.exit_code == 0, table.output
    assert "Dana · same text, different labels · actor “Kremlin”" in table.output
    rows = [json.loads(line) for line in run("consistency", path, "--format",
                                             "jsonl").output.splitlines()]
    (omid,) = [r for r in rows if r["annotator"] == "Omid"]
    # Omid tagged "Kremlin" in d2 only: d0 and d1 hold it untagged (for him).
    assert omid["check"] == "untagged" and [p["doc_id"] for p in omid["places"]] == [1, 2]
    assert run("consistency", path, "--annotator", "Nobody").exit_code != 0


def test_corpus_wide_suggestions_skip_tagged_and_rejected(tmp_path: Path,
                                                          project: Project) -> None:
    dana = crafted(project)
    leader = project.find_entity(name="Ali Khamenei")
    assert leader is not None and leader.id is not None
    project.update_entity(replace(leader, aliases=("Khamenei",)))
    project.insert_rejection(3, dana, DOCS[2].index("Khamenei"),
                             DOCS[2].index("Khamenei") + 8, leader.id)
    path = tmp_path / "p.annotator"
    project.conn.execute(f"VACUUM INTO '{path}'")
    rows = [json.loads(line) for line in run("suggestions", path, "--annotator", "Dana",
                                             "--format", "jsonl").output.splitlines()]
    # d0 and d1 have Dana's Khamenei spans, d2's was rejected: nothing left to suggest.
    assert rows == []
    omid = [json.loads(line) for line in run("suggestions", path, "--annotator", "Omid",
                                             "--format", "jsonl").output.splitlines()]
    assert [(r["doc_id"], r["text"], r["label"]) for r in omid] == [
        (1, "Khamenei", "Head of state/government"), (2, "Khamenei",
                                                      "Head of state/government"),
        (3, "Khamenei", "Head of state/government")]
