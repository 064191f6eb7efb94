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

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog

from annotator.core.commands import Batch, Change
from annotator.core.review.adjudicate import AcceptAllAgreed
from annotator.store import Project
from annotator.ui.review.background import BackgroundJob

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from annotator.ui.controller import Controller

CHUNK = 100  # documents per progress step
StageProgress = Callable[[str, int, int], None]
STAGE = "accepting agreed spans"


@dataclass
class CorpusAccept:
    command: Batch
    change: Change
    accepted: int
    skipped: int
    documents: int


def accept_agreed_in(project: Project, doc_ids: list[int], annotator_ids: list[int],
                     gold_id: int, reviewer: str, progress: StageProgress) -> CorpusAccept:
    """Accept what every annotator agrees on in ``doc_ids``, in one transaction."""
    parts: list[AcceptAllAgreed] = []
    change = Change()
    total = len(doc_ids)
    progress(STAGE, 0, total)
    with project.transaction():
        for first in range(0, total, CHUNK):
            part = AcceptAllAgreed(doc_ids[first:first + CHUNK], annotator_ids, gold_id,
                                   reviewer=reviewer)
            change = change | project.apply(part)
            parts.append(part)
            progress(STAGE, min(first + CHUNK, total), total)  # raises if cancelled
    command = Batch(parts, "Accept all agreed spans (whole corpus)")
    return CorpusAccept(command, change, sum(p.accepted for p in parts),
                        sum(p.skipped for p in parts), sum(p.documents for p in parts))


def accept_agreed_corpus(parent: QWidget | None, controller: Controller,
                         annotator_ids: list[int], gold_id: int,
                         initiator: object = None) -> CorpusAccept | str | None:
    """Run the job behind a window-modal progress dialog with Cancel (edits meanwhile
    would only wait for its write lock); the result, an error message, or None if
    cancelled. On success the command is on the undo stack and ``changed`` was sent."""
    project = controller.project
    doc_ids = project.documents_with_spans_of(annotator_ids, every=True)
    reviewer = controller.annotator.name
    dialog = QProgressDialog("Accepting all agreed spans into gold…", "Cancel", 0,
                             max(len(doc_ids), 1), parent)
    dialog.setWindowTitle("Accept all agreed")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoReset(False)
    job = BackgroundJob(dialog)
    outcome: dict[str, object] = {}
    loop = QEventLoop()

    def finish(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()
    job.progressed.connect(lambda _stage, done, _total: dialog.setValue(done))
    job.finished.connect(lambda result: finish("result", result))
    job.failed.connect(lambda message: finish("error", message))
    job.cancelled.connect(lambda: finish("cancelled", True))
    dialog.canceled.connect(job.cancel)
    job.start(lambda p, progress: accept_agreed_in(p, doc_ids, annotator_ids, gold_id,
                                                     reviewer, progress),
              project, writable=True)
    if not outcome:
        loop.exec()  # the window keeps painting; the dialog is the only way in
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        return str(outcome["error"])
    result = outcome.get("result")
    if not isinstance(result, CorpusAccept):
        return None
    if result.accepted:
        controller.push_applied(result.command, result.change, initiator)
    return result
