"""``annotator agreement``: inter-annotator agreement as a table, CSV or JSON."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import click

from annotator.cli.agreement_table import render
from annotator.cli.doc_filter_options import document_filter_options
from annotator.cli.errors import fail, run_job
from annotator.cli.progress import progress_bar
from annotator.core.agreement import (
    AgreementReport,
    Progress,
    build_report,
    to_csv,
    to_json,
)
from annotator.core.docfilter import DocumentFilter
from annotator.formats.agreement_data import load_agreement_input
from annotator.store import Project

PROJECT = click.Path(dir_okay=False, path_type=Path)


@contextmanager
def stage_bars() -> Iterator[Progress]:
    """On a terminal, each stage of the job is named on stderr, with a bar for the long
    ones (reading the documents)."""
    watching = sys.stderr.isatty()
    with ExitStack() as stack:
        current: dict[str, object] = {"stage": None, "report": None}

        def report(stage: str, done: int, total: int) -> None:
            if stage != current["stage"]:
                stack.close()
                if watching:
                    click.echo(f"agreement: {stage}…", err=True)
                current["stage"] = stage
                current["report"] = stack.enter_context(progress_bar(f"agreement: {stage}"))
            bar = current["report"]
            if callable(bar):
                bar(done, total)

        yield report


@click.command("agreement")
@click.argument("project", type=PROJECT)
@click.option("--annotators", metavar="A,B[,...]",
              help="Comma-separated annotator names; gold may be one of them "
                   "(default: every annotator but gold who has spans).")
@click.option("--layer", "layers", metavar="LAYER", multiple=True,
              help="Only this layer (repeatable).")
@click.option("--label", "labels", metavar="NAME", multiple=True,
              help="Only this label, as NAME or LAYER:NAME (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]),
              default="table", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              default="-", help="File to write; - (the default) for standard output.")
@click.option("--documents", type=click.IntRange(min=0), default=10, show_default=True,
              help="Table only: how many lowest-agreement documents to list.")
@run_job
@document_filter_options
def agreement_cmd(project: Path, annotators: str | None, layers: tuple[str, ...],
                  labels: tuple[str, ...], fmt: str, output: str, documents: int,
                  doc_filter: DocumentFilter) -> None:
    """Measure how far PROJECT's annotators agree.

    Span F1 (exact and partial), Cohen's kappa (two annotators) or Fleiss' kappa (three
    or more), Krippendorff's alpha over tokens, Krippendorff's unitizing alpha over the
    characters of each document, and alpha on the labels of matched spans: overall, per
    layer, per label, per document, and pairwise for three or more annotators. Every
    figure states its unit and matching rule; one that cannot be computed says why.
    """
    names = None
    if annotators is not None:
        names = [n.strip() for n in annotators.split(",") if n.strip()]
        if not names:
            fail("--annotators needs at least one name", 2)
    with Project.open(project, read_only=True, create=False) as opened, \
            stage_bars() as progress:
        data = load_agreement_input(opened, annotators=names, layers=layers or None,
                                    labels=labels or None,
                                    where=None if doc_filter.is_empty else doc_filter,
                                    progress=progress)
        report = build_report(data, progress)
    if len(report.annotators) < 2:
        click.echo(f"annotator: {project}: agreement needs two annotators with spans; "
                   f"found {', '.join(report.annotators) or 'none'} (every figure is "
                   "reported as not defined)", err=True)
    hint = _choose_annotators_hint(report)
    if hint:
        click.echo(f"annotator: {project}: {hint}", err=True)
    if fmt == "json":
        text = to_json(report)
    elif fmt == "csv":
        text = to_csv(report)
    else:
        lines = render(report, str(project), documents)
        if not doc_filter.is_empty:
            lines.insert(2, f"documents chosen by metadata: {doc_filter.describe()}")
        text = "\n".join(lines) + "\n"
    if output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        Path(output).write_text(text, encoding="utf-8")


def _choose_annotators_hint(report: AgreementReport) -> str:
    """What to do when three or more annotators never coded one document together (the
    whole group's figures are then not defined, though some pairs may compare)."""
    names = report.annotators
    if len(names) < 3 or report.documents_compared == 0:
        return "" if len(names) < 3 else (
            "no document was coded by two or more of the selected annotators; choose "
            "annotators who coded the same documents with --annotators")
    group = report.get("unitizing_alpha")
    if group is None or group.defined or "every compared annotator" not in group.reason:
        return ""
    pairs = [f.annotators for f in report.matrix("unitizing_alpha").values() if f.defined]
    example = f" (for example --annotators {','.join(pairs[0])})" if pairs else ""
    return (f"no document was coded by all of {', '.join(names)}, so the figures for the "
            f"whole group are not defined; choose annotators who coded the same documents "
            f"with --annotators{example}")


COMMANDS = [agreement_cmd]
