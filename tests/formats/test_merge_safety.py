"""Merging never touches the colleague's file, and a bad file changes nothing here."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from annotator.core.commands import AddSpan
from annotator.core.errors import NewerSchemaError, NotAProjectError, ProjectError
from annotator.core.model import Document, Span
from annotator.formats.merge import merge
from annotator.paths import default_scheme_path
from annotator.store import Project
from annotator.store.schema import MIGRATIONS
from tests.dbdump import snapshot as rows_of

TEXT = "Putin said Moscow backs Tehran 🇮🇷 against “foreign interference”."


def dump(project: Project) -> list[object]:
    return rows_of(project.conn)


def add_putin(project: Project, who: str = "Ana") -> None:
    doc, _ = project.add_document(Document("Shared", TEXT))
    lab = project.find_label("actor", "Head of state/government")
    assert doc.id is not None and lab is not None and lab.id is not None
    project.apply(AddSpan(Span(doc.id, project.annotator(who).id or 0, lab.id, 0, 5, "Putin")))


def snapshot(path: Path) -> tuple[bytes, int, bytes | None, bytes | None]:
    """The file's bytes and mtime, and its -wal / -journal contents where they exist."""
    def side(suffix: str) -> bytes | None:
        p = path.with_name(path.name + suffix)
        return p.read_bytes() if p.exists() else None
    return path.read_bytes(), path.stat().st_mtime_ns, side("-wal"), side("-journal")


def assert_untouched(path: Path, before: tuple[bytes, int, bytes | None, bytes | None]
                     ) -> None:
    after = snapshot(path)
    assert after[:2] == before[:2]
    # SQLite's read-only reader of a WAL file may leave an empty -wal beside it, never
    # content; and it never writes a rollback journal.
    assert after[2] == before[2] or (before[2] is None and after[2] == b"")
    assert after[3] is None


@pytest.fixture
def theirs(tmp_path: Path) -> Path:
    path = tmp_path / "ana.annotator"
    with Project.open(path, scheme=default_scheme_path()) as p:
        add_putin(p)
    # An emailed file is old: make any write visible in the mtime.
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    return path


@pytest.fixture
def mine(tmp_path: Path) -> Iterator[Project]:
    with Project.open(tmp_path / "mine.annotator", scheme=default_scheme_path()) as p:
        p.add_document(Document("Mine", "The rial fell again."))
        yield p


def test_the_colleagues_file_is_not_modified(mine: Project, theirs: Path) -> None:
    before = snapshot(theirs)
    assert before[2] is None  # closed cleanly: no -wal beside it

    summary = merge(mine, theirs)

    assert summary.spans_added == 1
    assert_untouched(theirs, before)


def test_a_colleagues_file_open_in_wal_mode_is_read_and_not_written(
        mine: Project, theirs: Path) -> None:
    # Ana's app still has the file open: her last span is only in the -wal so far.
    with Project.open(theirs) as live:
        add_putin(live, who="Bob")
        before = snapshot(theirs)
        assert before[2]  # uncheckpointed content in the -wal

        summary = merge(mine, theirs)

        assert summary.spans_added == 2  # the -wal's span was seen
        assert_untouched(theirs, before)


def test_a_damaged_file_is_refused_and_changes_nothing(mine: Project, theirs: Path) -> None:
    data = bytearray(theirs.read_bytes())
    page = 4096
    data[2 * page:6 * page] = b"\xa5" * (4 * page)  # trash some b-tree pages
    theirs.write_bytes(bytes(data))
    before = dump(mine)

    with pytest.raises(NotAProjectError) as err:
        merge(mine, theirs)

    assert str(theirs) in str(err.value) and "damaged" in str(err.value)
    assert dump(mine) == before


def test_a_file_that_is_not_a_project_is_refused(mine: Project, tmp_path: Path) -> None:
    other = tmp_path / "notes.annotator"
    other.write_text("just some notes\n", encoding="utf-8")
    foreign_sqlite = tmp_path / "music.annotator"
    sqlite3.connect(foreign_sqlite).execute("CREATE TABLE tracks (x)").connection.close()
    before = dump(mine)

    for path in (other, foreign_sqlite):
        with pytest.raises(NotAProjectError, match="not an Annotator project"):
            merge(mine, path)

    assert dump(mine) == before


def test_a_file_from_a_newer_annotator_is_refused_and_left_alone(mine: Project,
                                                                 theirs: Path) -> None:
    conn = sqlite3.connect(theirs)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before_file, before_here = snapshot(theirs), dump(mine)

    with pytest.raises(NewerSchemaError, match="newer Annotator"):
        merge(mine, theirs)

    assert_untouched(theirs, before_file)
    assert dump(mine) == before_here


def test_a_file_from_the_first_release_is_merged_without_migrating_it(
        mine: Project, theirs: Path) -> None:
    """Colleagues update Annotator at different times: a file of schema 1 (before any
    later migration) is read as it is, and stays schema 1."""
    first = sqlite3.connect(":memory:")
    MIGRATIONS[0](sqlite_utils.Database(first))
    v1 = {row[0] for row in first.execute("SELECT name FROM sqlite_master")}
    conn = sqlite3.connect(theirs)
    for kind, name in conn.execute("SELECT type, name FROM sqlite_master").fetchall():
        if name not in v1 and kind in ("table", "index") and not name.startswith("sqlite_"):
            conn.execute(f"DROP {kind} IF EXISTS {name}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    before = snapshot(theirs)

    assert merge(mine, theirs).spans_added == 1

    assert_untouched(theirs, before)


def test_a_missing_file_is_a_clear_error(mine: Project, tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no such project file"):
        merge(mine, tmp_path / "nowhere.annotator")


def test_merging_a_project_into_itself_is_refused(mine: Project) -> None:
    assert mine.path is not None
    before = dump(mine)

    with pytest.raises(ProjectError, match="the project itself"):
        merge(mine, mine.path)

    assert dump(mine) == before


def test_merging_a_copy_of_itself_changes_nothing(mine: Project, tmp_path: Path) -> None:
    add_putin(mine, who="Me")
    copy = tmp_path / "copy.annotator"
    with Project.open(copy) as c:  # a copy made through SQLite, with all its content
        mine.conn.backup(c.conn)
    before = dump(mine)

    summary = merge(mine, copy)

    assert summary.documents_by_uuid == 2 and summary.spans_present == 1
    assert not summary.changed
    assert dump(mine) == before


def test_a_read_only_receiving_project_is_refused(theirs: Path, tmp_path: Path) -> None:
    path = tmp_path / "ro.annotator"
    Project.open(path, scheme=default_scheme_path()).close()
    with Project.open(path, read_only=True) as ro, pytest.raises(ProjectError,
                                                                 match="read-only"):
        merge(ro, theirs)
