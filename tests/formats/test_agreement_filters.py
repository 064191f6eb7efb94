"""Filtering the agreement report must not change what a figure means.

Having coded a document (a span of any label in it, or marking it done) and marking
nothing of label L there is a statement "no L here"; and the labels in scope do not
depend on who is compared. So every figure of a report filtered by layer, label or
annotators equals that figure's row in the unfiltered report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from annotator.core.agreement import AgreementReport, build_report
from annotator.core.agreement.report import LAYER, OVERALL
from annotator.formats.agreement_data import load_agreement_input
from annotator.store import Project
from tests.formats.agreement_filters import assert_same_as_unfiltered, build_study

EVERYONE = ["Dana", "Lena", "root", "gold"]

FILTERS: list[dict[str, Any]] = [
    {"layers": ["stance"]},
    {"layers": ["actor"]},
    {"layers": ["actor", "narrative"]},
    {"labels": ["Media"]},
    {"labels": ["Media", "stance:Supports"]},
    {"labels": ["narrative:Foreign interference", "Colour revolution"]},
    {"annotators": ["Lena", "root"]},
    {"annotators": ["root", "Dana"]},
    {"annotators": ["Lena", "root"], "labels": ["Media"]},
    {"annotators": ["Dana", "Lena"], "layers": ["stance"]},
    {"annotators": ["Dana", "gold"], "layers": ["narrative"]},
    {"annotators": ["Dana", "Lena", "gold"]},
]


def report(path: Path, **filters: Any) -> AgreementReport:
    with Project.open(path, read_only=True, create=False) as p:
        return build_report(load_agreement_input(p, **filters))


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("study") / "study.annotator"
    build_study(path)
    return path


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: repr(f))
def test_a_filtered_figure_equals_its_row_in_the_unfiltered_report(
        study: Path, filters: dict[str, Any]) -> None:
    filtered = report(study, **filters)
    everyone = report(study, annotators=EVERYONE)
    if "labels" not in filters:  # the labels in scope do not depend on who is compared
        layers = filters.get("layers") or everyone.layers
        assert filtered.labels == tuple(k for k in everyone.labels if k.layer in layers)
    # The default report (everyone but gold) and everyone, gold included: a filter that
    # names gold finds its pairs in the second.
    assert_same_as_unfiltered(everyone, filtered, least=8)
    if "gold" not in filters.get("annotators", []):
        assert_same_as_unfiltered(report(study), filtered, least=8)


def test_the_issue_reproduction_a_layer_one_annotator_never_used(study: Path) -> None:
    """Dana made no stance span: under ``--layer stance`` she still coded 4 documents,
    and the figures are the unfiltered stance row's, not those of Lena and root alone."""
    full, stance = report(study), report(study, layers=["stance"])

    assert stance.coded_documents == full.coded_documents == {"Dana": 4, "Lena": 5,
                                                               "root": 5}
    for measure in ("span_f1_exact", "fleiss_kappa", "alpha_tokens", "unitizing_alpha"):
        got, row = stance.get(measure, OVERALL), full.get(measure, LAYER, layer="stance")
        assert got is not None and row is not None
        assert row.defined, (measure, row.reason)
        assert (got.value, got.n_units) == (row.value, row.n_units), measure
    # Dana marked nothing on stance where Lena and root did: exact F1 is the mean over
    # three pairs, two of which are 0 -- not Lena and root's value alone.
    f1 = stance.get("span_f1_exact", OVERALL)
    pair = stance.matrix("span_f1_exact")[("Lena", "root")]
    assert f1 is not None and f1.value is not None and pair.value is not None
    assert f1.value == pytest.approx(pair.value / 3)


def test_two_annotators_and_a_label_only_one_of_them_used(study: Path) -> None:
    """``--annotators Lena,root --label Media``: both coded documents 0-4, so Lena's
    Media spans where root has none are disagreements, not missing values."""
    media = report(study, annotators=["Lena", "root"], labels=["Media"])
    f1 = media.get("span_f1_exact", OVERALL)
    assert f1 is not None and f1.defined and f1.value == 0.0 and f1.n_units == 3
    kappa = media.get("cohen_kappa", OVERALL)
    assert kappa is not None and kappa.defined
    assert media.documents_compared == 5


def test_a_layer_nobody_used_says_so_and_keeps_who_coded_what(tmp_path: Path) -> None:
    path = tmp_path / "no-narrative.annotator"
    build_study(path, layers=["actor", "stance"])

    empty = report(path, layers=["narrative"])

    assert empty.labels == ()
    assert empty.coded_documents == report(path).coded_documents == {"Dana": 4, "Lena": 5,
                                                                      "root": 5}
    assert {f.measure for f in empty.figures} == {
        "span_f1_exact", "span_f1_partial", "fleiss_kappa", "alpha_tokens",
        "unitizing_alpha", "alpha_matched"}
    assert {(f.defined, f.reason) for f in empty.figures} == {
        (False, "no label in scope: none was given or used")}


def test_a_pair_counts_the_labels_only_others_used(study: Path) -> None:
    """Only Dana used Colour revolution: Lena and root both said "not that" on every
    token, so the label's units count for them too, as in the three-way report."""
    pair, full = report(study, annotators=["Lena", "root"]), report(study)
    colour = [k for k in pair.labels if k.name == "Colour revolution"]
    assert colour
    kappa = pair.get("cohen_kappa", OVERALL)
    row = full.matrix("cohen_kappa")[("Lena", "root")]
    assert kappa is not None and kappa.value is not None
    assert (kappa.value, kappa.n_units) == (pytest.approx(row.value), row.n_units)
    assert kappa.n_units == pair.tokens * len(pair.labels)
