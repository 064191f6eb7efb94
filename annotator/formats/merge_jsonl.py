"""Merging a colleague's native JSONL export: the JSONL importer does the reading.

``formats.jsonl_import`` already matches documents by uuid then by text hash, skips
span and link ids the project has, creates missing labels and never downgrades a
status, which are the merge rules. This module only wraps it in the merge's contract:
one transaction, ``dry_run``, ``cancelled()`` and a ``MergeSummary``.

Annotators are matched like a project file's (``merge_plan.plan_annotators``) when the
export's header lists them with their person ids: by id first (the local name is
kept), and the same name with another id is a clash, refused or renamed with
``rename_clashes``. Files without ids (older exports) are matched by name, as two
people with one name cannot be told apart there. A document whose id is here with
another text is refused with its line number rather than reported as a conflict.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.errors import InputError
from annotator.core.model import Annotator
from annotator.formats.jsonl_import import check_header, import_jsonl, read_jsonl
from annotator.formats.jsonl_records import header_people
from annotator.formats.merge_plan import (
    AnnotatorMatch,
    How,
    create_annotators,
    plan_annotators,
)
from annotator.formats.summary import ImportSummary, Progress
from annotator.store import Project

if TYPE_CHECKING:
    from annotator.formats.merge import Cancelled, MergeSummary


def merge_jsonl(project: Project, other: Path, *, rename_clashes: bool = False,
                dry_run: bool = False, progress: Progress | None = None,
                cancelled: Cancelled | None = None) -> MergeSummary:
    from annotator.formats.merge import MergeCancelled, MergeSummary, merge_transaction

    def report(done: int, total: int) -> None:
        # The importer calls this after each record: the place to honour a cancel.
        if cancelled is not None and cancelled():
            raise MergeCancelled(f"{other}: merge cancelled; nothing was changed")
        if progress is not None:
            progress(done, total)

    theirs = _header_people(other)
    imported = ImportSummary()
    with merge_transaction(project, dry_run=dry_run):
        # Planned inside the transaction, as for a project file.
        steps, clashes = plan_annotators(project, theirs, rename_clashes=rename_clashes,
                                         source=str(other))
        local_ids = create_annotators(project, steps)
        people = {s.foreign.name: local_ids[s.foreign.id or 0] for s in steps}
        import_jsonl(project, other, imported, progress=report, people=people)
    summary = MergeSummary(
        source=str(other), dry_run=dry_run,
        documents_matched=imported.documents_matched,
        documents_added=imported.documents_added,
        spans_added=imported.spans_added, spans_present=imported.spans_skipped,
        links_added=imported.links_added,
        annotators=[s.match for s in steps] + [
            AnnotatorMatch(name, name, How.CREATED, "") for name in imported.annotators_created],
        clashes=clashes,
        labels_created=[_layer_and_name(text) for text in imported.labels_created],
        notes=list(imported.notes))
    if not theirs:
        summary.notes.append("this JSONL file names annotators without their person ids "
                             "(an older export or another tool): they were matched by name")
    if imported.records_skipped:
        summary.notes.append(f"{imported.records_skipped} records were not documents and "
                             "were skipped")
    return summary


def _header_people(path: Path) -> list[Annotator]:
    """The people the file's native header lists, each with a stand-in id (its index)
    for ``create_annotators``; empty without a header or without ids in it."""
    with closing(read_jsonl(path)) as lines:
        for number, rec in lines:
            if not isinstance(rec, dict) or "annotator_format" not in rec:
                return []
            try:
                check_header(rec)
                return [replace(p, id=i) for i, p in enumerate(header_people(rec), start=1)]
            except InputError as exc:
                raise InputError(exc.reason, path=str(path), line=number) from None
    return []


def _layer_and_name(text: str) -> tuple[str, str]:
    layer, _, name = text.partition("/")  # "layer/name"; names may contain "/"
    return layer, name
