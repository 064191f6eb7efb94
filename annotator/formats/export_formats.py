"""Every export format behind one call, for ``annotator export`` and File → Export.

``write_export(project, fmt, target, filt, options, progress)`` checks the request, then
writes beside the target and renames at the end, so a failed or cancelled export never
leaves half a file (or folder) behind. ``write_stream`` writes a file format to an open
stream (standard output). Offsets are code points in every format but doccano's
``utf16``/``grapheme`` choices (see each module's docstring).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from annotator.core.errors import InputError
from annotator.formats.export_brat import export_brat
from annotator.formats.export_common import (
    DEFAULT_OPTIONS,
    EVERYTHING,
    NETWORKS,
    OFFSET_UNITS,
    ExportOptions,
    FormatSummary,
    records,
)
from annotator.formats.export_conll import export_conll
from annotator.formats.export_csv import export_csv
from annotator.formats.export_doccano import export_doccano
from annotator.formats.export_graph import write_edge_csv, write_graphml
from annotator.formats.export_labelstudio import export_labelstudio, labelstudio_config
from annotator.formats.export_network import Network
from annotator.formats.export_prodigy import export_prodigy
from annotator.formats.jsonl_export import ExportFilter, iter_jsonl
from annotator.formats.summary import Progress, no_progress
from annotator.store import Project

StreamWriter = Callable[[Project, IO[bytes], ExportFilter, ExportOptions, Progress],
                        FormatSummary]
FolderWriter = Callable[[Project, Path, ExportFilter, ExportOptions, Progress],
                        FormatSummary]


@dataclass(frozen=True)
class ExportFormat:
    name: str
    suffix: str  # suggested for the output ("" for a folder)
    write: StreamWriter | None = None
    write_folder: FolderWriter | None = None


def _jsonl(project: Project, out: IO[bytes], filt: ExportFilter, options: ExportOptions,
           progress: Progress) -> FormatSummary:
    summary = FormatSummary()
    for line in iter_jsonl(project, filt, summary, progress):
        out.write(line.encode("utf-8"))
    return summary


def _network(write: Callable[[Network, IO[bytes]], None]) -> StreamWriter:
    def export(project: Project, out: IO[bytes], filt: ExportFilter, options: ExportOptions,
               progress: Progress) -> FormatSummary:
        summary = FormatSummary()
        net = Network(options.network or "")
        for record in records(project, filt, summary, progress):
            net.add(record)
        net.finish(summary)
        write(net, out)
        return summary
    return export


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("jsonl", ".jsonl", _jsonl),
    ExportFormat("doccano", ".jsonl", export_doccano),
    ExportFormat("prodigy", ".jsonl", export_prodigy),
    ExportFormat("labelstudio", ".json", export_labelstudio),
    ExportFormat("brat", "", write_folder=export_brat),
    ExportFormat("conll", ".conll", export_conll),
    ExportFormat("csv", ".csv", export_csv),
    ExportFormat("network-csv", ".csv", _network(write_edge_csv)),
    ExportFormat("graphml", ".graphml", _network(write_graphml)),
)}
NETWORK_FORMATS = ("network-csv", "graphml")

# (title, format, network) for the window's format list.
CHOICES: tuple[tuple[str, str, str | None], ...] = (
    ("Native JSONL", "jsonl", None),
    ("doccano JSONL", "doccano", None),
    ("Prodigy/spaCy spans JSONL", "prodigy", None),
    ("Label Studio JSON", "labelstudio", None),
    ("brat standoff (a folder)", "brat", None),
    ("CoNLL/IOB (tick one layer)", "conll", None),
    ("CSV of spans (R, pandas)", "csv", None),
    ("Actor–narrative network, edge CSV", "network-csv", "actor-narrative"),
    ("Actor–narrative network, GraphML", "graphml", "actor-narrative"),
    ("Actor–actor stance network, edge CSV", "network-csv", "actor-stance"),
    ("Actor–actor stance network, GraphML", "graphml", "actor-stance"),
)


def check_request(fmt: str, filt: ExportFilter, options: ExportOptions) -> ExportFormat:
    """The format, or an InputError saying what the request lacks (before any output)."""
    spec = FORMATS.get(fmt)
    if spec is None:
        raise InputError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    if fmt in NETWORK_FORMATS and options.network not in NETWORKS:
        raise InputError(f"{fmt} needs --network {' or '.join(NETWORKS)}")
    if fmt not in NETWORK_FORMATS and options.network:
        raise InputError(f"--network applies to {' and '.join(NETWORK_FORMATS)} only")
    if options.offset_unit not in OFFSET_UNITS:
        raise InputError(f"unknown offset unit {options.offset_unit!r} "
                         f"(known: {', '.join(OFFSET_UNITS)})")
    if options.offset_unit != "codepoint" and fmt != "doccano":
        raise InputError(f"{fmt} counts offsets in code points; --offset-unit is for doccano")
    if options.task_ids and fmt != "labelstudio":
        raise InputError("--task-ids is for Label Studio's tasks only")
    if fmt == "conll" and len(filt.layers) != 1:
        raise InputError("CoNLL gives each token one tag: choose exactly one layer "
                         "(--layer actor, stance or narrative)")
    return spec


def write_stream(project: Project, fmt: str, out: IO[bytes],
                 filt: ExportFilter = EVERYTHING, options: ExportOptions = DEFAULT_OPTIONS,
                 progress: Progress = no_progress) -> FormatSummary:
    spec = check_request(fmt, filt, options)
    if spec.write is None:
        raise InputError(f"{fmt} writes a folder: give a folder name, not -")
    return spec.write(project, out, filt, options, progress)


def write_export(project: Project, fmt: str, target: Path,
                 filt: ExportFilter = EVERYTHING, options: ExportOptions = DEFAULT_OPTIONS,
                 progress: Progress = no_progress) -> FormatSummary:
    """Export ``project`` as ``fmt`` to the file (or, for brat, folder) ``target``."""
    spec = check_request(fmt, filt, options)
    if project.path is not None and target.exists() and \
            target.resolve() == project.path.resolve():
        raise InputError("refusing to overwrite the project with its export",
                         path=str(target))
    write_folder, write = spec.write_folder, spec.write
    if write_folder is not None:
        return _folder(target, lambda folder: write_folder(project, folder, filt, options,
                                                           progress))
    assert write is not None
    summary = _file(target, lambda out: write(project, out, filt, options, progress))
    if fmt == "labelstudio":
        config = target.with_name(f"{target.stem}.labelstudio.xml")
        text = labelstudio_config(project, filt, summary.link_types).encode("utf-8")
        _file(config, lambda out: out.write(text))
        summary.files.append(str(config))
    return summary


def _partial(target: Path) -> Path:
    return target.with_name(f".{target.name}.partial")


def _file(target: Path, write: Callable[[IO[bytes]], object]) -> FormatSummary:
    partial = _partial(target)
    try:
        out = partial.open("wb", buffering=1 << 20)
    except OSError as exc:  # name the file the user asked for, not ours
        raise InputError(exc.strerror or str(exc), path=str(target)) from None
    try:
        with out:
            result = write(out)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return result if isinstance(result, FormatSummary) else FormatSummary()


def _folder(target: Path, write: Callable[[Path], FormatSummary]) -> FormatSummary:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError("brat writes a folder of files: choose a new or empty folder",
                         path=str(target))
    partial = _partial(target)
    shutil.rmtree(partial, ignore_errors=True)  # a crashed earlier export's leftovers
    try:
        partial.mkdir(parents=True)
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path=str(target)) from None
    try:
        summary = write(partial)
        if target.exists():
            target.rmdir()  # empty (checked above); a rename cannot replace it everywhere
        os.replace(partial, target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return summary
