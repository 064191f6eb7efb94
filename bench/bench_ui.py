"""The window on a 1 MB article carrying 20,000 spans on the three layers (offscreen).

    python -m bench.bench_ui               # 5 runs, each in a fresh child process
    python -m bench.bench_ui --runs 1      # a quick look

Each run is a child process (so peak RSS is the window's own) that opens the real
``MainWindow`` on a generated project and measures:

1. open: ``Workspace.open_document`` of the big article until its first paint is done
   (events processed, then a synchronous ``viewport().repaint()``). Target ≤ 300 ms.
2. tag: one span, from ``QTest.keyClick`` of the label key until the row is committed in
   the database, listed in the span table, and the changed lines repainted (the events
   the key press queued, paint included, processed; a paint counter checks it happened).
   Median of 30 key presses on different words. Target ≤ 16 ms (one frame).
3. peak RSS of the child (``ru_maxrss``). Target ≤ 400 MB.

For comparison the child also times the road not taken: the same 20,000 highlights as
character formats merged into the document in one edit block (``mergeCharFormat``).
Data from ``bench.corpus`` (same seed, same article, same spans every run).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from annotator.core.model import Document, Span
from annotator.paths import default_scheme_path
from annotator.store import Project
from bench.corpus import article, spans_for

ARTICLE_CHARS = 1_000_000
SPANS = 20_000
ANNOTATOR = "bench"
TAGS = 30


def build_project(path: Path) -> None:
    rng = random.Random(20261126)
    text = article(rng, ARTICLE_CHARS)
    with Project.open(path, scheme=default_scheme_path()) as project:
        labels = {(lab.layer, lab.name): lab.id for lab in project.labels()}
        me = project.annotator(ANNOTATOR)
        doc, _ = project.add_document(Document(title="Big article", text=text))
        project.add_document(Document(title="Small article", text="A short one.\n"))
        assert doc.id is not None and me.id is not None
        spans = [Span(doc_id=doc.id, annotator_id=me.id, label_id=labels[(g.layer, g.label)],
                      start=g.start, end=g.end, text=text[g.start:g.end])  # type: ignore[arg-type]
                 for g in spans_for(text, rng, SPANS, (ANNOTATOR,))]
        with project.transaction():
            project.insert_spans(spans)


def child(path: Path) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.ui.app import make_application
    from annotator.ui.throwaway_window import throwaway_window

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        window = throwaway_window(path, Path(tmp), annotator=ANNOTATOR, size=(1400, 900))
        window.activateWindow()
        app.processEvents()
        ws = window.workspace
        assert ws is not None and window.project is not None
        big = next(i for i in ws.documents.ids if ws.documents.row_data(i).title == "Big article")
        small = next(i for i in ws.documents.ids if i != big)
        ws.open_document(small)
        app.processEvents()

        start = time.perf_counter()
        ws.open_document(big)
        app.processEvents()
        ws.view.viewport().repaint()
        opened = time.perf_counter() - start
        assert ws.spans.rowCount() == SPANS, ws.spans.rowCount()

        text = ws.view.text()
        times: list[float] = []
        paints: list[int] = []
        counter = _PaintCounter(paints)
        ws.view.viewport().installEventFilter(counter)
        words = _visible_words(ws, text)
        key = Qt.Key.Key_1
        for k, (s, e) in enumerate(words[:TAGS]):
            ws.view.select_range(s, e)
            ws.view.setFocus()
            app.processEvents()
            before = window.project.span_count()
            paints.clear()
            t0 = time.perf_counter()
            QTest.keyClick(ws.view, key)
            app.processEvents()  # delivers the repaint of the lines that changed
            times.append(time.perf_counter() - t0)
            assert paints, f"tag {k} was not repainted"
            assert window.project.span_count() == before + 1, f"tag {k} did not land"
            assert ws.spans.row_of(ws.view.selected_span or -1) is not None, "not listed"
            assert ws.view.painted_ranges(ws.view.selected_span or -1), "not painted"
        window.close()
        QApplication.processEvents()
    baseline = _char_format_baseline(path)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"open_s": opened, "tag_s": statistics.median(times), "tag_max_s": max(times),
            "rss_mb": rss_mb, "baseline_formats_s": baseline}


def _paint_counter_class() -> type:
    from PySide6.QtCore import QEvent, QObject

    class PaintCounter(QObject):
        def __init__(self, sink: list[int]) -> None:
            super().__init__()
            self.sink = sink

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.sink.append(1)
            return False

    return PaintCounter


def _PaintCounter(sink: list[int]) -> object:
    return _paint_counter_class()(sink)


def _visible_words(ws: object, text: str) -> list[tuple[int, int]]:
    """Untagged words on screen (so that each key press adds a new span)."""
    from annotator.ui.workspace import Workspace

    assert isinstance(ws, Workspace)
    tagged = {(r[1], r[2]) for r in map(ws.spans.row_tuple, ws.spans.ids) if r}
    out, i = [], 0
    limit = ws.view.offsets.to_codepoint(ws.view.cursorForPosition(
        ws.view.viewport().rect().bottomRight()).position())
    while i < min(limit, len(text)) and len(out) < TAGS:
        j = i
        while j < len(text) and text[j].isalpha():
            j += 1
        if j - i >= 4 and (i, j) not in tagged:
            out.append((i, j))
        i = j + 1
    return out


def _char_format_baseline(path: Path) -> float:
    """The same highlights as formats merged into the text in one edit block."""
    from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
    from PySide6.QtWidgets import QPlainTextEdit

    from annotator.core.offsets import OffsetMap

    with Project.open(path, read_only=True) as project:
        doc = next(d for d in project.iter_documents() if d.title == "Big article")
        assert doc.id is not None
        spans = project.spans_of_document(doc.id)
    edit = QPlainTextEdit()
    edit.resize(900, 800)
    edit.show()
    start = time.perf_counter()
    edit.setPlainText(doc.text)
    offsets = OffsetMap(doc.text)
    cursor = QTextCursor(edit.document())
    fmt = QTextCharFormat()
    fmt.setBackground(QColor("#ffe0e0"))
    cursor.beginEditBlock()
    for span in spans:
        cursor.setPosition(offsets.to_utf16(span.start))
        cursor.setPosition(offsets.to_utf16(span.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)
    cursor.endEditBlock()
    edit.viewport().repaint()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.annotator"
        t0 = time.perf_counter()
        build_project(path)
        print(f"project: 1 article of {ARTICLE_CHARS:,} code points, {SPANS:,} spans "
              f"({time.perf_counter() - t0:.1f} s to build)")
        results = []
        for run in range(args.runs):
            copy = Path(tmp) / f"run{run}.annotator"
            copy.write_bytes(path.read_bytes())
            out = subprocess.run([sys.executable, "-m", "bench.bench_ui", "--child", str(copy)],
                                 capture_output=True, text=True, check=False,
                                 env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
            if out.returncode:
                sys.exit(f"run {run} failed:\n{out.stderr}")
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    med = {k: statistics.median(r[k] for r in results) for k in results[0]}
    print(f"runs: {len(results)} (medians)")
    print(f"open document until first paint  {med['open_s'] * 1000:7.1f} ms   (target ≤ 300 ms)")
    print(f"one span: key → row → repaint    {med['tag_s'] * 1000:7.1f} ms   (target ≤ 16 ms;"
          f" slowest of {TAGS}: {med['tag_max_s'] * 1000:.1f} ms)")
    print(f"peak RSS of the window process   {med['rss_mb']:7.0f} MB   (target ≤ 400 MB)")
    print(f"baseline: same highlights as merged char formats {med['baseline_formats_s'] * 1000:.0f}"
          f" ms = {med['baseline_formats_s'] / med['open_s']:.1f}x the painted view's open")


if __name__ == "__main__":
    main()
