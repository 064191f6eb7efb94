"""The project: one SQLite file, and the repository that commands and formats go through.

Usage::

    project = Project.open("my.annotator")          # creates and migrates if new
    me = project.annotator("Dana")                  # get or create
    change = project.apply(AddSpan(span))           # one transaction
    project.revert(command)                         # undo, one transaction

Every public method that writes runs in its own transaction unless it is called
inside ``with project.transaction():``, which then decides (bulk import, merge).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from annotator.core.commands import Change, Command
from annotator.core.errors import ProjectError
from annotator.core.scheme import Scheme, load_scheme
from annotator.store.connection import connect, transaction
from annotator.store.repo_agreement import AgreementMixin
from annotator.store.repo_diagnostics import DiagnosticsMixin
from annotator.store.repo_documents import DocumentsMixin
from annotator.store.repo_entities import EntitiesMixin
from annotator.store.repo_guards import GuardsMixin
from annotator.store.repo_io import IOMixin
from annotator.store.repo_labels import LabelsMixin
from annotator.store.repo_merge import MergeMixin
from annotator.store.repo_review import ReviewMixin
from annotator.store.repo_search import SearchMixin, index_documents
from annotator.store.repo_spans import SpansMixin
from annotator.store.repo_statements import ChartsMixin, StatementsMixin
from annotator.store.repo_sync import SyncMixin
from annotator.store.repo_watch import WatchMixin
from annotator.store.repo_window import WindowQueriesMixin


class Project(DocumentsMixin, SpansMixin, LabelsMixin, MergeMixin, IOMixin, WindowQueriesMixin,
              ReviewMixin, DiagnosticsMixin, AgreementMixin, EntitiesMixin, WatchMixin,
              GuardsMixin, SyncMixin, SearchMixin, StatementsMixin, ChartsMixin):
    """An open project file. Not thread-safe: give each thread its own ``Project``."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None, *, read_only: bool) -> None:
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self.path = path
        self.read_only = read_only
        self._to_index: list[tuple[int, str]] = []  # (id, text) added, not yet indexed

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False, create: bool = True,
             scheme: Scheme | Path | None = None) -> Project:
        """Open a project file, creating and migrating it when writable.

        A new (empty) project receives ``scheme`` (a ``Scheme`` or a scheme file path);
        without one it starts with the three layers and no labels.
        """
        db = connect(path, read_only=read_only, create=create)
        project = cls(db, None if str(path) == ":memory:" else Path(path), read_only=read_only)
        if not read_only:
            project._ensure_layers()
            if scheme is not None and not project.labels():
                project.apply_scheme(load_scheme(scheme) if isinstance(scheme, Path) else scheme)
        return project

    @classmethod
    def memory(cls, scheme: Scheme | Path | None = None) -> Project:
        return cls.open(":memory:", scheme=scheme)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions and commands -------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction (a savepoint inside another). Documents added in it join the
        search index as one batch just before the outermost commits: written between
        the documents, the index's pages made an import of 10,000 articles 5 times
        slower."""
        if self.read_only:
            raise ProjectError(f"{self.path}: the project is open read-only")
        outer = not self.conn.in_transaction
        mark = len(self._to_index)
        try:
            with transaction(self.conn):
                yield
                if outer and self._to_index:
                    index_documents(self.conn, self._to_index)
        except BaseException:
            del self._to_index[mark:]
            raise
        finally:
            if outer:
                self._to_index.clear()

    def apply(self, command: Command) -> Change:
        """Run ``command.do`` in one transaction; on error nothing is written."""
        with self.transaction():
            return command.do(self)

    def revert(self, command: Command) -> Change:
        with self.transaction():
            return command.undo(self)

    # -- project-wide info ---------------------------------------------------------------
    def info(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM project_info WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_info(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute("INSERT OR REPLACE INTO project_info (key, value) VALUES (?, ?)",
                              (key, value))

    def integrity_ok(self) -> bool:
        return bool(self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
