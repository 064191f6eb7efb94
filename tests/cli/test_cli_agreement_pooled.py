"""``annotator agreement`` with a two-level narrative taxonomy: parent-level rows."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annotator.cli.main import cli
from annotator.core.agreement import LabelKey
from annotator.core.model import Document, Span
from annotator.formats.agreement_data import load_agreement_input
from annotator.paths import default_scheme_path
from annotator.store import Project

TEXT = "Officials blamed a colour revolution plot and Western meddling for the unrest."
# The default scheme's narrative taxonomy: two of Foreign interference's sub-labels.
PARENT, COLOUR, WESTERN = "Foreign interference", "Colour revolution", "Western-backed unrest"
# (annotator, label, phrase): they agree it is foreign interference, not on which kind.
SPANS = [("Ana", COLOUR, "colour revolution plot"),
         ("Ben", WESTERN, "colour revolution plot"),
         ("Ana", PARENT, "Western meddling"),
         ("Ben", WESTERN, "Western meddling"),
         ("Ana", "Regime resilience", "the unrest"),
         ("Ben", "Regime resilience", "the unrest")]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["agreement", *map(str, args)])


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "study.annotator"
    with Project.open(path, scheme=default_scheme_path()) as p:
        doc, _ = p.add_document(Document("Unrest", TEXT))
        assert doc.id is not None
        for who, name, phrase in SPANS:
            label, person = p.find_label("narrative", name), p.annotator(who)
            assert label is not None and label.id is not None and person.id is not None
            start = TEXT.index(phrase)
            p.insert_span(Span(doc.id, person.id, label.id, start, start + len(phrase),
                               phrase))
    return path


def test_the_project_loader_passes_the_parent_of_each_sub_label(path: Path) -> None:
    with Project.open(path, read_only=True) as p:
        data = load_agreement_input(p)
    parent = LabelKey("narrative", PARENT)
    assert data.parents[LabelKey("narrative", COLOUR)] == parent
    assert data.parents[LabelKey("narrative", WESTERN)] == parent
    assert LabelKey("narrative", "Regime resilience") not in data.parents


def test_the_table_shows_the_parent_with_its_sub_labels_pooled(path: Path) -> None:
    result = run(path)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = next(line for line in lines if "F1 exact" in line)
    column = header.split().index("exact") - 1  # "F1 exact" is two words
    pooled = [line for line in lines if line.startswith(f"  {PARENT} (+ sub-labels)")]
    assert len(pooled) == 1
    cells = pooled[0].removeprefix(f"  {PARENT} (+ sub-labels)").split()
    assert cells[column] == "1.000"
    leaf = next(line for line in lines if line.startswith(f"  {COLOUR} "))
    assert leaf.removeprefix(f"  {COLOUR}").split()[column] == "0.000"
    assert not any("Regime resilience (+ sub-labels)" in line for line in lines)
    assert "label (pooled) rows: a parent label with its sub-labels" in result.stdout
    assert "labels as coded" in result.stdout  # the note on layer and overall rows


def test_csv_and_json_carry_the_pooled_rows(path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run(path, "--format", "csv").stdout)))
    exact = [r for r in rows if r["scope"] == "label (pooled)"
             and r["measure"] == "span_f1_exact"]
    assert [(r["label"], r["value"], r["unit"]) for r in exact] == [(PARENT, "1.0", "span")]
    assert f"sub-labels pooled: narrative:{COLOUR}, narrative:{WESTERN}" in (
        exact[0]["matching"])
    data = json.loads(run(path, "--format", "json").stdout)
    assert data["label_groups"] == [{"layer": "narrative", "label": PARENT, "sub_labels": [
        COLOUR, WESTERN]}]
