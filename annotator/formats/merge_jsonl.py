"""Merging a colleague's native JSONL export: the JSONL importer does the reading.

``formats.jsonl_import`` already matches documents by uuid then by text hash, skips
span and link ids the project has, creates missing labels and never downgrades a
status, which are the merge rules. This module only wraps it in the merge's contract:
one transaction, ``dry_run``, ``cancelled()`` and a ``MergeSummary``.

What a JSONL file cannot say is matched differently from a project file: annotators
are known by name only (an export carries no person ids, so two different people with
one name cannot be told apart), and a document whose id is here with another text is
refused with its line number rather than reported as a conflict.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from annotator.formats.jsonl_import import import_jsonl
from annotator.formats.merge_plan import AnnotatorMatch, How
from annotator.formats.summary import ImportSummary, Progress
from annotator.store import Project

if TYPE_CHECKING:
    from annotator.formats.merge import Cancelled, MergeSummary


def merge_jsonl(project: Project, other: Path, *, dry_run: bool = False,
                progress: Progress | None = None, cancelled: Cancelled | None = None
                ) -> MergeSummary:
    from annotator.formats.merge import MergeCancelled, MergeSummary, merge_transaction

    def report(done: int, total: int) -> None:
        # The importer calls this after each record: the place to honour a cancel.
        if cancelled is not None and cancelled():
            raise MergeCancelled(f"{other}: merge cancelled; nothing was changed")
        if progress is not None:
            progress(done, total)

    imported = ImportSummary()
    with merge_transaction(project, dry_run=dry_run):
        import_jsonl(project, other, imported, progress=report)
    summary = MergeSummary(
        source=str(other), dry_run=dry_run,
        documents_matched=imported.documents_matched,
        documents_added=imported.documents_added,
        spans_added=imported.spans_added, spans_present=imported.spans_skipped,
        links_added=imported.links_added,
        annotators=[AnnotatorMatch(name, name, How.CREATED, "")
                    for name in imported.annotators_created],
        labels_created=[_layer_and_name(text) for text in imported.labels_created],
        notes=[*imported.notes, "a JSONL export names annotators without their ids: they "
               "were matched by name"])
    if imported.records_skipped:
        summary.notes.append(f"{imported.records_skipped} records were not documents and "
                             "were skipped")
    return summary


def _layer_and_name(text: str) -> tuple[str, str]:
    layer, _, name = text.partition("/")  # "layer/name"; names may contain "/"
    return layer, name
