"""The window on a team replica, for the README: ``python -m bench.team_screenshot docs``.

Starts a throwaway PostgreSQL cluster (as the tests do), publishes the screenshot's demo
project from a lead's file, joins it as Dana, opens the real window on Dana's replica and
saves ``docs/team-window.png`` (the whole window) and ``docs/team-status.png`` (the status
bar, where the sync indicator is). Run it under a real display (``xvfb-run``).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from annotator.store import Project
from annotator.team.sync import join, publish
from annotator.ui.screenshot import ANNOTATOR, demo_project
from tests.team.pgcluster import Cluster, bindir


def main(out: Path) -> int:
    from PySide6.QtCore import QRect

    from annotator.ui.app import make_application
    from annotator.ui.throwaway_window import throwaway_window

    found = bindir()
    if found is None:
        raise SystemExit("PostgreSQL's initdb is not installed (apt-get install postgresql)")
    cluster = Cluster(found)
    cluster.start()
    app = make_application()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            lead_file = Path(tmp) / "lead.annotator"
            demo_project(lead_file)
            with Project.open(lead_file) as lead:
                publish(lead, cluster.url(), member="Lead")
            replica, _ = join(cluster.url(), Path(tmp) / "dana.annotator", member=ANNOTATOR)
            replica.close()
            window = throwaway_window(Path(tmp) / "dana.annotator", Path(tmp),
                                      annotator=ANNOTATOR, size=(1600, 1000))
            ws = window.workspace
            assert ws is not None
            ws.setSizes([300, 880, 420])
            deadline = time.monotonic() + 15
            while "synced" not in window.team.label.text() and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.02)
            for _ in range(5):
                app.processEvents()
            ok = window.grab().save(str(out / "team-window.png"))
            bar = window.statusBar()
            corner = bar.mapTo(window, bar.rect().topLeft())
            strip = QRect(corner.x() + bar.width() - 700, corner.y(), 700, bar.height())
            ok = window.grab(strip).scaled(1400, 2 * bar.height()).save(
                str(out / "team-status.png")) and ok
            window.close()
    finally:
        cluster.remove()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")))
