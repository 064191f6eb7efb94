"""``build_report``: every figure defined or explained, units and rules stated, edges."""

from __future__ import annotations

import csv
import io
import json
import math

import pytest

from annotator.core.agreement import (
    MEASURES,
    AgreementInput,
    AgreementReport,
    DocInput,
    LabelKey,
    SpanRecord,
    build_report,
    document_scores,
    to_csv,
    to_json,
    unitizing_alpha,
)

TEXT = "Putin said Moscow backs Tehran against foreign interference in Iran."
#       0    5    10   15   20   25   30   35   40   45   50   55   60   65


def span(who: str, label: str, start: int, end: int, layer: str = "actor") -> SpanRecord:
    return SpanRecord(who, layer, label, start, end)


def report_of(docs: list[DocInput], annotators: tuple[str, ...] = ("ana", "ben"),
              labels: tuple[LabelKey, ...] | None = None) -> AgreementReport:
    report = build_report(AgreementInput(docs, annotators, labels))
    assert_well_formed(report)
    return report


def assert_well_formed(report: AgreementReport) -> None:
    """What every report promises: no NaN, a reason for each undefined figure, a unit
    and a matching rule on every figure, and exports that parse."""
    for f in report.figures:
        assert f.unit and f.matching, f
        if f.defined:
            assert f.value is not None and math.isfinite(f.value), f
            assert f.reason == ""
        else:
            assert f.value is None and f.reason, f
    data = json.loads(to_json(report), parse_constant=lambda c: pytest.fail(c))
    assert len(data["figures"]) == len(report.figures)
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    assert len(rows) == len(report.figures)
    assert all(r["defined"] in ("true", "false") for r in rows)


def values(report: AgreementReport, scope: str = "overall") -> dict[str, float | None]:
    return {f.measure: f.value for f in report.figures
            if f.scope == scope and f.annotators == report.annotators and not f.layer}


def test_identical_annotations_agree_perfectly_on_every_measure() -> None:
    spans = [span(w, "State", 0, 5) for w in ("ana", "ben")] + \
            [span(w, "Media", 11, 17) for w in ("ana", "ben")] + \
            [span(w, "Opposes", 39, 59, "stance") for w in ("ana", "ben")]

    report = report_of([DocInput("d1", TEXT, tuple(spans))])

    assert values(report) == {m: pytest.approx(1.0) for m in
                              ("span_f1_exact", "span_f1_partial", "cohen_kappa",
                               "alpha_tokens", "unitizing_alpha", "alpha_matched")}


def test_no_spans_at_all_gives_reasons_not_numbers() -> None:
    report = report_of([DocInput("d1", TEXT)], labels=(LabelKey("actor", "Media"),))

    overall = [f for f in report.figures if f.scope == "overall"]
    assert overall and all(not f.defined for f in overall)
    reasons = {f.measure: f.reason for f in overall}
    assert reasons["span_f1_exact"] == "neither annotator marked a span"
    assert "no annotator marked a span" in reasons["unitizing_alpha"]
    assert "same single category" in reasons["cohen_kappa"]


def test_one_annotator_reports_every_figure_as_needing_two() -> None:
    report = report_of([DocInput("d1", TEXT, (span("ana", "State", 0, 5),))],
                       annotators=("ana",))

    assert report.figures
    assert {f.reason for f in report.figures} == {"needs at least two annotators (1 compared)"}


def test_a_label_used_by_one_side_only_is_defined_and_low() -> None:
    spans = (span("ana", "State", 0, 5), span("ben", "State", 0, 5),
             span("ana", "Media", 11, 17))

    report = report_of([DocInput("d1", TEXT, spans)])
    media = {f.measure: f for f in report.select(scope="label", label="Media")}

    assert media["span_f1_exact"].value == 0.0
    assert media["cohen_kappa"].value == pytest.approx(0.0)
    assert media["unitizing_alpha"].defined and (media["unitizing_alpha"].value or 0) <= 0
    assert media["alpha_tokens"].defined


def test_zero_length_documents_do_not_break_the_report() -> None:
    docs = [DocInput("empty", ""), DocInput("d1", TEXT, (span("ana", "State", 0, 5),
                                                          span("ben", "State", 0, 5)))]

    report = report_of(docs)
    empty = {f.measure: f for f in report.select(scope="document", document="empty")}

    assert empty["unitizing_alpha"].reason == "no text: the continuum is empty"
    assert empty["span_f1_exact"].reason == "neither annotator marked a span"
    assert values(report)["unitizing_alpha"] == pytest.approx(1.0)


def test_a_document_coded_by_one_annotator_only_is_left_out_of_pair_measures() -> None:
    shared = (span("ana", "State", 0, 5), span("ben", "State", 0, 5))
    only_ana = (span("ana", "State", 0, 5), span("ana", "Media", 11, 17))
    docs = [DocInput("d1", TEXT, shared), DocInput("d2", TEXT, only_ana, coders=frozenset({"ana"}))]

    report = report_of(docs)

    assert values(report)["span_f1_exact"] == pytest.approx(1.0)
    assert values(report)["unitizing_alpha"] == pytest.approx(1.0)
    d2 = report.select(scope="document", document="d2")
    assert {f.reason for f in d2} == {"coded by fewer than two of the compared annotators"}
    assert report.documents_compared == 1


def test_three_annotators_get_fleiss_and_pairwise_matrices() -> None:
    spans = [span(w, "State", 0, 5) for w in ("ana", "ben", "cai")] + \
            [span("ana", "Media", 11, 17), span("ben", "Media", 11, 17)]

    report = report_of([DocInput("d1", TEXT, tuple(spans))], annotators=("ana", "ben", "cai"))

    group = values(report)
    assert "fleiss_kappa" in group and "cohen_kappa" not in group
    matrix = report.matrix("cohen_kappa")
    assert set(matrix) == {(a, b) for a in ("ana", "ben", "cai") for b in ("ana", "ben", "cai")
                           if a != b}
    assert matrix[("ana", "ben")].value == pytest.approx(1.0)
    assert matrix[("cai", "ana")].value == matrix[("ana", "cai")].value < 1.0
    f1 = report.get("span_f1_exact")
    assert f1 is not None and "mean of the pairwise F1" in f1.matching
    # ana–ben 1.0, ana–cai and ben–cai 2·1/3 each.
    assert f1.value == pytest.approx((1 + 2 / 3 + 2 / 3) / 3)


def test_every_figure_states_unit_and_rule_for_its_scope() -> None:
    spans = (span("ana", "State", 0, 5), span("ben", "State", 0, 6))

    report = report_of([DocInput("d1", TEXT, spans)])

    token = report.get("alpha_tokens", "layer", layer="actor")
    assert token is not None
    assert "token" in token.unit and "\\w" not in token.unit
    assert "pooled over the token × label units of the layer's labels" in token.matching
    ua = report.get("unitizing_alpha", "label", layer="actor", label="State")
    assert ua is not None and "per label: cuα" in ua.matching
    assert "1 documents, 68 code points" in ua.matching
    assert set(report.group_measures) == set(MEASURES) - {"fleiss_kappa"}


def test_report_uα_is_the_same_function_as_the_plain_one() -> None:
    spans = (span("ana", "State", 0, 5), span("ben", "State", 1, 5),
             span("ana", "State", 24, 30), span("ben", "State", 24, 30))

    report = report_of([DocInput("d1", TEXT, spans)])

    plain = unitizing_alpha(len(TEXT), [[(0, 5), (24, 30)], [(1, 5), (24, 30)]])
    figure = report.get("unitizing_alpha", "label", layer="actor", label="State")
    assert figure is not None and figure.value == pytest.approx(plain.value)


def test_spans_outside_their_text_are_refused() -> None:
    from annotator.core.errors import SpanError

    with pytest.raises(SpanError, match="outside its text"):
        build_report(AgreementInput([DocInput("d1", "short", (span("ana", "X", 2, 9),))],
                                    ("ana", "ben")))


def test_gold_is_compared_like_any_annotator() -> None:
    spans = (span("ana", "State", 0, 5), span("gold", "State", 0, 5))

    report = report_of([DocInput("d1", TEXT, spans)], annotators=("ana", "gold"))

    assert report.annotators == ("ana", "gold")
    assert values(report)["span_f1_exact"] == 1.0


def test_progress_reports_each_stage() -> None:
    stages: list[str] = []

    build_report(AgreementInput([DocInput("d1", TEXT, (span("ana", "State", 0, 5),))],
                                ("ana", "ben")),
                 lambda stage, done, total: stages.append(stage))

    assert list(dict.fromkeys(stages)) == ["prepare", "tokens", "unitizing", "span F1",
                                           "matched spans", "documents"]


def test_document_scores_are_the_report_row_of_that_document() -> None:
    doc = DocInput("d1", TEXT, (span("ana", "State", 0, 5), span("ben", "State", 0, 6),
                                span("ana", "Media", 11, 17), span("ben", "Media", 11, 17)))

    scores = document_scores(doc, ("ana", "ben"))
    row = {f.measure: f for f in report_of([doc]).select(scope="document")}

    assert scores.keys() == row.keys() == {"span_f1_exact", "span_f1_partial", "cohen_kappa",
                                           "alpha_tokens", "unitizing_alpha", "alpha_matched"}
    assert scores["span_f1_exact"].value == pytest.approx(0.5)
    assert all(scores[m].value == row[m].value for m in scores)


def test_no_label_in_scope_says_so() -> None:
    report = report_of([DocInput("d1", TEXT), DocInput("empty", "")])

    assert report.labels == ()
    kappa = report.get("cohen_kappa")
    assert kappa is not None and kappa.reason == "no label in scope: none was given or used"
