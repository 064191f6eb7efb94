"""``annotator merge``: bring a colleague's project (or JSONL export) into a project."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli.errors import run_job
from annotator.cli.progress import progress_bar
from annotator.core.wording import count
from annotator.formats.merge import How, MergeSummary, merge
from annotator.store import Project

PROJECT = click.Path(dir_okay=False, path_type=Path)


@click.command("merge")
@click.argument("project", type=PROJECT)
@click.argument("other", type=PROJECT)
@click.option("--dry-run", is_flag=True,
              help="Show what the merge would do and change nothing.")
@click.option("--rename-clashes", is_flag=True,
              help="When a colleague has the name of a different person in PROJECT, bring "
                   "them in as 'NAME (2)' instead of refusing the merge.")
@run_job
def merge_cmd(project: Path, other: Path, dry_run: bool, rename_clashes: bool) -> None:
    """Merge a colleague's work (OTHER.annotator or OTHER.jsonl) into PROJECT.

    Documents are matched by id, then by text; their spans, links, comments and
    statuses arrive under their annotators. Nothing already in PROJECT changes, OTHER
    is only read, and merging the same file again adds nothing. All or nothing: on any
    error PROJECT is left as it was.
    """
    with Project.open(project, create=False) as opened, progress_bar("Merging") as progress:
        summary = merge(opened, other, rename_clashes=rename_clashes, dry_run=dry_run,
                        progress=progress)
    for line in summary_lines(project, summary):
        click.echo(line)


def summary_lines(project: Path, s: MergeSummary) -> list[str]:
    verb = "would merge" if s.dry_run else "merged"
    split = (f" ({s.documents_by_uuid} by id, {s.documents_by_hash} by text)"
             if s.documents_by_uuid + s.documents_by_hash == s.documents_matched else "")
    lines = [
        f"{verb} {s.source} into {project}",
        f"documents: {s.documents_matched} matched{split}, {s.documents_added} added, "
        f"{len(s.conflicts)} conflicting",
        f"spans: {s.spans_added} added, {s.spans_present} already here",
        f"links: {s.links_added} added, {s.links_present} already here"
        + (f", {s.links_unresolved} not merged (an end is in a conflicting document)"
           if s.links_unresolved else ""),
        f"comments: {s.comments_added} added",
        f"statuses: {s.statuses_added} added"
        + (f", {s.statuses_kept} kept as this project has them" if s.statuses_kept else ""),
    ]
    lines.extend(_annotator_line(m.foreign_name, m.local_name, m.how) for m in s.annotators)
    if s.labels_created:
        lines.append("labels created: " + ", ".join(f"{layer}/{name}"
                                                    for layer, name in s.labels_created))
    if s.entities_created:
        lines.append("entities created: " + ", ".join(s.entities_created))
    for c in s.conflicts:
        lines.append(f"conflict: document {c.title!r} ({c.uuid}) has another text here; "
                     f"its {count(c.spans, 'span')} {'was' if c.spans == 1 else 'were'} "
                     "not merged")
    lines.extend(f"note: {note}" for note in s.notes)
    if s.dry_run:
        lines.append("dry run: nothing was changed")
    return lines


def _annotator_line(theirs: str, ours: str, how: How) -> str:
    if how == How.RENAMED:
        return (f"annotator {theirs!r}: a different person from our {theirs!r}, "
                f"merged as {ours!r}")
    if how == How.KNOWN_AS:
        return f"annotator {theirs!r}: the same person as our {ours!r}"
    if how == How.CREATED:
        return f"annotator {theirs!r}: new"
    return f"annotator {theirs!r}: matched"


COMMANDS = [merge_cmd]
