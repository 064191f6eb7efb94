"""``--where KEY=VALUE --from DATE --to DATE``: the same document filter on every command
that reads a corpus (export, agreement, networks). The rules are ``core.docfilter``'s.

Usage (below ``@run_job``, so a bad value is one line on stderr)::

    @click.command()
    @run_job
    @document_filter_options
    def export_cmd(..., doc_filter: DocumentFilter) -> None: ...
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from annotator.core.docfilter import DocumentFilter

R = TypeVar("R")

_OPTIONS = (
    click.option("--where", "where", multiple=True, metavar="KEY=VALUE",
                 help="Only documents whose metadata KEY has this value, ignoring case "
                      "(repeatable: different keys must all match, one key given twice "
                      "matches either value), e.g. outlet=Reuters."),
    click.option("--from", "date_from", metavar="DATE",
                 help="Only documents dated on or after DATE (meta.date; 2026, 2026-01 or "
                      "2026-01-15; undated documents are left out)."),
    click.option("--to", "date_to", metavar="DATE",
                 help="Only documents dated on or before DATE (inclusive: --to 2026-02 "
                      "ends on 28 February)."),
)


def document_filter_options(fn: Callable[..., R]) -> Callable[..., R]:
    @functools.wraps(fn)
    def wrapper(*args: Any, where: tuple[str, ...], date_from: str | None,
                date_to: str | None, **kwargs: Any) -> R:
        doc_filter = DocumentFilter.build(where=where, date_from=date_from, date_to=date_to)
        return fn(*args, doc_filter=doc_filter, **kwargs)

    for option in reversed(_OPTIONS):
        wrapper = option(wrapper)
    return wrapper
