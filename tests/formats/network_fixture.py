"""A project file coded with stance statements, for the network tests and pictures:
each statement is a sentence "<holder> backs|rejects <concept>." with an actor span as
its holder, a Supports/Opposes span over the sentence and a registry concept as target."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from annotator.core.model import Document, Entity, Link, Span
from annotator.paths import default_scheme_path
from annotator.store import Project

# (document date, holder, holder's actor label, +1 backs / -1 rejects, concept)
Coded = tuple[str, str, str, int, str]


def code_statements(path: Path, statements: Iterable[Coded], *, annotator: str = "Dana",
                    meta: dict[str, str] | None = None) -> Path:
    """One document per date, holding that date's statements in order."""
    by_day: dict[str, list[Coded]] = {}
    for row in statements:
        by_day.setdefault(row[0], []).append(row)
    with Project.open(path, scheme=default_scheme_path()) as p:
        me = p.annotator(annotator)
        labels = {lab.name: lab.id for lab in p.labels()}
        concepts: dict[str, int | None] = {}
        for day, rows in by_day.items():
            sentences = [f"{h} {'backs' if s > 0 else 'rejects'} {c}." for _, h, _, s, c in rows]
            text = " ".join(sentences)
            doc, _ = p.add_document(Document(title=day, text=text,
                                             meta={"date": day, **(meta or {})}))
            at = 0
            for (_, holder, label, sign, concept), sentence in zip(rows, sentences,
                                                                   strict=True):
                if concept not in concepts:
                    concepts[concept] = p.insert_entity(Entity(name=concept)).id
                actor = p.insert_span(Span(doc_id=doc.id or 0, annotator_id=me.id or 0,
                                           label_id=labels[label] or 0, start=at,
                                           end=at + len(holder), text=holder))
                claim = p.insert_span(Span(
                    doc_id=doc.id or 0, annotator_id=me.id or 0,
                    label_id=labels["Supports" if sign > 0 else "Opposes"] or 0, start=at,
                    end=at + len(sentence), text=sentence))
                p.insert_link(Link(source_id=claim.id or 0, type="holder",
                                   target_id=actor.id))
                p.insert_link(Link(source_id=claim.id or 0, type="target",
                                   target_entity_id=concepts[concept]))
                at += len(sentence) + 1
    return path
