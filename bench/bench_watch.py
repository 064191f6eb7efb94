"""What following changes saved elsewhere costs the window (offscreen).

    python -m bench.bench_watch            # 7 runs of each case
    python -m bench.bench_watch --runs 3

The project is bench_ui's: a 1 MB article with 20,000 spans, open in a real
``MainWindow``. A second ``Project`` connection on the same file plays the other window.
Each case times ``ProjectWatch.check()`` (what the 1 s timer calls) until the events it
queued are processed and the article is repainted, and prints the median:

- the poll when nothing changed (the cost paid every second);
- catching up after a commit that does not touch the open article (another document);
- after one span of the open article relabelled, 40 spans added, then deleted (span by
  span);
- after 2,500 spans added, then deleted (above ``REOPEN_ABOVE``: the article is re-read);
- F5 (``ProjectWatch.reload``), and for scale, opening the article from another one.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from annotator.core.commands import Relabel
from annotator.core.model import Span
from annotator.store import Project
from bench.bench_ui import ANNOTATOR, SPANS, build_project
from bench.corpus import spans_for


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from annotator.ui.app import make_application
    from annotator.ui.throwaway_window import throwaway_window

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.annotator"
        build_project(path)
        window = throwaway_window(path, Path(tmp), annotator=ANNOTATOR, size=(1400, 900))
        app.processEvents()
        ws = window.workspace
        assert ws is not None
        big = next(i for i in ws.documents.ids if ws.documents.row_data(i).title == "Big article")
        small = next(i for i in ws.documents.ids if i != big)
        ws.open_document(big)
        app.processEvents()
        other = Project.open(path)
        labels = [lab.id for lab in other.labels() if lab.layer == "actor"]
        text = other.document_text(big)

        def timed(change: Callable[[], object], act: Callable[[], object]) -> float:
            change()
            start = time.perf_counter()
            act()
            app.processEvents()
            ws.view.viewport().repaint()
            return time.perf_counter() - start

        def check() -> None:
            assert window.watch.check(), "the change was not noticed"

        # 1. The poll with nothing new.
        calls = 20_000
        per_call = []
        for _ in range(args.runs):
            start = time.perf_counter()
            for _ in range(calls):
                window.watch.check()
            per_call.append((time.perf_counter() - start) / calls)
        raw = []
        project = window.project
        assert project is not None
        for _ in range(args.runs):
            start = time.perf_counter()
            for _ in range(calls):
                project.data_version()
            raw.append((time.perf_counter() - start) / calls)

        results: dict[str, list[float]] = {}

        def case(name: str, change: Callable[[], object], act: Callable[[], object]) -> None:
            results.setdefault(name, []).append(timed(change, act))

        rng = random.Random(7)
        me = other.annotator(ANNOTATOR).id
        assert me is not None
        small_text = other.document_text(small)
        target = ws.spans.id_at(SPANS // 2)
        for run in range(args.runs):
            case("another document changed", lambda: other.insert_spans([Span(
                doc_id=small, annotator_id=me, label_id=labels[0], start=0, end=1,
                text=small_text[0])]), check)
            case("1 span of the article relabelled",
                 lambda r=run: other.apply(Relabel(target, labels[1 + r % 2])), check)
            added: list[Span] = []

            def add(count: int, into: list[Span] = added) -> None:
                new = [Span(doc_id=big, annotator_id=me, label_id=labels[i % len(labels)],
                            start=g.start, end=g.end, text=text[g.start:g.end])
                       for i, g in enumerate(spans_for(text, rng, count, (ANNOTATOR,)))]
                with other.transaction():
                    into[:] = other.insert_spans_with_ids(new)

            def delete(into: list[Span] = added) -> None:
                with other.transaction():
                    other.delete_spans([s.id for s in into if s.id is not None])

            case("40 spans added to the article", lambda: add(40), check)
            case("40 spans deleted from it", delete, check)
            case("2,500 spans added (article re-read)", lambda: add(2_500), check)
            case("2,500 spans deleted (article re-read)", delete, check)
            case("F5 (reload, article re-read)", lambda: None, window.watch.reload)
            case("for scale: open the article", lambda: ws.open_document(small),
                 lambda: ws.open_document(big))
        assert ws.spans.rowCount() == SPANS
        other.close()
        window.close()
        QApplication.processEvents()

    print(f"project: 1 article of 1,000,000 code points with {SPANS:,} spans, open; "
          f"{args.runs} runs, medians")
    print(f"poll, nothing changed: {statistics.median(per_call) * 1e6:6.2f} µs per check "
          f"(PRAGMA data_version alone {statistics.median(raw) * 1e6:.2f} µs)")
    opening = statistics.median(results["for scale: open the article"])
    for name, times in results.items():
        med = statistics.median(times)
        print(f"{name:36} {_ms(med)}  ({med / opening:4.2f}x opening the article)")


if __name__ == "__main__":
    main()
