"""Team sync on a real PostgreSQL (a throwaway cluster on a Unix socket, as the tests use).

    python -m bench.bench_team                      # the issue's sizes
    python -m bench.bench_team --docs 1000 --runs 3 # a quicker look

Prints, with medians of ``--runs`` where a case repeats:

1. one coder's day: 2,000 spans pushed by ``annotator sync``, then pulled by a colleague
   (spans per second both ways);
2. a no-op sync: a new connection each time (what ``annotator sync`` pays) and on an
   open connection (what the window's sync thread pays); target under 50 ms;
3. edit → visible: a span committed in one replica, until another replica's file has it,
   both running the window's ``LiveSync`` (push on the edit, pull on NOTIFY); target
   under 2 s on one machine;
4. a whole team project: ``--docs`` articles (10,000), 10 coders, ``--spans`` spans
   (500,000): publish, then a first join; target for the join under 60 s.

Needs PostgreSQL's server programs (``initdb``; Debian's ``postgresql`` package).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path

import psycopg

from annotator.core.model import Document, Span
from annotator.paths import default_scheme_path
from annotator.store import Project
from annotator.team.live import LiveState, LiveSync
from annotator.team.server import TeamServer
from annotator.team.sync import join, publish, sync
from bench.corpus import corpus, spans_for
from tests.team.helpers import as_login
from tests.team.pgcluster import Cluster, bindir

CODERS = tuple(f"coder{i:02d}" for i in range(10))


def _fill(project: Project, n_docs: int, n_spans: int, coders: tuple[str, ...],
          seed: int) -> int:
    rng = random.Random(seed)
    labels = {(lab.layer, lab.name): lab.id or 0 for lab in project.labels()}
    people = {name: project.annotator(name).id or 0 for name in coders}
    per_doc = max(1, n_spans // max(1, n_docs) // len(coders))
    count = 0
    with project.transaction():
        for title, text in corpus(n_docs, seed=seed):
            doc, _ = project.add_document(Document(title, text))
            assert doc.id is not None
            if not n_spans:
                continue
            project.insert_spans(
                Span(doc.id, people[g.annotator], labels[(g.layer, g.label)], g.start, g.end,
                     text[g.start:g.end])
                for g in spans_for(text, rng, per_doc, coders, agreement=0.8))
            count += per_doc * len(coders)
    return count


def _database(cluster: Cluster, name: str) -> str:
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return cluster.url(name)


def coders_day(cluster: Cluster, work: Path, runs: int, *, own_login: bool = False) -> None:
    """2,000 spans pushed and pulled; with ``own_login`` the coder connects as a member
    of their own, so row-level security checks every row they read and write."""
    pushes, pulls = [], []
    for run in range(runs):
        url = _database(cluster, f"day{run}")
        lead = Project.open(work / f"lead{run}{own_login}.annotator",
                            scheme=default_scheme_path())
        _fill(lead, 200, 0, ("lead",), seed=run)
        publish(lead, url, member="lead")
        coder_url = url
        if own_login:
            with TeamServer(url) as server:
                server.add_member("dana", "dana", "coder")
            coder_url = as_login(url, "dana")
        dana, _ = join(coder_url, work / f"dana{run}{own_login}.annotator", member="dana")
        me = dana.annotator("dana").id or 0
        labels = {(lab.layer, lab.name): lab.id or 0 for lab in dana.labels()}
        rng = random.Random(run)
        with dana.transaction():
            made = 0
            for doc_id in dana.document_ids():
                text = dana.document_text(doc_id)
                spans = [Span(doc_id, me, labels[(g.layer, g.label)], g.start, g.end,
                              text[g.start:g.end]) for g in spans_for(text, rng, 10, ("d",))]
                dana.insert_spans(spans)
                made += len(spans)
        assert made == 2000, made
        started = time.perf_counter()
        pushed = sync(dana).pushed.get("span", 0)
        pushes.append((time.perf_counter() - started, pushed))
        started = time.perf_counter()
        pulled = sync(lead).pulled.get("span", 0)
        pulls.append((time.perf_counter() - started, pulled))
        if run == runs - 1:
            noop(dana, coder_url, runs=21)
        lead.close()
        dana.close()
    for what, got in (("push", pushes), ("pull", pulls)):
        seconds = statistics.median(s for s, _ in got)
        n = got[0][1]
        login = " (own login, row-level security)" if own_login else ""
        print(f"one coder's day{login}, {what} {n:,} spans: {seconds * 1000:7.1f} ms "
              f"({n / seconds:,.0f} spans/s)")


def noop(project: Project, url: str, runs: int) -> None:
    fresh = []
    for _ in range(runs):
        started = time.perf_counter()
        counts = sync(project)
        fresh.append(time.perf_counter() - started)
        assert not counts.pushed and not counts.pulled
    kept = []
    with TeamServer(url) as server:
        for _ in range(runs):
            started = time.perf_counter()
            sync(project, server)
            kept.append(time.perf_counter() - started)
    print(f"no-op sync, new connection: {statistics.median(fresh) * 1000:6.1f} ms; "
          f"open connection: {statistics.median(kept) * 1000:6.1f} ms (target < 50 ms)")


def edit_to_visible(cluster: Cluster, work: Path, runs: int) -> None:
    url = _database(cluster, "live")
    lead = Project.open(work / "live-lead.annotator", scheme=default_scheme_path())
    _fill(lead, 20, 0, ("lead",), seed=7)
    publish(lead, url, member="lead")
    lead.close()
    dana, _ = join(url, work / "live-dana.annotator", member="dana")
    ben, _ = join(url, work / "live-ben.annotator", member="ben")
    ready = threading.Event()

    def seen(state: LiveState) -> None:
        if state.status == "synced":
            ready.set()

    lives = [LiveSync(work / "live-dana.annotator", lambda s: None),
             LiveSync(work / "live-ben.annotator", seen)]
    for live in lives:
        live.start()
    ready.wait(10)
    me = dana.annotator("dana").id or 0
    label = next(lab.id for lab in dana.labels() if lab.name == "Media") or 0
    doc_id = dana.document_ids()[0]
    text = dana.document_text(doc_id)
    latencies = []
    try:
        for i in range(runs):
            start, end = 2 * i, 2 * i + 1
            before = ben.span_count()
            started = time.perf_counter()
            dana.insert_span(Span(doc_id, me, label, start, end, text[start:end]))
            while ben.span_count() == before:
                time.sleep(0.002)
                if time.perf_counter() - started > 10:
                    raise RuntimeError("the span never arrived")
            latencies.append(time.perf_counter() - started)
    finally:
        for live in lives:
            live.stop()
    print(f"edit → in a colleague's file, both live: median "
          f"{statistics.median(latencies) * 1000:6.0f} ms, slowest "
          f"{max(latencies) * 1000:6.0f} ms of {runs} (target < 2 s; the window draws it "
          "at once: the sync thread asks it to look)")


def whole_team(cluster: Cluster, work: Path, n_docs: int, n_spans: int) -> None:
    url = _database(cluster, "team")
    source = work / "team.annotator"
    started = time.perf_counter()
    with Project.open(source, scheme=default_scheme_path()) as lead:
        spans = _fill(lead, n_docs, n_spans, CODERS, seed=11)
    built = time.perf_counter() - started
    with Project.open(source) as lead:
        started = time.perf_counter()
        publish(lead, url, member="lead")
        published = time.perf_counter() - started
    started = time.perf_counter()
    replica, counts = join(url, work / "joined.annotator", member="newcomer")
    joined = time.perf_counter() - started
    assert counts.pulled.get("span") == spans, (counts.pulled, spans)
    started = time.perf_counter()
    sync(replica)
    again = time.perf_counter() - started
    replica.close()
    size = (work / "joined.annotator").stat().st_size / 1e6
    print(f"team project, {n_docs:,} documents, {len(CODERS)} coders, {spans:,} spans "
          f"(built locally in {built:.1f} s):")
    print(f"  publish: {published:6.1f} s ({spans / published:,.0f} spans/s)")
    print(f"  first join: {joined:6.1f} s ({spans / joined:,.0f} spans/s; target < 60 s); "
          f"replica {size:.0f} MB")
    print(f"  the next sync (nothing new): {again * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--spans", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true",
                        help="Only the coder's day, no-op sync and latency cases.")
    args = parser.parse_args()
    found = bindir()
    if found is None:
        raise SystemExit("PostgreSQL's initdb is not installed (apt-get install postgresql)")
    cluster = Cluster(found)
    cluster.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            coders_day(cluster, work, args.runs)
            coders_day(cluster, work, args.runs, own_login=True)
            edit_to_visible(cluster, work, 10)
            if not args.quick:
                whole_team(cluster, work, args.docs, args.spans)
    finally:
        cluster.remove()


if __name__ == "__main__":
    main()
