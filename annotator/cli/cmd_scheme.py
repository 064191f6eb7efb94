"""``annotator scheme export|import``: a project's label scheme as a shareable file."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from annotator.cli.errors import run_job
from annotator.core.scheme import load_scheme
from annotator.core.wording import count
from annotator.store import Project

PROJECT = click.Path(dir_okay=False, path_type=Path)


@click.group("scheme")
def scheme_group() -> None:
    """Export or import PROJECT's label scheme (layers and labels) as a JSON file."""


@scheme_group.command("export")
@click.argument("project", type=PROJECT)
@click.argument("file", type=click.Path(dir_okay=False))
@run_job
def scheme_export(project: Path, file: str) -> None:
    """Write PROJECT's scheme to FILE (- for standard output)."""
    with Project.open(project, read_only=True, create=False) as opened:
        scheme = opened.scheme()
    text = json.dumps(scheme.to_json(), ensure_ascii=False, indent=2) + "\n"
    if file == "-":
        sys.stdout.write(text)
        return
    partial = Path(file).with_name(f".{Path(file).name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, file)
    finally:
        partial.unlink(missing_ok=True)
    click.echo(f"wrote {count(len(scheme.labels), 'label')} to {file}", err=True)


@scheme_group.command("import")
@click.argument("project", type=PROJECT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@run_job
def scheme_import(project: Path, file: Path) -> None:
    """Add FILE's labels that PROJECT lacks (created if missing) and its layer settings.

    Labels PROJECT already has (same layer and name) keep their colour, shortcut and
    description; a shortcut another label already uses is left empty.
    """
    scheme = load_scheme(file)  # before opening: a bad file must not create PROJECT
    with Project.open(project) as opened:
        created = opened.apply_scheme(scheme)
    if created:
        click.echo(f"{project}: created {count(len(created), 'label')}: "
                   + ", ".join(f"{lab.layer}/{lab.name}" for lab in created))
    else:
        click.echo(f"{project}: no new labels (all {len(scheme.labels)} already there)")


COMMANDS = [scheme_group]
