"""File → Export offers every format: the choice reaches the export, the file name
follows it, and what a format could not carry is shown to the user."""

from __future__ import annotations

from pathlib import Path

from annotator.formats.export_formats import CHOICES
from annotator.ui import file_jobs
from annotator.ui.dialogs import ExportDialog, ExportRequest

from .conftest import OpenWindow, workspace


def test_the_format_list_sets_the_request_and_the_suffix(qtbot: object, tmp_path: Path
                                                        ) -> None:
    dialog = ExportDialog(None, ["Dana"], tmp_path / "corpus.jsonl")
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    titles = [dialog.format.itemText(i) for i in range(dialog.format.count())]
    assert titles == [title for title, _, _ in CHOICES]
    dialog.format.setCurrentIndex(titles.index("CSV of spans (R, pandas)"))
    assert dialog.path.text() == str(tmp_path / "corpus.csv")
    dialog.format.setCurrentIndex(titles.index("brat standoff (a folder)"))
    assert dialog.path.text() == str(tmp_path / "corpus")
    dialog.format.setCurrentIndex(titles.index("Actor–actor stance network, GraphML"))
    assert dialog.path.text() == str(tmp_path / "corpus.graphml")
    request = dialog.request()
    assert (request.format, request.network) == ("graphml", "actor-stance")


def test_a_conll_export_from_the_window_tells_what_it_dropped(
        qtbot: object, mixed_project: Path, open_window: OpenWindow, tmp_path: Path,
        messages: list[tuple[str, str, str]]) -> None:
    window = open_window(mixed_project)
    ws = workspace(window)
    ws.view.select_range(0, 4)
    ws.apply_label(ws.labels.by_shortcut("1").id)  # type: ignore[union-attr]
    ws.view.select_range(0, 8)  # around the first: nested, CoNLL keeps only this one
    ws.apply_label(ws.labels.by_shortcut("2").id)  # type: ignore[union-attr]
    target = tmp_path / "actors.conll"
    assert file_jobs.export(window, ExportRequest(target, (), ("actor",), False, "conll"))
    assert target.read_text(encoding="utf-8").startswith("-DOCSTART- -X- O O\n")
    ((kind, _title, text),) = [m for m in messages if m[1] == "Export finished"]
    assert kind == "info" and "1 overlapping or nested actor spans dropped" in text
    assert not list(tmp_path.glob(".*partial"))


def test_a_request_the_format_cannot_honour_is_an_error_and_writes_nothing(
        qtbot: object, mixed_project: Path, open_window: OpenWindow, tmp_path: Path,
        messages: list[tuple[str, str, str]]) -> None:
    window = open_window(mixed_project)
    target = tmp_path / "all.conll"
    assert not file_jobs.export(window, ExportRequest(target, (), (), False, "conll"))
    assert any("exactly one layer" in text for _, _, text in messages)
    assert not target.exists() and not list(tmp_path.glob(".*partial"))
