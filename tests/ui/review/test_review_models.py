"""The review windows' Qt models pass qtmodeltester, before and after their rows change."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.core.agreement import (
    AgreementInput,
    AgreementReport,
    DocInput,
    SpanRecord,
    build_report,
)
from annotator.core.agreement.report import DOCUMENT, OVERALL
from annotator.ui.review.pair_model import LABEL_A, TEXT, PairTableModel
from annotator.ui.review.report_models import DocumentFigureModel, FigureListModel, MatrixModel

from ..conftest import OpenWindow
from .conftest import ReviewIds, open_compare

TEXT_3 = "Путин и Хаменеи 🇮🇷 встретились в Тегеране.\n"


def _report_of_three() -> AgreementReport:
    doc = DocInput("d1", TEXT_3, (
        SpanRecord("Ana", "actor", "Head", 0, 5), SpanRecord("Ben", "actor", "Head", 0, 5),
        SpanRecord("Cai", "actor", "Head", 0, 15), SpanRecord("Ana", "actor", "State", 34, 42),
    ), "Mixed")
    return build_report(AgreementInput([doc], ("Ana", "Ben", "Cai")))


def test_pair_table_model(qtmodeltester: object, review_project: tuple[Path, ReviewIds],
                          open_window: OpenWindow) -> None:
    path, ids = review_project
    compare = open_compare(open_window(path), ids)
    model = compare.model
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    assert model.rowCount() == 6 and model.index(0, TEXT).data()
    assert model.headerData(LABEL_A, Qt.Orientation.Horizontal) == "A: Ana"
    compare.show_document(ids.docs[1])  # rows replaced precisely, not reset
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    assert model.rowCount() == 2
    empty = PairTableModel()
    qtmodeltester.check(empty, force_py=True)  # type: ignore[attr-defined]


def test_report_models(qtmodeltester: object) -> None:
    report = _report_of_three()
    figures = FigureListModel()
    figures.load([f for f in report.figures if f.scope == OVERALL])
    qtmodeltester.check(figures, force_py=True)  # type: ignore[attr-defined]
    assert figures.rowCount() > 0
    documents = DocumentFigureModel()
    documents.load(report)
    qtmodeltester.check(documents, force_py=True)  # type: ignore[attr-defined]
    assert documents.rowCount() == len({f.document for f in report.figures
                                        if f.scope == DOCUMENT})
    matrix = MatrixModel()
    matrix.load(report, "cohen_kappa")
    qtmodeltester.check(matrix, force_py=True)  # type: ignore[attr-defined]
    assert matrix.rowCount() == matrix.columnCount() == 3
    assert matrix.index(0, 0).data() == ""  # nobody is compared with themselves
    assert matrix.index(0, 1).data() == matrix.index(1, 0).data() != ""
    figures.load([])
    documents.load(None)
    matrix.load(None, None)
    for emptied in (figures, documents, matrix):
        qtmodeltester.check(emptied, force_py=True)  # type: ignore[attr-defined]
        assert emptied.rowCount() == 0
