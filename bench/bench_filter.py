"""The document list's filter box: ``document_ids_matching`` over titles and texts.

    python -m bench.bench_filter                 # 300 and 10,000 articles of ~4 KB

Each size is built from the deterministic corpus in a temporary file; the median of
several runs is printed for a word that occurs in a few texts only (Persian, Russian,
an ASCII word in another case) and for one that occurs nowhere, and the ratio of the
large to the small corpus.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from annotator.core.model import Document
from annotator.store import Project
from bench.corpus import corpus

NEEDLES = ("صدای", "ПУТИН", "KREMLIN", "nowhere-at-all")


def median_seconds(project: Project, needle: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        project.document_ids_matching(needle)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure(n_docs: int, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp, Project.open(Path(tmp) / "f.annotator") as project:
        with project.transaction():
            for title, text in corpus(n_docs):
                project.add_document(Document(title=title, text=text))
        return {needle: median_seconds(project, needle, runs) for needle in NEEDLES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=300)
    parser.add_argument("--large", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    small, large = measure(args.small, args.runs), measure(args.large, args.runs)
    print(f"filter over titles and texts (median of {args.runs}):")
    for needle in NEEDLES:
        print(f"  {needle!r:>18}: {args.small:>6} docs {small[needle] * 1000:7.1f} ms   "
              f"{args.large:>6} docs {large[needle] * 1000:7.1f} ms   "
              f"ratio {large[needle] / small[needle]:5.1f}")


if __name__ == "__main__":
    main()
