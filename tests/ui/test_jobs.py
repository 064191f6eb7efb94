"""Import, export and merge from the File menu: worker thread, cancel, what the list shows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread

from annotator.core.model import Document, Span
from annotator.formats.summary import ImportSummary
from annotator.store import Project
from annotator.ui import file_jobs
from annotator.ui.dialogs import ExportRequest
from annotator.ui.jobs import _Worker, run_job

from .conftest import OpenWindow, workspace


def test_import_folder_runs_on_a_worker_and_the_list_grows(
        qtbot: object, mixed_project: Path, open_window: OpenWindow, tmp_path: Path) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Khamenei spoke in Tehran.\n", encoding="utf-8")
    (folder / "b.md").write_text("Путин ответил.\n", encoding="utf-8")
    threads: list[bool] = []
    import annotator.formats.importer as importer

    real = importer.import_paths

    def spy(project: Project, paths: list[Path], *args: Any, **kw: Any) -> ImportSummary:
        threads.append(QThread.currentThread() is not window.thread())
        return real(project, paths, *args, **kw)

    importer.import_paths = spy  # type: ignore[assignment]
    try:
        assert file_jobs.import_paths_into(window, [folder])
    finally:
        importer.import_paths = real  # type: ignore[assignment]
    assert threads == [True]  # not on the GUI thread
    titles = [ws.documents.row_data(i).title for i in ws.documents.ids]
    assert len(titles) == 4
    assert ws.documents.row_data(ws.documents.ids[-1]).span_count == 0


def test_a_cancelled_job_changes_nothing(project_file: Path) -> None:
    def job(p: Project, progress: Any, cancelled: Any) -> None:
        with p.transaction():
            p.add_document(Document(title="half", text="half done\n"))
            progress(1, 2)  # the user has pressed Cancel by now

    worker = _Worker(job, project_file, None)
    worker.cancel()
    worker.run()
    assert worker.outcome.cancelled and not worker.outcome.error
    with Project.open(project_file, read_only=True) as p:
        assert p.document_count() == 0


def test_a_failing_job_reports_its_error(project_file: Path, qtbot: object) -> None:
    def job(p: Project, progress: Any, cancelled: Any) -> None:
        raise ValueError("boom")

    outcome = run_job(None, "Testing", project_file, job)
    assert outcome.error == "ValueError: boom" and not outcome.cancelled


def test_export_writes_native_jsonl_with_filters(
        qtbot: object, mixed_project: Path, open_window: OpenWindow, tmp_path: Path) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    ws.view.select_range(8, 16)
    ws.apply_label(ws.labels.by_shortcut("1").id)  # type: ignore[union-attr]
    ws.view.select_range(0, 4)
    ws.apply_label(ws.labels.by_shortcut("Q").id)  # type: ignore[union-attr]
    target = tmp_path / "out.jsonl"
    me = ws.controller.annotator.name
    assert file_jobs.export(window, ExportRequest(target, (me,), ("actor",), False))
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["offset_unit"] == "codepoint"
    mixed = next(rec for rec in lines[1:] if rec["title"] == "Mixed scripts")
    assert [(s["start"], s["end"], s["text"], s["layer"]) for s in mixed["spans"]] == [
        (8, 16, "protests", "actor")]
    assert not list(tmp_path.glob(".*partial"))


def test_merge_a_colleagues_project(qtbot: object, mixed_project: Path,
                                    open_window: OpenWindow, tmp_path: Path,
                                    messages: list[tuple[str, str, str]]) -> None:
    colleague = tmp_path / "colleague.annotator"
    colleague.write_bytes(mixed_project.read_bytes())  # same documents, same uuids
    with Project.open(colleague) as p:
        doc = next(d for d in p.iter_documents() if d.title == "Mixed scripts")
        label = next(lab for lab in p.labels() if lab.name == "Media")
        omid = p.annotator("Omid")
        assert doc.id is not None and label.id is not None and omid.id is not None
        p.insert_span(Span(doc_id=doc.id, annotator_id=omid.id, label_id=label.id,
                           start=8, end=16, text="protests"))
    before = colleague.read_bytes()
    window = open_window(mixed_project)
    ws = workspace(window)
    assert file_jobs.import_colleague(window, colleague)
    assert messages[-1][0] == "info" and "1 span added" in messages[-1][2]
    assert colleague.read_bytes() == before  # their file is only read
    omid_id = next(a.id for a in window.project.annotators() if a.name == "Omid")  # type: ignore[union-attr]
    assert omid_id is not None
    ws.set_shown_annotators((ws.me, omid_id))  # what the compare view will do
    assert [ws.spans.span_of(i).text for i in ws.spans.ids] == ["protests"]  # type: ignore[union-attr]
    assert file_jobs.import_colleague(window, colleague)  # twice: nothing new
    assert "Nothing new" in messages[-1][2]



def test_progress_reaches_the_dialog_on_the_gui_thread(
        qtbot: object, project_file: Path, monkeypatch: Any) -> None:
    """Qt widgets may only be touched from the GUI thread: the worker's progress must be
    queued to it, not run where it was emitted."""
    import annotator.ui.jobs as jobs

    gui = QThread.currentThread()
    seen: list[tuple[bool, int, int]] = []
    real_show = jobs._show

    def spy(dialog: Any, done: int, total: int) -> None:
        seen.append((QThread.currentThread() is gui, done, total))
        real_show(dialog, done, total)

    monkeypatch.setattr(jobs, "_show", spy)

    def job(p: Project, progress: Any, cancelled: Any) -> int:
        assert QThread.currentThread() is not gui
        for i in range(1, 4):
            progress(i, 3)
        return 7

    outcome = run_job(None, "Working…", project_file, job)
    assert outcome.result == 7 and not outcome.error
    qtbot.wait(50)  # type: ignore[attr-defined]
    assert seen, "no progress arrived"
    assert all(on_gui for on_gui, _, _ in seen), seen
