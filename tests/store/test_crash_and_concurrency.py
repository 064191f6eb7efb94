"""PRODUCT §8 in real processes: SIGKILL loses nothing committed; two writers lose nothing.

The children are ``workers.py`` in this folder; each prints a span's uuid only after the
command's transaction has committed, so every printed uuid must be in the file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from annotator.core.commands import AddSpan
from annotator.core.model import Document, Span
from annotator.paths import default_scheme_path
from annotator.store import Project

WORKER = Path(__file__).with_name("workers.py")
TEXT = ("Protests spread from the bazaar to the universities 🇮🇷 as the rial fell again. "
        "Москва заявила о поддержке Тегерана. اعتراض‌ها در تهران ادامه دارد.")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    path = tmp_path / "shared.annotator"
    with Project.open(path, scheme=default_scheme_path()) as p:
        p.add_document(Document(title="t", text=TEXT))
    return path


def spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(WORKER), *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            bufsize=1)


def assert_file_sound(path: Path) -> Project:
    project = Project.open(path)  # writable: WAL recovery runs as it would for a user
    assert project.integrity_ok()
    assert project.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    return project


@pytest.mark.parametrize(("after_lines", "extra_delay"), [
    (1, 0.0), (25, 0.0), (60, 0.003), (140, 0.0007), (300, 0.011),
])
def test_sigkill_mid_stream_keeps_every_committed_edit(shared: Path, after_lines: int,
                                                       extra_delay: float) -> None:
    child = spawn("stream", str(shared), "dana", "100000")
    printed: list[str] = []
    assert child.stdout is not None
    reader = threading.Thread(target=lambda: printed.extend(child.stdout or ()), daemon=True)
    reader.start()
    deadline = time.monotonic() + 60
    while len(printed) < after_lines:
        assert child.poll() is None, child.stderr.read() if child.stderr else ""
        assert time.monotonic() < deadline, "the child did not commit in time"
        time.sleep(0.0005)
    time.sleep(extra_delay)  # land at a different point of a commit each run
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    reader.join(timeout=30)
    assert child.returncode == -signal.SIGKILL
    uuids = [line.strip() for line in printed if line.strip()]
    assert len(uuids) >= after_lines
    with assert_file_sound(shared) as project:
        missing = [u for u in uuids if project.find_span(u) is None]
        assert missing == [], f"{len(missing)} committed spans lost after SIGKILL"
        # At most the edit in flight is lost; nothing appears that was never committed.
        assert len(uuids) <= project.span_count() <= len(uuids) + 1
        for span in project.spans_of_document(project.document_ids()[0]):
            assert TEXT[span.start:span.end] == span.text


def test_two_processes_writing_at_once_lose_nothing(shared: Path) -> None:
    per_writer = 300
    writers = [spawn("write", str(shared), name, str(per_writer)) for name in ("dana", "omid")]
    for w in writers:
        assert w.stdout is not None and w.stdout.readline().strip() == "ready"
    for w in writers:  # start both as close together as possible
        assert w.stdin is not None
        w.stdin.write("go\n")
        w.stdin.flush()
    results = [w.communicate(timeout=120) for w in writers]
    for w, (out, err) in zip(writers, results, strict=True):
        assert w.returncode == 0, err
        assert "locked" not in err and "busy" not in err.lower(), err
        assert out.splitlines()[-1] == "done"
    printed = {name: out.splitlines()[:-1] for name, (out, _) in zip(("dana", "omid"), results,
                                                                      strict=True)}
    with assert_file_sound(shared) as project:
        for name, uuids in printed.items():
            assert len(uuids) == per_writer
            spans = [project.find_span(u) for u in uuids]
            assert all(s is not None for s in spans)
            who = project.find_annotator(name)
            assert who is not None
            assert {s.annotator_id for s in spans if s is not None} == {who.id}
        assert project.span_count() == 2 * per_writer


@pytest.mark.parametrize("read_only", [False, True])
def test_a_reader_sees_committed_edits_after_refresh(shared: Path, read_only: bool) -> None:
    reader = spawn("read", str(shared), *(["ro"] if read_only else []))
    assert reader.stdin is not None and reader.stdout is not None

    def refresh() -> int:
        assert reader.stdin is not None and reader.stdout is not None
        reader.stdin.write("refresh\n")
        reader.stdin.flush()
        return int(reader.stdout.readline())

    try:
        assert int(reader.stdout.readline()) == 0
        with Project.open(shared) as writer:
            doc_id = writer.document_ids()[0]
            me = writer.annotator("dana").id
            label = writer.labels()[0].id
            assert me is not None and label is not None
            for n in (1, 2, 3):
                writer.apply(AddSpan(Span(doc_id=doc_id, annotator_id=me, label_id=label,
                                          start=n, end=n + 4, text=TEXT[n:n + 4])))
                assert refresh() == n
            # An edit in progress (not yet committed) is invisible to the reader.
            with writer.transaction():
                writer.apply(AddSpan(Span(doc_id=doc_id, annotator_id=me, label_id=label,
                                          start=0, end=4, text=TEXT[:4])))
                assert refresh() == 3
            assert refresh() == 4
    finally:
        reader.stdin.close()
        reader.wait(timeout=30)
    assert reader.returncode == 0, reader.stderr.read() if reader.stderr else ""
