"""The project file's schema, as forward-only migrations.

Each migration runs in its own transaction and bumps ``PRAGMA user_version``; the file
is stamped with ``PRAGMA application_id`` so that a foreign SQLite file is recognised
and refused before anything is written to it.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import sqlite_utils

APPLICATION_ID = 0x414E4E4F  # "ANNO"


def _v1(db: sqlite_utils.Database) -> None:
    _run_script(
        db,
        """
        CREATE TABLE IF NOT EXISTS project_info (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS migrations (
            version INTEGER PRIMARY KEY,
            applied_at TEXT NOT NULL
        );
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            meta TEXT NOT NULL DEFAULT '{}',
            sha256 TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL
        );
        CREATE INDEX idx_documents_sha256 ON documents(sha256);
        CREATE TABLE layers (
            name TEXT PRIMARY KEY,
            overlap TEXT NOT NULL DEFAULT 'allow',
            style TEXT NOT NULL DEFAULT 'background',
            description TEXT NOT NULL DEFAULT '',
            link_types TEXT NOT NULL DEFAULT '[]',
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE labels (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            layer TEXT NOT NULL REFERENCES layers(name),
            name TEXT NOT NULL,
            color TEXT NOT NULL DEFAULT '#888888',
            shortcut TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            parent_id INTEGER REFERENCES labels(id),
            position INTEGER NOT NULL DEFAULT 0,
            retired INTEGER NOT NULL DEFAULT 0,
            UNIQUE (layer, name)
        );
        CREATE TABLE annotators (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL UNIQUE,
            is_gold INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            type TEXT NOT NULL DEFAULT '',
            aliases TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE spans (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            label_id INTEGER NOT NULL REFERENCES labels(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            attributes TEXT NOT NULL DEFAULT '{}',
            entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
            created TEXT NOT NULL,
            modified TEXT NOT NULL DEFAULT '',
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX idx_spans_doc ON spans(doc_id, annotator_id, start);
        CREATE INDEX idx_spans_label ON spans(label_id);
        CREATE TABLE links (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            source_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
            target_id INTEGER REFERENCES spans(id) ON DELETE CASCADE,
            target_entity_id INTEGER REFERENCES entities(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            CHECK (target_id IS NOT NULL OR target_entity_id IS NOT NULL)
        );
        CREATE INDEX idx_links_source ON links(source_id);
        CREATE INDEX idx_links_target ON links(target_id);
        CREATE TABLE doc_status (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            status TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done')),
            modified TEXT NOT NULL,
            PRIMARY KEY (doc_id, annotator_id)
        );
        CREATE TABLE comments (
            id INTEGER PRIMARY KEY,
            span_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
            author TEXT NOT NULL,
            text TEXT NOT NULL,
            created TEXT NOT NULL
        );
        CREATE INDEX idx_comments_span ON comments(span_id);
        """
    )


def _v2(db: sqlite_utils.Database) -> None:
    """Review decisions (adjudication), and an index for "documents annotated by X"."""
    _run_script(
        db,
        """
        CREATE TABLE review_decisions (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            source_key TEXT NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN ('accept', 'edit', 'reject')),
            gold_span_uuid TEXT,
            reviewer TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            CHECK ((verdict = 'reject') = (gold_span_uuid IS NULL))
        );
        CREATE INDEX idx_review_decisions_doc ON review_decisions(doc_id, source_key);
        CREATE INDEX idx_review_decisions_gold ON review_decisions(gold_span_uuid);
        CREATE INDEX idx_spans_annotator ON spans(annotator_id, doc_id);
        """
    )


def _v3(db: sqlite_utils.Database) -> None:
    """The document list without reading texts.

    Listing 100,000 articles of ~3,000 characters took 1.2 s because ``length(text)``
    (and ``position``, stored after the text) read every text; the length is now stored
    once (texts never change) and the list is read from one covering index.
    """
    _run_script(
        db,
        """
        ALTER TABLE documents ADD COLUMN length INTEGER NOT NULL DEFAULT 0;
        UPDATE documents SET length = length(text);
        CREATE INDEX idx_documents_list ON documents(position, id, title, uuid, length);
        CREATE INDEX idx_doc_status_annotator ON doc_status(annotator_id, doc_id, status);
        """
    )


def _v4(db: sqlite_utils.Database) -> None:
    """A team replica's sync state and upload queue (issue "team projects").

    ``sync_state`` has one row once the file is a replica of a team database (without
    it the file is an ordinary project and no trigger exists); ``sync_outbox`` holds the
    rows changed since the last push, written by triggers in the edit's own transaction.
    """
    _run_script(
        db,
        """
        CREATE TABLE sync_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            url TEXT NOT NULL,
            replica TEXT NOT NULL,
            member TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT 'coder',
            project TEXT NOT NULL DEFAULT '',
            cursor_xid TEXT NOT NULL DEFAULT '0',
            cursor_seq INTEGER NOT NULL DEFAULT 0,
            applying INTEGER NOT NULL DEFAULT 0,
            last_sync TEXT NOT NULL DEFAULT '',
            last_error TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE sync_outbox (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            tick INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (kind, key)
        ) WITHOUT ROWID
        """
    )


def _v5(db: sqlite_utils.Database) -> None:
    """Which team members a team's lead assigned each document to (issue "team roles")."""
    _run_script(
        db,
        """
        CREATE TABLE assignments (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            member TEXT NOT NULL,
            PRIMARY KEY (doc_id, member)
        );
        CREATE INDEX idx_assignments_member ON assignments(member, doc_id)
        """
    )


def _v6(db: sqlite_utils.Database) -> None:
    """The document list shows and sorts by outlet and date (issue 10, item 5).

    ``outlet`` and ``day`` (the ISO day ``meta.date`` starts with) are copies of
    ``meta`` kept by every store write (``rows.facets``), in the list's covering index,
    so the list still never reads a text. Not generated columns: ``trusted_schema`` is
    off for safety, and it forbids ``json_extract`` in a schema.
    """
    from annotator.store.rows import facets

    _run_script(
        db,
        """
        ALTER TABLE documents ADD COLUMN outlet TEXT NOT NULL DEFAULT '';
        ALTER TABLE documents ADD COLUMN day TEXT NOT NULL DEFAULT '';
        DROP INDEX idx_documents_list;
        CREATE INDEX idx_documents_list ON documents(position, id, title, uuid, length,
                                                     outlet, day)
        """
    )
    found = [(doc_id, *facets(json.loads(meta))) for doc_id, meta in db.execute(
        "SELECT id, meta FROM documents WHERE meta LIKE '%\"outlet\"%' "
        "OR meta LIKE '%\"date\"%'").fetchall()]
    db.conn.executemany("UPDATE documents SET outlet = ?, day = ? WHERE id = ?",
                        [(outlet, day, doc_id) for doc_id, outlet, day in found])


def _v7(db: sqlite_utils.Database) -> None:
    """The corpus search index (issue 11), built once here for an existing project."""
    from annotator.store.repo_search import build_index

    # detail=none: the index records which documents hold each trigram, not where (12
    # times smaller than detail=full); the hits are found in the texts anyway. The text
    # is lower-cased before (core.search.index_form), so the tokenizer need not fold.
    db.execute("CREATE VIRTUAL TABLE doc_search USING fts5(folded, content='', "
               "tokenize='trigram case_sensitive 1', detail=none, columnsize=0)")
    build_index(db.conn)


def _v8(db: sqlite_utils.Database) -> None:
    """Suggestions an annotator rejected, per document and place (issue 11, item 3)."""
    _run_script(
        db,
        """
        CREATE TABLE suggestion_rejects (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            PRIMARY KEY (doc_id, annotator_id, start, "end", entity_id)
        ) WITHOUT ROWID
        """
    )


def _run_script(db: sqlite_utils.Database, script: str) -> None:
    # Not executescript(): it commits, and a migration must stay inside its transaction.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


# Forward-only: append, never edit a released entry.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8]
SCHEMA_VERSION = len(MIGRATIONS)
