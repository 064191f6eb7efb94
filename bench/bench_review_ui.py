"""The review windows on 2,000 documents × 3 annotators × 40 spans (offscreen).

    python -m bench.bench_review_ui                      # 2,000 documents
    python -m bench.bench_review_ui --docs 200 --runs 1  # a quick look

The project is ``bench.bench_agreement``'s (annotators ana, ben, cai who mostly agree).
Measured in the real windows, medians of ``--runs``:

- "accept all agreed" over the corpus for ana vs ben from the compare view: the worker
  (its own connection: plan and write, one transaction), then the GUI thread putting the
  command on the undo stack and every view refreshing from ``changed``; then Ctrl+Z and
  Ctrl+Shift+Z, which run on the GUI thread like every undo;
- the agreement report window: open until the figures are shown (worker thread);
- the compare view: F8 to the next disagreement, and opening a document.

While a job runs on its worker, a 5 ms timer on the GUI thread records the longest gap
between its ticks: how long the window could not repaint or react.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class Heartbeat:
    """The longest interval between ticks of a 5 ms GUI-thread timer."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.longest = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    @contextmanager
    def watch(self) -> Iterator[Heartbeat]:
        self.last, self.longest = time.perf_counter(), 0.0
        self.timer.start()
        try:
            yield self
        finally:
            self.timer.stop()


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from annotator.ui import review
    from annotator.ui.main_window import MainWindow
    from annotator.ui.review.corpus_accept import accept_agreed_corpus
    from annotator.ui.settings import Settings
    from bench.bench_agreement import build

    app = QApplication.instance() or QApplication([])
    beat = Heartbeat()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.annotator"
        t = time.perf_counter()
        spans = build(path, args.docs)
        print(f"project: {args.docs} documents, {spans} spans, 3 annotators "
              f"(built in {time.perf_counter() - t:.1f} s, not timed)")
        window = MainWindow(Settings(QSettings(str(Path(tmp) / "s.ini"),
                                               QSettings.Format.IniFormat)))
        window.resize(1400, 900)
        window.show()
        window.open_project(path)
        compare = review.open_compare(window)
        assert compare is not None and window.project is not None and window.controller
        people = {a.name: a.id or 0 for a in window.project.annotators()}
        compare.set_annotators(people["ana"], people["ben"])
        app.processEvents()
        controller = window.controller
        gold = compare.adjudicator.gold_id()

        # -- accept all agreed over the corpus, undo, redo --------------------------------
        real_push = controller.push_applied
        gui_part: list[float] = []

        def push_applied(*a: object, **kw: object) -> None:
            gui_part.append(timed(lambda: real_push(*a, **kw)))  # type: ignore[arg-type]
        controller.push_applied = push_applied  # type: ignore[method-assign]
        totals, gaps, undos, redos, accepted = [], [], [], [], 0
        for _ in range(args.runs):
            with beat.watch():
                result: object = None

                def run() -> None:
                    nonlocal result
                    result = accept_agreed_corpus(compare, controller,
                                                  [people["ana"], people["ben"]], gold)
                totals.append(timed(run))
            gaps.append(beat.longest)
            accepted = getattr(result, "accepted", 0)
            undos.append(timed(controller.undo_stack.undo))
            redos.append(timed(controller.undo_stack.redo))
            controller.undo_stack.undo()
        med = statistics.median
        print(f"accept all agreed (ana vs ben, {accepted:,} spans into gold): "
              f"median {med(totals):.2f} s, of which the GUI thread {med(gui_part):.2f} s "
              f"(undo stack + views refreshing); longest GUI stall while the worker ran "
              f"{med(gaps) * 1000:.0f} ms")
        print(f"  Ctrl+Z {med(undos):.2f} s, Ctrl+Shift+Z {med(redos):.2f} s "
              "(GUI thread, one transaction each)")

        # -- the agreement report -----------------------------------------------------------
        times, gaps = [], []
        for _ in range(args.runs):
            with beat.watch():
                start = time.perf_counter()
                report = review.open_report(window)
                assert report is not None
                while report.report is None:
                    app.processEvents()
                    time.sleep(0.001)
                times.append(time.perf_counter() - start)
            gaps.append(beat.longest)
            figure = report.report.get("fleiss_kappa")
            report.close()
            app.processEvents()
        print(f"agreement report window, all measures, 3 annotators: median "
              f"{med(times):.2f} s to the figures on screen; longest GUI stall "
              f"{med(gaps) * 1000:.0f} ms (Fleiss' kappa "
              f"{figure.value if figure else 'n/d'})")

        # -- moving around the compare view -------------------------------------------------
        compare.show_document(compare.source.documents()[0])
        steps = [timed(lambda: compare.step(backward=False)) for _ in range(50)]
        opens = [timed(partial(compare.show_document, d))
                 for d in compare.source.documents()[100:130]]
        print(f"compare view: F8 median {med(steps) * 1000:.1f} ms (max "
              f"{max(steps) * 1000:.1f}); open a document {med(opens) * 1000:.1f} ms")
        window.close()


if __name__ == "__main__":
    main()
