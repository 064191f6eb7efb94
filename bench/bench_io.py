"""Import and export at corpus scale, each beside a bare baseline measured in the same run.

    python -m bench.bench_io                  # 10,000 articles (~40 MB), 500,000 spans
    python -m bench.bench_io --docs 1000 --spans 50000 --runs 1   # a quick look

1. Folder import: ``annotator import`` of N .txt files (``formats.importer``) vs plain
   ``sqlite3`` reading, decoding, hashing and ``executemany`` of the same rows into a
   same-shaped table. Target ≤ 10 s.
2. Native JSONL export of those N documents carrying M spans, in a child process (so its
   peak RSS is the export's own), vs a plain query + ``json.dumps`` loop in a child too.
   Targets ≤ 5 s and peak memory ≤ 200 MB.

Medians of ``--runs`` runs; data from ``bench.corpus`` (same seed, same corpus).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from annotator.core.model import Span
from annotator.formats.importer import import_paths
from annotator.formats.jsonl_export import export_jsonl
from annotator.paths import default_scheme_path
from annotator.store import Project
from bench.corpus import corpus, spans_for

ANNOTATORS = ("ana", "ben", "cyrus", "dina", "emil")
CHARS = 3000  # code points per article: 10,000 of them make about 40 MB of UTF-8


def write_corpus(folder: Path, n_docs: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for i, (_, text) in enumerate(corpus(n_docs, chars=CHARS)):
        data = text.encode("utf-8")
        (folder / f"{i // 1000:02d}" / f"article_{i:05d}.txt").parent.mkdir(exist_ok=True)
        (folder / f"{i // 1000:02d}" / f"article_{i:05d}.txt").write_bytes(data)
        size += len(data)
    return size


def median_time(fn: Callable[[int], float], runs: int) -> float:
    return statistics.median(fn(run) for run in range(runs))


# -- import ------------------------------------------------------------------------------
def annotator_import(folder: Path, work: Path, run: int) -> float:
    path = work / f"import_{run}.annotator"
    project = Project.open(path, scheme=default_scheme_path())
    start = time.perf_counter()
    summary = import_paths(project, [folder])
    elapsed = time.perf_counter() - start
    project.close()
    assert summary.documents_added > 0
    return elapsed


BASELINE_SCHEMA = """
CREATE TABLE documents (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
    text TEXT NOT NULL, source TEXT NOT NULL, meta TEXT NOT NULL, sha256 TEXT NOT NULL,
    position INTEGER NOT NULL, created TEXT NOT NULL);
CREATE INDEX idx_documents_sha256 ON documents(sha256);
"""


def baseline_import(folder: Path, work: Path, run: int) -> float:
    path = work / f"baseline_{run}.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.executescript(BASELINE_SCHEMA)
    start = time.perf_counter()
    rows = []
    for i, file in enumerate(sorted(folder.rglob("*.txt")), start=1):
        text = file.read_bytes().decode("utf-8").replace("\r\n", "\n")
        title = next(line.strip() for line in text.split("\n") if line.strip())[:200]
        rows.append((str(uuid.uuid4()), title, text, file.name,
                     json.dumps({"filename": file.name}),
                     hashlib.sha256(text.encode("utf-8")).hexdigest(), i, "now"))
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO documents (uuid, title, text, source, meta, sha256, position, "
                     "created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


# -- spans -------------------------------------------------------------------------------
def add_spans(path: Path, total: int) -> int:
    """Put about ``total`` spans (all layers, five annotators) on the project's documents."""
    project = Project.open(path)
    docs = project.document_count()
    per_annotator = max(1, round(total / docs / len(ANNOTATORS)))
    labels = {(lab.layer, lab.name): lab.id for lab in project.labels()}
    annotators = {name: project.annotator(name).id for name in ANNOTATORS}
    rng = random.Random(7)
    count = 0
    with project.transaction():
        for doc in project.iter_documents():
            assert doc.id is not None
            batch = []
            for g in spans_for(doc.text, rng, per_annotator, ANNOTATORS):
                label_id, ann_id = labels[(g.layer, g.label)], annotators[g.annotator]
                assert label_id is not None and ann_id is not None
                batch.append(Span(doc_id=doc.id, annotator_id=ann_id, label_id=label_id,
                                  start=g.start, end=g.end, text=doc.text[g.start:g.end]))
            project.insert_spans(batch)
            count += len(batch)
    project.close()
    return count


# -- export (each in a child process, for its own peak memory) ---------------------------
def peak_rss_kb() -> int:
    """This process's peak resident memory. VmHWM belongs to the process image, whereas
    ru_maxrss survives exec and would report the (larger) parent that forked us."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child_export(project_path: str, out_path: str) -> tuple[float, int]:
    start = time.perf_counter()
    with Project.open(project_path, read_only=True, create=False) as project, \
            open(out_path, "wb", buffering=1 << 20) as out:
        export_jsonl(project, out)
    return time.perf_counter() - start, peak_rss_kb()


def child_baseline(project_path: str, out_path: str) -> tuple[float, int]:
    start = time.perf_counter()
    conn = sqlite3.connect(f"file:{project_path}?mode=ro", uri=True)
    labels = {i: (layer, name) for i, layer, name in conn.execute(
        "SELECT id, layer, name FROM labels")}
    annotators = dict(conn.execute("SELECT id, name FROM annotators").fetchall())
    with open(out_path, "w", encoding="utf-8", buffering=1 << 20) as out:
        for doc_id, doc_uuid, title, text, meta in conn.execute(
                "SELECT id, uuid, title, text, meta FROM documents ORDER BY position, id"):
            spans = []
            for s_uuid, s, e, s_text, label_id, ann_id in conn.execute(
                    'SELECT uuid, start, "end", text, label_id, annotator_id FROM spans '
                    "WHERE doc_id = ?", (doc_id,)):
                layer, name = labels[label_id]
                spans.append({"id": s_uuid, "start": s, "end": e, "text": s_text,
                              "layer": layer, "label": name, "annotator": annotators[ann_id]})
            out.write(json.dumps({"id": doc_uuid, "title": title, "meta": json.loads(meta),
                                  "text": text, "spans": spans}, ensure_ascii=False) + "\n")
    conn.close()
    return time.perf_counter() - start, peak_rss_kb()


def run_child(kind: str, project: Path, out: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one export in a fresh interpreter."""
    result = subprocess.run([sys.executable, "-m", "bench.bench_io", "--child", kind,
                             str(project), str(out)], check=True, capture_output=True, text=True)
    seconds, rss_kb = json.loads(result.stdout)
    return seconds, rss_kb / 1024


def ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}x" if base > 0 else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--spans", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("KIND", "PROJECT", "OUT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, project, out = args.child
        fn = child_export if kind == "export" else child_baseline
        print(json.dumps(fn(project, out)))
        return
    with tempfile.TemporaryDirectory(prefix="bench_io_") as tmp:
        work = Path(tmp)
        size = write_corpus(work / "articles", args.docs)
        print(f"corpus: {args.docs} .txt files, {size / 1e6:.1f} MB (UTF-8), "
              f"medians of {args.runs} runs")
        ours = median_time(lambda r: annotator_import(work / "articles", work, r), args.runs)
        base = median_time(lambda r: baseline_import(work / "articles", work, r), args.runs)
        print(f"folder import     annotator {ours:6.2f} s   baseline {base:6.2f} s   "
              f"ratio {ratio(ours, base)}   target <= 10 s: {'ok' if ours <= 10 else 'MISSED'}")
        project = work / "import_0.annotator"
        start = time.perf_counter()
        count = add_spans(project, args.spans)
        print(f"spans: {count} added through the store in {time.perf_counter() - start:.1f} s")
        runs = [run_child("export", project, work / f"out_{r}.jsonl") for r in range(args.runs)]
        bases = [run_child("baseline", project, work / f"base_{r}.jsonl")
                 for r in range(args.runs)]
        ours, ours_mb = (statistics.median(x) for x in zip(*runs, strict=True))
        base, base_mb = (statistics.median(x) for x in zip(*bases, strict=True))
        out_mb = (work / "out_0.jsonl").stat().st_size / 1e6
        print(f"JSONL export      annotator {ours:6.2f} s   baseline {base:6.2f} s   "
              f"ratio {ratio(ours, base)}   target <= 5 s: {'ok' if ours <= 5 else 'MISSED'}"
              f"   ({out_mb:.0f} MB written)")
        print(f"export peak RSS   annotator {ours_mb:6.0f} MB  baseline {base_mb:6.0f} MB  "
              f"ratio {ratio(ours_mb, base_mb)}   target <= 200 MB: "
              f"{'ok' if ours_mb <= 200 else 'MISSED'}")


if __name__ == "__main__":
    main()
