"""Merging a colleague's 10,000-document project, beside a bare baseline of the same run.

    python -m bench.bench_merge                    # 10,000 documents, ~400,000 spans
    python -m bench.bench_merge --docs 1000 --runs 1   # a quick look

The colleague's project holds N articles (``bench.corpus``), ~40 spans each over one or
two annotators (every other document is coded by both), two stance links and a status
per document. The receiving project holds half of those articles (half of them under
the same uuid, half under another uuid, so both matching rules work) plus N/2 articles
of its own, with 20 spans of its own on each. Timed, on a fresh copy each run:

1. ``formats.merge.merge`` of the colleague's file into the receiving project
   (target ≤ 15 s for N = 10,000);
2. the same merge again (everything already there: the idempotent no-op);
3. a baseline: plain ``sqlite3`` reading every span of the colleague's file with its
   document's hash and ``executemany`` of the rows into a same-shaped table of a copy
   of the receiving file: the I/O floor, without matching or validation.

Medians of ``--runs`` runs; the same seed makes the same corpus every time. The merge's
CPU time is printed beside its wall time: on a shared machine the difference is time
spent waiting for the disk or for a core.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from annotator.core.model import Document, Link, Span, Status
from annotator.formats.merge import merge
from annotator.paths import default_scheme_path
from annotator.store import Project
from bench.corpus import corpus, spans_for

SPANS_PER_DOC = 40
OWN_SPANS = 20


def fill(project: Project, docs: list[tuple[str, str, str]], coders: list[tuple[str, ...]],
         per_doc: list[int], seed: int, *, links: bool) -> int:
    """Add documents (title, text, uuid) with generated spans; returns the span count."""
    rng = random.Random(seed)
    labels = {(lab.layer, lab.name): lab.id for lab in project.labels()}
    layers = {lab.id: lab.layer for lab in project.labels()}
    people: dict[str, int] = {}
    count = 0
    with project.transaction():
        for (title, text, uuid), names, n in zip(docs, coders, per_doc, strict=True):
            doc, _ = project.add_document(Document(title, text, uuid=uuid))
            assert doc.id is not None
            spans = []
            for g in spans_for(text, rng, n // len(names), names):
                if g.annotator not in people:
                    people[g.annotator] = project.annotator(g.annotator).id or 0
                spans.append(Span(doc.id, people[g.annotator], labels[(g.layer, g.label)] or 0,
                                  g.start, g.end, text[g.start:g.end]))
            stored = [project.insert_span(s) for s in spans]
            count += len(stored)
            if links:
                _link_stances(project, stored, layers)
                project.set_status(doc.id, people[names[0]], Status.DONE)
    return count


def _link_stances(project: Project, spans: list[Span], layers: dict[int | None, str]) -> None:
    """Each of the first two stance spans gets a holder: the nearest actor span."""
    actors = [s for s in spans if layers[s.label_id] == "actor"]
    stances = [s for s in spans if layers[s.label_id] == "stance"][:2]
    for stance in stances:
        if actors and stance.id is not None:
            holder = min(actors, key=lambda a: abs(a.start - stance.start))
            assert holder.id is not None
            project.insert_link(Link(stance.id, "holder", target_id=holder.id))


def build(work: Path, n_docs: int) -> tuple[Path, Path, int, int]:
    articles = [(title, text) for title, text in corpus(n_docs)]
    uuids = [f"00000000-0000-4000-8000-{i:012d}" for i in range(n_docs)]
    theirs = work / "colleague.annotator"
    with Project.open(theirs, scheme=default_scheme_path()) as p:
        coders = [("ana", "ben") if i % 2 == 0 else ("ana",) for i in range(n_docs)]
        spans = fill(p, [(t, x, u) for (t, x), u in zip(articles, uuids, strict=True)],
                     coders, [SPANS_PER_DOC] * n_docs, seed=1, links=True)
    mine = work / "mine.annotator"
    half = n_docs // 2
    shared = [(t + " (mine)", x, uuids[i] if i % 2 == 0 else f"10000000-0000-4000-8000-{i:012d}")
              for i, (t, x) in enumerate(articles[:half])]
    own = [(t, x, f"20000000-0000-4000-8000-{i:012d}")
           for i, (t, x) in enumerate(corpus(n_docs - half, seed=99))]
    docs = shared + own
    with Project.open(mine, scheme=default_scheme_path()) as p:
        own_spans = fill(p, docs, [("lead",)] * len(docs), [OWN_SPANS] * len(docs), seed=2,
                         links=False)
    return theirs, mine, spans, own_spans


def time_merge(theirs: Path, mine: Path, work: Path, run: int
               ) -> tuple[float, float, float, int]:
    """(wall s, CPU s of this process, wall s of the second merge, spans added)."""
    copy = work / f"receiving_{run}.annotator"
    shutil.copyfile(mine, copy)
    with Project.open(copy) as project:
        start, cpu = time.perf_counter(), time.process_time()
        first = merge(project, theirs)
        once, cpu = time.perf_counter() - start, time.process_time() - cpu
        start = time.perf_counter()
        again = merge(project, theirs)
        twice = time.perf_counter() - start
    assert again.spans_added == 0 and again.spans_present == first.spans_added
    assert first.documents_by_uuid and first.documents_by_hash and first.documents_added
    copy.unlink()
    return once, cpu, twice, first.spans_added


def time_baseline(theirs: Path, mine: Path, work: Path, run: int) -> float:
    copy = work / f"baseline_{run}.sqlite"
    shutil.copyfile(mine, copy)
    conn = sqlite3.connect(copy, isolation_level=None)
    conn.execute("CREATE TABLE merged AS SELECT * FROM spans WHERE 0")
    source = sqlite3.connect(f"{theirs.resolve().as_uri()}?mode=ro", uri=True)
    start = time.perf_counter()
    conn.execute("BEGIN")
    rows = source.execute('SELECT s.id, s.uuid, d.id, s.annotator_id, s.label_id, s.start, '
                          's."end", s.text, s.note, s.attributes, s.entity_id, s.created, '
                          's.modified, d.sha256 FROM spans s JOIN documents d ON d.id = s.doc_id')
    conn.executemany("INSERT INTO merged VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (row[:13] for row in rows))
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    source.close()
    conn.close()
    copy.unlink()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_merge_") as tmp:
        work = Path(tmp)
        start = time.perf_counter()
        theirs, mine, spans, own = build(work, args.docs)
        print(f"build: colleague {args.docs} documents, {spans} spans "
              f"({theirs.stat().st_size / 1e6:.0f} MB); receiving {args.docs} documents "
              f"({args.docs // 2} shared), {own} spans of its own; "
              f"{time.perf_counter() - start:.1f} s")
        results = [time_merge(theirs, mine, work, run) for run in range(args.runs)]
        base = statistics.median(time_baseline(theirs, mine, work, run)
                                 for run in range(args.runs))
        once = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[1] for r in results)
        twice = statistics.median(r[2] for r in results)
        added = results[0][3]
        print(f"merge             {once:6.2f} s   (CPU {cpu:.2f} s; {added} spans added, "
              f"{once / added * 1e6:.1f} µs per span)   target 15 s")
        print(f"merge again       {twice:6.2f} s   (no-op)")
        print(f"baseline          {base:6.2f} s   merge / baseline {once / base:4.1f}x")
        print(f"medians of {args.runs} runs")


if __name__ == "__main__":
    main()
