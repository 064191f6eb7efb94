"""``annotator adjudicate``: settle into gold what the annotators already agree on."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli.errors import fail, run_job
from annotator.core.model import Annotator
from annotator.core.review.adjudicate import AcceptAllAgreed
from annotator.core.wording import count
from annotator.store import Project

PROJECT = click.Path(dir_okay=False, path_type=Path)


@click.command("adjudicate")
@click.argument("project", type=PROJECT)
@click.option("--accept-agreed", is_flag=True,
              help="Copy into gold every span all the annotators marked with the same start, "
                   "end and label.")
@click.option("--annotators", metavar="A,B[,...]",
              help="Comma-separated annotator names (default: every annotator but gold).")
@click.option("--document", "documents", metavar="UUID", multiple=True,
              help="Only this document (repeatable; default: the whole corpus).")
@click.option("--reviewer", default="", help="Name recorded on the review decisions.")
@run_job
def adjudicate_cmd(project: Path, accept_agreed: bool, annotators: str | None,
                   documents: tuple[str, ...], reviewer: str) -> None:
    """Adjudicate PROJECT into the gold annotator without opening the window.

    With --accept-agreed, spans every chosen annotator marked identically are copied to
    gold; spans gold already has, and pairs a reviewer already decided, are left alone,
    so running it again adds nothing. Disagreements are for the compare view.
    """
    if not accept_agreed:
        fail("nothing to do: give --accept-agreed (disagreements are adjudicated in the "
             "window, Review → Compare annotators)")
    with Project.open(project, create=False) as opened:
        chosen = _annotators(opened, project, annotators)
        ids = [a.id for a in chosen if a.id is not None]
        doc_ids = _documents(opened, project, documents, ids)
        gold = opened.gold()
        assert gold.id is not None
        command = AcceptAllAgreed(doc_ids, ids, gold.id, reviewer=reviewer)
        opened.apply(command)
    names = ", ".join(a.name for a in chosen)
    click.echo(f"annotators: {names}")
    click.echo(f"documents examined: {len(doc_ids)} (where every annotator has spans)")
    if not doc_ids and len(chosen) > 2:
        click.echo("hint: no document has spans of all of them; choose annotators who "
                   "coded the same documents with --annotators A,B")
    elif not doc_ids:
        click.echo("hint: these annotators have no document with spans in common; choose "
                   "others with --annotators A,B")
    click.echo(f"accepted into gold: {count(command.accepted, 'span')} in "
               f"{count(command.documents, 'document')}")
    click.echo(f"already in gold or decided: {command.skipped}")


def _annotators(project: Project, path: Path, names: str | None) -> list[Annotator]:
    known = [a for a in project.annotators() if not a.is_gold]
    if names is None:
        chosen = known
    else:
        wanted = [n.strip() for n in names.split(",") if n.strip()]
        by_name = {a.name: a for a in project.annotators()}
        missing = [n for n in wanted if n not in by_name]
        if missing:
            fail(f"{path}: no annotator called {', '.join(map(repr, missing))}; this project "
                 f"has {', '.join(a.name for a in known) or 'none'}")
        if any(by_name[n].is_gold for n in wanted):
            fail("gold is what adjudication writes to; it cannot be one of --annotators")
        chosen = [by_name[n] for n in dict.fromkeys(wanted)]
    if len(chosen) < 2:
        fail(f"{path}: accepting what all agree on needs at least two annotators "
             f"(found {', '.join(a.name for a in chosen) or 'none'})")
    return chosen


def _documents(project: Project, path: Path, uuids: tuple[str, ...], ids: list[int]
               ) -> list[int]:
    candidates = project.documents_with_spans_of(ids, every=True)
    if not uuids:
        return candidates
    wanted: set[int] = set()
    for uuid in uuids:
        doc = project.find_document(uuid=uuid)
        if doc is None or doc.id is None:
            fail(f"{path}: no document with id {uuid}")
        wanted.add(doc.id)
    return [d for d in candidates if d in wanted]


COMMANDS = [adjudicate_cmd]
