"""The window's sync loop (Qt-free): edits go out by themselves, colleagues' edits come in
on the server's announcement, and a lost server means "offline", then catching up."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.store import Project
from annotator.team.live import LiveState, LiveSync
from annotator.team.sync import join, publish, sync
from tests.team.helpers import add_span, lead_project
from tests.team.pgcluster import Cluster

pytestmark = pytest.mark.slow


def _wait(what: Callable[[], bool], seconds: float = 15.0) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if what():
            return time.monotonic() - started
        time.sleep(0.02)
    raise AssertionError("timed out")


def test_live_sync_pushes_pulls_and_survives_the_server(tmp_path: Path, team_url: str,
                                                       pg_cluster: Cluster) -> None:
    lead = lead_project(tmp_path / "lead.annotator")
    publish(lead, team_url, member="Lead")
    dana, _ = join(team_url, tmp_path / "dana.annotator", member="Dana")
    states: list[LiveState] = []
    lock = threading.Lock()

    def report(state: LiveState) -> None:
        with lock:
            states.append(state)

    def last() -> LiveState | None:
        with lock:
            return states[-1] if states else None

    live = LiveSync(tmp_path / "dana.annotator", report)
    live.start()
    try:
        _wait(lambda: (s := last()) is not None and s.status == "synced")
        add_span(lead, "Lead", 0, 2, 11)
        sync(lead)
        seconds = _wait(lambda: dana.span_count() == 1)
        assert seconds < 2  # the announcement, not a timer, brought it
        add_span(dana, "Dana", 1, 2, 11)  # the window's own connection edits
        _wait(lambda: sync(lead).pulled.get("span") == 1, 5)

        pg_cluster.stop("immediate")
        add_span(dana, "Dana", 1, 13, 19)  # offline: saved, queued
        _wait(lambda: (s := last()) is not None and s.status == "offline")
        assert (last() or LiveState("")).reason  # the hover text says why
        pg_cluster.start()
        _wait(lambda: (s := last()) is not None and s.status == "synced" and s.waiting == 0,
              40)
        assert sync(lead).pulled == {"span": 1}
    finally:
        live.stop()
        if not (pg_cluster.data / "postmaster.pid").exists():
            pg_cluster.start()
    assert not live._thread or not live._thread.is_alive()
    with Project.open(tmp_path / "dana.annotator") as again:
        assert again.pending_count() == 0
