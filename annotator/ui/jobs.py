"""Long work (import, export, merge) on a worker thread with its own project connection.

Usage::

    outcome = run_job(window, "Importing…", project.path,
                      lambda p, progress, cancelled: import_paths(p, paths, progress=progress))
    if outcome.error: ...

The GUI thread keeps painting (a local event loop waits for the worker) and shows a
progress dialog with Cancel. A job learns of a cancel from ``cancelled()``, or because
``progress`` raises ``JobCancelled``, which rolls back the job's transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator.core.errors import AnnotatorError
from annotator.store import Project

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
JobFn = Callable[[Project, Progress, Cancelled], Any]


class JobCancelled(Exception):
    """Raised inside a job when the user pressed Cancel."""


@dataclass
class Outcome:
    result: Any = None
    error: str = ""
    exception: BaseException | None = None
    cancelled: bool = False


class _Worker(QObject):
    progressed = Signal(int, int)
    done = Signal()

    def __init__(self, fn: JobFn, path: Path | None, project: Project | None) -> None:
        super().__init__()
        self._fn = fn
        self._path = path
        self._project = project
        self._stop = threading.Event()
        self.outcome = Outcome()

    def cancel(self) -> None:
        self._stop.set()

    def _progress(self, done: int, total: int) -> None:
        if self._stop.is_set():
            raise JobCancelled()
        self.progressed.emit(done, total)

    def run(self) -> None:
        project = self._project
        own = project is None
        try:
            if project is None:
                assert self._path is not None
                project = Project.open(self._path, create=False)
            self.outcome.result = self._fn(project, self._progress, self._stop.is_set)
            self.outcome.cancelled = self._stop.is_set()
        except JobCancelled:
            self.outcome.cancelled = True
        except AnnotatorError as exc:
            if self._stop.is_set() or type(exc).__name__.endswith("Cancelled"):
                self.outcome.cancelled = True
            else:
                self.outcome.error, self.outcome.exception = str(exc), exc
        except Exception as exc:
            if type(exc).__name__.endswith("Cancelled"):
                self.outcome.cancelled = True
            else:
                self.outcome.error = f"{type(exc).__name__}: {exc}"
                self.outcome.exception = exc
        finally:
            if own and project is not None:
                project.close()
            self.done.emit()


def run_job(parent: QWidget | None, title: str, path: Path | None, fn: JobFn,
            project: Project | None = None) -> Outcome:
    """Run ``fn`` on a worker thread (on ``project`` in this thread if it has no file)."""
    worker = _Worker(fn, path, project if path is None else None)
    if path is None:
        worker.run()  # an in-memory project cannot be shared with another thread
        return worker.outcome
    dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(worker.cancel, Qt.ConnectionType.DirectConnection)
    # A receiver that lives in the GUI thread, so the signal is queued to it: a bare
    # lambda would run in the worker thread and touch the dialog from there.
    relay = _ProgressRelay(dialog)
    worker.progressed.connect(relay.show)
    thread = QThread()
    worker.moveToThread(thread)
    loop = QEventLoop()
    worker.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    thread.started.connect(worker.run)
    thread.start()
    loop.exec()
    thread.quit()
    thread.wait()
    dialog.close()
    dialog.deleteLater()
    return worker.outcome


class _ProgressRelay(QObject):
    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog

    @Slot(int, int)
    def show(self, done: int, total: int) -> None:
        _show(self._dialog, done, total)


def _show(dialog: QProgressDialog, done: int, total: int) -> None:
    if dialog.maximum() != total:
        dialog.setMaximum(max(total, 1))
    dialog.setValue(min(done, max(total, 1)))
