"""``annotator network``: DNA's network types from the coded statements (issue 12)."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli.doc_filter_options import document_filter_options
from annotator.cli.errors import run_job
from annotator.core.docfilter import DocumentFilter
from annotator.core.errors import InputError
from annotator.core.networks import (
    DUPLICATES,
    ONE_MODE,
    ONE_MODE_NORMS,
    QUALIFIERS,
    TWO_MODE_NORMS,
    parse_days,
)
from annotator.core.wording import count
from annotator.formats.dna_network import (
    CONCEPT_ON,
    Built,
    Statements,
    build_networks,
    project_statements,
    write_csv,
    write_dl,
    write_graphml,
)
from annotator.store import Project

TYPES = ("two-mode", *ONE_MODE)
SUFFIXES = (".graphml", ".csv", ".dl")


@click.command("network")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="The file to write: .graphml, .csv (edge list) or .dl (UCINET matrix).")
@click.option("--type", "kind", type=click.Choice(TYPES), default="two-mode",
              show_default=True, help="two-mode: actor × concept; congruence, conflict, "
                                      "subtract: actor × actor by shared concepts.")
@click.option("--on", type=click.Choice(CONCEPT_ON), default="target", show_default=True,
              help="The concepts: stance targets, or narratives an actor shares a "
                   "sentence with.")
@click.option("--qualifier", type=click.Choice(QUALIFIERS), default=None,
              help="Qualifier aggregation (default: ignore for two-mode, combine for "
                   "one-mode).")
@click.option("--normalize", type=click.Choice(sorted({*TWO_MODE_NORMS, *ONE_MODE_NORMS})),
              default="none", show_default=True)
@click.option("--duplicates", type=click.Choice(DUPLICATES), default="include",
              show_default=True, help="Count a repeated statement once per document, "
                                      "week or month.")
@click.option("--window", default=None, metavar="DAYS",
              help="Time windows (30d, 4w, 2m): one network per window.")
@click.option("--step", default=None, metavar="DAYS",
              help="Days between window starts (default: the window: no overlap).")
@click.option("--annotator", "annotators", multiple=True, metavar="NAME",
              help="Only this annotator's coding (repeatable; several add up).")
@click.option("--gold", is_flag=True, help="Only the adjudicated (gold) coding.")
@click.option("--label", "labels", multiple=True, metavar="NAME",
              help="Only statements with this stance (or narrative) label.")
@run_job
@document_filter_options
def network_cmd(project: Path, output: Path, kind: str, on: str, qualifier: str | None,
                normalize: str, duplicates: str, window: str | None, step: str | None,
                annotators: tuple[str, ...], gold: bool, labels: tuple[str, ...],
                doc_filter: DocumentFilter) -> None:
    """Write PROJECT's discourse network as the Discourse Network Analyzer defines them
    (the README's "Networks" section gives each option's formula)."""
    suffix = output.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"{output}: the file name must end in {', '.join(SUFFIXES)}")
    try:
        windows_of = (parse_days(window), parse_days(step or window)) if window else None
    except ValueError as exc:
        raise InputError(str(exc)) from None
    with Project.open(project, read_only=True, create=False) as opened:
        found, read = project_statements(opened, on, annotators=annotators, gold=gold,
                                         where=doc_filter)
    statements, built = build_networks(found, kind, on, qualifier=qualifier,
                                       normalize=normalize, duplicates=duplicates,
                                       labels=labels, window=windows_of)
    written = _write(output, suffix, built, found)
    documents = count(read, "document")
    edges_written = count(sum(len(b.edges) for b in built), "edge")
    click.echo(f"{count(len(statements), 'statement')} from {documents}; {edges_written}"
               + (f" in {count(len(built), 'window')}" if windows_of else "")
               + f"; wrote {', '.join(str(p) for p in written)}", err=True)
    if found.incomplete:
        click.echo(f"note: {count(found.incomplete, 'stance span')} without both a holder "
                   "and a target made no statement", err=True)
    if len(found.annotators) > 1:
        click.echo(f"note: {len(found.annotators)} annotators' statements add up "
                   f"({', '.join(sorted(found.annotators))}); choose one with --annotator "
                   "or --gold", err=True)


def _write(output: Path, suffix: str, built: list[Built], found: Statements) -> list[Path]:
    if suffix == ".csv":
        with output.open("wb") as out:
            write_csv(built, out)
        return [output]
    paths = [output] if len(built) == 1 and "window" not in built[0].attrs else [
        output.with_name(f"{output.stem}-{b.attrs['start']}{suffix}") for b in built]
    for path, one in zip(paths, built, strict=True):
        with path.open("wb") as out:
            if suffix == ".graphml":
                write_graphml(one, found, out)
            else:
                write_dl(one, out)
    return paths


COMMANDS = [network_cmd]
