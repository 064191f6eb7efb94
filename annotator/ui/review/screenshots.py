"""Render the review windows for the README.

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python -m annotator.ui.review.screenshots docs

writes ``docs/compare.png`` (Dana vs Lena on the first sample article) and
``docs/agreement.png`` (the agreement report of the same project), from the demo project
of ``demo`` opened in the real windows.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def _settle(app: object, seconds: float = 0.3) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def main(folder: Path) -> int:

    from annotator.ui import review
    from annotator.ui.app import make_application
    from annotator.ui.review.demo import DANA, LENA, review_demo_project
    from annotator.ui.throwaway_window import throwaway_window

    app = make_application()
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "review.annotator"
        review_demo_project(path)
        window = throwaway_window(path, Path(tmp), annotator=DANA, size=(1400, 900))
        compare = review.open_compare(window)
        assert compare is not None and window.project is not None
        people = {a.name: a.id for a in window.project.annotators()}
        compare.set_annotators(people[DANA] or 0, people[LENA] or 0)
        compare.resize(1600, 1000)
        _settle(app)
        target = next(i for i, p in enumerate(compare.pairs)
                      if p.a is not None and p.a.text == "authorities")
        compare.select(target)
        compare.text.verticalScrollBar().setValue(0)
        _settle(app)
        ok = compare.grab().save(str(folder / "compare.png"))
        compare.close()
        report = review.open_report(window)
        assert report is not None
        report.resize(1600, 1000)
        deadline = time.monotonic() + 60
        while report.report is None and time.monotonic() < deadline:
            _settle(app, 0.05)
        report.scope_table.selectRow(0)
        _settle(app)
        ok = report.grab().save(str(folder / "agreement.png")) and ok
        report.close()
        window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")))
