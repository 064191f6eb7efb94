"""Opening a project file safely: check before writing, then migrate forward.

A file is inspected through a read-only connection first, so that a foreign, corrupt or
newer file is refused without a single byte changed (switching to WAL would write).
"""

from __future__ import annotations

import os
import sqlite3
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from annotator.core.errors import NewerSchemaError, NotAProjectError, ProjectError
from annotator.core.model import now_iso
from annotator.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 10_000


class _Connection(sqlite3.Connection):
    """A project connection that says whether it is closed (and can be weakly held)."""

    closed = False

    def close(self) -> None:
        self.closed = True
        super().close()


# The project files this process has open through SQLite, by (device, inode). Their
# header must not be read with Python's open(): closing that descriptor would drop every
# POSIX lock the process holds on the file, and the next program to close the project
# (`annotator stats` in a terminal) would take itself for the last user and delete the
# -wal and -shm under the open window (SQLite's "how to corrupt", section 2.2).
_OPEN_HERE: dict[tuple[int, int], weakref.WeakSet[_Connection]] = {}


def _file_key(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _track(conn: _Connection, path: Path) -> None:
    key = _file_key(path)
    if key is not None:
        _OPEN_HERE.setdefault(key, weakref.WeakSet()).add(conn)


def _open_here(path: Path) -> bool:
    key = _file_key(path)
    conns = _OPEN_HERE.get(key) if key is not None else None
    return conns is not None and any(not conn.closed for conn in list(conns))


def _configure(conn: sqlite3.Connection, *, read_only: bool) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA foreign_keys = ON")
    if hasattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE"):  # Python 3.12+
        getattr(conn, "setconfig")(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)  # noqa: B009
    if not read_only:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")


def _read_only_uri(path: Path) -> str:
    """URI for a read-only connection that works even where nothing can be written.

    A WAL-mode file is read through its ``-shm`` index, which SQLite must create next to
    the file; in a read-only folder (shared drive, mounted medium) it cannot, and the
    open fails. There nobody can be writing the file, so it is opened ``immutable``.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    folder = path.resolve().parent
    shm = path.with_name(path.name + "-shm")
    if not os.access(folder, os.W_OK) and not shm.exists():
        uri += "&immutable=1"
    return uri


def inspect_file(path: Path) -> tuple[int, int]:
    """Return (application_id, user_version) of an existing file without writing to it."""
    if _open_here(path):
        # Already open as a project in this process: only SQLite may touch it (above).
        return _inspect_sqlite(path)
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise ProjectError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if len(header) == 0:
        return (0, 0)
    if header != b"SQLite format 3\x00":
        raise NotAProjectError(f"{path}: not an Annotator project (not an SQLite file)")
    sidecars = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    existed = [p.exists() for p in sidecars]
    try:
        return _inspect_sqlite(path)
    except ProjectError:
        # Reading a WAL-mode file creates an empty -wal and an -shm beside it; a refused
        # file (someone else's database) is left with its folder exactly as it was.
        wal, shm = sidecars
        if not existed[0] and wal.exists() and wal.stat().st_size == 0:
            wal.unlink(missing_ok=True)
            if not existed[1]:
                shm.unlink(missing_ok=True)
        raise


def _inspect_sqlite(path: Path) -> tuple[int, int]:
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if app_id == 0 and tables == 0:
                return (0, 0)
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise NotAProjectError(f"{path}: the project file is damaged (quick_check)")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise NotAProjectError(f"{path}: not an Annotator project or damaged ({exc})") from exc
    if app_id != APPLICATION_ID:
        raise NotAProjectError(f"{path}: an SQLite file, but not an Annotator project")
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"{path}: written by a newer Annotator (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); update Annotator to open it. The file was not changed."
        )
    return (app_id, version)


def connect(path: Path | str, *, read_only: bool = False, create: bool = True
            ) -> sqlite_utils.Database:
    """Open (and, unless read-only, create/migrate) a project database."""
    if str(path) == ":memory:":
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        _configure(conn, read_only=True)
        db = sqlite_utils.Database(conn)
        migrate(db)
        return db
    path = Path(path)
    exists = path.exists() and path.stat().st_size > 0
    if exists:
        inspect_file(path)
    elif path.exists() and (read_only or not create):
        raise NotAProjectError(f"{path}: the file is empty, not an Annotator project")
    elif read_only or not create:
        raise ProjectError(f"{path}: no such project file")
    if not read_only:
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.exists():
            raise ProjectError(f"{path}: the folder {folder} does not exist")
        if not os.access(folder, os.W_OK) or (exists and not os.access(path, os.W_OK)):
            raise ProjectError(f"{path}: the location is read-only; open it read-only or copy "
                               "the project somewhere writable")
    try:
        if read_only:
            conn = sqlite3.connect(_read_only_uri(path), uri=True, factory=_Connection,
                                   isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False,
                                   factory=_Connection)
        _configure(conn, read_only=read_only)
        _track(conn, path)
    except sqlite3.Error as exc:
        raise ProjectError(f"{path}: cannot open ({exc})") from exc
    db = sqlite_utils.Database(conn)
    if not read_only:
        migrate(db)
    return db


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction (BEGIN IMMEDIATE, so writers queue on the busy timeout)."""
    if conn.in_transaction:
        # Nested: the outer transaction decides.
        savepoint = "sp"
        conn.execute(f"SAVEPOINT {savepoint}")
        try:
            yield
        except BaseException:
            conn.execute(f"ROLLBACK TO {savepoint}")
            conn.execute(f"RELEASE {savepoint}")
            raise
        conn.execute(f"RELEASE {savepoint}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        # A failed COMMIT (deferred constraint, I/O error) can leave the transaction open;
        # every later edit would then nest inside it and never be saved.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def migrate(db: sqlite_utils.Database) -> None:
    """Apply each missing migration in its own transaction."""
    conn = db.conn
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        with transaction(conn):
            # Another process may have migrated while we waited for the lock.
            if int(conn.execute("PRAGMA user_version").fetchone()[0]) >= number:
                continue
            step(db)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("INSERT OR REPLACE INTO migrations (version, applied_at) VALUES (?, ?)",
                         (number, now_iso()))
