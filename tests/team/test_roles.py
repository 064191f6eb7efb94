"""Roles enforced by PostgreSQL: each member connects with a login of their own, and
row-level security decides what plain SQL (psql, psycopg) may read and write."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from annotator.core.team import TeamError
from annotator.store import Project
from annotator.team.server import TeamServer
from annotator.team.sync import join, publish, sync
from tests.team.helpers import add_span, as_login, lead_project


@pytest.fixture
def team(tmp_path: Path, team_url: str) -> dict[str, Project]:
    """A lead (owner login), two coders and a reviewer with logins of their own, each
    with a replica; Ana and Ben have coded a span each on the first document."""
    lead = lead_project(tmp_path / "lead.annotator")
    publish(lead, team_url, member="Lead")
    with TeamServer(team_url) as server:
        for login, member, role in (("ana", "Ana", "coder"), ("ben", "Ben", "coder"),
                                    ("rita", "Rita", "reviewer")):
            server.add_member(login, member, role)
    out = {"lead": lead}
    for login, member in (("ana", "Ana"), ("ben", "Ben"), ("rita", "Rita")):
        out[login], _ = join(as_login(team_url, login), tmp_path / f"{login}.annotator",
                             member=member)
    add_span(out["ana"], "Ana", 0, 2, 11)
    add_span(out["ben"], "Ben", 0, 13, 19)
    for name in ("ana", "ben", "lead", "rita"):
        sync(out[name])
    return out


def _sql(url: str, login: str, statement: str, *args: object) -> list[tuple[object, ...]]:
    with psycopg.connect(as_login(url, login), autocommit=True) as conn:
        cur = conn.execute(statement, args or None)
        return cur.fetchall() if cur.description else [(cur.rowcount,)]


def test_coders_are_blind_to_each_other_until_the_lead_opens(team: dict[str, Project],
                                                             team_url: str) -> None:
    ana = team["ana"]
    assert [a.name for a in ana.annotators() if ana.span_count()] and ana.span_count() == 1
    assert _sql(team_url, "ana", "SELECT count(*) FROM team_rows WHERE kind = 'span' "
                "AND owner = 'Ben'") == [(0,)]
    assert _sql(team_url, "rita", "SELECT count(*) FROM team_rows WHERE kind = 'span'") == [
        (2,)]
    assert team["rita"].span_count() == 2 and team["lead"].span_count() == 2
    doc = team["lead"].get_document(team["lead"].document_ids()[0]).uuid
    with TeamServer(team_url) as server:
        assert server.open_documents([doc]) == 2
    sync(ana)
    assert ana.span_count() == 2  # Ben's span came, though it is older than Ana's cursor
    assert _sql(team_url, "ana", "SELECT count(*) FROM team_rows WHERE kind = 'span' "
                "AND owner = 'Ben'") == [(1,)]


def test_plain_sql_cannot_touch_a_colleagues_rows_or_the_scheme(team: dict[str, Project],
                                                                 team_url: str) -> None:
    for statement in ("UPDATE team_rows SET data = '{}' WHERE kind = 'span' AND owner = 'Ben'",
                      "UPDATE team_rows SET data = data || '{\"color\": \"#000\"}' "
                      "WHERE kind = 'label'"):
        assert _sql(team_url, "ana", statement) == [(0,)]  # not hers to see or change
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        _sql(team_url, "ana", "DELETE FROM team_rows WHERE kind = 'span'")
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        _sql(team_url, "ana", "INSERT INTO team_rows (kind, key, data, writer) VALUES "
             "('label', 'new', '{}', 'x')")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        _sql(team_url, "ana", "DROP TABLE team_rows")
    assert team["lead"].span_count() == 2


def test_a_span_under_someone_elses_name_is_refused(team: dict[str, Project],
                                                    team_url: str) -> None:
    ben_uuid = next(a.uuid for a in team["lead"].annotators() if a.name == "Ben")
    ana_uuid = next(a.uuid for a in team["lead"].annotators() if a.name == "Ana")
    doc = team["lead"].get_document(team["lead"].document_ids()[0]).uuid
    for owner, annotator in (("Ana", ben_uuid), ("Ben", ben_uuid), ("gold", ana_uuid)):
        data = json.dumps({"annotator": annotator, "doc": doc})
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            _sql(team_url, "ana", "INSERT INTO team_rows (kind, key, data, owner, writer, "
                 "parent_kind, parent) VALUES ('span', %s, %s, %s, 'x', 'document', %s)",
                 f"forged-{owner}", data, owner, doc)


def test_a_reviewer_reads_all_and_writes_gold_only(team: dict[str, Project],
                                                   team_url: str) -> None:
    rita = team["rita"]
    gold = rita.gold()
    assert gold.name == "gold"
    add_span(rita, "gold", 0, 2, 11)   # gold: hers to write
    add_span(rita, "Ana", 0, 21, 30)   # Ana's: not
    counts = sync(rita)
    assert counts.pushed.get("span") == 1
    assert counts.dropped == ["1 span of Ana (only Ana's replica writes them)"]
    sync(team["lead"])
    assert team["lead"].span_count() == 3
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        _sql(team_url, "rita", "INSERT INTO team_rows (kind, key, data, writer) VALUES "
             "('document', 'new', '{}', 'x')")


def test_a_revoked_member_is_refused_and_nobody_else_is_affected(
        team: dict[str, Project], team_url: str) -> None:
    with TeamServer(team_url) as server:
        server.remove_member("Ben")
    add_span(team["ben"], "Ben", 1, 2, 11)
    with pytest.raises(TeamError, match="no longer a member of the team"):
        sync(team["ben"])
    assert team["ben"].pending_count() == 1  # kept: nothing is lost on his side either
    add_span(team["ana"], "Ana", 1, 13, 19)
    assert sync(team["ana"]).pushed == {"span": 1}
    assert sync(team["lead"]).pulled == {"span": 1}


def test_joining_with_a_login_that_is_not_a_member(tmp_path: Path, team_url: str) -> None:
    lead = lead_project(tmp_path / "lead.annotator")
    publish(lead, team_url, member="Lead")
    with TeamServer(team_url) as server:
        server.add_member("ana", "Ana", "coder")
        server.add_member("zed", "Zed", "coder")
        server.remove_member("Zed")
    with pytest.raises(TeamError, match="is the team member Ana, not Anna; join --as Ana"):
        join(as_login(team_url, "ana"), tmp_path / "a.annotator", member="Anna")
    with pytest.raises(TeamError, match="not a member of the team"):
        join(as_login(team_url, "zed"), tmp_path / "z.annotator", member="Zed")
    assert not (tmp_path / "a.annotator").exists() and not (tmp_path / "z.annotator").exists()
