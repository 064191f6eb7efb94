"""Work that must not block the window, on a worker thread with its own connection.

Unlike ``jobs.run_job`` (a modal progress dialog, for jobs that write), nothing waits
here: the caller connects to the signals and the window stays fully usable meanwhile.

Usage::

    job = BackgroundJob(parent)
    job.progressed.connect(show)          # (stage, done, total)
    job.finished.connect(use_result)      # the function's return value
    job.failed.connect(show_error)        # a message
    job.cancelled.connect(...)
    job.start(lambda project, progress: compute(project, progress), project)
    job.cancel()                          # the next progress report stops the job

The function gets a ``Project`` opened on the worker thread (read-only unless
``writable=True``) and a ``progress(stage, done, total)`` that raises ``Stopped`` once
Cancel was pressed (inside a transaction, that rolls it back). An in-memory project
cannot be shared with another thread; the job then runs in this thread. Progress reaches
the GUI thread as a signal, never as a call from the worker, so widgets are only touched
from the thread that owns them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from annotator.core.errors import AnnotatorError
from annotator.store import Project

StageProgress = Callable[[str, int, int], None]
JobFn = Callable[[Project, StageProgress], Any]


class Stopped(Exception):
    """Raised inside the job by ``progress`` after a cancel."""


class _Runner(QObject):
    progressed = Signal(str, int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, fn: JobFn, path: Path | None, project: Project | None,
                 writable: bool) -> None:
        super().__init__()
        self._fn, self._path, self._project = fn, path, project
        self._writable = writable
        self.stop = threading.Event()

    def _progress(self, stage: str, done: int, total: int) -> None:
        if self.stop.is_set():
            raise Stopped()
        self.progressed.emit(stage, done, total)

    def run(self) -> None:
        project = self._project
        try:
            if project is None:
                assert self._path is not None
                project = Project.open(self._path, read_only=not self._writable,
                                       create=False)
            result = self._fn(project, self._progress)
        except Stopped:
            self.cancelled.emit()
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug must reach the user, not kill the thread
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            if self.stop.is_set():
                self.cancelled.emit()
            else:
                self.finished.emit(result)
        finally:
            if self._project is None and project is not None:
                project.close()


class BackgroundJob(QObject):
    progressed = Signal(str, int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._runner: _Runner | None = None

    @property
    def running(self) -> bool:
        return self._runner is not None

    def start(self, fn: JobFn, project: Project, *, writable: bool = False) -> None:
        """Run ``fn`` on its own connection to ``project``'s file (in this thread for an
        in-memory project). One job at a time: a running one is cancelled first."""
        self.cancel(wait=True)
        runner = _Runner(fn, project.path, project if project.path is None else None, writable)
        runner.progressed.connect(self.progressed)
        runner.finished.connect(self._on_runner_finished)
        runner.failed.connect(self._on_runner_failed)
        runner.cancelled.connect(self._on_runner_cancelled)
        self._runner = runner
        if project.path is None:
            runner.run()
            return
        thread = QThread()
        runner.moveToThread(thread)
        thread.started.connect(runner.run)
        self._thread = thread
        thread.start()

    def cancel(self, *, wait: bool = False) -> None:
        if self._runner is not None:
            self._runner.stop.set()
        if wait and self._runner is not None:
            self._done()  # returns once the job has seen the cancel; its signals are ignored

    def _done(self) -> None:
        thread, runner = self._thread, self._runner
        self._thread, self._runner = None, None
        if thread is not None:
            thread.quit()
            thread.wait()
        # Only now may the runner go: dropped while its run() was still going on the
        # worker (closing the report window mid-computation), it crashed the app.
        del runner

    def _current(self) -> bool:
        """Is the signal from the job running now (not one cancelled and replaced)?"""
        return self.sender() is self._runner

    def _on_runner_finished(self, result: object) -> None:
        if self._current():
            self._done()
            self.finished.emit(result)

    def _on_runner_failed(self, message: str) -> None:
        if self._current():
            self._done()
            self.failed.emit(message)

    def _on_runner_cancelled(self) -> None:
        if self._current():
            self._done()
            self.cancelled.emit()
