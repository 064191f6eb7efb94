"""Building team projects for the tests."""

from __future__ import annotations

import io
import json
from pathlib import Path

from annotator.core.commands import AddSpan, DeleteSpan, UpdateSpan
from annotator.core.model import Document, Span
from annotator.formats.jsonl_export import export_jsonl
from annotator.paths import default_scheme_path
from annotator.store.project import Project

TEXT = ("Президент сказал 👩‍👩‍👧 что 🇮🇷 «Тегеран» готов.\r\nمن می‌خواهم بروم. "
        "The Kremlin and the EU disagreed. ") * 3


def lead_project(path: Path, docs: int = 2) -> Project:
    project = Project.open(path, scheme=default_scheme_path())
    for i in range(docs):
        project.add_document(Document(title=f"Article {i}", text=f"{i} {TEXT}",
                                      meta={"outlet": "Reuters"}))
    return project


def add_span(project: Project, annotator: str, doc_index: int, start: int, end: int,
             label: str = "Media") -> Span:
    me = project.annotator(annotator)
    doc_id = project.document_ids()[doc_index]
    label_id = next(lab.id for lab in project.labels() if lab.name == label)
    assert label_id is not None and me.id is not None
    text = project.document_text(doc_id)[start:end]
    change = project.apply(AddSpan(Span(doc_id=doc_id, annotator_id=me.id, label_id=label_id,
                                        start=start, end=end, text=text)))
    return project.get_span(next(iter(change.span_ids)))


def relabel(project: Project, span: Span, label: str) -> None:
    label_id = next(lab.id for lab in project.labels() if lab.name == label)
    assert span.id is not None
    project.apply(UpdateSpan(span.id, label_id=label_id))


def delete(project: Project, span: Span) -> None:
    assert span.id is not None
    project.apply(DeleteSpan(span.id))


def exported(project: Project) -> list[dict[str, object]]:
    """The project as its JSONL export says it, spans sorted (ids and stamps differ
    between replicas only where they must not)."""
    out = io.BytesIO()
    export_jsonl(project, out)
    records = [json.loads(line) for line in out.getvalue().decode("utf-8").splitlines()]
    for record in records:
        for key in ("spans", "links"):
            if isinstance(record.get(key), list):
                record[key] = sorted(record[key], key=lambda s: json.dumps(s, sort_keys=True))
    return sorted(records, key=lambda r: json.dumps(r, sort_keys=True))


def as_login(url: str, login: str) -> str:
    """``url`` (a libpq string from the test cluster) connecting as ``login`` instead."""
    return " ".join(f"user={login}" if part.startswith("user=") else part
                    for part in url.split())
