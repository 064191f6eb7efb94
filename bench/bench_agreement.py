"""Agreement over 2,000 documents × 3 annotators × 40 spans each, every measure.

    python -m bench.bench_agreement                     # 2,000 documents (target ≤ 5 s)
    python -m bench.bench_agreement --docs 200 --runs 1  # a quick look

The project holds N articles of ``bench.corpus`` (about 4,000 code points each, English,
Russian and Persian with emoji and ZWNJ) and, per article, 40 spans from each of three
annotators who mostly agree (``spans_for``: 80 % copied, 10 % relabelled, 10 % shifted).
Each run does exactly what ``annotator agreement`` does: ``load_agreement_input`` (read
the project file) and ``build_report`` (every measure, per label, layer, document and
pair), then the CSV export. Printed: the median of ``--runs`` runs, the split between
loading, each stage of the report and the export, and the figures themselves so a
change in results shows up next to a change in time.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from annotator.core.agreement import build_report, to_csv
from annotator.core.model import Document, Span
from annotator.formats.agreement_data import load_agreement_input
from annotator.paths import default_scheme_path
from annotator.store import Project
from bench.corpus import corpus, spans_for

ANNOTATORS = ("ana", "ben", "cai")
SPANS_PER_ANNOTATOR = 40
TARGET_S = 5.0


def build(path: Path, n_docs: int) -> int:
    """Write the benchmark project; returns its span count."""
    rng = random.Random(4)
    count = 0
    with Project.open(path, scheme=default_scheme_path()) as project, project.transaction():
        labels = {(lab.layer, lab.name): lab.id for lab in project.labels()}
        people = {name: project.annotator(name).id for name in ANNOTATORS}
        for title, text in corpus(n_docs):
            doc, _ = project.add_document(Document(title, text))
            assert doc.id is not None
            spans = [Span(doc.id, people[g.annotator] or 0, labels[(g.layer, g.label)] or 0,
                          g.start, g.end, text[g.start:g.end])
                     for g in spans_for(text, rng, SPANS_PER_ANNOTATOR, ANNOTATORS)]
            project.insert_spans(spans)
            count += len(spans)
    return count


def run_once(path: Path) -> tuple[float, float, dict[str, float], str]:
    """One ``annotator agreement --format csv`` worth of work;
    (wall seconds, CPU seconds, split by stage, csv)."""
    split: dict[str, float] = defaultdict(float)
    state = {"stage": "", "since": 0.0}

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if stage != state["stage"]:
            if state["stage"]:
                split[str(state["stage"])] += now - float(state["since"])
            state["stage"], state["since"] = stage, now

    start, cpu = time.perf_counter(), time.process_time()
    progress("open", 0, 1)
    with Project.open(path, read_only=True, create=False) as project:
        data = load_agreement_input(project, progress=progress)
        report = build_report(data, progress)
    progress("csv export", 0, 1)
    text = to_csv(report)
    progress("", 0, 0)
    return time.perf_counter() - start, time.process_time() - cpu, dict(split), text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.annotator"
        t = time.perf_counter()
        spans = build(path, args.docs)
        print(f"project: {args.docs} documents, {spans} spans, {len(ANNOTATORS)} annotators "
              f"(built in {time.perf_counter() - t:.1f} s, not timed below)")
        results = [run_once(path) for _ in range(args.runs)]
    totals = [r[0] for r in results]
    median = statistics.median(totals)
    cpu = statistics.median(r[1] for r in results)
    print(f"agreement, all measures: median {median:.2f} s of {args.runs} "
          f"(runs: {', '.join(f'{x:.2f}' for x in totals)}; CPU {cpu:.2f} s); "
          f"target ≤ {TARGET_S:.0f} s → {median / TARGET_S:.0%} of budget")
    print("split (wall clock, medians):")
    for stage in results[0][2]:
        part = statistics.median(r[2].get(stage, 0.0) for r in results)
        print(f"  {stage:<14} {part:6.2f} s  {part / median:5.0%}")
    print("overall figures (all three annotators):")
    for row in csv.DictReader(io.StringIO(results[0][3])):
        if row["scope"] == "overall" and row["annotators"] == "|".join(ANNOTATORS):
            print(f"  {row['measure']:<16} {row['value'] or 'n/d'}")


if __name__ == "__main__":
    main()
