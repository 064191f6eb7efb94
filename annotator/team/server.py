"""The team database on PostgreSQL: its schema, the push and the change feed.

All PostgreSQL SQL lives in this package, as all SQLite SQL lives in ``store/``.

One table, ``team_rows``, holds the current state of every synced row, keyed by
(kind, key), with its data as JSON. Each write stamps the row with the writing
transaction's id (``xid``, from ``pg_current_xact_id()``) and a number from a sequence
(``seq``); the change feed is "rows after my cursor, in (xid, seq) order".

The trap of a feed on a sequence: a transaction that took a lower number can commit
after a higher one has been read, and a reader asking only for "> last seen" skips it for
ever. Here a reader reads only rows written by transactions older than the oldest one
still running (``xid < pg_snapshot_xmin(pg_current_snapshot())``): all of those have
finished, so nothing can appear behind the cursor later. A long-open writer holds
readers back (they wait for it) but never makes them miss a row.

A deleted row stays as a tombstone (``deleted``), so that replicas learn of the
deletion; deleting a row also buries the rows under it (a document's spans, a span's
links and comments) in the same transaction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from annotator.core.team import KINDS, OWNED, Cursor, RowChange, ServerRow, TeamError
from annotator.team.policies import SCHEMA_V2, member_sql, revoke_sql

SCHEMA_VERSION = 2
CHANNEL = "annotator_team"
CONNECT_TIMEOUT_S = 5

_SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS team_info (key text PRIMARY KEY, value text NOT NULL);
CREATE SEQUENCE IF NOT EXISTS team_seq;
CREATE TABLE IF NOT EXISTS team_rows (
    kind text NOT NULL,
    key text NOT NULL,
    data jsonb NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    owner text NOT NULL DEFAULT '',
    parent_kind text,
    parent text,
    writer text NOT NULL,
    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    seq bigint NOT NULL DEFAULT nextval('team_seq'),
    written timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, key)
);
CREATE INDEX IF NOT EXISTS team_rows_feed ON team_rows (xid, seq);
CREATE INDEX IF NOT EXISTS team_rows_parent ON team_rows (parent_kind, parent);
CREATE TABLE IF NOT EXISTS team_replicas (
    replica text PRIMARY KEY,
    member text NOT NULL,
    joined timestamptz NOT NULL DEFAULT now(),
    last_push timestamptz,
    last_pull timestamptz
);
"""

_PULL = """
SELECT kind, key, CASE WHEN deleted OR writer = %(me)s THEN NULL ELSE data END,
       deleted, writer = %(me)s, xid::text AS xid_text, seq
FROM team_rows
WHERE (xid, seq) > (%(xid)s::xid8, %(seq)s)
  AND xid < pg_snapshot_xmin(pg_current_snapshot())
ORDER BY team_rows.xid, team_rows.seq
LIMIT %(limit)s
"""

_STAGE = """
CREATE TEMP TABLE incoming (
    ord integer, kind text, key text, data jsonb, deleted boolean, owner text,
    parent_kind text, parent text
) ON COMMIT DROP
"""

# Rows another replica wrote after this one last read the feed: the push overwrites them.
_CONFLICTS = """
SELECT i.kind, i.key, coalesce(r.member, t.writer)
FROM incoming i JOIN team_rows t USING (kind, key)
LEFT JOIN team_replicas r ON r.replica = t.writer
WHERE t.writer <> %(me)s AND (t.xid, t.seq) > (%(xid)s::xid8, %(seq)s)
  AND (t.data IS DISTINCT FROM i.data OR t.deleted <> i.deleted)
  AND NOT (t.deleted AND i.deleted)
"""

# New rows under a row someone else deleted meanwhile: they are not stored.
_ORPHANS = """
DELETE FROM incoming i USING team_rows p
WHERE NOT i.deleted AND p.kind = i.parent_kind AND p.key = i.parent AND p.deleted
RETURNING i.kind, i.key, i.parent_kind
"""

_UPSERT = """
INSERT INTO team_rows AS t (kind, key, data, deleted, owner, parent_kind, parent, writer, doc)
SELECT i.kind, i.key, i.data, i.deleted, i.owner, i.parent_kind, i.parent, %(me)s,
       CASE WHEN i.kind = 'document' THEN i.key
            WHEN i.parent_kind = 'document' THEN i.parent
            WHEN i.parent_kind = 'span' THEN (SELECT s.doc FROM team_rows s
                                              WHERE s.kind = 'span' AND s.key = i.parent) END
FROM incoming i WHERE i.kind = ANY (%(kinds)s) ORDER BY i.ord
ON CONFLICT (kind, key) DO UPDATE SET
    data = EXCLUDED.data, deleted = EXCLUDED.deleted,
    owner = CASE WHEN EXCLUDED.deleted THEN t.owner ELSE EXCLUDED.owner END,
    parent_kind = coalesce(EXCLUDED.parent_kind, t.parent_kind),
    parent = coalesce(EXCLUDED.parent, t.parent),
    doc = coalesce(EXCLUDED.doc, t.doc),
    writer = EXCLUDED.writer, xid = pg_current_xact_id(), seq = nextval('team_seq'),
    written = now()
WHERE t.data IS DISTINCT FROM EXCLUDED.data OR t.deleted <> EXCLUDED.deleted
"""

# Rows this session's role may not write (team.policies): left out and reported.
_REFUSED = """
DELETE FROM incoming i
WHERE i.kind = ANY (%(kinds)s)
  AND NOT team_may_push(i.kind, i.key, i.owner, i.data, i.parent, i.deleted)
RETURNING i.kind, i.key
"""


_OWNED_KINDS = tuple(k for k in KINDS if k in OWNED or k == "assignment")
_SHARED_KINDS = tuple(k for k in KINDS if k not in _OWNED_KINDS)


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - a dependency; says what to install
        raise TeamError("team projects need psycopg 3: pip install 'psycopg[binary]'") from exc
    return psycopg


def describe(url: str) -> str:
    """The server and database of ``url`` for messages, without any password."""
    psycopg = _psycopg()
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise TeamError(f"not a PostgreSQL connection string: {url!r} ({exc})") from exc
    host = str(info.get("host") or "localhost")
    where = f"{host}:{info['port']}" if info.get("port") else host
    return f"{info.get('dbname') or info.get('user') or 'postgres'} on {where}"


def check_url(url: str) -> str:
    """``url`` if it can be stored in a project file: it must parse, and hold no password
    (libpq takes that from PGPASSWORD, ~/.pgpass or a service file)."""
    psycopg = _psycopg()
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise TeamError(f"not a PostgreSQL connection string: {url!r} ({exc})") from exc
    if info.get("password"):
        raise TeamError("the connection string holds a password, which would be stored in the "
                        "project file; put it in ~/.pgpass or PGPASSWORD instead and leave it "
                        "out of the URL")
    return url


@dataclass
class PushResult:
    conflicts: list[tuple[str, str, str]]   # kind, key, whose edit was overwritten
    orphans: list[tuple[str, str, str]]     # kind, key, the deleted parent's kind
    buried: dict[str, int]                  # rows deleted under deleted rows, by kind
    refused: list[tuple[str, str]]          # kind, key: this member's role may not write


class TeamServer:
    """One connection to a team database. Not thread-safe: one per thread."""

    def __init__(self, url: str, *, autocommit: bool = False) -> None:
        psycopg = _psycopg()
        self.url = url
        try:
            self.conn = psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S,
                                        autocommit=autocommit)
        except psycopg.Error as exc:
            raise TeamError(f"cannot reach the team database {describe(url)}: "
                            f"{_first_line(exc)}") from exc
        # Our statements are short: compiling them (JIT, on by default on many servers)
        # cost more than running them (30 ms of 60 for a batch's burial query).
        self.conn.execute("SET jit = off")
        self._owns: bool | None = None
        self.info: dict[str, str] = {}
        if not autocommit:
            self.conn.commit()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> TeamServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        psycopg = _psycopg()
        try:
            with self.conn.transaction(), self.conn.cursor() as cur:
                yield cur
        except psycopg.errors.InsufficientPrivilege as exc:
            raise TeamError(f"the team database {describe(self.url)} refused this: "
                            f"{_first_line(exc)} (your role may not do it, or you are no "
                            "longer a member of the team: ask its lead)") from exc
        except psycopg.Error as exc:
            raise TeamError(f"the team database {describe(self.url)} failed: "
                            f"{_first_line(exc)}") from exc

    # -- schema ----------------------------------------------------------------------------
    def create_schema(self, project: str, *, lead: str) -> str:
        """Create (or migrate) the team schema; the team's project id, set to ``project``
        when the database is new. The login that creates it is the team's first lead,
        ``lead``."""
        with self._transaction() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(74201)")  # one creator at a time
            cur.execute("SELECT to_regclass('team_info') IS NOT NULL")
            version = 0
            if cur.fetchone()[0]:
                cur.execute("SELECT value FROM team_info WHERE key = 'schema_version'")
                found = cur.fetchone()
                version = int(found[0]) if found else 0
            if version > SCHEMA_VERSION:
                raise TeamError(f"{describe(self.url)} was set up by a newer Annotator (team "
                                f"schema {version}); update Annotator")
            # Function bodies name the push's temporary table, which exists only in a push.
            cur.execute("SET LOCAL check_function_bodies = off")
            for script in _MIGRATIONS[version:]:
                for statement in _statements(script):
                    cur.execute(statement)
            cur.execute("INSERT INTO team_info VALUES ('schema_version', %s), "
                        "('project', %s) ON CONFLICT (key) DO NOTHING",
                        (str(SCHEMA_VERSION), project))
            cur.execute("UPDATE team_info SET value = %s WHERE key = 'schema_version'",
                        (str(SCHEMA_VERSION),))
            cur.execute("INSERT INTO team_members (member, login, role) VALUES "
                        "(%s, session_user, 'lead') ON CONFLICT DO NOTHING", (lead,))
        return self.project()

    def project(self) -> str:
        """The team project's id; ``TeamError`` if this is not a team database."""
        with self._transaction() as cur:
            cur.execute("SELECT to_regclass('team_info') IS NOT NULL")
            if not cur.fetchone()[0]:
                raise TeamError(f"{describe(self.url)} is not a team database (publish a "
                                "project to it first)")
            cur.execute("SELECT key, value FROM team_info")
            info = dict(cur.fetchall())
        self.info = info
        if int(info.get("schema_version", "0")) > SCHEMA_VERSION:
            raise TeamError(f"{describe(self.url)} was set up by a newer Annotator (team schema "
                            f"{info['schema_version']}); update Annotator")
        if int(info.get("schema_version", "0")) < SCHEMA_VERSION:
            raise TeamError(f"{describe(self.url)} was set up by an older Annotator; the lead "
                            "updates it by running `annotator team publish` again")
        return str(info["project"])

    def set_info(self, key: str, value: str) -> None:
        """A team-wide setting (only a lead may: members read team_info, never write it)."""
        with self._transaction() as cur:
            cur.execute("INSERT INTO team_info VALUES (%s, %s) ON CONFLICT (key) DO UPDATE "
                        "SET value = EXCLUDED.value", (key, value))

    # -- members -----------------------------------------------------------------------
    def whoami(self) -> tuple[str | None, str | None, bool]:
        """(member, role) of this login, and whether it owns the team tables (a shared
        login as in a team without per-person roles: the database enforces nothing)."""
        with self._transaction() as cur:
            cur.execute("SELECT team_me(), team_role(), session_user = (SELECT tableowner "
                        "FROM pg_tables WHERE tablename = 'team_rows' AND "
                        "schemaname = 'public')")
            member, role, owner = cur.fetchone()
        return member, role, bool(owner)

    def owns_tables(self) -> bool:
        if self._owns is None:
            self._owns = self.whoami()[2]
        return self._owns

    def add_member(self, login: str, member: str, role: str) -> None:
        with self._transaction() as cur:
            cur.execute("SELECT current_database()")
            database = str(cur.fetchone()[0])
            for statement in member_sql(login, member, role, database):
                cur.execute(statement)

    def member_statements(self, login: str, member: str, role: str) -> list[str]:
        with self._transaction() as cur:
            cur.execute("SELECT current_database()")
            return member_sql(login, member, role, str(cur.fetchone()[0]))

    def remove_member(self, member: str) -> None:
        with self._transaction() as cur:
            cur.execute("SELECT login FROM team_members WHERE member = %s", (member,))
            found = cur.fetchone()
            if found is None:
                raise TeamError(f"{member} is not a member of this team")
            for statement in revoke_sql(str(found[0]), member):
                cur.execute(statement)

    def open_documents(self, docs: Sequence[str], *, close: bool = False) -> int:
        """Open documents for review (everyone reads everyone's rows on them), or close
        them again; returns how many rows were re-stamped for the change feeds."""
        with self._transaction() as cur:
            if close:
                cur.execute("DELETE FROM team_open WHERE doc = ANY (%s)", (list(docs),))
                return 0
            cur.execute("INSERT INTO team_open (doc) SELECT unnest(%s::text[]) "
                        "ON CONFLICT DO NOTHING", (list(docs),))
            cur.execute("SELECT team_restamp(%s)", (list(docs),))
            return int(cur.fetchone()[0])

    def write_assignments(self, writer: str, rows: Sequence[tuple[str, str]],
                          keep: bool) -> None:
        """Assign documents (uuid, member); without ``keep``, earlier assignments of
        these documents that are not in ``rows`` end (their tombstones travel)."""
        changes = [RowChange("assignment", f"{doc}/{member}", {"doc": doc, "member": member},
                             member, doc) for doc, member in rows]
        docs = sorted({doc for doc, _ in rows})
        with self._transaction() as cur:
            if not keep:
                cur.execute("SELECT key FROM team_rows WHERE kind = 'assignment' AND "
                            "NOT deleted AND doc = ANY (%s)", (docs,))
                wanted = {c.key for c in changes}
                changes += [RowChange("assignment", str(key), None) for (key,) in
                            cur.fetchall() if key not in wanted]
        self.push(writer, changes, Cursor())

    def register(self, replica: str, member: str) -> None:
        with self._transaction() as cur:
            cur.execute("INSERT INTO team_replicas (replica, member) VALUES (%s, %s) "
                        "ON CONFLICT (replica) DO UPDATE SET member = EXCLUDED.member",
                        (replica, member))

    # -- push ------------------------------------------------------------------------------
    def push(self, replica: str, rows: Sequence[RowChange], cursor: Cursor) -> PushResult:
        """Write ``rows`` in one transaction (all or nothing) and announce them."""
        params = {"me": replica, "xid": cursor.xid, "seq": cursor.seq}
        with self._transaction() as cur:
            cur.execute(_STAGE)
            with cur.copy("COPY incoming (ord, kind, key, data, deleted, owner, parent_kind, "
                          "parent) FROM STDIN") as copy:
                for i, r in enumerate(rows):
                    copy.write_row((i, r.kind, r.key, json.dumps(r.data or {}), r.deleted,
                                    r.owner, r.parent_kind, r.parent))
            cur.execute(_CONFLICTS, params)
            conflicts = [(str(k), str(key), str(w)) for k, key, w in cur.fetchall()]
            cur.execute(_ORPHANS)
            orphans = [(str(k), str(key), str(p)) for k, key, p in cur.fetchall()]
            refused: list[tuple[str, str]] = []
            # Shared rows first: a span's check finds the annotator pushed with it.
            for kinds in (_SHARED_KINDS, _OWNED_KINDS):
                phase = {**params, "kinds": list(kinds)}
                if not self.owns_tables():  # the owner is not subject to the policies
                    cur.execute(_REFUSED, phase)
                    refused += [(str(k), str(key)) for k, key in cur.fetchall()]
                cur.execute(_UPSERT, phase)
            buried: dict[str, int] = {}
            dead = [r for r in rows if r.deleted]
            if dead:
                cur.execute("SELECT * FROM team_bury(%s, %s, %s)",
                            (replica, [r.kind for r in dead], [r.key for r in dead]))
                for (kind,) in cur.fetchall():
                    buried[kind] = buried.get(kind, 0) + 1
            cur.execute("UPDATE team_replicas SET last_push = now() WHERE replica = %s",
                        (replica,))
            cur.execute("SELECT pg_notify(%s, %s)", (CHANNEL, replica))
        return PushResult(conflicts, orphans, buried, refused)

    # -- pull ------------------------------------------------------------------------------
    def pull(self, replica: str, cursor: Cursor, limit: int) -> list[ServerRow]:
        """The next rows of the change feed after ``cursor`` (at most ``limit``)."""
        with self._transaction() as cur:
            cur.execute(_PULL, {"me": replica, "xid": cursor.xid, "seq": cursor.seq,
                                "limit": limit})
            rows = [ServerRow(str(k), str(key), data, bool(deleted), bool(mine), str(xid),
                              int(seq))
                    for k, key, data, deleted, mine, xid, seq in cur.fetchall()]
            if rows:
                cur.execute("UPDATE team_replicas SET last_pull = now() WHERE replica = %s",
                            (replica,))
        return rows

    def progress_rows(self) -> tuple[list[tuple[str, str, str, int]],
                                     list[tuple[str, str, bool]], dict[str, Any]]:
        """What the lead's progress view counts: (owner, kind, status, n) of live spans,
        statuses and assignments; (member, role, active) of members; each member's last
        sync."""
        with self._transaction() as cur:
            cur.execute("SELECT owner, kind, coalesce(data ->> 'status', ''), count(*) "
                        "FROM team_rows WHERE NOT deleted AND kind IN ('span', 'doc_status', "
                        "'assignment') GROUP BY 1, 2, 3")
            counts = [(str(o), str(k), str(st), int(n)) for o, k, st, n in cur.fetchall()]
            cur.execute("SELECT member, role, active FROM team_members ORDER BY member")
            members = [(str(m), str(r), bool(a)) for m, r, a in cur.fetchall()]
            cur.execute("SELECT member, max(greatest(last_push, last_pull)) FROM "
                        "team_replicas GROUP BY member")
            synced = {str(m): when for m, when in cur.fetchall()}
        return counts, members, synced

    def members(self) -> list[tuple[str, str, Any, Any]]:
        """(member, replica, last push, last pull) of every replica, for the status."""
        with self._transaction() as cur:
            cur.execute("SELECT member, replica, last_push, last_pull FROM team_replicas "
                        "ORDER BY member, joined")
            return [(str(m), str(r), p, q) for m, r, p, q in cur.fetchall()]

    def row_count(self) -> int:
        with self._transaction() as cur:
            cur.execute("SELECT count(*) FROM team_rows WHERE NOT deleted")
            return int(cur.fetchone()[0])

    # -- announcements ---------------------------------------------------------------------
    def listen(self) -> None:
        """Start receiving the server's announcements of pushes (needs autocommit)."""
        self.conn.execute(f"LISTEN {CHANNEL}")

    def announcements(self, timeout: float) -> list[str]:
        """The replicas that pushed, waiting up to ``timeout`` seconds for the first."""
        psycopg = _psycopg()
        try:
            return [n.payload for n in self.conn.notifies(timeout=timeout, stop_after=1)]
        except psycopg.Error as exc:
            raise TeamError(f"lost the team database {describe(self.url)}: "
                            f"{_first_line(exc)}") from exc


_MIGRATIONS = [_SCHEMA_V1, SCHEMA_V2]


def _statements(script: str) -> list[str]:
    """``script`` split at semicolons outside dollar-quoted function bodies."""
    parts = re.split(r"(\$\$)", script)
    out, current, inside = [], "", False
    for part in parts:
        if part == "$$":
            inside = not inside
            current += part
            continue
        if inside:
            current += part
            continue
        pieces = part.split(";")
        current += pieces[0]
        for piece in pieces[1:]:
            if current.strip():
                out.append(current)
            current = piece
    if current.strip():
        out.append(current)
    return out


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
