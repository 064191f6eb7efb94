"""Progress bars for long jobs, on stderr and only for a person watching a terminal.

stdout stays clean for pipes (``annotator export p -o - | jq``) and logs stay free of
bar redraws. ``bar(label)`` returns a ``formats.summary.Progress`` callback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from annotator.formats.summary import Progress, no_progress

# Jobs smaller than this finish before a bar is worth drawing.
MIN_TOTAL = 50


@contextmanager
def progress_bar(label: str) -> Iterator[Progress]:
    if not sys.stderr.isatty():
        yield no_progress
        return
    state: dict[str, Any] = {"bar": None, "total": 0, "done": 0}

    def report(done: int, total: int) -> None:
        if total < MIN_TOTAL:
            return
        if state["bar"] is None or total != state["total"] or done < state["done"]:
            _close(state)
            state["bar"] = click.progressbar(length=total, label=label, file=sys.stderr)
            state["bar"].__enter__()
            state["total"], state["done"] = total, 0
        state["bar"].update(done - state["done"])
        state["done"] = done

    try:
        yield report
    finally:
        _close(state)


def _close(state: dict[str, Any]) -> None:
    if state["bar"] is not None:
        state["bar"].__exit__(None, None, None)
        state["bar"] = None
