"""One entry point for ``annotator import`` and the window's import dialog.

``import_paths`` takes any mix of .txt/.md files, folders of them and JSONL files and
imports them all in ONE transaction: the first bad file (or line) aborts everything,
names itself, and leaves the project as it was (PRODUCT §8). With ``skip_bad`` a bad
file is left out instead (a bad JSONL file entirely, through a savepoint) and listed
with its reason in ``ImportSummary.bad_files``; the rest is still one transaction.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from annotator.core.errors import InputError
from annotator.formats.batch_meta import apply_batch_meta, parse_pairs, read_meta_csv
from annotator.formats.feed_import import FEED_SUFFIXES, import_feed
from annotator.formats.import_brat import import_brat, is_brat_folder
from annotator.formats.import_labelstudio import import_labelstudio, json_kind
from annotator.formats.jsonl_import import import_jsonl
from annotator.formats.offset_units import check_unit
from annotator.formats.summary import ImportSummary, Progress, no_progress
from annotator.formats.text_import import (
    TEXT_SUFFIXES,
    collect_text_files,
    import_text_files,
    is_hidden,
)
from annotator.store import Project

JSONL_SUFFIXES = (".jsonl", ".ndjson")
LABELSTUDIO_SUFFIXES = (".json",)


@dataclass(frozen=True)
class ImportOptions:
    annotator: str = "imported"  # for spans that name none (doccano, Prodigy)
    layer: str = "actor"  # for foreign labels the project does not have
    encoding: str | None = None  # force the encoding of text files
    # How JSONL offsets count (formats.offset_units.OFFSET_UNITS) where the file does
    # not say: "utf16" for doccano's app. None: code points, with a warning for records
    # that look counted otherwise.
    offset_unit: str | None = None
    skip_bad: bool = False  # leave bad files out (listed in the summary) instead of failing
    text_key: str = "text"  # Label Studio: the data key that holds the text
    predictions: bool = False  # Label Studio: import predictions as annotators
    meta: tuple[str, ...] = ()  # KEY=VALUE for every document this import adds
    meta_csv: Path | None = None  # a CSV of metadata by file name (formats.batch_meta)


def plan_import(paths: Sequence[Path], text_key: str = "text"
                ) -> tuple[list[tuple[Path, str]], list[tuple[Path, str]], list[Path]]:
    """(text files with their ``source``, (file or folder, kind) for the other formats
    -- kind "jsonl", "labelstudio", "brat" or "feed" --, skipped files), checked up
    front so that a typo in the last argument fails before anything is read."""
    texts: list[tuple[Path, str]] = []
    jsonl: list[tuple[Path, str]] = []
    skipped: list[Path] = []
    for path in paths:
        suffix = path.suffix.lower()
        if path.is_dir() and is_brat_folder(path):  # a folder of .txt only stays text
            jsonl.append((path, "brat"))
        elif path.is_dir():
            files, other = collect_text_files(path)
            texts.extend((f, f.relative_to(path).as_posix()) for f in files)
            feeds = {f for f in other if f.suffix.lower() in FEED_SUFFIXES
                     and not is_hidden(f.relative_to(path))}
            jsonl.extend((f, "feed") for f in other if f in feeds)
            skipped.extend(f for f in other if f not in feeds)
        elif not path.exists():
            raise InputError("no such file or folder", path=str(path))
        elif suffix in TEXT_SUFFIXES:
            texts.append((path, path.name))
        elif suffix in JSONL_SUFFIXES:
            jsonl.append((path, "jsonl"))
        elif suffix in FEED_SUFFIXES:
            jsonl.append((path, "feed"))
        elif suffix in LABELSTUDIO_SUFFIXES:
            kind = json_kind(path, text_key)
            if kind is None:
                raise InputError("not a Label Studio export (a task or a JSON list of "
                                 f'tasks, with "data" or a "{text_key}" string) nor a JSON '
                                 "list of doccano records", path=str(path))
            jsonl.append((path, kind))
        else:
            raise InputError("cannot import this kind of file (expected .txt, .md, .jsonl, "
                             "Label Studio .json, an RSS/Atom feed, or a folder)",
                             path=str(path))
    return texts, jsonl, skipped



def import_paths(project: Project, paths: Sequence[Path],
                 options: ImportOptions = ImportOptions(),
                 progress: Progress = no_progress) -> ImportSummary:
    """Import ``paths`` into ``project`` in one transaction; returns what was done."""
    if options.offset_unit is not None:
        check_unit(options.offset_unit)
    texts, jsonl, skipped = plan_import(paths, options.text_key)
    summary = ImportSummary(files_skipped=[str(p) for p in skipped])
    batch = parse_pairs(options.meta)
    by_file = read_meta_csv(options.meta_csv) if options.meta_csv is not None else {}
    with project.transaction():
        first_new = max(project.document_ids(), default=0) + 1
        if texts:
            import_text_files(project, texts, summary, encoding=options.encoding,
                              progress=progress, skip_bad=options.skip_bad)
        for path, kind in jsonl:
            def one(path: Path = path, kind: str = kind) -> None:
                if kind == "feed":
                    import_feed(project, path, summary, progress=progress)
                elif kind == "brat":
                    import_brat(project, path, summary, annotator=options.annotator,
                                layer=options.layer, progress=progress)
                elif kind == "labelstudio":
                    import_labelstudio(project, path, summary, annotator=options.annotator,
                                       layer=options.layer, offset_unit=options.offset_unit,
                                       text_key=options.text_key,
                                       predictions=options.predictions, progress=progress)
                else:
                    import_jsonl(project, path, summary, annotator=options.annotator,
                                 layer=options.layer, offset_unit=options.offset_unit,
                                 progress=progress)

            if options.skip_bad:
                _unless_bad(project, path, summary, one)
            else:
                one()
        if batch or by_file:
            apply_batch_meta(project, first_new, batch, by_file, summary)
    return summary


def _unless_bad(project: Project, path: Path, summary: ImportSummary,
                run: Callable[[], None]) -> None:
    """Run one file's import in a savepoint; if the file is bad, take back its lines
    (rows and counts) and list it instead."""
    before = copy.deepcopy(summary)
    try:
        with project.transaction():  # nested: a savepoint
            run()
    except InputError as exc:
        for f in fields(summary):
            setattr(summary, f.name, getattr(before, f.name))
        where = f"line {exc.line}: " if exc.line is not None else ""
        summary.bad_files.append((str(path), where + exc.reason))
