"""Keeping an open replica in sync: push soon after an edit, pull when the team database
announces a push (``LISTEN/NOTIFY``), and retry with backoff while the server is away.

Usage (the window does this; Qt-free, so a test or a script can too)::

    live = LiveSync(path, report=print)     # report gets a LiveState on every change
    live.start()                            # a thread with its own connections
    ...
    live.stop()

The thread never holds the project file's write lock for long: it pulls in batches of
``LIVE_BATCH`` rows, so an edit in the window waits at most one small batch. Losing the
network never blocks an edit: edits queue in the file and go when the server is back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.team import RefusedRow, TeamError
from annotator.store.project import Project
from annotator.team.server import TeamServer
from annotator.team.sync import settings, sync

LIVE_BATCH = 500
POLL_S = 0.25          # how often the queue is looked at (and the stop flag)
SAFETY_PULL_S = 30.0   # pull now and then even without an announcement
MAX_BACKOFF_S = 30.0


@dataclass(frozen=True, slots=True)
class LiveState:
    """``status`` is one of connecting, synced, waiting, offline, error."""

    status: str
    waiting: int = 0
    reason: str = ""
    pulled: int = 0
    when: float = 0.0


class LiveSync:
    def __init__(self, path: Path, report: Callable[[LiveState], None], *,
                 poll_s: float = POLL_S) -> None:
        self.path = path
        self.report = report
        self.poll_s = poll_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="team-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    # -- the thread ------------------------------------------------------------------------
    def _run(self) -> None:
        try:
            project = Project.open(self.path, create=False)
        except AnnotatorError as exc:
            self.report(LiveState("error", reason=str(exc), when=time.time()))
            return
        try:
            self._loop(project)
        finally:
            project.close()

    def _loop(self, project: Project) -> None:
        backoff = 1.0
        state = settings(project)
        while not self._stop.is_set():
            self.report(LiveState("connecting", project.pending_count(), when=time.time()))
            try:
                with TeamServer(state["url"]) as server, \
                        TeamServer(state["url"], autocommit=True) as listener:
                    listener.listen()
                    self._once(project, server)
                    backoff = 1.0
                    self._follow(project, server, listener, state["replica"])
            except RefusedRow as exc:
                self.report(LiveState("error", project.pending_count(), str(exc),
                                      when=time.time()))
                self._stop.wait(MAX_BACKOFF_S)
            except TeamError as exc:
                self.report(LiveState("offline", project.pending_count(), str(exc),
                                      when=time.time()))
                self._stop.wait(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_S)
            except Exception as exc:  # e.g. the file stayed locked: say so, try again later
                self.report(LiveState("error", project.pending_count(),
                                      f"{type(exc).__name__}: {exc}", when=time.time()))
                self._stop.wait(MAX_BACKOFF_S)

    def _follow(self, project: Project, server: TeamServer, listener: TeamServer,
                replica: str) -> None:
        last = time.monotonic()
        while not self._stop.is_set():
            heard = [who for who in listener.announcements(self.poll_s) if who != replica]
            if heard or project.pending_count() or time.monotonic() - last > SAFETY_PULL_S:
                self._once(project, server)
                last = time.monotonic()

    def _once(self, project: Project, server: TeamServer) -> None:
        counts = sync(project, server, batch=LIVE_BATCH)
        waiting = project.pending_count()
        pulled = sum(counts.pulled.values())
        self.report(LiveState("waiting" if waiting else "synced", waiting,
                              "; ".join(counts.conflicts + counts.dropped), pulled,
                              time.time()))
