"""The queries that must stay fast at 100,000 documents / 5,000,000 spans use indexes.

Timings live in ``bench/bench_store.py``; here the plans are checked, which does not
depend on the machine: a full scan of ``spans`` or ``documents`` is a regression.
"""

from __future__ import annotations

from annotator.core.commands import AddSpan
from annotator.core.model import Document, Span
from annotator.store import Project


def _plans(project: Project, call: object) -> list[str]:
    found = project.query_plans(call)  # type: ignore[arg-type]
    assert found, "the call ran no SQL"
    return [line for _, plan in found for line in plan]


def _project_with_data(project: Project) -> tuple[int, str, int]:
    doc, _ = project.add_document(Document(title="t", text="Путин наблюдает за Ираном"))
    me = project.annotator("dana")
    label = project.labels()[0]
    assert doc.id and me.id and label.id
    project.apply(AddSpan(Span(doc_id=doc.id, annotator_id=me.id, label_id=label.id, start=0,
                               end=5, text="Путин")))
    return doc.id, doc.sha256, me.id


def test_spans_of_a_document_use_an_index(project: Project) -> None:
    doc_id, _, me = _project_with_data(project)
    for call in (lambda: project.spans_of_document(doc_id),
                 lambda: project.spans_of_document(doc_id, [me])):
        plan = _plans(project, call)
        assert any(line.startswith("SEARCH spans USING") and "INDEX" in line for line in plan), plan
        assert not any(line.startswith("SCAN spans") for line in plan), plan


def test_documents_by_hash_and_uuid_use_an_index(project: Project) -> None:
    _, sha, _ = _project_with_data(project)
    doc = project.find_document(sha256=sha)
    assert doc is not None
    for call in (lambda: project.find_document(sha256=sha),
                 lambda: project.find_document(uuid=doc.uuid)):
        plan = _plans(project, call)
        assert any(line.startswith("SEARCH documents USING") for line in plan), plan


def test_document_list_counts_spans_without_scanning_them_per_document(project: Project
                                                                        ) -> None:
    _, _, me = _project_with_data(project)
    for annotator in (me, None):
        plan = _plans(project, lambda a=annotator: project.document_rows(a))
        assert not any(line.startswith("SCAN spans") and "COVERING" not in line
                       for line in plan), plan
        # The list never reads the texts (1.2 s at 100,000 articles): a covering index.
        assert "SCAN documents USING COVERING INDEX idx_documents_list" in plan, plan
        assert not any(line.startswith("SCAN doc_status") for line in plan), plan


def test_document_rows_length_is_in_code_points(project: Project) -> None:
    text = "Iran 🇮🇷 protests, اعتراض‌ها"
    project.add_document(Document(title="t", text=text))
    (row,) = project.document_rows(None)
    assert row.length == len(text) == 27


def test_query_plans_reports_the_statements_run(project: Project) -> None:
    doc_id, _, _ = _project_with_data(project)
    (sql, plan), = project.query_plans(lambda: project.spans_of_document(doc_id))
    assert sql.startswith("SELECT") and f"doc_id = {doc_id}" in sql
    assert plan
