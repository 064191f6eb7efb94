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
