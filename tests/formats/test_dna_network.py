"""``annotator network`` on a coded project: the statements behind the module's hand
example, written as GraphML (read back with networkx), CSV, DL, and per time window."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest

from tests.cli.helpers import run

from .network_fixture import code_statements

# (document date, holder, stance, target): tests/core/test_networks.py's statements.
STATEMENTS = [("2026-01-05", "Ali", "Supports", "x"), ("2026-01-05", "Ali", "Opposes", "y"),
              ("2026-01-20", "Ali", "Supports", "x"),
              ("2026-02-02", "Boris", "Supports", "x"), ("2026-02-02", "Boris", "Opposes", "y"),
              ("2026-02-02", "Boris", "Supports", "z"),
              ("2026-02-10", "Chen", "Opposes", "x"), ("2026-02-10", "Chen", "Supports", "y")]


@pytest.fixture
def coded(tmp_path: Path) -> Path:
    return code_statements(tmp_path / "net.annotator", [
        (day, holder, "Head of state/government", 1 if stance == "Supports" else -1, target)
        for day, holder, stance, target in STATEMENTS])


def test_two_mode_graphml_reads_back_in_networkx(coded: Path, tmp_path: Path) -> None:
    out = tmp_path / "two.graphml"
    result = run("network", coded, "-o", out, "--qualifier", "combine")
    assert result.exit_code == 0, result.output
    assert "8 statements from 4 documents; 7 edges" in result.output
    graph = nx.read_graphml(out)
    names = {n: d["label"] for n, d in graph.nodes(data=True)}
    modes = {d["label"]: d["mode"] for _, d in graph.nodes(data=True)}
    assert modes == {"Ali": "actor", "Boris": "actor", "Chen": "actor", "x": "concept",
                     "y": "concept", "z": "concept"}
    edges = {(names[a], names[b]): d for a, b, d in graph.edges(data=True)}
    assert edges[("Ali", "x")]["weight"] == 2.0 and edges[("Ali", "x")]["qualifier"] == "positive"
    assert edges[("Chen", "x")]["qualifier"] == "negative"
    assert graph.graph["network"] == "two-mode on target"
    assert (graph.graph["start"], graph.graph["end"]) == ("2026-01-05", "2026-02-10")


def test_congruence_jaccard_csv_and_conflict_dl(coded: Path, tmp_path: Path) -> None:
    out = tmp_path / "cong.csv"
    assert run("network", coded, "-o", out, "--type", "congruence", "--normalize",
               "jaccard").exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["source"], r["target"], r["weight"]) for r in rows] == [
        ("Ali", "Boris", "0.666667")]
    dl = tmp_path / "conflict.dl"
    assert run("network", coded, "-o", dl, "--type", "conflict").exit_code == 0
    assert dl.read_text(encoding="utf-8").splitlines() == [
        "dl n=3", "format = fullmatrix", "labels:", '"Ali"', '"Boris"', '"Chen"', "data:",
        "0 0 2", "0 0 2", "2 2 0"]


def test_time_windows_write_one_graph_each_and_a_long_table(coded: Path,
                                                             tmp_path: Path) -> None:
    result = run("network", coded, "-o", tmp_path / "w.graphml", "--window", "30d",
                 "--step", "2w")
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in tmp_path.glob("w-*.graphml"))
    assert files == ["w-2026-01-05.graphml", "w-2026-01-19.graphml", "w-2026-02-02.graphml"]
    assert nx.read_graphml(tmp_path / "w-2026-02-02.graphml").graph["end"] == "2026-03-03"
    table = tmp_path / "w.csv"
    run("network", coded, "-o", table, "--window", "30d", "--step", "2w")
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert {r["start"] for r in rows} == {"2026-01-05", "2026-01-19", "2026-02-02"}


def test_filters_and_bad_options(coded: Path, tmp_path: Path) -> None:
    out = tmp_path / "feb.graphml"
    assert run("network", coded, "-o", out, "--from", "2026-02").exit_code == 0
    assert {d["label"] for _, d in nx.read_graphml(out).nodes(data=True)} >= {"Boris", "Chen"}
    assert "Ali" not in {d["label"] for _, d in nx.read_graphml(out).nodes(data=True)}
    only = tmp_path / "supports.csv"
    run("network", coded, "-o", only, "--label", "Supports")
    assert all(r["weight"] in ("1", "2") for r in csv.DictReader(only.open(encoding="utf-8")))
    bad = run("network", coded, "-o", tmp_path / "x.graphml", "--type", "congruence",
              "--normalize", "prominence")
    assert bad.exit_code != 0 and "normalises by" in bad.output
    assert run("network", coded, "-o", tmp_path / "x.txt").exit_code != 0
