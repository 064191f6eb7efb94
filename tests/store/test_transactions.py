"""One command, one transaction: what is committed, what is rolled back, and recovery."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.commands import AddSpan
from annotator.core.errors import SpanError
from annotator.core.model import Document, Span
from annotator.store import Project


def _setup(project: Project) -> tuple[int, int, int]:
    doc, _ = project.add_document(Document(title="t", text="Путин наблюдает за Ираном"))
    me = project.annotator("dana").id
    label = project.labels()[0].id
    assert doc.id and me and label
    return doc.id, me, label


def _span(doc_id: int, me: int, label: int, start: int = 0, end: int = 5,
          text: str = "Путин") -> Span:
    return Span(doc_id=doc_id, annotator_id=me, label_id=label, start=start, end=end, text=text)


def _committed_span_count(path: Path) -> int:
    """What another process would see."""
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM spans").fetchone()[0])
    finally:
        conn.close()


def test_each_apply_is_committed_at_once(project_file: Path) -> None:
    with Project.open(project_file) as p:
        doc_id, me, label = _setup(p)
        p.apply(AddSpan(_span(doc_id, me, label)))
        assert _committed_span_count(project_file) == 1
        assert not p.conn.in_transaction


def test_a_failure_inside_a_bulk_transaction_rolls_back_only_that_command(
        project_file: Path) -> None:
    with Project.open(project_file) as p:
        doc_id, me, label = _setup(p)
        with p.transaction():
            p.apply(AddSpan(_span(doc_id, me, label)))
            with pytest.raises(SpanError):
                p.apply(AddSpan(_span(doc_id, me, label, 0, 5, "Putin")))
            p.apply(AddSpan(_span(doc_id, me, label, 6, 15, "наблюдает")))
            assert _committed_span_count(project_file) == 0  # not yet committed
        assert _committed_span_count(project_file) == 2


def test_a_failed_commit_does_not_leave_the_project_stuck_in_a_transaction(
        project_file: Path) -> None:
    with Project.open(project_file) as p:
        doc_id, me, label = _setup(p)
        # Deferred foreign keys make COMMIT itself fail, as a full disk would.
        p.conn.execute("PRAGMA defer_foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError), p.transaction():
            p.conn.execute("PRAGMA defer_foreign_keys = ON")
            p.apply(AddSpan(_span(doc_id, me, 10_000)))  # no such label
        assert not p.conn.in_transaction
        p.apply(AddSpan(_span(doc_id, me, label)))  # the next edit is saved for real
        assert _committed_span_count(project_file) == 1
