"""``annotator agreement`` with --layer, --label and --annotators: the figures are the
unfiltered report's rows, and who coded what stays as it is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.core.agreement import LabelKey
from tests.cli.helpers import run
from tests.formats.agreement_filters import build_study


@pytest.fixture
def study(tmp_path: Path) -> Path:
    path = tmp_path / "study.annotator"
    build_study(path)
    return path


def figures(path: Path, *options: str) -> tuple[dict[str, Any], dict[tuple[Any, ...], Any]]:
    result = run("agreement", path, "--format", "json", *options)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return data, {(f["measure"], f["scope"], f["layer"], f["label"], tuple(f["annotators"])):
                  (f["value"], f["n_units"], f["reason"]) for f in data["figures"]}


def test_layer_stance_keeps_danas_four_documents(study: Path) -> None:
    table = run("agreement", study, "--layer", "stance")
    assert table.exit_code == 0, table.output
    assert "documents coded: Dana 4, Lena 5, root 5" in table.stdout
    full, every = figures(study)
    stance, filtered = figures(study, "--layer", "stance")
    assert stance["coded_documents"] == full["coded_documents"]
    group = tuple(full["annotators"])
    for measure in ("span_f1_exact", "span_f1_partial", "fleiss_kappa", "alpha_tokens",
                    "unitizing_alpha", "alpha_matched"):
        row = every[(measure, "layer", "stance", "", group)]
        assert filtered[(measure, "overall", "", "", group)] == row, measure
        assert filtered[(measure, "layer", "stance", "", group)] == row, measure
    assert every[("span_f1_exact", "layer", "stance", "", group)][0] is not None


def test_two_annotators_and_one_label_are_the_pairs_row(study: Path) -> None:
    _, every = figures(study)
    _, media = figures(study, "--annotators", "Lena,root", "--label", "Media")
    label = LabelKey("actor", "Media")
    for measure in ("span_f1_exact", "span_f1_partial", "cohen_kappa", "alpha_tokens",
                    "unitizing_alpha"):
        row = every[(measure, "label", label.layer, label.name, ("Lena", "root"))]
        assert media[(measure, "overall", "", "", ("Lena", "root"))] == row, measure
        assert media[(measure, "label", label.layer, label.name, ("Lena", "root"))] == row
        assert row[0] is not None, measure
