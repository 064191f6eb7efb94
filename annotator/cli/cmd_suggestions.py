"""``annotator suggestions``: registry names found in the corpus and not yet tagged."""

from __future__ import annotations

import json
from pathlib import Path

import click

from annotator.cli.errors import run_job
from annotator.core.errors import InputError
from annotator.formats.consistency import snippet
from annotator.formats.suggestions import corpus_suggestions
from annotator.store import Project


@click.command("suggestions")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--annotator", "name", required=True,
              help="Whose spans and rejections count (suggestions are for one coder).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table",
              show_default=True)
@run_job
def suggestions_cmd(project: Path, name: str, fmt: str) -> None:
    """List, for every document of PROJECT, the names and aliases of registry actors
    found (whole words, any case) outside the annotator's actor spans and not rejected
    there: document id, code-point offsets, the text, the actor and the label accepting
    it would give. The window shows the same for the open document (Tab accepts)."""
    with Project.open(project, create=False) as opened:
        who = next((a for a in opened.annotators() if a.name == name), None)
        if who is None or who.id is None:
            raise InputError(f"no annotator named {name!r}")
        found = list(corpus_suggestions(opened, who.id))
        texts = dict(opened.texts_of(sorted({f.doc_id for f in found})))
    for f in found:
        s = f.suggestion
        if fmt == "jsonl":
            click.echo(json.dumps({"doc_id": f.doc_id, "start": s.start, "end": s.end,
                                   "text": s.text, "entity": f.entity, "label": f.label},
                                  ensure_ascii=False))
        else:
            click.echo(f"{f.doc_id:>6} {s.start:>7}-{s.end:<7} {f.entity[:24]:<24} "
                       f"{f.label[:24]:<24} {snippet(texts[f.doc_id], s.start, s.end)}")
    if fmt == "table":
        click.echo(f"{len(found)} suggestion{'s' if len(found) != 1 else ''} in "
                   f"{len({f.doc_id for f in found})} documents", err=True)


COMMANDS = [suggestions_cmd]
