"""Guard against the PySide6 build that kills Python 3.11 (ARCHITECTURE, "Measured").

PySide6 6.12.0 on Python 3.11 drops a reference to ``None`` on every call of a method
that returns nothing (``QPoint.setX``, ``QLineEdit.setReadOnly``...). A small test suite
never notices; a real session does a few thousand such calls and the interpreter aborts
with "Fatal Python error: none_dealloc". 6.11.3 is fine on 3.11; 3.12+ is unaffected.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from importlib.metadata import PackageNotFoundError, version

import pytest

CALLS = 20_000

_MANY_NONE_RETURNING_CALLS = textwrap.dedent(f"""
    import sys
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication, QLineEdit

    app = QApplication([])
    point = QPoint()
    edit = QLineEdit()
    refs = sys.getrefcount(None)
    for i in range({CALLS} // 2):
        point.setX(i)
        edit.setReadOnly(i % 2 == 0)
    # Immortal objects (3.12+) report a huge constant; on 3.11 a leak shows as a drop.
    print("none-refcount-delta", sys.getrefcount(None) - refs)
    print("ok", point.x(), edit.isReadOnly())
""")


def _pyside_version() -> str:
    for dist in ("PySide6", "PySide6-Essentials"):
        try:
            return version(dist)
        except PackageNotFoundError:
            continue
    import PySide6

    return str(PySide6.__version__)


def test_many_calls_of_none_returning_methods_do_not_kill_python() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _MANY_NONE_RETURNING_CALLS], capture_output=True, text=True,
        timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    explanation = (
        f"{CALLS} calls of Qt methods returning None crashed or leaked references to None "
        f"(PySide6 {_pyside_version()}, Python {sys.version.split()[0]}). This is the PySide6 "
        "6.12.0 / Python 3.11 none_dealloc bug: every such call drops a reference to None "
        "until the interpreter aborts with 'Fatal Python error: none_dealloc'. Install "
        "PySide6-Essentials < 6.12 on Python 3.11 (see pyproject.toml).\n"
        f"exit code {result.returncode}\nstderr:\n{result.stderr[-2000:]}")
    assert result.returncode == 0, explanation
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert lines["ok"] == f"{CALLS // 2 - 1} False", result.stdout
    delta = int(lines["none-refcount-delta"])
    assert delta > -1000, explanation


def test_installed_pyside6_is_not_the_broken_build() -> None:
    installed = _pyside_version()
    if sys.version_info >= (3, 12):
        pytest.skip(f"Python {sys.version.split()[0]} is not affected (PySide6 {installed})")
    assert not installed.startswith("6.12.0"), (
        f"PySide6 {installed} is installed on Python {sys.version.split()[0]}: 6.12.0 aborts "
        "Python 3.11 with 'Fatal Python error: none_dealloc' after a few thousand calls. "
        "Reinstall with the pin in pyproject.toml (PySide6-Essentials>=6.11.3,<6.12).")
