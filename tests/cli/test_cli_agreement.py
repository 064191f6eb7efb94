"""``annotator agreement PROJECT``: formats, filters, errors, and what it reads."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from annotator.cli.main import cli
from annotator.core.model import Document, Span, Status
from annotator.formats.agreement_data import load_agreement_input
from annotator.paths import default_scheme_path
from annotator.store import Project
from tests.dbdump import snapshot

TEXT = "Putin said Moscow backs Tehran 🇮🇷 against “foreign interference” in Iran."
# "Putin" [0, 5), "Moscow" [11, 17), "foreign interference" [43, 63), with quotes [42, 64).

# (annotator, layer, label, start, end)
SPANS = [
    ("Ana", "actor", "Head of state/government", 0, 5),
    ("Ben", "actor", "Head of state/government", 0, 5),
    ("Ana", "actor", "State/Government", 11, 17),
    ("Ben", "actor", "State/Government", 11, 17),
    ("Ana", "narrative", "Foreign interference", 43, 63),
    ("Ben", "narrative", "Foreign interference", 42, 64),
]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["agreement", *map(str, args)])


def add_spans(project: Project, doc_id: int, rows: list[tuple[str, str, str, int, int]]
              ) -> None:
    text = project.document_text(doc_id)
    for who, layer, label, start, end in rows:
        lab = project.find_label(layer, label)
        person = project.annotator(who)
        assert lab is not None and lab.id is not None and person.id is not None
        project.insert_span(Span(doc_id, person.id, lab.id, start, end, text[start:end]))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "study.annotator"
    with Project.open(path, scheme=default_scheme_path()) as p:
        doc, _ = p.add_document(Document("Putin", TEXT))
        assert doc.id is not None
        add_spans(p, doc.id, SPANS)
    return path


def as_json(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def overall(data: dict[str, Any], measure: str) -> dict[str, Any]:
    rows = [f for f in data["figures"] if f["measure"] == measure
            and f["scope"] == "overall" and f["annotators"] == data["annotators"]]
    assert len(rows) == 1
    return rows[0]


def test_the_table_shows_the_figures_and_their_rules(path: Path) -> None:
    result = run(path)

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1].startswith("annotators: Ana, Ben · documents: 1 (1 coded by two or more)")
    header = next(line for line in lines if "F1 exact" in line)
    assert header.split() == ["F1", "exact", "F1", "partial", "Cohen", "κ", "α", "tokens",
                              "uα", "α", "matched"]
    exact = next(line for line in lines if line.startswith("  Head of state/government"))
    assert exact.split()[-6:-4] == ["1.000", "1.000"]
    narrative = next(line for line in lines if line.startswith("narrative"))
    assert narrative.split()[1] == "0.000"  # shifted boundaries: no exact match
    assert "units and matching rules:" in result.stdout
    assert "unit: span" in result.stdout


def test_json_states_unit_rule_and_value_or_reason_for_every_figure(path: Path) -> None:
    data = as_json(run(path, "--format", "json"))

    assert data["annotators"] == ["Ana", "Ben"]
    assert {(x["layer"], x["label"]) for x in data["labels"]} == {
        ("actor", "Head of state/government"), ("actor", "State/Government"),
        ("narrative", "Foreign interference")}
    for f in data["figures"]:
        assert f["unit"] and f["matching"]
        assert (f["value"] is None) == (not f["defined"]) == bool(f["reason"])
    assert overall(data, "span_f1_exact")["value"] == pytest.approx(2 * 2 / 6)
    # The narrative spans overlap on 20 of 20 / 22 code points: partial credit.
    partial = overall(data, "span_f1_partial")
    assert partial["details"]["recall"] == pytest.approx((1 + 1 + 1) / 3)
    assert partial["details"]["precision"] == pytest.approx((1 + 1 + 20 / 22) / 3)


def test_csv_goes_to_a_file_with_one_row_per_figure(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "agreement.csv"

    result = run(path, "--format", "csv", "-o", out)

    assert result.exit_code == 0 and result.stdout == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0].keys() >= {"measure", "scope", "layer", "label", "annotators", "value",
                              "defined", "reason", "n_units", "unit", "matching"}
    kappa = [r for r in rows if r["measure"] == "cohen_kappa" and r["scope"] == "overall"]
    assert kappa[0]["annotators"] == "Ana|Ben" and kappa[0]["defined"] == "true"


def test_layer_and_label_filters(path: Path) -> None:
    actor = as_json(run(path, "--layer", "actor", "--format", "json"))
    one = as_json(run(path, "--label", "State/Government", "--format", "json"))
    qualified = as_json(run(path, "--label", "actor:Media", "--format", "json"))

    assert {x["layer"] for x in actor["labels"]} == {"actor"}
    assert one["labels"] == [{"layer": "actor", "label": "State/Government"}]
    assert overall(one, "span_f1_exact")["value"] == 1.0
    # A named label nobody used is still reported, as not defined.
    assert overall(qualified, "span_f1_exact")["reason"] == "neither annotator marked a span"


def test_three_annotators_get_pairwise_matrices(path: Path) -> None:
    with Project.open(path) as p:
        add_spans(p, p.document_ids()[0], [("Cai", "actor", "Head of state/government", 0, 5)])

    result = run(path)

    assert result.exit_code == 0, result.output
    assert "pairwise, Cohen's kappa (overall):" in result.stdout
    assert "Fleiss κ" in result.stdout


def test_gold_can_be_one_of_the_annotators(path: Path) -> None:
    with Project.open(path) as p:
        add_spans(p, p.document_ids()[0], [("gold", "actor", "Head of state/government", 0, 5)])

    default = as_json(run(path, "--format", "json"))
    with_gold = as_json(run(path, "--annotators", "Ana,gold", "--format", "json"))

    assert default["annotators"] == ["Ana", "Ben"]
    assert with_gold["annotators"] == ["Ana", "gold"]
    assert overall(with_gold, "span_f1_exact")["value"] == pytest.approx(2 * 1 / 4)


def test_a_document_marked_done_without_spans_counts_as_coded(path: Path) -> None:
    with Project.open(path) as p:
        doc, _ = p.add_document(Document("Quiet", "Nothing to see here."))
        assert doc.id is not None
        add_spans(p, doc.id, [("Ana", "actor", "Media", 0, 7)])
        ben = p.annotator("Ben")
        assert ben.id is not None

    before = as_json(run(path, "--format", "json"))
    with Project.open(path) as p:
        p.set_status(doc.id, ben.id, Status.DONE)
    after = as_json(run(path, "--format", "json"))

    assert before["documents_compared"] == 1  # Ben had not looked at it: missing
    assert after["documents_compared"] == 2  # Ben looked and found nothing: absent
    assert overall(after, "span_f1_exact")["value"] < overall(before, "span_f1_exact")["value"]


def test_one_annotator_warns_and_reports_not_defined(path: Path) -> None:
    data_result = run(path, "--annotators", "Ana", "--format", "json")

    assert data_result.exit_code == 0
    assert "agreement needs two annotators" in data_result.stderr
    figures = json.loads(data_result.stdout)["figures"]
    assert figures and all(not f["defined"] for f in figures)


@pytest.mark.parametrize(("args", "message"), [
    (("--annotators", "Ana,Zed"), "no annotator called 'Zed'; this project has Ana, Ben"),
    (("--layer", "topic"), "no layer called 'topic'"),
    (("--label", "Nope"), "no label called 'Nope'"),
    (("--label", "stance:Media"), "no label 'Media' in layer 'stance'"),
])
def test_unknown_names_fail_with_one_line(path: Path, args: tuple[str, ...],
                                          message: str) -> None:
    result = run(path, *args)

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert message in result.stderr and str(path) in result.stderr


def test_a_missing_project_is_an_error_and_is_not_created(tmp_path: Path) -> None:
    result = run(tmp_path / "nope.annotator")

    assert result.exit_code == 1
    assert "nope.annotator" in result.stderr
    assert not (tmp_path / "nope.annotator").exists()


def test_the_project_is_only_read(path: Path) -> None:
    with Project.open(path, read_only=True) as p:
        before = snapshot(p.conn)

    assert run(path, "--format", "json").exit_code == 0

    with Project.open(path, read_only=True) as p:
        assert snapshot(p.conn) == before


def test_loader_reads_coders_and_labels_in_scheme_order(path: Path) -> None:
    with Project.open(path, read_only=True) as p:
        data = load_agreement_input(p)

    assert data.annotators == ("Ana", "Ben")
    assert [str(k) for k in data.labels or ()] == [
        "actor:Head of state/government", "actor:State/Government",
        "narrative:Foreign interference"]
    (doc,) = data.docs
    assert doc.coders == frozenset({"Ana", "Ben"})
    assert sorted((s.annotator, s.start, s.end) for s in doc.spans)[:2] == [
        ("Ana", 0, 5), ("Ana", 11, 17)]
