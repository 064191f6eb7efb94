"""The team commands as a user types them."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from annotator.cli.main import cli
from tests.team.helpers import add_span, lead_project


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_publish_join_sync_status(tmp_path: Path, team_url: str) -> None:
    lead_file, dana_file = tmp_path / "lead.annotator", tmp_path / "dana.annotator"
    lead = lead_project(lead_file)
    add_span(lead, "Lead", 0, 2, 11)
    lead.close()
    code, out = _run("team", "publish", str(lead_file), team_url, "--as", "Lead")
    assert code == 0, out
    assert out.startswith("pushed 3 layers, 1 annotator, 29 labels, 2 documents, 1 span")
    code, again = _run("team", "publish", str(lead_file), team_url, "--as", "Lead")
    assert code == 0 and "pulled nothing" in again  # idempotent

    code, out = _run("team", "join", team_url, str(dana_file), "--as", "Dana")
    assert code == 0 and "pulled 3 layers" in out and "2 documents, 1 span" in out
    code, out = _run("team", "join", team_url, str(dana_file), "--as", "Dana")
    assert code == 1 and "the file exists" in out

    from annotator.store import Project
    with Project.open(dana_file) as dana:
        add_span(dana, "Dana", 1, 2, 11)
    code, out = _run("team", "status", str(dana_file))
    assert code == 0 and "waiting to be pushed: 1 span" in out
    assert "you are: Dana (coder)" in out and "Lead (replica" in out
    code, out = _run("sync", str(dana_file))
    assert code == 0 and out.startswith("pushed 1 span; pulled nothing")
    code, out = _run("sync", str(lead_file))
    assert code == 0 and out.startswith("pushed nothing; pulled 1 annotator, 1 span")


def test_errors_are_one_line(tmp_path: Path, team_url: str) -> None:
    plain = tmp_path / "plain.annotator"
    lead_project(plain).close()
    code, out = _run("sync", str(plain))
    assert code == 1 and "not a team project" in out
    code, out = _run("team", "join", team_url, str(tmp_path / "x.annotator"), "--as", "D")
    assert code == 1 and "is not a team database (publish a project to it first)" in out
    bad = "host=/nonexistent dbname=nothing"
    code, out = _run("team", "join", bad, str(tmp_path / "y.annotator"), "--as", "D")
    assert code == 1 and out.startswith("annotator: cannot reach the team database nothing on "
                                        "/nonexistent")
    assert not (tmp_path / "y.annotator").exists()


def test_a_password_in_the_url_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    url = "postgresql://media_team:secret@db.example.org/media"
    code, out = _run("team", "join", url, str(tmp_path / "z.annotator"), "--as", "D")
    assert code == 1 and "holds a password" in out and "~/.pgpass" in out
    assert not (tmp_path / "z.annotator").exists()
    plain = tmp_path / "plain.annotator"
    lead_project(plain).close()
    code, out = _run("team", "publish", str(plain), url)
    assert code == 1 and "holds a password" in out
    from annotator.store import Project
    with Project.open(plain) as project:
        assert project.sync_settings() is None
