"""DNA networks at corpus scale (issue 12, item 3): 10,000 documents, 200,000 statements.

    python -m bench.bench_network            # 3 runs, medians
    python -m bench.bench_network --quick    # 1,000 documents, 20,000 statements

Each document (dated over one year) holds 20 statements: an actor span (one of 200
actors) as holder, a stance span (Supports/Opposes/Neutral), and a registry concept (one
of 60) as target. Figures: reading the statements from the project (the export records),
then each network from them, and the whole ``annotator network`` run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from annotator.core.model import Document, Entity, Link, Span
from annotator.core.networks import dedupe, one_mode, time_windows, two_mode
from annotator.formats.dna_network import build_network, network_periods, project_statements
from annotator.paths import default_scheme_path
from annotator.store import Project
from tests.cli.helpers import run


def build(path: Path, n_docs: int, per_doc: int) -> None:
    rng = random.Random(12)
    with Project.open(path, scheme=default_scheme_path()) as p:
        me = p.annotator("coder")
        labels = {lab.name: lab.id for lab in p.labels()}
        stances = [labels["Supports"], labels["Opposes"], labels["Neutral/ambivalent"]]
        actor_label = labels["State/Government"]
        with p.transaction():
            concepts = [p.insert_entity(Entity(name=f"concept {i}")).id for i in range(60)]
            for d in range(n_docs):
                day = date(2025, 1, 1) + timedelta(days=d % 365)
                sentences = [f"Actor{rng.randrange(200):03d} says something about it."
                             for _ in range(per_doc)]
                text = " ".join(sentences)
                doc, _ = p.add_document(Document(title=f"d{d}", text=text,
                                                 meta={"date": day.isoformat()}))
                spans, at = [], 0
                for sentence in sentences:
                    spans.append(Span(doc_id=doc.id or 0, annotator_id=me.id or 0,
                                      label_id=actor_label or 0, start=at, end=at + 8,
                                      text=sentence[:8]))
                    spans.append(Span(doc_id=doc.id or 0, annotator_id=me.id or 0,
                                      label_id=rng.choice(stances) or 0, start=at,
                                      end=at + len(sentence), text=sentence))
                    at += len(sentence) + 1
                stored = p.insert_spans_with_ids(spans)
                links = []
                for actor, stance in zip(stored[::2], stored[1::2], strict=True):
                    links.append(Link(source_id=stance.id or 0, type="holder",
                                      target_id=actor.id))
                    links.append(Link(source_id=stance.id or 0, type="target",
                                      target_entity_id=rng.choice(concepts)))
                p.insert_links(links)


def median_s(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    n_docs, runs = (1000, 3) if args.quick else (10_000, 3)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "net.annotator"
        started = time.perf_counter()
        build(path, n_docs, 20)
        print(f"{n_docs:,} documents, {n_docs * 20:,} statements built in "
              f"{time.perf_counter() - started:.1f} s")
        with Project.open(path, read_only=True) as p:
            found = None

            def read() -> None:
                nonlocal found
                found = project_statements(p, "target")[0]

            print(f"read the statements from the project: {median_s(read, runs):.2f} s")
        assert found is not None
        items = found.items
        for name, fn in (
                ("two-mode, combine", lambda: two_mode(items, "combine")),
                ("two-mode, duplicates per month", lambda: two_mode(dedupe(items, "month"))),
                ("congruence, jaccard", lambda: one_mode(items, "congruence",
                                                         normalize="jaccard")),
                ("subtract, cosine", lambda: one_mode(items, "subtract", normalize="cosine")),
                ("congruence in 30-day windows every 7 days",
                 lambda: [one_mode(c) for _, _, c in time_windows(items, 30, 7)])):
            print(f"{name}: {median_s(fn, runs):.2f} s ({len(items):,} statements)")
        # The network view with time windows: choosing the windows again (any option
        # changed) and building the one window the slider shows (a slider step).
        periods = network_periods(found, window=(30, 7))[1]
        choose = median_s(lambda: network_periods(found, window=(30, 7)), runs)
        one = median_s(lambda: build_network(periods[len(periods) // 2], "congruence",
                                             "target", window=(30, 7)), runs)
        print(f"network view, {len(periods)} windows: choosing them {choose * 1000:.0f} ms, "
              f"one window's congruence {one * 1000:.0f} ms")
        out = Path(tmp) / "c.graphml"
        whole = median_s(lambda: run("network", path, "-o", out, "--type", "congruence",
                                     "--normalize", "jaccard"), runs)
        print(f"annotator network --type congruence --normalize jaccard, start to file: "
              f"{whole:.2f} s (target < 5 s)")


if __name__ == "__main__":
    main()
