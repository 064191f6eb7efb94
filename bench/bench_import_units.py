"""What reading doccano offsets in a unit costs at import.

    python -m bench.bench_import_units                 # 2,000 articles, 100 spans each
    python -m bench.bench_import_units --docs 200 --runs 1

The same corpus (``bench.corpus``: emoji, flags, ZWJ, Persian) as doccano label triples,
imported into a fresh in-memory project four ways: ``--offset-unit codepoint`` stated
(the bare import: no check, no conversion), the default (code points plus the
safety net that compares readings of text-less spans), ``utf16`` / ``grapheme``
files read in their unit; then what the user sees when the UTF-16 file is read by
default. Medians of ``--runs`` runs; ratios against the bare import.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from annotator.core.errors import InputError
from annotator.formats.importer import ImportOptions, import_paths
from annotator.formats.offset_units import to_unit
from annotator.paths import default_scheme_path
from annotator.store import Project
from bench.corpus import corpus, spans_for


def write_file(path: Path, docs: int, spans: int, unit: str) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as out:
        for _, text in corpus(docs):
            convert = to_unit(text, unit)
            label = [[*convert(s.start, s.end), s.label]
                     for s in spans_for(text, rng, spans, ("ana",))]
            out.write(json.dumps({"text": text, "label": label}, ensure_ascii=False) + "\n")


def timed(path: Path, unit: str | None) -> tuple[float, list[str]]:
    project = Project.memory(scheme=default_scheme_path())
    start = time.perf_counter()
    summary = import_paths(project, [path], ImportOptions(offset_unit=unit))
    return time.perf_counter() - start, summary.notes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--spans", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = {unit: Path(tmp) / f"{unit}.jsonl" for unit in ("codepoint", "utf16",
                                                                 "grapheme")}
        for unit, path in files.items():
            write_file(path, args.docs, args.spans, unit)
        cases = [("codepoint stated (bare)", files["codepoint"], "codepoint"),
                 ("default: codepoint + check", files["codepoint"], None),
                 ("utf16", files["utf16"], "utf16"),
                 ("grapheme", files["grapheme"], "grapheme")]
        print(f"{args.docs} articles, {args.spans} spans each, median of {args.runs}")
        base = 0.0
        for name, path, unit in cases:
            results = [timed(path, unit) for _ in range(args.runs)]
            median = statistics.median(t for t, _ in results)
            base = base or median
            print(f"  {name:28s} {median:6.2f} s  x{median / base:.2f}  "
                  f"warnings: {len(results[0][1])}")
        try:  # spans near an article's end usually fall outside it when misread
            timed(files["utf16"], None)
            print("  utf16 file read by default: imported, no error")
        except InputError as exc:
            print(f"  utf16 file read by default: refused: {exc.reason}")


if __name__ == "__main__":
    main()
