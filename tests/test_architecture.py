"""The layering rules of ARCHITECTURE.md, checked on the real code.

* ``core``, ``store``, ``formats`` and ``cli`` import with PySide6 made unimportable
  (the command line starts without Qt; only opening the window needs it).
* SQLite's SQL lives only in ``annotator/store``, PostgreSQL's only in ``annotator/team``:
  no sqlite3/sqlite_utils import outside the one, no psycopg import outside the other, and
  no SQL in a string literal anywhere else.
* PySide6 is imported only in ``annotator/ui`` (and the ``app.py`` composition root).

The static checker is itself tested on planted violations, so it cannot pass vacuously.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import annotator

PACKAGE = Path(annotator.__file__).resolve().parent
QT_FREE = ("annotator.core", "annotator.store", "annotator.formats", "annotator.team",
           "annotator.cli")

_IMPORT_WITHOUT_QT = textwrap.dedent("""
    import importlib, importlib.abc, sys

    class NoQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6"):
                raise ImportError(f"{name} is blocked: this layer must not need Qt")
            return None

    sys.meta_path.insert(0, NoQt())
    for name in sys.argv[1:]:
        importlib.import_module(name)
    qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
    assert not qt, qt
    print(len(sys.argv) - 1, "modules imported without Qt")
""")


def qt_free_modules() -> list[str]:
    """Every module file of the Qt-free layers (namespace subpackages included)."""
    names = []
    for layer in QT_FREE:
        for path in sorted((PACKAGE.parent / layer.replace(".", "/")).rglob("*.py")):
            parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
            names.append(".".join(parts).removesuffix(".__init__"))
    return names


def test_qt_free_layers_import_without_pyside6() -> None:
    modules = qt_free_modules()
    assert {"annotator.core.offsets", "annotator.store.project", "annotator.cli.main"} <= set(
        modules)
    result = subprocess.run([sys.executable, "-c", _IMPORT_WITHOUT_QT, *modules],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{len(modules)} modules imported without Qt"


def test_the_blocker_really_blocks_pyside6() -> None:
    result = subprocess.run([sys.executable, "-c", _IMPORT_WITHOUT_QT, "PySide6.QtCore"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "PySide6 is blocked" in result.stderr


# -- static scan -----------------------------------------------------------------------------

SQL_MODULES = ("sqlite3", "sqlite_utils", "apsw")
PG_MODULES = ("psycopg", "psycopg2")
QT_MODULES = ("PySide6", "shiboken6")
_SQL = [
    re.compile(r"\bSELECT\b[\s\S]*\bFROM\b"),
    re.compile(r"\bUPDATE\s+\S+\s+SET\b"),
    re.compile(r"\b(INSERT|REPLACE)\s+(OR\s+\w+\s+)?INTO\b", re.IGNORECASE),
    re.compile(r"\bDELETE\s+FROM\s+\w+(\s+WHERE\b|\s*;|\s*$)", re.IGNORECASE),
    re.compile(r"\b(CREATE|DROP|ALTER)\s+(TEMP\s+)?(TABLE|INDEX|VIEW|TRIGGER)\b", re.IGNORECASE),
    re.compile(r"\bPRAGMA\s+\w+"),
]


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    """String literals with their line; f-strings joined with ``{}`` for the holes."""
    skip = _docstrings(tree)
    inside_fstrings = set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = []
            for value in node.values:
                inside_fstrings.add(id(value))
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    parts.append(value.value)
                else:
                    parts.append("{}")
            found.append((node.lineno, "".join(parts)))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in skip and id(node) not in inside_fstrings):
            found.append((node.lineno, node.value))
    return found


def _imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append((node.lineno, node.module))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name)
              and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
              and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)):
            names.append((node.lineno, node.args[0].value))
    return names


def scan(package: Path) -> list[str]:
    """Violations of the layering rules in the package at ``package`` (``.../annotator``)."""
    problems = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        where = f"annotator/{rel.as_posix()}"
        sql_allowed = rel.parts[0] in ("store", "team")
        qt_allowed = rel.parts[0] == "ui" or rel.as_posix() == "app.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, module in _imported_modules(tree):
            top = module.split(".")[0]
            if top in SQL_MODULES and rel.parts[0] != "store":
                problems.append(f"{where}:{line}: imports {module} (SQL belongs in store/)")
            if top in PG_MODULES and rel.parts[0] != "team":
                problems.append(f"{where}:{line}: imports {module} (PostgreSQL belongs in "
                                "team/)")
            if top in QT_MODULES and not qt_allowed:
                problems.append(f"{where}:{line}: imports {module} (Qt belongs in ui/)")
        if not sql_allowed:
            for line, text in _strings(tree):
                if any(p.search(text) for p in _SQL):
                    snippet = " ".join(text.split())[:60]
                    problems.append(f"{where}:{line}: SQL in a string: {snippet!r}")
    return problems


def test_no_sql_outside_store_and_no_qt_below_ui() -> None:
    assert scan(PACKAGE) == []


def test_the_scan_finds_planted_violations(tmp_path: Path) -> None:
    pkg = tmp_path / "annotator"
    files = {
        "core/bad.py": '''
            """Docstrings may explain: SELECT x FROM y is how store reads."""
            import sqlite3
            from sqlite_utils import Database
            from PySide6.QtCore import QPoint
            COLS = "id, name"
            Q = f"SELECT {COLS} FROM spans WHERE id = ?"
            def f(table):
                """Not flagged either: DELETE FROM t."""
                import PySide6.QtWidgets
                return ("UPDATE labels SET name = ? "
                        "WHERE id = ?")
        ''',
        "formats/sneaky.py": '''
            import importlib
            db = importlib.import_module("sqlite3")
            STMT = "insert or replace into documents VALUES (?)"
            DDL = "create table t (x)"
            WIPE = "delete from spans"
            P = "PRAGMA user_version"
        ''',
        "formats/fine.py": '''
            MESSAGE = "Select the labels to export from the list, then update the set."
            HELP = "Delete from disk? Create a table of contents."
        ''',
        "store/repo.py": '''
            import sqlite3
            Q = "SELECT id FROM spans"
        ''',
        "team/server.py": '''
            import psycopg
            Q = "SELECT kind FROM team_rows"
        ''',
        "team/sneaky.py": "import sqlite3\n",
        "store/pg.py": "import psycopg\n",
        "ui/view.py": "from PySide6.QtWidgets import QWidget\n",
        "app.py": "import PySide6\n",
        "cli/main.py": "def f():\n    from PySide6 import QtCore\n",
    }
    for name, source in files.items():
        path = pkg / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    found = scan(pkg)
    assert found == [
        "annotator/cli/main.py:2: imports PySide6 (Qt belongs in ui/)",
        "annotator/core/bad.py:3: imports sqlite3 (SQL belongs in store/)",
        "annotator/core/bad.py:4: imports sqlite_utils (SQL belongs in store/)",
        "annotator/core/bad.py:5: imports PySide6.QtCore (Qt belongs in ui/)",
        "annotator/core/bad.py:10: imports PySide6.QtWidgets (Qt belongs in ui/)",
        "annotator/core/bad.py:7: SQL in a string: 'SELECT {} FROM spans WHERE id = ?'",
        "annotator/core/bad.py:11: SQL in a string: 'UPDATE labels SET name = ? WHERE id = ?'",
        "annotator/formats/sneaky.py:3: imports sqlite3 (SQL belongs in store/)",
        "annotator/formats/sneaky.py:4: SQL in a string: "
        "'insert or replace into documents VALUES (?)'",
        "annotator/formats/sneaky.py:5: SQL in a string: 'create table t (x)'",
        "annotator/formats/sneaky.py:6: SQL in a string: 'delete from spans'",
        "annotator/formats/sneaky.py:7: SQL in a string: 'PRAGMA user_version'",
        "annotator/store/pg.py:1: imports psycopg (PostgreSQL belongs in team/)",
        "annotator/team/sneaky.py:1: imports sqlite3 (SQL belongs in store/)",
    ]


LAZY = ("trafilatura", "lxml", "htmldate", "docx", "pypdf", "feedparser", "striprtf",
        "psycopg")


def test_intake_and_team_libraries_are_not_loaded_at_start() -> None:
    """Each of these costs 10-250 ms; they load when their kind of file or a team
    project is opened, never for the command line or the window to start."""
    code = textwrap.dedent(f"""
        import sys
        import annotator.cli.main, annotator.ui.app, annotator.ui.main_window
        loaded = sorted({{m.split(".")[0] for m in sys.modules}} & set({LAZY!r}))
        assert not loaded, loaded
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
