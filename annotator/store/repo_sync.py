"""A team replica's side of sync, in SQLite: the upload queue, reading queued rows as
``RowChange``s, and applying the team database's rows in one transaction per batch.

The queue is filled by triggers (``enable_sync``), so every path that writes (an edit,
an undo, an import, a merge) queues its rows in its own transaction, and a crash between
an edit and its push loses nothing. Rows applied from the server do not queue
themselves: the pull sets ``sync_state.applying`` inside its own transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import Any

from annotator.core.team import (
    KINDS,
    Cursor,
    Pending,
    RefusedRow,
    RowChange,
    ServerRow,
    TeamError,
    counted,
    kind_rank,
)
from annotator.store.base import RepoBase
from annotator.store.repo_search import index_documents, unindex_documents
from annotator.store.rows import facets

# table, key expression over NEW/OLD ("{r}"), for each synced kind.
_QUEUED: dict[str, tuple[str, str]] = {
    "layer": ("layers", "{r}.name"),
    "annotator": ("annotators", "{r}.uuid"),
    "label": ("labels", "{r}.uuid"),
    "entity": ("entities", "{r}.uuid"),
    "document": ("documents", "{r}.uuid"),
    "span": ("spans", "{r}.uuid"),
    "link": ("links", "{r}.uuid"),
    # No uuid: span, second and author name a comment ("|" is in neither of the first two).
    "comment": ("comments", "(SELECT uuid FROM spans WHERE id = {r}.span_id) || '|' || "
                            "{r}.created || '|' || {r}.author"),
    "doc_status": ("doc_status", "(SELECT uuid FROM documents WHERE id = {r}.doc_id) || '/' || "
                                 "(SELECT uuid FROM annotators WHERE id = {r}.annotator_id)"),
    "review_decision": ("review_decisions", "{r}.uuid"),
}

_TRIGGER = """
CREATE TRIGGER sync_{table}_{op} AFTER {verb} ON {table}
WHEN (SELECT applying FROM sync_state WHERE id = 1) = 0
BEGIN
    INSERT INTO sync_outbox (kind, key) SELECT '{kind}', k FROM (SELECT {key} AS k)
    WHERE k IS NOT NULL
    ON CONFLICT (kind, key) DO UPDATE SET tick = tick + 1;
END
"""

_IN = "IN (SELECT value FROM json_each(?))"

# Reading queued rows: key first, owner and parent last.
_READ: dict[str, str] = {
    "layer": "SELECT name, name, overlap, style, description, link_types, position, '', NULL "
             f"FROM layers WHERE name {_IN}",
    "annotator": f"SELECT uuid, name, is_gold, '', NULL FROM annotators WHERE uuid {_IN}",
    "label": "SELECT l.uuid, l.layer, l.name, l.color, l.shortcut, l.description, p.uuid, "
             "l.position, l.retired, '', NULL FROM labels l "
             f"LEFT JOIN labels p ON p.id = l.parent_id WHERE l.uuid {_IN}",
    "entity": f"SELECT uuid, name, type, aliases, '', NULL FROM entities WHERE uuid {_IN}",
    "document": "SELECT uuid, title, text, source, meta, sha256, position, created, '', NULL "
                f"FROM documents WHERE uuid {_IN}",
    "span": 'SELECT s.uuid, d.uuid, a.uuid, l.uuid, s.start, s."end", s.text, s.note, '
            "s.attributes, e.uuid, s.created, s.modified, a.name, d.uuid FROM spans s "
            "JOIN documents d ON d.id = s.doc_id JOIN annotators a ON a.id = s.annotator_id "
            "JOIN labels l ON l.id = s.label_id LEFT JOIN entities e ON e.id = s.entity_id "
            f"WHERE s.uuid {_IN}",
    "link": "SELECT k.uuid, s.uuid, t.uuid, e.uuid, k.type, a.name, s.uuid FROM links k "
            "JOIN spans s ON s.id = k.source_id JOIN annotators a ON a.id = s.annotator_id "
            "LEFT JOIN spans t ON t.id = k.target_id "
            f"LEFT JOIN entities e ON e.id = k.target_entity_id WHERE k.uuid {_IN}",
    "comment": "SELECT s.uuid || '|' || c.created || '|' || c.author, s.uuid, c.author, "
               "c.text, c.created, c.author, s.uuid FROM comments c "
               f"JOIN spans s ON s.id = c.span_id WHERE s.uuid || '|' || c.created || '|' || "
               f"c.author {_IN}",
    "doc_status": "SELECT d.uuid || '/' || a.uuid, d.uuid, a.uuid, t.status, t.modified, "
                  "a.name, d.uuid FROM doc_status t JOIN documents d ON d.id = t.doc_id "
                  "JOIN annotators a ON a.id = t.annotator_id "
                  f"WHERE d.uuid || '/' || a.uuid {_IN}",
    "review_decision": "SELECT r.uuid, d.uuid, r.source_key, r.verdict, r.gold_span_uuid, "
                       "r.reviewer, r.created, r.reviewer, d.uuid FROM review_decisions r "
                       f"JOIN documents d ON d.id = r.doc_id WHERE r.uuid {_IN}",
}

# The data fields of each kind, in _READ's order after the key (owner and parent follow).
FIELDS: dict[str, tuple[str, ...]] = {
    "layer": ("name", "overlap", "style", "description", "link_types", "position"),
    "annotator": ("name", "is_gold"),
    "label": ("layer", "name", "color", "shortcut", "description", "parent", "position",
              "retired"),
    "entity": ("name", "type", "aliases"),
    "document": ("title", "text", "source", "meta", "sha256", "position", "created"),
    "span": ("doc", "annotator", "label", "start", "end", "text", "note", "attributes",
             "entity", "created", "modified"),
    "link": ("source", "target", "target_entity", "type"),
    "comment": ("span", "author", "text", "created"),
    "doc_status": ("doc", "annotator", "status", "modified"),
    "review_decision": ("doc", "source_key", "verdict", "gold_span_uuid", "reviewer",
                        "created"),
    "assignment": ("doc", "member"),
}

_UPSERT: dict[str, str] = {
    "layer": "INSERT INTO layers (name, overlap, style, description, link_types, position) "
             "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
             "overlap = excluded.overlap, style = excluded.style, "
             "description = excluded.description, link_types = excluded.link_types, "
             "position = excluded.position",
    "annotator": "INSERT INTO annotators (uuid, name, is_gold) VALUES (?, ?, ?) "
                 "ON CONFLICT (uuid) DO UPDATE SET name = excluded.name, "
                 "is_gold = excluded.is_gold",
    "label": "INSERT INTO labels (uuid, layer, name, color, shortcut, description, parent_id, "
             "position, retired) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO "
             "UPDATE SET layer = excluded.layer, name = excluded.name, color = excluded.color, "
             "shortcut = excluded.shortcut, description = excluded.description, "
             "parent_id = excluded.parent_id, position = excluded.position, "
             "retired = excluded.retired",
    "entity": "INSERT INTO entities (uuid, name, type, aliases) VALUES (?, ?, ?, ?) "
              "ON CONFLICT (uuid) DO UPDATE SET name = excluded.name, type = excluded.type, "
              "aliases = excluded.aliases",
    "document": "INSERT INTO documents (uuid, title, text, source, meta, sha256, position, "
                "created, length, outlet, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (uuid) DO UPDATE SET title = excluded.title, "
                "source = excluded.source, meta = excluded.meta, "
                "position = excluded.position, outlet = excluded.outlet, day = excluded.day",
    "span": 'INSERT INTO spans (uuid, doc_id, annotator_id, label_id, start, "end", text, '
            "note, attributes, entity_id, created, modified) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO UPDATE SET "
            'label_id = excluded.label_id, start = excluded.start, "end" = excluded."end", '
            "text = excluded.text, note = excluded.note, attributes = excluded.attributes, "
            "entity_id = excluded.entity_id, modified = excluded.modified",
    "link": "INSERT INTO links (uuid, source_id, target_id, target_entity_id, type) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (uuid) DO UPDATE SET "
            "target_id = excluded.target_id, target_entity_id = excluded.target_entity_id, "
            "type = excluded.type",
    "comment": "INSERT INTO comments (span_id, author, text, created) VALUES (?, ?, ?, ?)",
    "doc_status": "INSERT INTO doc_status (doc_id, annotator_id, status, modified) "
                  "VALUES (?, ?, ?, ?) ON CONFLICT (doc_id, annotator_id) DO UPDATE SET "
                  "status = excluded.status, modified = excluded.modified",
    "review_decision": "INSERT INTO review_decisions (uuid, doc_id, source_key, verdict, "
                       "gold_span_uuid, reviewer, created) VALUES (?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (uuid) DO UPDATE SET verdict = excluded.verdict, "
                       "gold_span_uuid = excluded.gold_span_uuid, reviewer = excluded.reviewer",
    "assignment": "INSERT OR IGNORE INTO assignments (doc_id, member) VALUES (?, ?)",
}

_DELETE: dict[str, str] = {
    "layer": "DELETE FROM layers WHERE name = ?",
    "annotator": "DELETE FROM annotators WHERE uuid = ?",
    "label": "DELETE FROM labels WHERE uuid = ?",
    "entity": "DELETE FROM entities WHERE uuid = ?",
    "document": "DELETE FROM documents WHERE uuid = ?",
    "span": "DELETE FROM spans WHERE uuid = ?",
    "link": "DELETE FROM links WHERE uuid = ?",
    # Keys of two or three parts, bound one by one (_key_parts).
    "comment": "DELETE FROM comments WHERE span_id = (SELECT id FROM spans WHERE uuid = ?) "
               "AND created = ? AND author = ?",
    "doc_status": "DELETE FROM doc_status WHERE doc_id = (SELECT id FROM documents WHERE "
                  "uuid = ?) AND annotator_id = (SELECT id FROM annotators WHERE uuid = ?)",
    "review_decision": "DELETE FROM review_decisions WHERE uuid = ?",
    "assignment": "DELETE FROM assignments WHERE doc_id = (SELECT id FROM documents WHERE "
                  "uuid = ?) AND member = ?",
}

# The uuids each kind's data names: (field, kind).
_REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "label": (("parent", "label"),),
    "span": (("doc", "document"), ("annotator", "annotator"), ("label", "label"),
             ("entity", "entity")),
    "link": (("source", "span"), ("target", "span"), ("target_entity", "entity")),
    "comment": (("span", "span"),),
    "doc_status": (("doc", "document"), ("annotator", "annotator")),
    "review_decision": (("doc", "document"),),
    "assignment": (("doc", "document"),),
}

BIG_BATCH = 2_000
BIG_BATCH_CACHE_KB = 65_536

_TABLE_IDS = {"document": "documents", "annotator": "annotators", "label": "labels",
              "entity": "entities", "span": "spans"}


class SyncMixin(RepoBase):
    # -- state ---------------------------------------------------------------------------
    def sync_settings(self) -> dict[str, Any] | None:
        """The replica's sync state (url, replica, member, project, cursor, last sync and
        error), or None for an ordinary project."""
        cur = self.conn.execute("SELECT * FROM sync_state WHERE id = 1")
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cur.description], row, strict=True))

    def enable_sync(self, *, url: str, replica: str, member: str, project: str,
                    role: str = "coder") -> None:
        """Make this file a replica of a team database: its state row and the triggers
        that queue every change. Idempotent (the triggers are recreated)."""
        with self.transaction():
            self.conn.execute(
                "INSERT INTO sync_state (id, url, replica, member, project, role) "
                "VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET url = excluded.url, "
                "member = excluded.member, project = excluded.project, role = excluded.role",
                (url, replica, member, project, role))
            for kind, (table, key) in _QUEUED.items():
                for op, verb, row in (("ins", "INSERT", "NEW"), ("upd", "UPDATE", "NEW"),
                                      ("del", "DELETE", "OLD")):
                    self.conn.execute(f"DROP TRIGGER IF EXISTS sync_{table}_{op}")
                    self.conn.execute(_TRIGGER.format(table=table, op=op, verb=verb, kind=kind,
                                                      key=key.format(r=row)))

    def queue_everything(self) -> int:
        """Queue every synced row (publishing a project); returns how many are queued."""
        with self.transaction():
            for kind, (table, key) in _QUEUED.items():
                self.conn.execute(
                    f"INSERT INTO sync_outbox (kind, key) SELECT '{kind}', k FROM "
                    f"(SELECT {key.format(r=table)} AS k FROM {table}) WHERE k IS NOT NULL "
                    "ON CONFLICT (kind, key) DO UPDATE SET tick = tick + 1")
        return self.pending_count()

    def set_sync_result(self, *, when: str, error: str) -> None:
        with self.transaction():
            if error:
                self.conn.execute("UPDATE sync_state SET last_error = ? WHERE id = 1", (error,))
            else:
                self.conn.execute("UPDATE sync_state SET last_sync = ?, last_error = '' "
                                  "WHERE id = 1", (when,))

    def sync_cursor(self) -> Cursor:
        row = self._one("SELECT cursor_xid, cursor_seq FROM sync_state WHERE id = 1")
        return Cursor() if row is None else Cursor(str(row[0]), int(row[1]))

    # -- the upload queue ----------------------------------------------------------------
    def pending_count(self) -> int:
        return int(self._scalar("SELECT count(*) FROM sync_outbox"))

    def pending_by_kind(self) -> dict[str, int]:
        return {str(k): int(n) for k, n in self._rows(
            "SELECT kind, count(*) FROM sync_outbox GROUP BY kind")}

    def pending(self, limit: int) -> list[Pending]:
        """Up to ``limit`` queued rows, in the order a replica must apply them. One kind
        at a time, each read in key order from the primary key (no sort of the whole
        queue, which publishing a 500,000-span project would pay per batch)."""
        out: list[Pending] = []
        for kind in KINDS:
            if len(out) >= limit:
                break
            out += [Pending(kind, str(key), int(t)) for key, t in self._rows(
                "SELECT key, tick FROM sync_outbox WHERE kind = ? ORDER BY key LIMIT ?",
                (kind, limit - len(out)))]
        return out

    def queued_rows(self, pending: Sequence[Pending]) -> list[RowChange]:
        """The current state of each queued row: its data, or a tombstone if it is gone."""
        by_kind: dict[str, list[str]] = {}
        for p in pending:
            by_kind.setdefault(p.kind, []).append(p.key)
        found: dict[tuple[str, str], RowChange] = {}
        for kind, keys in by_kind.items():
            for row in self._rows(_READ[kind], (json.dumps(keys),)):
                key, *values, owner, parent = row
                data = dict(zip(FIELDS[kind], values, strict=True))
                found[(kind, str(key))] = RowChange(kind, str(key), data, str(owner), parent)
        return [found.get((p.kind, p.key), RowChange(p.kind, p.key, None)) for p in pending]

    def unqueue(self, pending: Iterable[Pending]) -> None:
        """Drop pushed entries, unless they were queued again since they were read."""
        with self.transaction():
            self.conn.executemany(
                "DELETE FROM sync_outbox WHERE kind = ? AND key = ? AND tick = ?",
                ((p.kind, p.key, p.tick) for p in pending))

    def assigned_documents(self, member: str) -> list[int]:
        """The documents assigned to ``member`` (a team's lead assigns them)."""
        return [int(d) for (d,) in self._rows(
            "SELECT doc_id FROM assignments WHERE member = ? ORDER BY doc_id", (member,))]

    def assignments(self) -> dict[int, list[str]]:
        """Who has each assigned document, by document id."""
        out: dict[int, list[str]] = {}
        for doc_id, member in self._rows(
                "SELECT doc_id, member FROM assignments ORDER BY doc_id, member"):
            out.setdefault(int(doc_id), []).append(str(member))
        return out

    # -- applying the server's rows ------------------------------------------------------
    def apply_server_rows(self, rows: Sequence[ServerRow], cursor: Cursor) -> dict[str, int]:
        """Apply one batch of the change feed and move the cursor, in one transaction.

        Rows this replica wrote itself are skipped (it has them), and so are rows with a
        change still queued here (that change is pushed later and wins). A row that
        cannot be stored raises ``RefusedRow`` and nothing of the batch is kept.
        Returns the number of rows applied per kind.
        """
        if len(rows) >= BIG_BATCH:
            # A download (a first join): keep the random-uuid index in memory.
            self.conn.execute(f"PRAGMA cache_size = -{BIG_BATCH_CACHE_KB}")
        with self.transaction():
            self.conn.execute("UPDATE sync_state SET applying = 1 WHERE id = 1")
            queued = self._queued_keys(rows)
            todo = [r for r in rows if not r.mine and (r.kind, r.key) not in queued]
            applied = _Applier(self.conn).apply(todo)
            self.conn.execute("UPDATE sync_state SET applying = 0, cursor_xid = ?, "
                              "cursor_seq = ? WHERE id = 1", (cursor.xid, cursor.seq))
        return applied

    def _queued_keys(self, rows: Sequence[ServerRow]) -> set[tuple[str, str]]:
        if not rows or not self._scalar("SELECT EXISTS (SELECT 1 FROM sync_outbox)"):
            return set()
        keys = json.dumps([[r.kind, r.key] for r in rows])
        return {(str(k), str(key)) for k, key in self._rows(
            "SELECT kind, key FROM sync_outbox WHERE (kind, key) IN (SELECT "
            "json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))",
            (keys,))}


class _Applier:
    """Writes a batch of server rows: upserts in dependency order, then deletions in the
    reverse order, each checked against what this file holds."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.ids: dict[tuple[str, str], int] = {}

    def apply(self, rows: Sequence[ServerRow]) -> dict[str, int]:
        applied: dict[str, int] = {}
        live = sorted((r for r in rows if not r.deleted), key=lambda r: kind_rank(r.kind))
        labels = [r for r in live if r.kind == "label"]
        ordered = ([r for r in live if kind_rank(r.kind) < kind_rank("label")]
                   + _parents_first(labels)
                   + [r for r in live if kind_rank(r.kind) > kind_rank("label")])
        # Runs of one kind go in one executemany (a first join writes 500,000 spans), except
        # labels (a parent before its children) and comments (replaced, not upserted).
        for kind, run in groupby(ordered, key=lambda r: r.kind):
            batch = list(run)
            self._prefetch(batch)
            if kind in ("label", "comment"):
                for row in batch:
                    self._write(kind, [row])
            elif kind == "document":
                self._write_documents(batch)
            else:
                self._write(kind, batch)
            if kind == "span":
                self._check_texts(batch)
            applied[kind] = applied.get(kind, 0) + len(batch)
        for row in sorted((r for r in rows if r.deleted), key=lambda r: -kind_rank(r.kind)):
            if row.kind == "document":
                found = self.conn.execute("SELECT id FROM documents WHERE uuid = ?",
                                          (row.key,)).fetchone()
                unindex_documents(self.conn, [found[0]] if found else [])
            if self.conn.execute(_DELETE[row.kind], _key_parts(row.kind, row.key)).rowcount:
                applied[row.kind] = applied.get(row.kind, 0) + 1
        return applied

    def _write_documents(self, batch: list[ServerRow]) -> None:
        """Upsert documents; the new ones (texts never change) join the search index."""
        keys = [r.key for r in batch]
        known = {str(k) for (k,) in self.conn.execute(
            "SELECT uuid FROM documents WHERE uuid IN (SELECT value FROM json_each(?))",
            (json.dumps(keys),))}
        self._write("document", batch)
        new = {r.key: str((r.data or {})["text"]) for r in batch if r.key not in known}
        if new:
            ids = self.conn.execute(
                "SELECT uuid, id FROM documents WHERE uuid IN (SELECT value FROM json_each(?))",
                (json.dumps(list(new)),)).fetchall()
            index_documents(self.conn, [(int(i), new[str(u)]) for u, i in ids])

    def _prefetch(self, batch: list[ServerRow]) -> None:
        """The local ids of every row ``batch`` names, one query per kind."""
        wanted: dict[str, set[str]] = {}
        for row in batch:
            for field, kind in _REFERENCES.get(row.kind, ()):
                uuid = (row.data or {}).get(field)
                if uuid is not None and (kind, str(uuid)) not in self.ids:
                    wanted.setdefault(kind, set()).add(str(uuid))
        for kind, uuids in wanted.items():
            for found_id, uuid in self.conn.execute(
                    f"SELECT id, uuid FROM {_TABLE_IDS[kind]} WHERE uuid {_IN}",
                    (json.dumps(sorted(uuids)),)):
                self.ids[(kind, str(uuid))] = int(found_id)

    def _check_texts(self, batch: list[ServerRow]) -> None:
        """Refuse spans outside their document's text or not matching it (in SQL: one
        query per batch instead of reading each document's text into Python)."""
        bad = self.conn.execute(
            'SELECT s.uuid, s.start, s."end", s.text FROM spans s '
            "JOIN documents d ON d.id = s.doc_id "
            f"WHERE s.uuid {_IN} AND (s.\"end\" > d.length OR "
            "substr(d.text, s.start + 1, s.\"end\" - s.start) IS NOT s.text) LIMIT 1",
            (json.dumps([r.key for r in batch]),)).fetchone()
        if bad is not None:
            row = next(r for r in batch if r.key == bad[0])
            raise RefusedRow(f"the team database's {_named(row)} lies outside its "
                             f"document's text or does not match it ({bad[1]}–{bad[2]}, "
                             f"“{str(bad[3])[:40]}”); nothing was changed")

    def _write(self, kind: str, batch: list[ServerRow]) -> None:
        values = [self._values(row, row.data or {}) for row in batch]
        try:
            self.conn.executemany(_UPSERT[kind], values)
        except sqlite3.IntegrityError as exc:
            # The savepoint-free way to name the culprit: try them one by one (this batch
            # is rolled back by the caller anyway).
            for row, one in zip(batch, values, strict=True):
                try:
                    self.conn.execute(_UPSERT[kind], one)
                except sqlite3.IntegrityError as single:
                    raise RefusedRow(f"the team database's {_named(row)} does not fit this "
                                     f"project ({single}); nothing was changed") from single
            raise RefusedRow(f"the team database's {counted(kind, len(batch))} do not fit "
                             f"this project ({exc}); nothing was changed") from exc

    def _id(self, kind: str, uuid: Any, row: ServerRow, *, optional: bool = False) -> int | None:
        if uuid is None and optional:
            return None
        got = self.ids.get((kind, str(uuid)))
        if got is None:
            found = self.conn.execute(f"SELECT id FROM {_TABLE_IDS[kind]} WHERE uuid = ?",
                                      (uuid,)).fetchone()
            if found is None:
                raise RefusedRow(f"the team database's {_named(row)} names a {kind} this "
                                 f"project does not have ({uuid}); nothing was changed")
            got = self.ids[(kind, str(uuid))] = int(found[0])
        return got

    def _values(self, row: ServerRow, d: dict[str, Any]) -> tuple[Any, ...]:
        try:
            return self._values_of(row, d)
        except (KeyError, TypeError, ValueError) as exc:
            raise RefusedRow(f"the team database's {_named(row)} is malformed ({exc!r}); "
                             "nothing was changed") from exc

    def _values_of(self, row: ServerRow, d: dict[str, Any]) -> tuple[Any, ...]:
        k = row.kind
        if k == "layer":
            return (row.key, d["overlap"], d["style"], d["description"], d["link_types"],
                    int(d["position"]))
        if k == "annotator":
            return (row.key, str(d["name"]), int(d["is_gold"]))
        if k == "label":
            return (row.key, d["layer"], d["name"], d["color"], d["shortcut"], d["description"],
                    self._id("label", d["parent"], row, optional=True), int(d["position"]),
                    int(d["retired"]))
        if k == "entity":
            return (row.key, d["name"], d["type"], d["aliases"])
        if k == "document":
            text = str(d["text"])
            meta = d["meta"]
            return (row.key, d["title"], text, d["source"], meta, d["sha256"],
                    int(d["position"]), d["created"], len(text),
                    *facets(json.loads(meta) if isinstance(meta, str) else meta))
        if k == "span":
            doc = self._id("document", d["doc"], row)
            start, end, text = int(d["start"]), int(d["end"]), str(d["text"])
            if not 0 <= start < end:  # the rest is checked in SQL (_check_texts)
                raise RefusedRow(f"the team database's {_named(row)} lies outside its "
                                 f"document's text or does not match it ({start}–{end}, "
                                 f"“{text[:40]}”); nothing was changed")
            return (row.key, doc, self._id("annotator", d["annotator"], row),
                    self._id("label", d["label"], row), start, end, text, d["note"],
                    d["attributes"], self._id("entity", d["entity"], row, optional=True),
                    d["created"], d["modified"])
        if k == "link":
            return (row.key, self._id("span", d["source"], row),
                    self._id("span", d["target"], row, optional=True),
                    self._id("entity", d["target_entity"], row, optional=True), d["type"])
        if k == "comment":
            span = self._id("span", d["span"], row)
            self.conn.execute(_DELETE["comment"], _key_parts("comment", row.key))
            return (span, d["author"], d["text"], d["created"])
        if k == "doc_status":
            return (self._id("document", d["doc"], row), self._id("annotator", d["annotator"],
                                                                  row),
                    d["status"], d["modified"])
        if k == "assignment":
            return (self._id("document", d["doc"], row), str(d["member"]))
        if k == "review_decision":
            return (row.key, self._id("document", d["doc"], row), d["source_key"],
                    d["verdict"], d["gold_span_uuid"], d["reviewer"], d["created"])
        raise RefusedRow(f"the team database holds a row of unknown kind “{k}”; update "
                         "Annotator")


def _key_parts(kind: str, key: str) -> tuple[str, ...]:
    if kind == "comment":
        parts = key.split("|", 2)
        return tuple(parts) if len(parts) == 3 else (key, "", "")
    if kind in ("doc_status", "assignment"):
        doc, _, other = key.partition("/")
        return (doc, other)
    return (key,)


def _parents_first(labels: list[ServerRow]) -> list[ServerRow]:
    keys = {r.key for r in labels}
    done: set[str] = set()
    out: list[ServerRow] = []
    todo = list(labels)
    while todo:
        rest = [r for r in todo if r.data and r.data.get("parent") in keys
                and r.data.get("parent") not in done]
        for r in todo:
            if r not in rest:
                out.append(r)
                done.add(r.key)
        if len(rest) == len(todo):  # a cycle: let the database refuse it
            out += rest
            break
        todo = rest
    return out


def _named(row: ServerRow) -> str:
    return f"{counted(row.kind, 1)[2:]} {row.key}"


__all__ = ["FIELDS", "SyncMixin", "TeamError"]
