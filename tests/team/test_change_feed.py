"""The change feed's known trap: a writer that took a lower number commits after a
higher one was read. Two concurrent writers on a real PostgreSQL."""

from __future__ import annotations

import psycopg
import pytest

from annotator.core.team import Cursor, RowChange, TeamError
from annotator.team.server import TeamServer


def _row(key: str) -> RowChange:
    return RowChange("entity", key, {"name": key, "type": "", "aliases": "[]"})


def _drain(server: TeamServer, cursor: Cursor) -> tuple[list[str], Cursor]:
    keys: list[str] = []
    while rows := server.pull("reader", cursor, 2):
        keys += [r.key for r in rows]
        cursor = Cursor(rows[-1].xid, rows[-1].seq)
    return keys, cursor


def test_a_late_committing_writer_is_not_skipped(team_url: str) -> None:
    with TeamServer(team_url) as reader:
        reader.create_schema("p", lead="L")
        slow = psycopg.connect(team_url)
        # The slow writer takes its transaction id and sequence number first ...
        slow.execute("INSERT INTO team_rows (kind, key, data, writer) "
                     "VALUES ('entity', 'slow', '{}', 'w1')")
        # ... the fast one writes later, with higher numbers, and commits first.
        with TeamServer(team_url) as fast:
            fast.push("w2", [_row("fast")], Cursor())
        seen, cursor = _drain(reader, Cursor())
        # A reader asking "seq > last seen" would take 'fast' now and never see 'slow'.
        assert seen == []
        slow.commit()
        seen, cursor = _drain(reader, cursor)
        assert seen == ["slow", "fast"]
        slow.close()
        assert _drain(reader, cursor)[0] == []


def test_batches_resume_where_they_stopped_and_updates_come_again(team_url: str) -> None:
    with TeamServer(team_url) as server:
        server.create_schema("p", lead="L")
        server.push("w", [_row(f"e{i}") for i in range(5)], Cursor())
        seen, cursor = _drain(server, Cursor())
        assert seen == [f"e{i}" for i in range(5)]
        server.push("w", [RowChange("entity", "e1", {"name": "renamed", "type": "",
                                                     "aliases": "[]"})], Cursor())
        server.push("w", [_row("e2")], Cursor())  # unchanged: not a new version
        again, _ = _drain(server, cursor)
        assert again == ["e1"]


def test_a_deleted_document_buries_its_rows(team_url: str) -> None:
    with TeamServer(team_url) as server:
        server.create_schema("p", lead="L")
        server.push("w", [RowChange("document", "d", {"title": "t"}),
                          RowChange("span", "s", {"x": 1}, "Dana", "d"),
                          RowChange("link", "l", {"x": 1}, "Dana", "s")], Cursor())
        _, cursor = _drain(server, Cursor())
        result = server.push("w", [RowChange("document", "d", None)], Cursor())
        assert result.buried == {"span": 1, "link": 1}
        rows = []
        while batch := server.pull("reader", cursor, 10):
            rows += batch
            cursor = Cursor(batch[-1].xid, batch[-1].seq)
        assert {(r.kind, r.deleted) for r in rows} == {("document", True), ("span", True),
                                                       ("link", True)}
        late = server.push("w2", [RowChange("span", "s2", {"x": 1}, "Bob", "d")], Cursor())
        assert late.orphans == [("span", "s2", "document")]


def test_the_feed_is_in_transaction_order_across_a_power_of_ten(team_url: str) -> None:
    """Transaction ids are compared as numbers: 9,999 comes before 10,000 (sorted as text
    it would not, and a batch would end on the wrong row and skip the ones before it)."""
    with TeamServer(team_url) as server:
        server.create_schema("p", lead="L")
        with psycopg.connect(team_url, autocommit=True) as conn:
            row = conn.execute("SELECT pg_current_xact_id()::text::bigint").fetchone()
            assert row is not None
            boundary = 10 ** len(str(int(row[0]) + 10))
            for _ in range(boundary - int(row[0]) - 6):
                conn.execute("SELECT pg_current_xact_id()")  # each takes a new id
        for i in range(12):  # one transaction each, across the boundary
            server.push("w", [_row(f"e{i:02d}")], Cursor())
        seen, _ = _drain(server, Cursor())
        assert seen == [f"e{i:02d}" for i in range(12)]


def test_a_first_version_team_database_is_migrated(team_url: str) -> None:
    from annotator.team import server as team_server

    with psycopg.connect(team_url) as conn:
        for statement in team_server._statements(team_server._SCHEMA_V1):
            conn.execute(statement)
        conn.execute("INSERT INTO team_info VALUES ('schema_version', '1'), ('project', 'p')")
        for kind, key, parent_kind, parent in (("document", "d", None, None),
                                               ("span", "s", "document", "d"),
                                               ("link", "l", "span", "s")):
            conn.execute("INSERT INTO team_rows (kind, key, data, writer, parent_kind, parent) "
                         "VALUES (%s, %s, '{}', 'w', %s, %s)", (kind, key, parent_kind, parent))
    with TeamServer(team_url) as server, pytest.raises(TeamError, match="older Annotator"):
        server.project()
    with TeamServer(team_url) as server:
        assert server.create_schema("other", lead="L") == "p"
    with psycopg.connect(team_url) as conn:
        docs = dict(conn.execute("SELECT key, doc FROM team_rows").fetchall())
    assert docs == {"d": "d", "s": "d", "l": "d"}
