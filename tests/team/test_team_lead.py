"""A lead's commands: members, assignment with overlap, review opening, progress."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from annotator.cli.main import cli
from annotator.store import Project
from annotator.team.sync import join, publish, sync
from tests.team.helpers import add_span, as_login, lead_project


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_assign_open_and_progress(tmp_path: Path, team_url: str) -> None:
    lead_file = tmp_path / "lead.annotator"
    lead = lead_project(lead_file, docs=20)
    publish(lead, team_url, member="Lead")
    lead.close()
    for name in ("Ana", "Ben", "Cy"):
        code, out = _run("team", "add-member", str(lead_file), name)
        assert code == 0 and f"{name} is a coder of the team, logging in as " \
            f"{name.lower()}" in out
    code, out = _run("team", "assign", str(lead_file), "--coders", "Ana,Ben,Cy",
                     "--overlap", "0.2", "--seed", "3")
    assert code == 0 and out.strip() == "assigned: Ana 8, Ben 8, Cy 8"  # 20 + 4 doubled
    with Project.open(lead_file) as lead:
        first = lead.assignments()
    assert sorted(len(c) for c in first.values()) == [1] * 16 + [2] * 4
    code, _ = _run("team", "assign", str(lead_file), "--coders", "Ana,Ben,Cy",
                   "--overlap", "0.2", "--seed", "3")
    with Project.open(lead_file) as lead:
        assert lead.assignments() == first  # reproducible

    ana, _ = join(as_login(team_url, "ana"), tmp_path / "ana.annotator", member="Ana")
    mine = ana.assigned_documents("Ana")
    assert len(mine) == 8 and ana.assignments().keys() == set(mine)  # only her own
    index = ana.document_ids().index(mine[0])
    add_span(ana, "Ana", index, 2, 11)
    sync(ana)
    code, out = _run("team", "progress", str(lead_file), "--by-document")
    assert code == 0, out
    row = next(line for line in out.splitlines() if line.startswith("Ana "))
    assert row.split()[:6] == ["Ana", "coder", "8", "0", "0", "1"]
    assert "double-coded sample 4" in out and "agreement so far" in out

    code, out = _run("team", "open", str(lead_file), "--documents", "1,2")
    assert code == 0 and "opened for review" in out
    code, out = _run("team", "open", str(lead_file), "--documents", "999")
    assert code == 1 and "no document with id 999" in out
    code, out = _run("team", "remove-member", str(lead_file), "Cy")
    assert code == 0 and "no longer a member" in out
    code, out = _run("team", "add-member", str(lead_file), "Dee", "--print-sql")
    assert code == 0 and 'CREATE ROLE "dee" LOGIN' in out and "team_members" in out
