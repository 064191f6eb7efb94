"""The project file at scale: 100,000 documents and 5,000,000 spans.

    python -m bench.bench_store                          # the full size (a few minutes)
    python -m bench.bench_store --docs 10000 --spans 500000   # a quick look

Builds a project through the store's own bulk methods (documents with ``add_document``,
statuses with ``set_status``, spans with ``insert_spans``, all in one transaction), then
times the queries the window and the importers lean on — medians of many runs over random
(seeded) documents:

* ``spans_of_document(doc)``          opening an article
* ``find_document(sha256=...)``       deduplicating an import
* ``document_rows(annotator)``        the document list, for one annotator and for all
* ``apply(AddSpan(...))``             one committed edit
* ``Project.open`` of the built file  start-up (the file is checked before use)

each beside the same operation on a 100-document project built the same way in the same
run (the ratio is what scale costs), and prints SQLite's query plan of each, from
``Project.query_plans``, to show the indexes.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from annotator.core.commands import AddSpan
from annotator.core.model import Document, Span, Status
from annotator.paths import default_scheme_path
from annotator.store import Project
from bench.corpus import corpus, spans_for

ANNOTATORS = ("ana", "ben", "cyrus", "dina")
CREATED = "2026-01-01T00:00:00+00:00"
SEED = 20261126


def build(path: Path, n_docs: int, n_spans: int, chars: int) -> tuple[float, float]:
    """Create the project; return (seconds for documents, seconds for spans)."""
    with Project.open(path, scheme=default_scheme_path()) as project:
        annotator_ids = {name: project.annotator(name).id for name in ANNOTATORS}
        label_ids = {(lab.layer, lab.name): lab.id for lab in project.labels()}
        texts: list[tuple[int, str]] = []
        t0 = time.perf_counter()
        with project.transaction():
            for i, (title, text) in enumerate(corpus(n_docs, seed=SEED, chars=chars)):
                # Unique texts, so every document has its own (real) SHA-256.
                doc, new = project.add_document(Document(title=title, text=f"{i:06d} {text}"))
                assert new and doc.id is not None
                texts.append((doc.id, doc.text))
            # Each annotator has finished some documents and started others.
            rng = random.Random(SEED + 2)
            for annotator_id in annotator_ids.values():
                assert annotator_id is not None
                for doc_id, _ in texts:
                    roll = rng.random()
                    if roll < 0.4:
                        status = Status.DONE if roll < 0.3 else Status.IN_PROGRESS
                        project.set_status(doc_id, annotator_id, status)
            t1 = time.perf_counter()
            project.insert_spans(_spans(texts, n_spans, annotator_ids, label_ids))
        t2 = time.perf_counter()
    return t1 - t0, t2 - t1


def _spans(texts: list[tuple[int, str]], n_spans: int, annotator_ids: dict[str, int | None],
           label_ids: dict[tuple[str, str], int | None]) -> Iterator[Span]:
    rng = random.Random(SEED)
    base, extra = divmod(n_spans, len(texts))
    for k, (doc_id, text) in enumerate(texts):
        want = base + (1 if k < extra else 0)
        per_annotator = -(-want // len(ANNOTATORS))
        for g in spans_for(text, rng, per_annotator, ANNOTATORS)[:want]:
            yield Span(doc_id=doc_id, annotator_id=annotator_ids[g.annotator] or 0,
                       label_id=label_ids[(g.layer, g.label)] or 0, start=g.start, end=g.end,
                       text=text[g.start:g.end], created=CREATED)


def median_ms(fn: Callable[[int], object], runs: int) -> float:
    times = []
    for run in range(runs):
        t0 = time.perf_counter()
        fn(run)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def timings(path: Path, runs: int) -> tuple[dict[str, float], Project, list[int], str]:
    """Median milliseconds of each operation on the project at ``path`` (left open)."""
    t0 = time.perf_counter()
    project = Project.open(path)
    results = {"Project.open (check + migrate)": (time.perf_counter() - t0) * 1000}
    size = (f"{project.document_count():,} documents, {project.span_count():,} spans, "
            f"{path.stat().st_size / 1e6:,.0f} MB")
    rng = random.Random(SEED + 1)
    doc_ids = project.document_ids()
    sample = [rng.choice(doc_ids) for _ in range(runs)]
    hashes = [project.get_document(d).sha256 for d in sample]
    ana = project.find_annotator("ana")
    label = project.labels()[0]
    assert ana is not None and ana.id is not None and label.id is not None
    few = max(5, runs // 50)
    results["spans_of_document(random doc)"] = median_ms(
        lambda i: project.spans_of_document(sample[i]), runs)
    results["find_document(sha256=...)"] = median_ms(
        lambda i: project.find_document(sha256=hashes[i]), runs)
    results["document_rows(annotator)"] = median_ms(lambda i: project.document_rows(ana.id), few)
    results["document_rows(None)"] = median_ms(lambda i: project.document_rows(None), few)

    def add_one(i: int) -> None:
        doc_id = sample[i]
        text = project.document_text(doc_id)
        project.apply(AddSpan(Span(doc_id=doc_id, annotator_id=ana.id or 0,
                                   label_id=label.id or 0, start=0, end=6, text=text[:6])))

    results["apply(AddSpan) incl. commit"] = median_ms(add_one, runs)
    return results, project, sample, size


def report(path: Path, baseline: Path, runs: int) -> None:
    small, small_project, _, small_size = timings(baseline, runs)
    small_project.close()
    big, project, sample, size = timings(path, runs)
    print(f"\nproject: {size}\nbaseline: {small_size} (same operations, same run)")
    print(f"{'operation':<34}{'at scale':>12}{'baseline':>12}{'ratio':>9}")
    for name, ms in big.items():
        print(f"{name:<34}{ms:>9.3f} ms{small[name]:>9.3f} ms{ms / small[name]:>8.1f}x")
    print(f"(medians of {runs} runs; document_rows: of {max(5, runs // 50)}; open: one)")

    print("\nquery plans (Project.query_plans):")
    d = sample[0]
    sha = project.get_document(d).sha256
    ana = project.find_annotator("ana")
    assert ana is not None
    for name, call in [
        ("spans_of_document", lambda: project.spans_of_document(d)),
        ("find_document(sha256)", lambda: project.find_document(sha256=sha)),
        ("document_rows(annotator)", lambda: project.document_rows(ana.id)),
        ("document_rows(None)", lambda: project.document_rows(None)),
    ]:
        for sql, plan in project.query_plans(call):
            print(f"  {name}: {sql[:100]}{'…' if len(sql) > 100 else ''}")
            for line in plan:
                print(f"      {line}")
    project.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--spans", type=int, default=5_000_000)
    parser.add_argument("--chars", type=int, default=300,
                        help="code points per document text (default 300: short texts)")
    parser.add_argument("--runs", type=int, default=500, help="runs per timed query")
    parser.add_argument("--project", type=Path,
                        help="reuse (or keep) this project file instead of a temporary one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        path = args.project or Path(tmp) / "bench.annotator"
        if not path.exists():
            print(f"building {args.docs:,} documents and {args.spans:,} spans in {path} …",
                  flush=True)
            docs_s, spans_s = build(path, args.docs, args.spans, args.chars)
            print(f"build: documents {docs_s:.1f} s ({args.docs / docs_s:,.0f}/s), "
                  f"spans {spans_s:.1f} s ({args.spans / max(spans_s, 1e-9):,.0f}/s)",
                  flush=True)
        baseline = Path(tmp) / "baseline.annotator"
        build(baseline, 100, 100 * max(1, args.spans // max(args.docs, 1)), args.chars)
        report(path, baseline, args.runs)

if __name__ == "__main__":
    main()
