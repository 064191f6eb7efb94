"""Intake of researchers' files: 1,000 saved web pages, a 500-article news-database
export and 200 PDFs.

    python -m bench.bench_intake            # 3 runs each, medians

The export is a Nexis Uni .txt of ``bench.corpus`` articles (about 4 KB each) in the
export's documented shape; the PDFs are one-page articles in Helvetica written by the
tests' PDF maker (ASCII text: the fixture has no embedded fonts); the web pages are
``bench.corpus`` articles (English, Russian and Persian with emoji and ZWNJ) inside the
tests' saved-page boilerplate (navigation, cookie banner, share buttons, footer). Each
run imports into a new project file.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from annotator.formats.importer import import_paths
from annotator.store import Project
from bench.corpus import corpus
from tests.formats.html_fixture import saved_page
from tests.formats.pdf_fixture import make_pdf

_EN = "Protests spread from the bazaar to the universities as the rial fell again. " * 8


def nexis_export(n: int) -> str:
    parts = []
    for i, (title, text) in enumerate(corpus(n, seed=9), start=1):
        body = "\n\n".join(p for p in text.split("\n") if p.strip())
        parts.append(f"{i} of {n} DOCUMENTS\n\n{title}\nThe Example Post\n"
                     f"January {1 + i % 28}, 2026 Thursday\n\nSection: WORLD\n"
                     f"Length: {len(text.split())} words\nByline: Reporter {i % 17}\n\n"
                     f"Body\n\n{body}\n\nClassification\n\nLanguage: ENGLISH\n\n"
                     f"Load-Date: January {2 + i % 27}, 2026\n\nEnd of Document\n")
    return "\n".join(parts)


def _median_import(paths: list[Path], work: Path, runs: int) -> tuple[float, int]:
    times, docs = [], 0
    for run in range(runs):
        target = work / f"p{run}-{paths[0].stem}.annotator"
        with Project.open(target) as project:
            started = time.perf_counter()
            summary = import_paths(project, paths)
            times.append(time.perf_counter() - started)
            docs = summary.documents_added
    return statistics.median(times), docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pages = work / "pages"
        pages.mkdir()
        for i, (title, text) in enumerate(corpus(1000, seed=11)):
            paragraphs = [p for p in text.split("\n") if p.strip()]
            (pages / f"p{i:04d}.html").write_text(saved_page(paragraphs, title=title),
                                                  encoding="utf-8")
        size = sum(p.stat().st_size for p in pages.iterdir())
        seconds, docs = _median_import([pages], work, args.runs)
        print(f"1,000 saved web pages ({size / 1e6:.1f} MB) into {docs} documents: "
              f"{seconds:.2f} s ({seconds / docs * 1000:.1f} ms a page; median of "
              f"{args.runs})")
        export = work / "nexis.txt"
        export.write_text(nexis_export(500), encoding="utf-8")
        seconds, docs = _median_import([export], work, args.runs)
        print(f"Nexis export, {export.stat().st_size / 1e6:.1f} MB, split into {docs} "
              f"documents: {seconds * 1000:.0f} ms (median of {args.runs})")
        folder = work / "pdfs"
        folder.mkdir()
        for i in range(200):
            lines = [f"Article {i}: unrest and sanctions"] + [
                _EN[j:j + 85] for j in range(0, len(_EN), 85)]
            (folder / f"a{i:03d}.pdf").write_bytes(make_pdf([lines, lines[1:]]))
        seconds, docs = _median_import([folder], work, args.runs)
        print(f"200 two-page PDFs: {seconds * 1000:.0f} ms ({seconds / docs * 1000:.1f} ms "
              f"per PDF; median of {args.runs})")


if __name__ == "__main__":
    main()
