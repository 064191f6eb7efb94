"""Opening project files: migrations, connection settings, and every file that is refused.

"Refused" always means: a typed error with a message a person understands, and the file
byte-for-byte as it was (PRODUCT §2, §8).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from annotator.core.errors import NewerSchemaError, NotAProjectError, ProjectError
from annotator.core.model import Document
from annotator.paths import default_scheme_path
from annotator.store import Project
from annotator.store import connection as store_connection
from annotator.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION


def pragma(path: Path, name: str) -> object:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def with_journal_delete(path: Path) -> None:
    """Leave the file self-contained (no -wal/-shm), as a copied or mailed file would be."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


def assert_refused(path: Path, error: type[Exception], match: str, *,
                   read_only: bool = False) -> None:
    before = snapshot(path.parent)
    with pytest.raises(error, match=match):
        Project.open(path, read_only=read_only, scheme=default_scheme_path())
    assert snapshot(path.parent) == before, "a refused file was changed"


# -- a new file ------------------------------------------------------------------------------

def test_new_project_records_its_migrations(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    Project.open(path).close()
    assert pragma(path, "application_id") == APPLICATION_ID
    assert pragma(path, "user_version") == SCHEMA_VERSION == len(MIGRATIONS)
    conn = sqlite3.connect(path)
    versions = [r[0] for r in conn.execute("SELECT version FROM migrations ORDER BY version")]
    conn.close()
    assert versions == list(range(1, SCHEMA_VERSION + 1))


def test_connection_settings(project_file: Path) -> None:
    for read_only in (False, True):
        with Project.open(project_file, read_only=read_only) as p:
            settings = {name: p.conn.execute(f"PRAGMA {name}").fetchone()[0]
                        for name in ("journal_mode", "foreign_keys", "trusted_schema",
                                     "busy_timeout")}
            assert settings["journal_mode"] == "wal"
            assert settings["foreign_keys"] == 1
            assert settings["trusted_schema"] == 0
            assert settings["busy_timeout"] >= 1000


def test_reopening_runs_no_migration_again(project_file: Path) -> None:
    conn = sqlite3.connect(project_file)
    applied = conn.execute("SELECT version, applied_at FROM migrations").fetchall()
    conn.close()
    with Project.open(project_file) as p:
        assert p.labels()  # the scheme given at creation is still there
    conn = sqlite3.connect(project_file)
    assert conn.execute("SELECT version, applied_at FROM migrations").fetchall() == applied
    conn.close()


def test_a_later_migration_is_applied_once_and_recorded(project_file: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def v2(db: sqlite_utils.Database) -> None:
        calls.append(2)
        db.execute("CREATE TABLE extra (x INTEGER)")

    monkeypatch.setattr(store_connection, "MIGRATIONS", [*MIGRATIONS, v2])
    monkeypatch.setattr(store_connection, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    Project.open(project_file).close()
    Project.open(project_file).close()
    assert calls == [2]
    assert pragma(project_file, "user_version") == SCHEMA_VERSION + 1
    conn = sqlite3.connect(project_file)
    assert [r[0] for r in conn.execute("SELECT version FROM migrations")][-1] == SCHEMA_VERSION + 1
    conn.close()


def test_a_failing_migration_leaves_the_previous_version(project_file: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def v2(db: sqlite_utils.Database) -> None:
        db.execute("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("migration bug")

    monkeypatch.setattr(store_connection, "MIGRATIONS", [*MIGRATIONS, v2])
    monkeypatch.setattr(store_connection, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(RuntimeError):
        Project.open(project_file)
    assert pragma(project_file, "user_version") == SCHEMA_VERSION
    conn = sqlite3.connect(project_file)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert "half_done" not in tables


def test_an_older_file_is_migrated_forward_keeping_its_data(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    path = tmp_path / "old.annotator"
    with monkeypatch.context() as m:
        m.setattr(store_connection, "MIGRATIONS", MIGRATIONS[:1])
        m.setattr(store_connection, "SCHEMA_VERSION", 1)
        Project.open(path, scheme=default_scheme_path()).close()
        assert pragma(path, "user_version") == 1
    # A document as version 1 wrote it (today's code writes columns v1 lacked).
    doc = Document(title="old", text="Путин 👀 by version 1")
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO documents (id, uuid, title, text, sha256, created) "
                 "VALUES (1, ?, ?, ?, ?, '2026-01-01')", (doc.uuid, doc.title, doc.text,
                                                           doc.sha256))
    conn.commit()
    conn.close()
    with Project.open(path) as p:
        assert p.get_document(1).text == "Путин 👀 by version 1"
        assert p.find_document(sha256=doc.sha256) is not None
        # Stored lengths (v3) are filled in for existing documents, in code points.
        (row,) = p.document_rows(None)
        assert (row.title, row.length) == ("old", len("Путин 👀 by version 1"))
    assert pragma(path, "user_version") == SCHEMA_VERSION
    conn = sqlite3.connect(path)
    versions = [r[0] for r in conn.execute("SELECT version FROM migrations ORDER BY version")]
    conn.close()
    assert versions == list(range(1, SCHEMA_VERSION + 1))


# -- refusals --------------------------------------------------------------------------------

@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_newer_schema_is_refused_untouched(project_file: Path, journal: str) -> None:
    conn = sqlite3.connect(project_file)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    if journal == "delete":
        with_journal_delete(project_file)
    for read_only in (False, True):
        assert_refused(project_file, NewerSchemaError,
                       rf"newer Annotator \(schema {SCHEMA_VERSION + 1}, this one knows "
                       rf"{SCHEMA_VERSION}\).*not changed", read_only=read_only)


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_foreign_sqlite_file_is_refused_untouched(tmp_path: Path, journal: str) -> None:
    path = tmp_path / "contacts.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.execute("INSERT INTO people VALUES ('x')")
    conn.commit()
    conn.close()
    for read_only in (False, True):
        assert_refused(path, NotAProjectError, "SQLite file, but not an Annotator project",
                       read_only=read_only)


def test_sqlite_file_with_another_application_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 42")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    assert_refused(path, NotAProjectError, "not an Annotator project")


def _valid_project_bytes(tmp_path: Path) -> bytes:
    path = tmp_path / "valid.annotator"
    with Project.open(path, scheme=default_scheme_path()) as p:
        for i in range(50):
            p.add_document(Document(title=f"d{i}", text=f"article {i} " * 200))
    with_journal_delete(path)
    data = path.read_bytes()
    path.unlink()
    return data


@pytest.mark.parametrize("damage", ["truncated-header", "truncated-page", "truncated-half",
                                    "truncated-last-page", "garbage-pages"])
def test_corrupt_file_is_refused_untouched(tmp_path: Path, damage: str) -> None:
    data = _valid_project_bytes(tmp_path)
    assert len(data) > 16 * 4096
    if damage == "truncated-header":
        data = data[:100]
    elif damage == "truncated-page":
        data = data[:4096]
    elif damage == "truncated-half":
        data = data[: len(data) // 2]
    elif damage == "truncated-last-page":
        data = data[:-4096]
    else:
        noise = bytes((i * 131 + 7) % 251 for i in range(3 * 4096))
        data = data[:4096] + noise + data[4 * 4096:]
    path = tmp_path / "damaged.annotator"
    path.write_bytes(data)
    for read_only in (False, True):
        assert_refused(path, NotAProjectError, "damaged", read_only=read_only)


@pytest.mark.parametrize(("content", "match"), [
    (b"Protests spread from the bazaar.\n", "not an SQLite file"),
    ("مردم می‌خواهند".encode(), "not an SQLite file"),
    (bytes(range(256)) * 64, "not an SQLite file"),
    (b"SQLite format 3\x00" + b"\xff" * 200, "damaged"),
])
def test_not_sqlite_at_all_is_refused_untouched(tmp_path: Path, content: bytes,
                                                match: str) -> None:
    path = tmp_path / "notes.annotator"
    path.write_bytes(content)
    for read_only in (False, True):
        assert_refused(path, NotAProjectError, match, read_only=read_only)


def test_empty_file_read_only_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "empty.annotator"
    path.write_bytes(b"")
    assert_refused(path, NotAProjectError, "empty", read_only=True)


def test_empty_file_opened_for_writing_becomes_a_project(tmp_path: Path) -> None:
    # SQLite treats an empty file as an empty database; nothing of value can be lost.
    path = tmp_path / "empty.annotator"
    path.write_bytes(b"")
    with Project.open(path, scheme=default_scheme_path()) as p:
        assert p.labels()
    assert pragma(path, "application_id") == APPLICATION_ID


def test_missing_file_or_folder(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no such project file"):
        Project.open(tmp_path / "nope.annotator", read_only=True)
    with pytest.raises(ProjectError, match="no such project file"):
        Project.open(tmp_path / "nope.annotator", create=False)
    with pytest.raises(ProjectError, match="does not exist"):
        Project.open(tmp_path / "no" / "such" / "p.annotator")
    assert list(tmp_path.iterdir()) == []


# -- read-only -------------------------------------------------------------------------------

def test_read_only_project_reads_and_refuses_writes(project_file: Path) -> None:
    with Project.open(project_file) as p:
        doc, _ = p.add_document(Document(title="t", text="Путин наблюдает"))
        me = p.annotator("dana")
    with_journal_delete(project_file)
    before = project_file.read_bytes()
    with Project.open(project_file, read_only=True) as ro:
        assert ro.read_only
        assert ro.get_document(doc.id or 0).text == "Путин наблюдает"
        assert ro.annotator("dana") == me  # an existing annotator needs no write
        with pytest.raises(ProjectError, match="read-only"):
            ro.add_document(Document(title="u", text="new"))
        with pytest.raises(ProjectError, match="read-only"):
            ro.annotator("someone new")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            ro.conn.execute("DELETE FROM documents")  # even bypassing the store
    assert project_file.read_bytes() == before


# -- a read-only location --------------------------------------------------------------------

_READ_ONLY_PROBE = """
import sys
from annotator.core.errors import ProjectError
from annotator.core.model import Document
from annotator.store import Project
path = sys.argv[1]
try:
    Project.open(path)
    print("opened for writing")
except ProjectError as exc:
    print("refused:", exc)
with Project.open(path, read_only=True) as p:
    print("documents:", p.document_count())
    try:
        p.add_document(Document(title="x", text="new text"))
        print("wrote")
    except ProjectError as exc:
        print("write refused:", exc)
"""


def _unprivileged_prefix(folder: Path) -> list[str]:
    """A command prefix under which chmod binds (root ignores it), or skip the test."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and util-linux setpriv is missing: cannot drop privileges "
                    "(the in-process variant below still runs)")
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*prefix, sys.executable, "-c",
                            f"open({str(folder / 'probe')!r}, 'w')"], capture_output=True)
    if probe.returncode == 0:
        pytest.skip("file permissions do not bind in this sandbox even for 'nobody'")
    return prefix


def _run_unprivileged(folder: Path, code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_unprivileged_prefix(folder), sys.executable, "-c", code, *args],
                          capture_output=True, text=True, timeout=60, cwd="/")


@pytest.fixture
def read_only_folder() -> Iterator[Path]:
    # Not under pytest's tmp_path: as root that is 0700 and closed to the unprivileged child.
    folder = Path(tempfile.mkdtemp(prefix="annotator-ro-"))
    folder.chmod(0o755)
    yield folder
    folder.chmod(0o755)
    shutil.rmtree(folder)


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_read_only_location(read_only_folder: Path, journal: str) -> None:
    path = read_only_folder / "shared.annotator"
    with Project.open(path, scheme=default_scheme_path()) as p:
        p.add_document(Document(title="t", text="Iran 🇮🇷 protests"))
    if journal == "delete":
        with_journal_delete(path)
    assert {f.name for f in read_only_folder.iterdir()} == {path.name}  # closed cleanly
    path.chmod(0o444)
    read_only_folder.chmod(0o555)
    before = snapshot(read_only_folder)
    result = _run_unprivileged(read_only_folder, _READ_ONLY_PROBE, str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("refused:") and "location is read-only" in lines[0], lines
    assert lines[1] == "documents: 1", lines
    assert lines[2].startswith("write refused:") and "read-only" in lines[2], lines
    assert snapshot(read_only_folder) == before


def test_read_only_location_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same rule without a second user: os.access says nothing here is writable."""
    path = tmp_path / "shared.annotator"
    with Project.open(path, scheme=default_scheme_path()) as p:
        p.add_document(Document(title="t", text="text"))
    before = snapshot(tmp_path)
    monkeypatch.setattr(os, "access", lambda *_a, **_k: False)
    with pytest.raises(ProjectError, match="location is read-only; open it read-only"):
        Project.open(path)
    with Project.open(path, read_only=True) as ro:
        assert ro.document_count() == 1
    assert snapshot(tmp_path) == before
