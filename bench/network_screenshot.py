"""The network view, for the README: ``python -m bench.network_screenshot docs``.

Codes the two sample articles (``tests/formats/network_fixture.SAMPLE_CODING``: 19
statements by hand), opens Analysis → Network… on them as congruence − conflict and
saves ``docs/network-view.png``, then actor × concept (qualifiers combined) as
``docs/network-affiliation.png``. A small made-up debate over two months (eight actors,
five concepts) gives the time-window picture ``docs/network-windows.png`` and
Analysis → Charts… (``docs/charts.png``, spans per label). Run it under a real display
(``xvfb-run``).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from tests.formats.network_fixture import code_sample_articles, code_statements

ACTORS = [("Putin", "Head of state/government"), ("Khamenei", "Head of state/government"),
          ("Trump", "Head of state/government"), ("Kremlin", "State/Government"),
          ("IRGC", "Security forces"), ("EU", "International body"),
          ("Protesters", "Protesters/Civil society"), ("State TV", "Media")]
CONCEPTS = ["sanctions", "the protests", "the nuclear deal", "the internet blackout",
            "Russian support"]
# Who leans which way on each concept (+1, -1): the blocs the picture should show.
LEAN = {"Putin": -1, "Khamenei": -1, "Kremlin": -1, "IRGC": -1, "State TV": -1,
        "Trump": 1, "EU": 1, "Protesters": 1}


def build(path: Path) -> None:
    rng = random.Random(3)
    rows = []
    for d in range(24):
        day = f"2026-{1 + d // 12:02d}-{1 + 2 * (d % 12):02d}"
        for _ in range(6):
            actor, label = rng.choice(ACTORS)
            concept = rng.choice(CONCEPTS)
            sign = LEAN[actor] * (1 if concept != "Russian support" else -1)
            rows.append((day, actor, label, -sign if rng.random() < 0.15 else sign, concept))
    code_statements(path, rows, meta={"outlet": "Example Wire"})


def _settle(app: object, view: object) -> None:
    deadline = time.monotonic() + 20
    while not view.nodes and time.monotonic() < deadline:  # type: ignore[attr-defined]
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.02)
    for _ in range(5):
        app.processEvents()  # type: ignore[attr-defined]


def main(out: Path) -> int:
    from annotator.ui.app import make_application
    from annotator.ui.network_view import open_network
    from annotator.ui.throwaway_window import throwaway_window

    app = make_application()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        sample = code_sample_articles(Path(tmp) / "sample.annotator")
        window = throwaway_window(sample, Path(tmp), annotator="Dana", size=(1600, 1000))
        for kind, name in (("subtract", "network-view.png"),
                           ("two-mode", "network-affiliation.png")):
            view = open_network(window)
            assert view is not None
            view.kind.setCurrentIndex(view.kind.findData(kind))
            _settle(app, view)
            ok = bool(view.grab().save(str(out / name))) and ok
            view.close()
        window.close()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "debate.annotator"
        build(path)
        window = throwaway_window(path, Path(tmp), annotator="Dana", size=(1600, 1000))
        view = open_network(window)
        assert view is not None
        view.kind.setCurrentIndex(view.kind.findData("subtract"))
        view.normalize.setCurrentIndex(view.normalize.findData("jaccard"))
        view.windows.setChecked(True)
        view.slider.setValue(3)
        _settle(app, view)
        ok = bool(view.grab().save(str(out / "network-windows.png"))) and ok
        view.close()
        from annotator.ui.charts import open_charts

        charts = open_charts(window)
        assert charts is not None
        charts.by.setCurrentIndex(0)
        for _ in range(5):
            app.processEvents()
        ok = bool(charts.grab().save(str(out / "charts.png"))) and ok
        charts.close()
        window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")))
