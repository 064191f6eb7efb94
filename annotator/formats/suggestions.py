"""Registry suggestions over the whole corpus (issue 11, item 3, "corpus-wide on
request"): every name and alias of a registry actor found in any document, minus those
inside the annotator's actor spans and those the annotator rejected there."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from annotator.core.suggest import Matcher, Suggestion, open_suggestions, usual_labels
from annotator.store import Project


@dataclass(frozen=True)
class CorpusSuggestion:
    doc_id: int
    suggestion: Suggestion
    entity: str
    label: str


def corpus_suggestions(project: Project, annotator_id: int,
                       doc_ids: list[int] | None = None) -> Iterator[CorpusSuggestion]:
    entities = project.entities()
    actor_labels = [lab for lab in project.labels() if lab.layer == "actor"]
    labels = usual_labels(project.entity_label_uses(), entities, actor_labels)
    names = {lab.id: lab.name for lab in actor_labels}
    entity_names = {e.id: e.name for e in entities}
    matcher = Matcher.build(e for e in entities if e.id in labels)
    if not matcher:
        return
    actor_ids = set(names)
    for doc_id, text in project.texts_of(doc_ids or project.all_document_ids()):
        taken = [(start, end) for _, start, end, label_id, _ in
                 project.span_rows(doc_id, [annotator_id]) if label_id in actor_ids]
        for s in open_suggestions(matcher.find(text), len(text), taken,
                                  project.rejections(doc_id, annotator_id)):
            yield CorpusSuggestion(doc_id, s, entity_names.get(s.entity_id, ""),
                                   names.get(labels[s.entity_id], ""))
