"""Every row of a project file, to compare before and after ("changes nothing").

``sqlite3.Connection.iterdump`` cannot be used: it reads the search index's virtual
table, which (contentless) cannot be scanned. Its shadow tables, ordinary tables, are
compared here like every other.
"""

from __future__ import annotations

import sqlite3


def snapshot(conn: sqlite3.Connection) -> list[object]:
    tables = [name for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if not name.startswith("sqlite_") and not sql.upper().startswith("CREATE VIRTUAL")]
    out: list[object] = [tuple(r) for r in conn.execute(
        "SELECT type, name, sql FROM sqlite_master ORDER BY type, name")]
    for name in tables:
        out.append(name)
        out.extend(sorted((tuple(r) for r in conn.execute(f'SELECT * FROM "{name}"')),
                          key=repr))
    return out
