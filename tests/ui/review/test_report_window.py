"""Review → Agreement report: computed on a worker thread, figures shown with their unit
and matching rule (or why they are not defined), exported as CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from PySide6.QtCore import Qt, QThread

from annotator.cli.main import cli as main_cli
from annotator.core.model import Document, Span
from annotator.store import Project
from annotator.ui import review
from annotator.ui.review import report_window
from annotator.ui.review.report_models import MEASURE, RULE, SCOPE, UNIT, VALUE
from annotator.ui.review.report_window import ReportWindow
from annotator.ui.review.review_dialogs import ReportFileAsk

from ..conftest import OpenWindow

WORDS = "Iran Russia Tehran Moscow Putin Khamenei Trump Shoigu Larijani Maduro"
ALONE = "Only Ana coded this one.\n"


@pytest.fixture
def kappa_project(project_file: Path) -> Path:
    """Ten tokens, one label. Ana marks tokens 0–4; Ben marks 0–2 and 5–6.
    Both present 3, only Ana 2, only Ben 2, both absent 3: p_o = 0.6, p_e = 0.5,
    Cohen's kappa = (0.6 − 0.5) / (1 − 0.5) = 0.2. A second document only Ana coded."""
    words = WORDS.split()
    starts = [WORDS.index(w) for w in words]

    def span(doc: int, who: int, first: int, last: int, label: int, text: str) -> Span:
        start, end = starts[first], starts[last] + len(words[last])
        return Span(doc, who, label, start, end, text[start:end])

    with Project.open(project_file) as p:
        doc, _ = p.add_document(Document(title="Ten names", text=WORDS + "\n"))
        other, _ = p.add_document(Document(title="Ana alone", text=ALONE))
        ana, ben = p.annotator("Ana").id or 0, p.annotator("Ben").id or 0
        media = next(lab.id for lab in p.labels() if lab.name == "Media") or 0
        assert doc.id is not None and other.id is not None
        with p.transaction():
            p.insert_spans([span(doc.id, ana, 0, 4, media, WORDS),
                            span(doc.id, ben, 0, 2, media, WORDS),
                            span(doc.id, ben, 5, 6, media, WORDS),
                            Span(other.id, ana, media, 0, 4, "Only")])
    return project_file


def _wait_for_report(qtbot: object, report: ReportWindow) -> None:
    qtbot.waitUntil(lambda: report.report is not None, timeout=10_000)  # type: ignore[attr-defined]


def _row(report: ReportWindow, scope: str, measure: str) -> dict[int, str]:
    model = report.scopes
    for r in range(model.rowCount()):
        if model.index(r, SCOPE).data() == scope and model.index(r, MEASURE).data() == measure:
            return {c: model.index(r, c).data() for c in range(model.columnCount())}
    raise AssertionError(f"no {measure} row for {scope}")


def test_the_report_is_computed_on_a_worker_and_shows_kappa_with_its_unit(
        qtbot: object, kappa_project: Path, open_window: OpenWindow,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(kappa_project)
    threads: list[bool] = []
    real = report_window.compute

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(QThread.currentThread() is not window.thread())
        return real(*args, **kwargs)
    monkeypatch.setattr(report_window, "compute", spy)
    report = review.open_report(window)
    assert report is not None
    _wait_for_report(qtbot, report)
    assert threads == [True]
    kappa = _row(report, "overall", "Cohen's kappa")
    assert kappa[VALUE] == "0.200"
    assert kappa[UNIT].startswith("token × label, valued present/absent")
    assert kappa[RULE].startswith("present: one of the annotator's spans with the label")
    f1 = _row(report, "overall", "Span F1 (exact)")
    assert f1[UNIT] == "span" and f1[VALUE] == "0.000"
    # The document only Ana coded: every figure says why it is not defined.
    docs = report.documents
    row = next(r for r in range(docs.rowCount()) if docs.index(r, 0).data() == "Ana alone")
    assert docs.index(row, 1).data() == (
        "not defined: coded by fewer than two of the compared annotators")
    assert "unit: span" in docs.headerData(1, Qt.Orientation.Horizontal)
    # Selecting a figure shows everything about it.
    report.scope_table.setCurrentIndex(report.scopes.index(0, VALUE))
    assert "matching rule:" in report.details.toPlainText()
    assert "unit: " in report.details.toPlainText()


def test_export_writes_the_clis_csv_and_json(
        qtbot: object, kappa_project: Path, open_window: OpenWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    report = review.open_report(open_window(kappa_project))
    assert report is not None
    _wait_for_report(qtbot, report)
    target = tmp_path / "out" / "agreement"
    target.parent.mkdir()
    monkeypatch.setattr(ReportFileAsk, "save", classmethod(
        lambda cls, parent, suggested, kind: target.with_suffix(f".{kind}")))
    report.export_csv.click()
    report.export_json.click()
    for kind in ("csv", "json"):  # byte for byte what the command line writes
        cli = CliRunner().invoke(main_cli, ["agreement", str(kappa_project), "--format", kind])
        assert cli.exit_code == 0, cli.output
        assert target.with_suffix(f".{kind}").read_text("utf-8") == cli.stdout
    rows = list(csv.DictReader(io.StringIO(target.with_suffix(".csv").read_text("utf-8"))))
    kappa = next(r for r in rows if r["measure"] == "cohen_kappa" and r["scope"] == "overall")
    assert kappa["value"] == "0.2" and kappa["unit"].startswith("token × label")
    data = json.loads(target.with_suffix(".json").read_text("utf-8"))
    assert data["format"] == "annotator-agreement"
    figure = next(f for f in data["figures"]
                  if f["measure"] == "cohen_kappa" and f["scope"] == "overall")
    assert figure["value"] == pytest.approx(0.2) and figure["n_units"] == 10
    undefined = [f for f in data["figures"] if not f["defined"]]
    assert undefined and all(f["value"] is None and f["reason"] for f in undefined)


def test_cancel_stops_the_worker_and_the_window_stays_usable(
        qtbot: object, kappa_project: Path, open_window: OpenWindow,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(kappa_project)
    started: list[float] = []

    def slow(project: Project, progress: Any, *args: Any) -> Any:
        started.append(time.monotonic())
        for i in range(1000):  # far longer than the test: only Cancel ends it
            progress("slow stage", i, 1000)
            time.sleep(0.01)
        raise AssertionError("the job was not cancelled")
    monkeypatch.setattr(report_window, "compute", slow)
    report = review.open_report(window)
    assert report is not None
    qtbot.waitUntil(lambda: report.stage.text() == "slow stage…")  # type: ignore[attr-defined]
    assert report.progress.isVisible() and not report.compute_button.isEnabled()
    report.cancel_button.click()
    qtbot.waitUntil(lambda: report.stage.text() == "Cancelled.")  # type: ignore[attr-defined]
    assert time.monotonic() - started[0] < 5
    assert report.report is None and not report.job.running
    assert report.compute_button.isEnabled() and not report.export_csv.isEnabled()
