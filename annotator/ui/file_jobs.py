"""File menu work: new/open project, import, merge a colleague's project, export.

Import, merge and export run on a worker thread with their own project connection
(``jobs.run_job``); the open workspace reloads what they changed afterwards.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.commands import Change
from annotator.core.errors import InputError
from annotator.core.wording import count
from annotator.store import Project
from annotator.ui.dialogs import ExportDialog, ExportRequest, FileAsk
from annotator.ui.jobs import Cancelled, Outcome, Progress, run_job
from annotator.ui.messages import Message

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow


def new_project(window: MainWindow) -> bool:
    path = FileAsk.new_project(window)
    if path is None:
        return False
    if path.exists():
        Message.error(window, "New project", f"{path} already exists; open it instead.")
        return False
    return window.open_project(path, create=True)


def choose_and_open(window: MainWindow) -> bool:
    path = FileAsk.open_project(window)
    return window.open_project(path) if path is not None else False


# -- import ---------------------------------------------------------------------------------
def import_files(window: MainWindow) -> bool:
    paths = FileAsk.import_files(window)
    return import_paths_into(window, paths) if paths else False


def import_folder(window: MainWindow) -> bool:
    folder = FileAsk.import_folder(window)
    return import_paths_into(window, [folder]) if folder is not None else False


def import_paths_into(window: MainWindow, paths: list[Path]) -> bool:
    """Import ``paths`` (files, folders, JSONL) into the open project, all or nothing;
    when a file is bad, offer to leave the bad files out and import the rest."""
    from annotator.formats.importer import ImportOptions, import_paths

    project = window.project
    if project is None:
        return False
    skip_bad = False
    while True:
        def job(p: Project, progress: Progress, cancelled: Cancelled,
                skip: bool = skip_bad) -> Any:
            return import_paths(p, paths, ImportOptions(skip_bad=skip), progress=progress)

        outcome = run_job(window, "Importing documents…", project.path, job, project)
        if (isinstance(outcome.exception, InputError) and not skip_bad
                and _skippable(outcome.exception)):
            if not Message.question(window, "Import failed",
                                    f"{outcome.error}\n\nNothing was changed. Skip bad "
                                    "files and import the rest?"):
                return False
            skip_bad = True
            continue
        break
    if not _report(window, "Import", outcome):
        return False
    summary = outcome.result
    _reload(window)
    lines = [f"{count(summary.documents_added, 'document')} added",
             f"{summary.documents_matched} already in the project"]
    if summary.spans_added or summary.spans_skipped:
        lines.append(f"{count(summary.spans_added, 'span')} added"
                     + (f", {summary.spans_skipped} already there" if summary.spans_skipped
                        else ""))
    if summary.files_skipped:
        lines.append(f"{count(len(summary.files_skipped), 'file')} skipped (not .txt/.md)")
    if summary.bad_files:
        lines.append(f"{count(len(summary.bad_files), 'bad file')} left out:")
        lines.extend(f"{path}: {why}" for path, why in summary.bad_files)
    lines.extend(summary.notes)
    window.statusBar().showMessage("Import: " + "; ".join(lines[:3]) + ".", 10000)
    if summary.files_skipped or summary.bad_files or summary.notes:
        Message.info(window, "Import finished", "\n".join(lines))
    return True


def _skippable(exc: InputError) -> bool:
    """Is the error in one file's content, which skip_bad leaves out? (Not a missing
    path or a kind of file that cannot be imported, named on purpose.)"""
    from annotator.formats.feed_import import FEED_SUFFIXES
    from annotator.formats.importer import JSONL_SUFFIXES, LABELSTUDIO_SUFFIXES
    from annotator.formats.text_import import TEXT_SUFFIXES

    path = Path(exc.path)
    return bool(exc.path) and path.is_file() and path.suffix.lower() in (
        *TEXT_SUFFIXES, *JSONL_SUFFIXES, *LABELSTUDIO_SUFFIXES, *FEED_SUFFIXES, ".ann")


# -- merge ----------------------------------------------------------------------------------
def import_colleague(window: MainWindow, path: Path | None = None) -> bool:
    from annotator.formats.merge import AnnotatorClashError, merge

    project = window.project
    if project is None:
        return False
    other = path if path is not None else FileAsk.colleague_project(window)
    if other is None:
        return False
    rename = False
    while True:
        def job(p: Project, progress: Progress, cancelled: Cancelled,
                rename_clashes: bool = rename) -> Any:
            return merge(p, other, rename_clashes=rename_clashes, progress=progress,
                         cancelled=cancelled)

        outcome = run_job(window, "Merging a colleague's work…", project.path, job, project)
        if isinstance(outcome.exception, AnnotatorClashError) and not rename:
            if not Message.question(window, "Same name, different person",
                                    f"{outcome.error}\n\nBring them in under a new name "
                                    "such as “NAME (2)”?"):
                return False
            rename = True
            continue
        break
    if not _report(window, "Merge", outcome):
        return False
    summary = outcome.result
    _reload(window)
    text = (f"From {other.name}: {count(summary.documents_added, 'document')} added, "
            f"{count(summary.spans_added, 'span')} added.")
    if not summary.changed:
        text = f"Nothing new in {other.name}: this project already has all of it."
    Message.info(window, "Merge finished", "\n".join([text, *summary.notes]))
    return True


# -- export ---------------------------------------------------------------------------------
def export(window: MainWindow, request: ExportRequest | None = None) -> bool:
    from annotator.formats.export_common import ExportOptions
    from annotator.formats.export_formats import write_export
    from annotator.formats.jsonl_export import ExportFilter

    project = window.project
    if project is None:
        return False
    if request is None:
        folder = project.path.parent if project.path else Path.home()
        stem = project.path.stem if project.path else "export"
        names = [a.name for a in project.annotators()]
        request = ExportDialog.ask(window, names, folder / f"{stem}.jsonl")
    if request is None:
        return False
    filt = ExportFilter(annotators=request.annotators, layers=request.layers, gold=request.gold)
    options = ExportOptions(network=request.network)
    target, fmt = request.path, request.format

    def job(p: Project, progress: Progress, cancelled: Cancelled) -> Any:
        # write_export writes beside the target and renames: a cancelled or failed
        # export leaves no half file (or folder)
        return write_export(p, fmt, target, filt, options, progress)

    outcome = run_job(window, "Exporting…", project.path, job, project)
    if not _report(window, "Export", outcome):
        return False
    s = outcome.result
    # No full stop after the path: "to out/brat." reads as a folder named "brat.".
    text = f"Exported {count(s.documents, 'document')}, {count(s.spans, 'span')} to {target}"
    if s.notes:  # what the format could not carry: the user must see it
        Message.info(window, "Export finished", "\n".join([text, *s.notes]))
    window.statusBar().showMessage(text, 10000)
    return True


def _report(window: MainWindow, what: str, outcome: Outcome) -> bool:
    if outcome.cancelled:
        window.statusBar().showMessage(f"{what} cancelled; nothing was changed.", 8000)
        return False
    if outcome.error:
        Message.error(window, f"{what} failed", f"{outcome.error}\n\nNothing was changed.")
        return False
    return True


def _reload(window: MainWindow) -> None:
    workspace, controller = window.workspace, window.controller
    if workspace is None or controller is None:
        return
    workspace.documents.reload()
    controller.announce(Change(labels=True, statuses=True))
    workspace.refresh_names()
    if workspace.doc_id is not None:
        workspace.open_document(workspace.doc_id, keep_position=True)
    elif (first := workspace.documents.next_id(None)) is not None:
        workspace.open_document(first)
