"""``annotator team publish|join|status`` and ``annotator sync``: team projects on a shared
PostgreSQL database (README, "Working as a team").

A URL is a libpq connection string or ``postgresql://`` URL; the password comes from
libpq's usual places (``PGPASSWORD``, ``~/.pgpass``, a service file) and is never stored
in the project file.
"""

from __future__ import annotations

import getpass
import time
from pathlib import Path

import click

from annotator.cli.errors import run_job
from annotator.store import Project

_PROJECT = click.Path(dir_okay=False, path_type=Path)


def _echo_counts(lines: list[str], seconds: float) -> None:
    first, *rest = lines
    click.echo(f"{first} ({seconds:.2f} s)")
    for line in rest:
        click.echo(line)


@click.group("team")
def team_cmd() -> None:
    """Share a project with a team through a PostgreSQL database."""


@team_cmd.command("publish")
@click.argument("project", type=_PROJECT)
@click.argument("url")
@click.option("--as", "member", default="", metavar="NAME",
              help="Who you are in the team (default: your login name).")
@run_job
def publish_cmd(project: Path, url: str, member: str) -> None:
    """Create the team database at URL from PROJECT (documents, scheme, actors,
    everyone's spans) and make PROJECT your replica of it. Safe to run again."""
    from annotator.team.sync import publish

    started = time.perf_counter()
    with Project.open(project, create=False) as opened:
        counts = publish(opened, url, member=member or getpass.getuser())
    _echo_counts(counts.lines(), time.perf_counter() - started)


@team_cmd.command("join")
@click.argument("url")
@click.argument("project", type=_PROJECT)
@click.option("--as", "member", required=True, metavar="NAME",
              help="Who you are in the team: your spans are written under this name.")
@run_job
def join_cmd(url: str, project: Path, member: str) -> None:
    """Create PROJECT (a new file) as your replica of the team database at URL."""
    from annotator.team.sync import join

    started = time.perf_counter()
    opened, counts = join(url, project, member=member)
    opened.close()
    _echo_counts(counts.lines(), time.perf_counter() - started)


@team_cmd.command("status")
@click.argument("project", type=_PROJECT)
@run_job
def status_cmd(project: Path) -> None:
    """Show PROJECT's team database, its last sync and what waits to be pushed."""
    from annotator.team.sync import status

    with Project.open(project, create=False) as opened:
        for line in status(opened):
            click.echo(line)


def _ids(text: str | None) -> list[int] | None:
    if text is None:
        return None
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise click.BadParameter(f"document ids separated by commas, not {text!r}",
                                 param_hint="--documents") from exc


@team_cmd.command("add-member")
@click.argument("project", type=_PROJECT)
@click.argument("name")
@click.option("--role", type=click.Choice(["lead", "reviewer", "coder"]), default="coder",
              show_default=True, help="What the member may read and write.")
@click.option("--login", default="", metavar="LOGIN",
              help="Their database login (default: NAME in lower case).")
@click.option("--print-sql", is_flag=True,
              help="Only print the SQL, for a database administrator to run.")
@run_job
def add_member_cmd(project: Path, name: str, role: str, login: str, print_sql: bool) -> None:
    """Make NAME a member of PROJECT's team with a database login of their own; the
    server then enforces the role (a lead runs this; creating a login needs CREATEROLE,
    else it prints the SQL for an administrator)."""
    from annotator.core.team import TeamError
    from annotator.team.manage import add_member, member_statements

    login = login or name.lower()
    with Project.open(project, create=False) as opened:
        if not print_sql:
            try:
                add_member(opened, login, member=name, role=role)
                click.echo(f"{name} is a {role} of the team, logging in as {login} (they "
                           f"join with: annotator team join URL FILE --as {name})")
                return
            except TeamError as exc:
                click.echo(f"annotator: {exc}; a database administrator can run:", err=True)
        for statement in member_statements(opened, login, member=name, role=role):
            click.echo(statement + ";")


@team_cmd.command("remove-member")
@click.argument("project", type=_PROJECT)
@click.argument("name")
@run_job
def remove_member_cmd(project: Path, name: str) -> None:
    """End NAME's membership: their further pushes are refused (their work stays)."""
    from annotator.team.manage import remove_member

    with Project.open(project, create=False) as opened:
        remove_member(opened, name)
    click.echo(f"{name} is no longer a member; what they pushed stays in the project")


@team_cmd.command("assign")
@click.argument("project", type=_PROJECT)
@click.option("--coders", required=True, metavar="A,B,C", help="Who codes.")
@click.option("--per-document", type=int, default=1, show_default=True,
              help="Coders per document.")
@click.option("--overlap", type=float, default=0.0, show_default=True,
              help="Fraction of the documents given to one coder more (double coding).")
@click.option("--seed", type=int, default=1, show_default=True,
              help="The same seed gives the same assignment.")
@click.option("--documents", metavar="ID,ID", help="Only these document ids.")
@click.option("--others", type=click.Choice(["grey", "hide"]), default=None,
              help="How a coder's window shows the documents not assigned to them "
                   "(default: as before; grey at first).")
@run_job
def assign_cmd(project: Path, coders: str, per_document: int, overlap: float, seed: int,
               documents: str | None, others: str | None) -> None:
    """Assign PROJECT's documents to coders (work already started keeps its coder)."""
    from annotator.team.manage import assign

    names = [n.strip() for n in coders.split(",") if n.strip()]
    with Project.open(project, create=False) as opened:
        load = assign(opened, coders=names, per_document=per_document, overlap=overlap,
                      seed=seed, doc_ids=_ids(documents), others=others)
    click.echo("assigned: " + ", ".join(f"{n} {k}" for n, k in load.items()))


@team_cmd.command("open")
@click.argument("project", type=_PROJECT)
@click.option("--documents", metavar="ID,ID", help="Only these document ids (default: all).")
@click.option("--close", is_flag=True, help="Blind again (what was seen stays seen).")
@run_job
def open_cmd(project: Path, documents: str | None, close: bool) -> None:
    """Open documents for review: every member then sees everyone's spans on them."""
    from annotator.team.manage import open_for_review

    with Project.open(project, create=False) as opened:
        open_for_review(opened, _ids(documents), close=close)
    click.echo("closed for review" if close else "opened for review; members see "
               "everyone's spans on them at their next sync")


@team_cmd.command("progress")
@click.argument("project", type=_PROJECT)
@click.option("--by-document", is_flag=True, help="Also list who has each document.")
@run_job
def progress_cmd(project: Path, by_document: bool) -> None:
    """Per member: documents assigned, started, done, spans, last sync; and agreement so
    far on the double-coded sample."""
    from annotator.team.manage import progress

    with Project.open(project, create=False) as opened:
        for line in progress(opened, by_document=by_document):
            click.echo(line)


@click.command("sync")
@click.argument("project", type=_PROJECT)
@run_job
def sync_cmd(project: Path) -> None:
    """Push PROJECT's changes to its team database, then pull the team's. Safe to
    interrupt and to run again."""
    from annotator.team.sync import sync

    started = time.perf_counter()
    with Project.open(project, create=False) as opened:
        counts = sync(opened)
    _echo_counts(counts.lines(), time.perf_counter() - started)


COMMANDS = [team_cmd, sync_cmd]
