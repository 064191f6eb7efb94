"""Replicas that edit and sync at the same time converge; a server or a client that dies
in the middle of a sync loses and duplicates nothing."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import regex

from annotator.core.commands import SetStatus
from annotator.core.model import Status
from annotator.core.team import TeamError
from annotator.store import Project
from annotator.team import sync as team_sync
from annotator.team.server import TeamServer
from annotator.team.sync import join, publish, sync
from tests.team.helpers import add_span, delete, exported, lead_project, relabel
from tests.team.pgcluster import Cluster

pytestmark = pytest.mark.slow

LABELS = ("Media", "International body", "Security forces")


def _words(project: Project, doc_index: int) -> list[tuple[int, int]]:
    text = project.document_text(project.document_ids()[doc_index])
    return [m.span() for m in regex.finditer(r"\w+", text)]


def _code(path: Path, member: str, edits: int, seed: int, every: int) -> None:
    """``edits`` random edits (add, relabel, delete, status) with a sync every ``every``."""
    rng = random.Random(seed)
    with Project.open(path) as project:
        words = [_words(project, i) for i in range(len(project.document_ids()))]
        mine = []
        for n in range(1, edits + 1):
            roll = rng.random()
            if roll < 0.6 or not mine:
                doc = rng.randrange(len(words))
                start, end = rng.choice(words[doc])
                mine.append(add_span(project, member, doc, start, end, rng.choice(LABELS)))
            elif roll < 0.8:
                span = mine[rng.randrange(len(mine))]
                relabel(project, project.get_span(span.id or 0), rng.choice(LABELS))
            elif roll < 0.95:
                delete(project, mine.pop(rng.randrange(len(mine))))
            else:
                me = project.annotator(member)
                doc_id = rng.choice(project.document_ids())
                project.apply(SetStatus(doc_id, me.id or 0, rng.choice(list(Status))))
            if n % every == 0:
                sync(project)


def _settle(paths: list[Path]) -> list[list[dict[str, object]]]:
    for _ in range(2):
        for path in paths:
            with Project.open(path) as project:
                sync(project)
    out = []
    for path in paths:
        with Project.open(path) as project:
            assert project.pending_count() == 0
            out.append(exported(project))
    return out


def test_three_replicas_editing_and_syncing_at_once_converge(tmp_path: Path,
                                                             team_url: str) -> None:
    lead = lead_project(tmp_path / "lead.annotator", docs=6)
    publish(lead, team_url, member="Lead")
    lead.close()
    paths = []
    for name in ("Ana", "Ben", "Cleo"):
        project, _ = join(team_url, tmp_path / f"{name}.annotator", member=name)
        project.close()
        paths.append(tmp_path / f"{name}.annotator")
    errors: list[BaseException] = []

    def work(path: Path, name: str, seed: int) -> None:
        try:
            _code(path, name, 2000, seed, every=150)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(p, p.stem, i)) for i, p in enumerate(paths)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    first, *others = _settle([tmp_path / "lead.annotator", *paths])
    assert all(other == first for other in others)
    spans = sum(len(r.get("spans", [])) for r in first if isinstance(r.get("spans"), list))
    assert spans > 1000  # real work travelled, not an empty project
    assert _spans_on_server(team_url) == spans


def test_a_replica_offline_for_long_catches_up(tmp_path: Path, team_url: str) -> None:
    lead = lead_project(tmp_path / "lead.annotator", docs=3)
    publish(lead, team_url, member="Lead")
    away, _ = join(team_url, tmp_path / "away.annotator", member="Away")
    _code(tmp_path / "lead.annotator", "Lead", 600, 1, every=50)
    add_span(away, "Away", 0, 2, 11)  # coded offline meanwhile
    lead.close()
    away.close()
    first, second = _settle([tmp_path / "away.annotator", tmp_path / "lead.annotator"])
    assert first == second


def _spans_on_server(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM team_rows WHERE kind = 'span' AND NOT "
                           "deleted").fetchone()
        assert row is not None
        return int(row[0])


def test_server_dying_mid_push_and_mid_pull(tmp_path: Path, team_url: str, pg_cluster: Cluster,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    lead = lead_project(tmp_path / "lead.annotator", docs=3)
    publish(lead, team_url, member="Lead")
    dana, _ = join(team_url, tmp_path / "dana.annotator", member="Dana")
    added = 0
    for doc in range(3):
        for start, end in _words(dana, doc):
            add_span(dana, "Dana", doc, start, end)
            added += 1
    assert added > 100
    monkeypatch.setattr(team_sync, "PUSH_BATCH", 25)
    monkeypatch.setattr(team_sync, "PULL_BATCH", 25)
    real_push = TeamServer.push
    pushes = 0

    def push_then_die(self: TeamServer, *args: object, **kwargs: object) -> object:
        nonlocal pushes
        pushes += 1
        if pushes == 3:  # committed on the server; the answer never reaches the client
            real_push(self, *args, **kwargs)  # type: ignore[arg-type]
            pg_cluster.stop("immediate")
            raise TeamError("the connection was lost")
        return real_push(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(TeamServer, "push", push_then_die)
    with pytest.raises(TeamError):
        sync(dana)
    assert dana.pending_count() == added - 50  # the third batch still queued
    with pytest.raises(TeamError, match="cannot reach the team database"):
        sync(dana)  # offline: says so, keeps everything queued
    pg_cluster.start()
    sync(dana)
    assert dana.pending_count() == 0 and _spans_on_server(team_url) == added

    real_apply = Project.apply_server_rows
    applied = 0

    def apply_then_die(self: Project, *args: object, **kwargs: object) -> object:
        nonlocal applied
        applied += 1
        result = real_apply(self, *args, **kwargs)  # type: ignore[arg-type]
        if applied == 2:
            pg_cluster.stop("immediate")
        return result

    monkeypatch.setattr(Project, "apply_server_rows", apply_then_die)
    with pytest.raises(TeamError):
        sync(lead)
    pg_cluster.start()
    monkeypatch.setattr(Project, "apply_server_rows", real_apply)
    sync(lead)
    assert exported(lead) == exported(dana)
    dana_id = (lead.find_annotator("Dana") or lead.gold()).id
    assert sum(1 for doc_id in lead.document_ids() for s in lead.spans_of_document(doc_id)
               if s.annotator_id == dana_id) == added


_SMALL_BATCHES = """
import sys
import annotator.team.sync as s
s.PUSH_BATCH = s.PULL_BATCH = 100
from annotator.cli.main import main
sys.argv = ["annotator", "sync", sys.argv[1]]
main()
"""


def _kill_when(path: Path, seen: Callable[[], int], total: int) -> int:
    """Run `annotator sync path` (batches of 100) and SIGKILL it as soon as ``seen()``
    says part of the work is done; returns what ``seen()`` said then."""
    proc = subprocess.Popen([sys.executable, "-c", _SMALL_BATCHES, str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    now = 0
    while time.monotonic() < deadline and proc.poll() is None:
        now = seen()
        if now > 0:
            break
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return now


def test_a_client_killed_mid_push_and_mid_pull_loses_and_duplicates_nothing(
        tmp_path: Path, team_url: str) -> None:
    lead = lead_project(tmp_path / "lead.annotator", docs=30)
    publish(lead, team_url, member="Lead")
    dana, _ = join(team_url, tmp_path / "dana.annotator", member="Dana")
    with dana.transaction():
        for doc in range(30):
            for start, end in _words(dana, doc):
                add_span(dana, "Dana", doc, start, end)
    queued = dana.pending_count()
    dana.close()
    lead.close()
    mid_push = _kill_when(tmp_path / "dana.annotator", lambda: _spans_on_server(team_url),
                          queued)
    assert 0 < mid_push < queued
    with Project.open(tmp_path / "dana.annotator") as dana:
        sync(dana)  # the rest of the push

    def lead_spans() -> int:
        with Project.open(tmp_path / "lead.annotator", read_only=True) as lead:
            return lead.span_count()

    mid_pull = _kill_when(tmp_path / "lead.annotator", lead_spans, queued)
    assert 0 < mid_pull < queued
    first, second = _settle([tmp_path / "dana.annotator", tmp_path / "lead.annotator"])
    assert first == second
    assert _spans_on_server(team_url) == queued  # Dana's spans, each once
