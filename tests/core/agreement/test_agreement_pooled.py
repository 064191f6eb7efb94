"""Parent-level ("label (pooled)") figures: sub-labels counted as their parent label."""

from __future__ import annotations

import csv
import io
import json

import pytest

from annotator.core.agreement import (
    AgreementInput,
    AgreementReport,
    DocInput,
    LabelKey,
    SpanRecord,
    build_report,
    to_csv,
    to_json,
)
from annotator.core.agreement.report import LABEL, LAYER, OVERALL, POOLED

TEXT = "Officials blamed a colour revolution plot and Western meddling for the unrest."
FOREIGN = LabelKey("narrative", "Foreign interference")
COLOUR = LabelKey("narrative", "Colour revolution")
WESTERN = LabelKey("narrative", "Western meddling")
ECONOMY = LabelKey("narrative", "Economy")
PARENTS = {COLOUR: FOREIGN, WESTERN: FOREIGN}


def at(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def span(who: str, key: LabelKey, phrase: str) -> SpanRecord:
    return SpanRecord(who, key.layer, key.name, *at(phrase))


# Ana and Ben mark the same three passages. On two of them they disagree on the
# sub-label (or one uses the parent itself) but agree it is foreign interference.
SPANS = (
    span("ana", COLOUR, "colour revolution plot"),
    span("ben", WESTERN, "colour revolution plot"),
    span("ana", FOREIGN, "Western meddling"),
    span("ben", WESTERN, "Western meddling"),
    span("ana", ECONOMY, "the unrest"),
    span("ben", ECONOMY, "the unrest"),
)


def report_of(parents: dict[LabelKey, LabelKey], labels: tuple[LabelKey, ...] | None = None,
              annotators: tuple[str, ...] = ("ana", "ben"),
              spans: tuple[SpanRecord, ...] = SPANS) -> AgreementReport:
    return build_report(AgreementInput([DocInput("d1", TEXT, spans)], annotators, labels,
                                       parents=parents))


def value(report: AgreementReport, measure: str, scope: str, label: str = "",
          layer: str = "narrative") -> float | None:
    f = report.get(measure, scope, layer=layer if scope != OVERALL else "", label=label)
    assert f is not None, (measure, scope, label)
    return f.value


def test_agreeing_on_the_parent_but_not_the_sub_label_scores_one_when_pooled() -> None:
    report = report_of(PARENTS)
    pooled = {m: value(report, m, POOLED, FOREIGN.name)
              for m in ("span_f1_exact", "span_f1_partial", "cohen_kappa", "alpha_tokens",
                        "unitizing_alpha")}
    assert pooled == {m: pytest.approx(1.0) for m in pooled}
    # Leaf level: nobody agrees on any of the three foreign-interference labels.
    for key in (FOREIGN, COLOUR, WESTERN):
        assert value(report, "span_f1_exact", LABEL, key.name) == 0.0
        leaf_ua = value(report, "unitizing_alpha", LABEL, key.name)
        assert leaf_ua is not None and leaf_ua < 0.5
    f = report.get("span_f1_exact", POOLED, layer="narrative", label=FOREIGN.name)
    assert f is not None and f.n_units == 4 and f.unit == "span"
    assert "every span of a sub-label counted as a span of the parent" in f.matching
    assert ("sub-labels pooled: narrative:Colour revolution, narrative:Western meddling"
            in f.matching)
    assert report.label_groups == {FOREIGN: (COLOUR, WESTERN)}
    # Matched-span alpha has no per-label figure, pooled or not.
    assert not report.select(measure="alpha_matched", scope=POOLED)


def test_a_label_without_sub_labels_gets_no_pooled_row() -> None:
    report = report_of(PARENTS)
    assert {f.label for f in report.select(scope=POOLED)} == {FOREIGN.name}
    assert report.select(scope=LABEL, label=ECONOMY.name)
    plain = report_of({})
    assert not plain.select(scope=POOLED) and not plain.label_groups


def test_layer_and_overall_figures_stay_at_the_leaf_level_and_say_so() -> None:
    pooled, plain = report_of(PARENTS), report_of({})
    # Only Economy matches exactly: 2 · 1 / (3 + 3).
    assert value(pooled, "span_f1_exact", LAYER) == pytest.approx(1 / 3)
    for scope in (OVERALL, LAYER):
        for f in pooled.select(scope=scope):
            twin = plain.get(f.measure, scope, layer=f.layer, annotators=f.annotators)
            assert twin is not None and twin.value == f.value
            assert f.matching.startswith(twin.matching)
            assert "labels as coded" in f.matching and "labels as coded" not in twin.matching
    assert any("labels as coded" in note for note in pooled.notes)
    assert not plain.notes


def test_only_labels_in_scope_are_pooled() -> None:
    # The parent itself is left out of scope: its own span does not count.
    report = report_of(PARENTS, labels=(COLOUR, WESTERN))
    assert report.label_groups == {FOREIGN: (COLOUR, WESTERN)}
    # Ana: one Colour revolution span; Ben: two Western meddling spans; one shared.
    assert value(report, "span_f1_exact", POOLED, FOREIGN.name) == pytest.approx(2 / 3)
    # One sub-label in scope is enough for a pooled row.
    only = report_of(PARENTS, labels=(FOREIGN, COLOUR))
    assert only.label_groups == {FOREIGN: (COLOUR,)}
    # Ben's spans are all Western meddling, now out of scope: he has none to match.
    assert value(only, "span_f1_exact", POOLED, FOREIGN.name) == 0.0


def test_three_annotators_get_pairwise_pooled_figures() -> None:
    spans = (*SPANS, span("cai", COLOUR, "colour revolution plot"))
    report = report_of(PARENTS, annotators=("ana", "ben", "cai"), spans=spans)
    matrix = report.matrix("span_f1_exact", POOLED, layer="narrative", label=FOREIGN.name)
    assert matrix[("ana", "ben")].value == pytest.approx(1.0)
    assert matrix[("ana", "cai")].value == pytest.approx(2 / 3)
    assert value(report, "fleiss_kappa", POOLED, FOREIGN.name) is not None


def test_csv_and_json_carry_the_pooled_rows_with_unit_and_rule() -> None:
    report = report_of(PARENTS)
    rows = [r for r in csv.DictReader(io.StringIO(to_csv(report))) if r["scope"] == POOLED]
    assert {r["measure"] for r in rows} == {"span_f1_exact", "span_f1_partial",
                                            "cohen_kappa", "alpha_tokens", "unitizing_alpha"}
    exact = next(r for r in rows if r["measure"] == "span_f1_exact")
    assert (exact["label"], exact["layer"], exact["value"]) == (
        "Foreign interference", "narrative", "1.0")
    assert exact["unit"] == "span" and "sub-labels pooled" in exact["matching"]
    data = json.loads(to_json(report))
    assert data["label_groups"] == [{"layer": "narrative", "label": "Foreign interference",
                                     "sub_labels": ["Colour revolution", "Western meddling"]}]
    figures = [f for f in data["figures"] if f["scope"] == POOLED]
    assert len(figures) == len(rows)
    assert all(f["unit"] and "counted as a span of the parent" in f["matching"]
               for f in figures)


def test_progress_names_the_pooled_stage_only_when_there_is_one() -> None:
    for parents, expected in ((PARENTS, True), ({}, False)):
        stages: list[str] = []
        build_report(AgreementInput([DocInput("d1", TEXT, SPANS)], ("ana", "ben"),
                                    parents=parents),
                     lambda stage, done, total: stages.append(stage))  # noqa: B023
        assert ("pooled labels" in stages) is expected
