"""Metadata for a whole import (issue 10, item 5): ``--meta KEY=VALUE`` for every new
document, and a CSV of metadata by file name (``--meta-csv``).

The CSV's first row names the columns: one of them is ``filename`` (the imported file's
name, as the document's ``meta.filename`` holds it), every other column is a metadata
key; an empty cell sets nothing. ``date`` values (from either place) must be ISO 8601
days or times and are stored as ISO 8601 (PRODUCT: dates live in ``meta.date``). Only
documents this import added are changed; a CSV row that names no imported file is
counted in the summary. Bad input names the file and line and changes nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.model import utc_stamp
from annotator.formats.summary import ImportSummary
from annotator.store import Project

FILENAME = "filename"


def parse_pairs(pairs: Sequence[str]) -> dict[str, str]:
    """``KEY=VALUE`` strings as typed after ``--meta``; bad ones raise ``InputError``."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--meta needs KEY=VALUE (e.g. outlet=Reuters), not {pair!r}")
        out[key.strip()] = _value(key.strip(), value.strip(), "--meta")
    return out


def read_meta_csv(path: Path) -> dict[str, dict[str, str]]:
    """Metadata by file name from ``path`` (see the module's rules)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the metadata CSV ({exc})", path=str(path)) from None
    rows = csv.reader(text.splitlines())
    header = [h.strip() for h in next(rows, [])]
    if FILENAME not in header:
        raise InputError(f"the first row must name the columns, one of them "
                         f"“{FILENAME}” (found: {', '.join(header) or 'nothing'})",
                         path=str(path), line=1)
    out: dict[str, dict[str, str]] = {}
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputError(f"{len(row)} cells where the first row names {len(header)}",
                             path=str(path), line=line)
        cells = dict(zip(header, (c.strip() for c in row), strict=True))
        name = cells.pop(FILENAME)
        if name in out:
            raise InputError(f"{name} is listed twice", path=str(path), line=line)
        where = f"{path}:{line}"
        out[name] = {k: _value(k, v, where) for k, v in cells.items() if v and k}
    return out


def _value(key: str, value: str, where: str) -> str:
    if key != "date":
        return value
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"{where}: date must be ISO 8601 (2026-01-15 or "
                         f"2026-01-15T09:30:00Z), not {value!r}") from None
    if len(value) == 10:
        return date.fromisoformat(value).isoformat()
    return utc_stamp(moment)


def apply_batch_meta(project: Project, first_new_id: int, meta: dict[str, str],
                     by_file: dict[str, dict[str, str]], summary: ImportSummary) -> None:
    """Set ``meta`` and each file's CSV row on the documents with id ≥ ``first_new_id``
    (those this import added), in the caller's transaction."""
    used: set[str] = set()
    changed: list[tuple[int, dict[str, object]]] = []
    for doc_id, source, old in project.document_metas_from(first_new_id):
        name = str(old.get(FILENAME) or Path(source).name)
        row = by_file.get(name, {})
        if row:
            used.add(name)
        if meta or row:
            changed.append((doc_id, {**old, **meta, **row}))
    project.set_document_metas(changed)
    unused = sorted(set(by_file) - used)
    if unused:
        shown = ", ".join(unused[:5]) + (", …" if len(unused) > 5 else "")
        summary.notes.append(f"{len(unused)} row(s) of the metadata CSV named no file this "
                             f"import added: {shown}")
