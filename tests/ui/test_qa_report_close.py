"""QA: closing the agreement report (or cancelling it and starting again) while it
computes crashed the whole app: the job's runner was freed while it still ran on its
thread. Run in a child process, so that a regression fails this test, not the suite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from annotator.core.model import Document
from annotator.store import Project

SCRIPT = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from annotator.ui import review
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings
window = MainWindow(Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat)))
window.show()
assert window.open_project(Path(sys.argv[1]))
for _ in range(5):
    report = review.open_report(window)   # starts computing on its worker
    report.start()                        # ticks changed: cancel that one, start anew
    report.close()                        # closed before the figures are in
    app.processEvents()
print("still running")
"""


def test_closing_the_report_while_it_computes_does_not_crash(project_file: Path,
                                                             tmp_path: Path) -> None:
    with Project.open(project_file) as p:
        for i in range(40):
            p.add_document(Document(title=f"Article {i}", text=f"Russia backs Iran {i}.\n" * 50))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(project_file),
                           str(tmp_path / "settings.ini")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "still running" in done.stdout
