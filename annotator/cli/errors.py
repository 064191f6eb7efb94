"""One way for every subcommand to fail: a single line on stderr and a non-zero exit.

Usage::

    @click.command()
    @run_job
    def stats(project: Path) -> None:
        ...  # raise AnnotatorError (or let an OSError escape) for user errors

User errors (``AnnotatorError``, unreadable/unwritable files, Ctrl+C, a closed pipe)
print ``annotator: <file>:<line>: <message>`` and exit 1 (130 for Ctrl+C); they never
show a traceback. Anything else is a bug, and its traceback is what a report needs.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import NoReturn, ParamSpec, TypeVar

import click

from annotator.core.errors import AnnotatorError

P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"annotator: {message}", err=True)
    raise click.exceptions.Exit(code)


def os_error_message(exc: OSError) -> str:
    where = exc.filename if exc.filename is not None else ""
    reason = exc.strerror or str(exc)
    return f"{where}: {reason}" if where else reason


def reader_gone() -> NoReturn:
    """The reader of stdout went away (``annotator export P -o - | head``): it has what
    it wanted, so exit 0 quietly as Unix tools do; stdout goes to /dev/null so Python's
    final flush of the closed pipe raises nothing either."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise click.exceptions.Exit(0)


def run_job(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorate a click command's function so user errors become one line on stderr."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except AnnotatorError as exc:
            fail(str(exc))
        except BrokenPipeError:
            reader_gone()
        except OSError as exc:
            fail(os_error_message(exc))
        except KeyboardInterrupt:
            fail("interrupted", 130)

    return wrapper
