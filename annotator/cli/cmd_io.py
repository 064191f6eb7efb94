"""``annotator import`` and ``annotator export``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator.cli.doc_filter_options import document_filter_options
from annotator.cli.errors import run_job
from annotator.cli.progress import progress_bar
from annotator.core.docfilter import DocumentFilter
from annotator.core.model import LAYERS
from annotator.core.wording import count
from annotator.formats.export_common import NETWORKS, OFFSET_UNITS, ExportOptions
from annotator.formats.export_formats import (
    FORMATS,
    NETWORK_FORMATS,
    check_request,
    write_export,
    write_stream,
)
from annotator.formats.importer import ImportOptions, import_paths
from annotator.formats.jsonl_export import ExportFilter
from annotator.formats.summary import ImportSummary
from annotator.paths import default_scheme_path
from annotator.store import Project

LAYER_CHOICE = click.Choice([str(layer) for layer in LAYERS])
PROJECT = click.Path(dir_okay=False, path_type=Path)


@click.command("import")
@click.argument("project", type=PROJECT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--annotator", default="imported", show_default=True,
              help="Annotator of spans whose file names none (doccano, Prodigy).")
@click.option("--layer", type=LAYER_CHOICE, default="actor", show_default=True,
              help="Layer for labels of other tools' JSONL that the project lacks.")
@click.option("--encoding", metavar="NAME",
              help="Read every text file in this encoding instead of detecting it.")
@click.option("--offset-unit", type=click.Choice(list(OFFSET_UNITS)),
              help="How JSONL span offsets count where the file does not say: utf16 for "
                   "doccano's app, grapheme for its grapheme mode.  [default: codepoint, "
                   "with a warning when offsets look like utf16]")
@click.option("--scheme", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Label scheme for a new PROJECT (default: the built-in one).")
@click.option("--skip-bad", is_flag=True,
              help="Leave out files that cannot be imported (listed with the reason) and "
                   "import the rest, instead of changing nothing.")
@click.option("--text-key", default="text", show_default=True, metavar="KEY",
              help="Label Studio: the task data key that holds the text (the $KEY of the "
                   "labelling config's <Text value=\"$KEY\"/>).")
@click.option("--predictions", is_flag=True,
              help="Label Studio: import the tasks' predictions too, each model version "
                   "as an annotator (without it they are counted and left out).")
@click.option("--meta", "meta", multiple=True, metavar="KEY=VALUE",
              help="Metadata for every document this import adds (repeatable), e.g. "
                   "outlet=Reuters; date=YYYY-MM-DD is stored as ISO 8601.")
@click.option("--meta-csv", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A CSV of metadata by file name: a 'filename' column and one column "
                   "per key.")
@run_job
def import_cmd(project: Path, paths: tuple[Path, ...], annotator: str, layer: str,
               encoding: str | None, offset_unit: str | None, scheme: Path | None,
               skip_bad: bool, text_key: str, predictions: bool, meta: tuple[str, ...],
               meta_csv: Path | None) -> None:
    """Import articles and annotations into PROJECT: text (.txt, .md), saved web pages
    (.html, .htm: the article's main text), Word (.docx), OpenDocument (.odt), PDF with a
    text layer, RTF, RSS/Atom feeds, Nexis/Factiva exports (one document per article),
    files or folders of them; JSONL (native, doccano, Prodigy), Label Studio JSON and brat
    folders.

    PROJECT is created if it does not exist. Everything is imported in one
    transaction: a bad file or line stops the import and nothing is changed
    (with --skip-bad, a bad file is left out and the rest imported).
    """
    created = not project.exists()
    try:
        with Project.open(project, scheme=(scheme or default_scheme_path()) if created
                          else None) as opened, progress_bar("Importing") as progress:
            summary = import_paths(opened, list(paths),
                                   ImportOptions(annotator=annotator, layer=layer,
                                                 encoding=encoding,
                                                 offset_unit=offset_unit,
                                                 skip_bad=skip_bad, text_key=text_key,
                                                 predictions=predictions, meta=meta,
                                                 meta_csv=meta_csv), progress)
    except BaseException:
        if created:  # bad input changes nothing: not even an empty new project stays
            for leftover in (project, Path(f"{project}-wal"), Path(f"{project}-shm")):
                leftover.unlink(missing_ok=True)
        raise
    for line in summary_lines(project, summary):
        click.echo(line)


def summary_lines(project: Path, s: ImportSummary) -> list[str]:
    lines = [f"{project}: added {count(s.documents_added, 'document')} "
             f"({s.documents_matched} already there), {count(s.spans_added, 'span')} "
             f"({s.spans_skipped} already there), {count(s.links_added, 'link')}"]
    if s.annotators_created:
        lines.append("created annotators: " + ", ".join(s.annotators_created))
    if s.labels_created:
        lines.append("created labels: " + ", ".join(s.labels_created))
    if s.records_skipped:
        lines.append(f"skipped {count(s.records_skipped, 'rejected or ignored record')}")
    if s.files_skipped:
        example = Path(s.files_skipped[0]).name
        lines.append(f"skipped {count(len(s.files_skipped), 'file')} that are no article, "
                     f"feed or annotation file (e.g. {example})")
    if s.bad_files:
        lines.append(f"skipped {count(len(s.bad_files), 'bad file')}:")
        lines.extend(f"  {path}: {why}" for path, why in s.bad_files)
    lines.extend(f"note: {note}" for note in s.notes)
    return lines


@click.command("export")
@click.argument("project", type=PROJECT)
@click.option("-o", "--output", required=True, type=click.Path(),
              help="File to write; - for standard output; a new or empty folder for brat.")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="jsonl",
              show_default=True, help="Output format (see the README for each).")
@click.option("--network", type=click.Choice(list(NETWORKS)),
              help="Which network network-csv and graphml write.")
@click.option("--offset-unit", type=click.Choice(list(OFFSET_UNITS)), default="codepoint",
              show_default=True,
              help="doccano only: utf16 for doccano's app, grapheme for its grapheme mode.")
@click.option("--task-ids", is_flag=True,
              help="labelstudio only: number the tasks (label-studio-sdk's converter needs "
                   "an id; leave it out for Label Studio's own import).")
@click.option("--annotator", "annotators", multiple=True, metavar="NAME",
              help="Only spans by this annotator (repeatable).")
@click.option("--layer", "layers", multiple=True, type=LAYER_CHOICE,
              help="Only spans of this layer (repeatable; exactly one for conll).")
@click.option("--label", "labels", multiple=True, metavar="NAME",
              help="Only spans with this label or a sub-label of it (repeatable).")
@click.option("--document", "documents", multiple=True, metavar="UUID",
              help="Only this document (repeatable).")
@click.option("--gold", is_flag=True, help="Only the adjudicated (gold) spans.")
@run_job
@document_filter_options
def export_cmd(project: Path, output: str, fmt: str, network: str | None, offset_unit: str,
               task_ids: bool, annotators: tuple[str, ...], layers: tuple[str, ...],
               labels: tuple[str, ...], documents: tuple[str, ...], gold: bool,
               doc_filter: DocumentFilter) -> None:
    """Export PROJECT: native JSONL (one document per line with its spans and links) or
    doccano, Prodigy, Label Studio, brat, CoNLL, a CSV of spans, or networks."""
    filt = ExportFilter(annotators=annotators, layers=layers, labels=labels,
                        documents=documents, gold=gold, where=doc_filter)
    options = ExportOptions(network=network, offset_unit=offset_unit, task_ids=task_ids)
    check_request(fmt, filt, options)  # before opening anything
    with Project.open(project, read_only=True, create=False) as opened, \
            progress_bar("Exporting") as progress:
        if output == "-":
            summary = write_stream(opened, fmt, sys.stdout.buffer, filt, options, progress)
            sys.stdout.buffer.flush()
        else:
            summary = write_export(opened, fmt, Path(output), filt, options, progress)
    what = (f"{count(summary.edges, 'edge')} from " if fmt in NETWORK_FORMATS else "")
    click.echo(f"wrote {what}{count(summary.documents, 'document')}, "
               f"{count(summary.spans, 'span')}, {count(summary.links, 'link')} to {output}",
               err=True)
    for extra in summary.files:
        click.echo(f"wrote {extra}", err=True)
    for note in summary.notes:
        click.echo(f"warning: {note}", err=True)


COMMANDS = [import_cmd, export_cmd]
