"""QA: a second connection in the same process (an import or export job on its worker
thread) must not cost the window's connection its file locks.

Reading the file's header with Python's open()/close() dropped every POSIX lock this
process held on the project (SQLite's "how to corrupt" §2.2): the next program to close
the project (`annotator stats` in a terminal) thought itself the last user and deleted the
-wal and -shm under the open window, whose later edits then went to a deleted file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from annotator.core.model import Document
from annotator.store import Project

READER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
print("|".join(r[0] for r in conn.execute("SELECT title FROM documents ORDER BY id")))
conn.close()
"""


def _other_program_sees(path: Path) -> list[str]:
    out = subprocess.run([sys.executable, "-c", READER, str(path)], check=True,
                         capture_output=True, text=True).stdout.strip()
    return out.split("|") if out else []


def test_a_worker_connection_leaves_the_window_its_locks(project_file: Path) -> None:
    window = Project.open(project_file)
    try:
        window.add_document(Document(title="one", text="First article.\n"))
        Project.open(project_file).close()  # what File → Import / Export do on a worker
        assert _other_program_sees(project_file) == ["one"]
        wal = project_file.with_name(project_file.name + "-wal")
        assert wal.exists(), "the -wal was deleted under the open project"
        window.add_document(Document(title="two", text="Second article.\n"))
        assert _other_program_sees(project_file) == ["one", "two"]
    finally:
        window.close()

