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
from typing import Any

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
            ok = _progress_picture(app, cluster, Path(tmp), lead_file, out) and ok
    finally:
        cluster.remove()
    return 0 if ok else 1


def _progress_picture(app: Any, cluster: Cluster, tmp: Path, lead_file: Path,
                      out: Path) -> bool:
    """Three coders with logins of their own, some work done: the lead's progress view."""
    import random

    from annotator.core.commands import SetStatus
    from annotator.core.model import Document, Status
    from annotator.team.manage import add_member, assign
    from annotator.team.sync import sync
    from annotator.ui.team_progress import show_progress
    from annotator.ui.throwaway_window import throwaway_window
    from bench.corpus import corpus
    from tests.team.helpers import as_login

    rng = random.Random(3)
    with Project.open(lead_file) as lead:
        with lead.transaction():
            for title, text in corpus(27, seed=5):
                lead.add_document(Document(title, text))
        sync(lead)
        for name in ("Ana", "Ben", "Cleo"):
            add_member(lead, name.lower(), member=name, role="coder")
        assign(lead, coders=["Ana", "Ben", "Cleo"], overlap=0.2, seed=4)
    for name, share in (("Ana", 0.8), ("Ben", 0.45), ("Cleo", 0.2)):
        coder, _ = join(as_login(cluster.url(), name.lower()), tmp / f"{name}.annotator",
                        member=name)
        me = coder.annotator(name).id or 0
        for doc_id in coder.assigned_documents(name):
            roll = rng.random()
            if roll < share:
                coder.apply(SetStatus(doc_id, me, Status.DONE))
            elif roll < share + 0.25:
                coder.apply(SetStatus(doc_id, me, Status.IN_PROGRESS))
        sync(coder)
        coder.close()
    window = throwaway_window(lead_file, tmp, annotator="Lead", size=(1200, 800))
    dialog = show_progress(window)
    assert dialog is not None
    for _ in range(10):
        app.processEvents()
    ok = bool(dialog.grab().save(str(out / "team-progress.png")))
    dialog.close()
    window.close()
    # A coder's window: her assigned documents first, the others greyed.
    coder = throwaway_window(tmp / "Ana.annotator", tmp, annotator="Ana", size=(1200, 800))
    assert coder.workspace is not None
    for _ in range(10):
        app.processEvents()
    ok = bool(coder.workspace.doc_list.grab().save(str(out / "team-assigned.png"))) and ok
    coder.close()
    return ok


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")))
