"""The document list's outlet and day (schema v6): copies of ``meta.outlet`` and the
ISO day of ``meta.date``, kept by every write and filled in for older files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.core.model import Document
from annotator.store import Project
from tests.oldfiles import project_at


def listed(project: Project) -> list[tuple[str, str, str]]:
    return [(r.title, r.outlet, r.day) for r in project.document_rows(None)]


def test_every_write_keeps_outlet_and_day(project: Project) -> None:
    a, _ = project.add_document(Document(title="a", text="Путин 🇷🇺", meta={
        "outlet": "ТАСС", "date": "2026-01-15T06:00:00Z"}))
    b, _ = project.add_document(Document(title="b", text="no metadata"))
    c, _ = project.add_document(Document(title="c", text="two outlets", meta={
        "outlet": ["BBC", "Reuters"], "date": "15 January 2026"}))  # not ISO: no day
    assert listed(project) == [("a", "ТАСС", "2026-01-15"), ("b", "", ""),
                               ("c", "BBC; Reuters", "")]
    assert b.id is not None and c.id is not None and a.id is not None
    project.update_document_meta(b.id, meta={"outlet": "Radio Farda", "date": "2026-02"})
    project.set_document_metas([(c.id, {"date": "2026-03-01"})])
    assert listed(project)[1:] == [("b", "Radio Farda", ""), ("c", "", "2026-03-01")]
    row = project.document_row(a.id, None)
    assert row is not None and (row.outlet, row.day) == ("ТАСС", "2026-01-15")


def test_an_older_file_gets_them_filled_in(tmp_path: Path) -> None:
    path = tmp_path / "v5.annotator"
    project_at(path, 5)
    conn = sqlite3.connect(path)
    assert "outlet" not in [r[1] for r in conn.execute("PRAGMA table_info(documents)")]
    for i, (title, meta) in enumerate([("old", '{"date": "2026-01-02", "outlet": "BBC"}'),
                                       ("bare", "{}")], start=1):
        conn.execute("INSERT INTO documents (id, uuid, title, text, meta, sha256, position, "
                     "created, length) VALUES (?, ?, ?, 'x', ?, ?, ?, 'now', 1)",
                     (i, f"u{i}", title, meta, f"h{i}", i))
    conn.commit()
    conn.close()
    with Project.open(path) as project:
        assert listed(project) == [("old", "BBC", "2026-01-02"), ("bare", "", "")]
        plan = project.conn.execute(
            "EXPLAIN QUERY PLAN SELECT id, title, uuid, length, outlet, day FROM documents "
            "ORDER BY position, id").fetchall()
        assert "COVERING INDEX" in str(plan)  # the list still reads no text
