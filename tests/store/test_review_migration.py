"""A schema-1 project (before review decisions) opens, migrates forward and keeps its data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from annotator.core.review.adjudicate import Reject
from annotator.core.review.compare import PairState, Resolution
from annotator.store import Project
from annotator.store.connection import transaction
from annotator.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

TEXT = "Путин наблюдает за Ираном 👀."


def make_v1_file(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(conn)
    with transaction(conn):
        MIGRATIONS[0](db)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA user_version = 1")
        conn.execute("INSERT INTO migrations VALUES (1, '2026-01-01T00:00:00+00:00')")
        for name in ("actor", "stance", "narrative"):
            conn.execute("INSERT INTO layers (name) VALUES (?)", (name,))
        conn.execute("INSERT INTO labels (id, uuid, layer, name) VALUES "
                     "(1, 'l1', 'actor', 'State'), (2, 'l2', 'actor', 'Media')")
        conn.execute("INSERT INTO annotators (id, uuid, name) VALUES (1, 'u1', 'anna'), "
                     "(2, 'u2', 'ben')")
        conn.execute("INSERT INTO documents (id, uuid, title, text, sha256, created) VALUES "
                     "(1, 'd1', 'old', ?, 'x', 'now')", (TEXT,))
        for sid, who, label in ((1, 1, 1), (2, 2, 2)):
            conn.execute('INSERT INTO spans (id, uuid, doc_id, annotator_id, label_id, start, '
                         '"end", text, created) VALUES (?, ?, 1, ?, ?, 0, 5, ?, ?)',
                         (sid, f"s{sid}", who, label, TEXT[0:5], "now"))
    conn.close()


def test_v1_file_migrates_and_review_works(tmp_path: Path) -> None:
    path = tmp_path / "old.annotator"
    make_v1_file(path)
    with Project.open(path, read_only=True) as old:  # read-only: not migrated, still readable
        [pair] = old.compare_document(1, 1, 2)
        assert pair.state is PairState.LABEL_CONFLICT and old.review_decision_count() == 0
    with Project.open(path) as project:
        version = project.conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == SCHEMA_VERSION >= 2
        assert project.integrity_ok()
        [pair] = project.compare_document(1, 1, 2)
        assert pair.state is PairState.LABEL_CONFLICT and pair.a and pair.a.text == "Путин"
        project.apply(Reject(pair, project.gold().id or 0))
    with Project.open(path) as again:
        [pair] = again.compare_document(1, 1, 2)
        assert pair.resolution is Resolution.REJECTED
