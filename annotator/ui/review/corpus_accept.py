""""Accept all agreed" over the whole corpus, on a worker thread, as one undo step.

At 2,000 documents × 40 spans per annotator this is tens of thousands of gold spans and
takes seconds (see the README), too long for the GUI thread. So the worker plans and
writes them on its own project connection, in one transaction, a chunk of documents at
a time so it can show progress and be cancelled (Cancel rolls the transaction back:
nothing is written). The GUI thread then puts the finished command on the controller's
undo stack without running it again (``Controller.push_applied``); undo and redo take
the usual road.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.commands import Batch, Change
from annotator.core.review.adjudicate import AcceptAllAgreed
from annotator.store import Project
from annotator.ui.jobs import Cancelled, Progress, run_job

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from annotator.ui.controller import Controller

CHUNK = 100  # documents per progress step


@dataclass
class CorpusAccept:
    command: Batch
    change: Change
    accepted: int
    skipped: int
    documents: int


def accept_agreed_in(project: Project, doc_ids: list[int], annotator_ids: list[int],
                     gold_id: int, reviewer: str, progress: Progress) -> CorpusAccept:
    """Accept what every annotator agrees on in ``doc_ids``, in one transaction."""
    parts: list[AcceptAllAgreed] = []
    change = Change()
    total = len(doc_ids)
    progress(0, total)
    with project.transaction():
        for first in range(0, total, CHUNK):
            part = AcceptAllAgreed(doc_ids[first:first + CHUNK], annotator_ids, gold_id,
                                   reviewer=reviewer)
            change = change | project.apply(part)
            parts.append(part)
            progress(min(first + CHUNK, total), total)  # raises if cancelled: rollback
    command = Batch(parts, "Accept all agreed spans (whole corpus)")
    return CorpusAccept(command, change, sum(p.accepted for p in parts),
                        sum(p.skipped for p in parts), sum(p.documents for p in parts))


def accept_agreed_corpus(parent: QWidget | None, controller: Controller,
                         annotator_ids: list[int], gold_id: int,
                         initiator: object = None) -> CorpusAccept | str | None:
    """Run the job with a progress dialog; the result, an error message, or None if
    cancelled. On success the command is on the undo stack and ``changed`` was sent."""
    project = controller.project
    doc_ids = project.documents_with_spans_of(annotator_ids, every=True)
    reviewer = controller.annotator.name

    def job(p: Project, progress: Progress, cancelled: Cancelled) -> CorpusAccept:
        return accept_agreed_in(p, doc_ids, annotator_ids, gold_id, reviewer, progress)

    outcome = run_job(parent, "Accepting all agreed spans…", project.path, job, project)
    if outcome.cancelled:
        return None
    if outcome.error:
        return outcome.error
    result: CorpusAccept = outcome.result
    if result.accepted:
        controller.push_applied(result.command, result.change, initiator)
    return result
