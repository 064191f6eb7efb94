"""``annotator consistency``: where an annotator coded the same text in different ways,
or left it uncoded elsewhere."""

from __future__ import annotations

import json
from pathlib import Path

import click

from annotator.cli.errors import run_job
from annotator.core.errors import InputError
from annotator.formats.consistency import KIND_TEXT, consistency_report
from annotator.store import Project


@click.command("consistency")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--annotator", "names", multiple=True,
              help="Whose coding to check (repeatable; default: everyone who has spans, "
                   "gold included).")
@click.option("--no-untagged", is_flag=True,
              help="Skip the search for untagged occurrences (the slow part).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table",
              show_default=True)
@run_job
def consistency_cmd(project: Path, names: tuple[str, ...], no_untagged: bool,
                    fmt: str) -> None:
    """Check PROJECT's coding for consistency, per annotator: (a) the same text tagged
    with different labels, (b) untagged occurrences of text tagged elsewhere (whole
    words), (c) actor spans of the same text linked to different actors. Texts compare
    folded (case, ZWNJ, diacritics, Arabic/Persian letter variants). Each place is a
    document id and code-point offsets."""
    with Project.open(project, create=False) as opened:
        everyone = {a.name: a.id for a in opened.annotators()}
        with_spans = opened.annotators_with_spans()
        chosen = list(names) or [n for n, i in everyone.items() if i in with_spans]
        if not chosen:
            click.echo("no annotator has spans yet: nothing to check")
            return
        unknown = [n for n in chosen if n not in everyone]
        if unknown:
            raise InputError(f"no annotator named {unknown[0]!r} (there are: "
                             f"{', '.join(sorted(everyone)) or 'none'})")
        for name in chosen:
            annotator_id = everyone[name]
            assert annotator_id is not None
            findings = consistency_report(opened, annotator_id, untagged=not no_untagged)
            titles = {d: opened.document_details(d)[0]
                      for d in {p.doc_id for f in findings for p in f.places}}
            for f in findings:
                if fmt == "jsonl":
                    click.echo(json.dumps({
                        "annotator": name, "check": f.kind, "text": f.text, "layer": f.layer,
                        "detail": f.detail, "places": [
                            {"doc_id": p.doc_id, "title": titles[p.doc_id], "start": p.start,
                             "end": p.end, "span": p.note, "context": p.context}
                            for p in f.places]},
                        ensure_ascii=False))
                    continue
                click.echo(f"{name} · {KIND_TEXT[f.kind]} · {f.layer} “{f.text}”: {f.detail}")
                for p in f.places[:10]:
                    click.echo(f"    {p.doc_id:>6} {p.start:>7}-{p.end:<7} {p.note:<28} "
                               f"{p.context}")
                if len(f.places) > 10:
                    click.echo(f"    … and {len(f.places) - 10} more (--format jsonl lists all)")
            if fmt == "table" and not findings:
                click.echo(f"{name}: consistent (no finding)")


COMMANDS = [consistency_cmd]
