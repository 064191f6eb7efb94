"""The report window with only some layers ticked shows the figures of the full report's
rows for those layers, and the compare view on one layer shows the report's row for it:
ticking a box or choosing a layer never changes who coded which document."""

from __future__ import annotations

from pathlib import Path

from annotator.core.agreement import AgreementReport, build_report
from annotator.core.agreement.report import DOCUMENT
from annotator.formats.agreement_data import load_agreement_input
from annotator.store import Project
from annotator.ui import review
from annotator.ui.review.compare_view import CompareWindow
from annotator.ui.review.figure_text import short_title, value_text
from annotator.ui.review.report_models import MEASURE, SCOPE, VALUE
from annotator.ui.review.report_window import ReportWindow
from tests.formats.agreement_filters import assert_same_as_unfiltered, build_study
from tests.ui.conftest import workspace

from ..conftest import OpenWindow


def _wait_for_new_report(qtbot: object, report: ReportWindow,
                         old: AgreementReport | None) -> AgreementReport:
    qtbot.waitUntil(lambda: report.report is not None  # type: ignore[attr-defined]
                    and report.report is not old and not report.job.running,
                    timeout=10_000)
    assert report.report is not None
    return report.report


def _shown(report: ReportWindow) -> dict[tuple[str, str], str]:
    """The *Overall and layers* tab as the user reads it: (scope, measure) -> value."""
    model = report.scopes
    return {(model.index(r, SCOPE).data(), model.index(r, MEASURE).data()):
            model.index(r, VALUE).data() for r in range(model.rowCount())}


def test_only_stance_ticked_shows_the_full_reports_stance_row(
        qtbot: object, project_file: Path, open_window: OpenWindow) -> None:
    project_file.unlink(missing_ok=True)
    build_study(project_file)
    report = review.open_report(open_window(project_file))
    assert report is not None
    full = _wait_for_new_report(qtbot, report, None)
    before = _shown(report)
    assert "documents coded: Dana 4, Lena 5, root 5" in report.summary.text()

    report.layer_boxes["actor"].setChecked(False)
    report.layer_boxes["narrative"].setChecked(False)
    report.compute_button.click()
    stance = _wait_for_new_report(qtbot, report, full)

    assert "documents coded: Dana 4, Lena 5, root 5" in report.summary.text()
    after = _shown(report)
    measures = {measure for _, measure in after}
    assert {"Span F1 (exact)", "Fleiss' kappa", "Krippendorff's alpha (nominal)",
            "Krippendorff's unitizing alpha (uα)"} <= measures
    for measure in measures:  # "overall" now pools exactly the stance labels
        assert after[("overall", measure)] == before[("layer stance", measure)], measure
        assert after[("layer stance", measure)] == before[("layer stance", measure)], measure
    assert not any(v.startswith("not defined") for (_, m), v in after.items()
                   if m != "Krippendorff's alpha (nominal) on labels of matched spans")
    assert_same_as_unfiltered(full, stance, least=20)


def _compare_figures(compare: CompareWindow) -> dict[str, str]:
    return {m: label.text() for m, label in compare.header.figures.items()}


def _expected(path: Path, names: list[str], layers: list[str] | None, doc_uuid: str
              ) -> dict[str, str]:
    with Project.open(path, read_only=True) as p:
        rows = build_report(load_agreement_input(p, annotators=names, layers=layers))
    return {f.measure: f"{short_title(f.measure)}  {value_text(f)}"
            for f in rows.select(scope=DOCUMENT, document=doc_uuid)}


def test_the_compare_header_is_the_reports_row_with_or_without_a_layer(
        qtbot: object, project_file: Path, open_window: OpenWindow) -> None:
    """Dana made no stance span in the first article but coded it: with the compare
    view on the stance layer, her missing stances are disagreements (F1 0), as in
    ``annotator agreement --annotators Dana,Lena --layer stance``."""
    project_file.unlink(missing_ok=True)
    build_study(project_file)
    window = open_window(project_file)
    with Project.open(project_file, read_only=True) as p:
        dana, lena = p.annotator("Dana").id or 0, p.annotator("Lena").id or 0
        first = p.document_ids()[0]
        uuid = p.get_document(first).uuid
    workspace(window).open_document(first)
    compare = review.open_compare(window)
    assert compare is not None
    compare.set_annotators(dana, lena)
    assert _compare_figures(compare) == _expected(project_file, ["Dana", "Lena"], None, uuid)

    combo = compare.layer_combo
    combo.setCurrentIndex(combo.findText("stance"))
    combo.activated.emit(combo.currentIndex())  # as picking it with the mouse does
    assert compare.pairs and all(p.layer == "stance" for p in compare.pairs)
    shown = _compare_figures(compare)
    assert shown == _expected(project_file, ["Dana", "Lena"], ["stance"], uuid)
    assert shown["span_f1_exact"] == "Span F1 exact  0.000"
