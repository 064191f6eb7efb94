"""``annotator network`` on a coded project: the statements behind the module's hand
example, written as GraphML (read back with networkx), CSV, DL, and per time window."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest

from tests.cli.helpers import run

from .network_fixture import code_sample_articles, code_statements

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


COMBINATIONS = [("two-mode", norm) for norm in ("none", "activity", "prominence")] + [
    (kind, norm) for kind in ("congruence", "conflict", "subtract")
    for norm in ("none", "average", "jaccard", "cosine")]


@pytest.mark.parametrize(("kind", "normalize"), COMBINATIONS)
def test_every_graphml_reads_the_same_in_igraph(coded: Path, tmp_path: Path, kind: str,
                                                normalize: str) -> None:
    """igraph's reader (the C core R's ``igraph::read_graph`` uses) sees the documented
    attributes and the same weights as networkx, names with ZWNJ and a flag included."""
    import igraph

    code_statements(coded, [("2026-03-01", "خامنه‌ای", "Head of state/government", -1, "x"),
                            ("2026-03-01", "🇺🇦 Kyiv", "State/Government", 1, "y")])
    out = tmp_path / f"{kind}-{normalize}.graphml"
    result = run("network", coded, "-o", out, "--type", kind, "--normalize", normalize,
                 "--qualifier", "combine")
    assert result.exit_code == 0, result.output
    ig = igraph.Graph.Read_GraphML(str(out))
    nxg = nx.read_graphml(out)
    assert set(ig.attributes()) >= {"network", "normalize", "start", "end"}
    assert ig["network"] == f"{kind} on target" and ig["normalize"] == normalize
    assert set(ig.vs.attributes()) >= {"label", "mode", "category", "statements"}
    assert set(ig.es.attributes()) >= {"weight", "statements"}
    assert ig.vcount() == nxg.number_of_nodes() and ig.ecount() == nxg.number_of_edges() > 0
    names = {n: d["label"] for n, d in nxg.nodes(data=True)}
    from_nx = {frozenset((names[a], names[b])): d["weight"] for a, b, d in nxg.edges(data=True)}
    from_ig = {frozenset((ig.vs[e.source]["label"], ig.vs[e.target]["label"])): e["weight"]
               for e in ig.es}
    assert from_ig == pytest.approx(from_nx)
    if kind == "two-mode":
        assert "خامنه‌ای" in ig.vs["label"] and "🇺🇦 Kyiv" in ig.vs["label"]
        assert {v["mode"] for v in ig.vs} == {"actor", "concept"}


def test_windowed_graphml_reads_in_igraph_with_its_time(coded: Path, tmp_path: Path) -> None:
    import igraph

    assert run("network", coded, "-o", tmp_path / "w.graphml", "--type", "congruence",
               "--window", "30d", "--step", "2w").exit_code == 0
    for path in sorted(tmp_path.glob("w-*.graphml")):
        graph = igraph.Graph.Read_GraphML(str(path))
        assert path.stem == f"w-{graph['start']}" and graph["window"] == "30d"
        assert graph["end"] > graph["start"]


def test_the_sample_articles_coded_make_the_readme_network(tmp_path: Path) -> None:
    """The README picture's data: two blocs, checked by hand. Russia (registry name of
    "Russia" and "Moscow") and Shoigu take the same side on the Iranian government and on
    the foreign-interference claim (congruence 2, conflict 0); Trump opposes the
    crackdown Russia supports and supports the protests Russia opposes (conflict 2)."""
    path = code_sample_articles(tmp_path / "sample.annotator")
    out = tmp_path / "sample.csv"
    result = run("network", path, "-o", out, "--type", "subtract")
    assert "19 statements from 2 documents" in result.output
    weights = {(r["source"], r["target"]): r["weight"]
               for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert weights[("Russian Federation", "Sergei Shoigu")] == "2"
    assert weights[("Donald Trump", "Russian Federation")] == "-2"
    assert weights[("Donald Trump", "Volodymyr Zelensky")] == "1"


def narratives_over(path: Path, days: dict[str, str]) -> None:
    """A narrative span over the first sentence of the document of each day."""
    from annotator.core.model import Span
    from annotator.store import Project

    with Project.open(path) as p:
        dana = p.annotator("Dana").id or 0
        labels = {lab.name: lab.id or 0 for lab in p.labels()}
        for doc in p.iter_documents():
            if doc.title in days:
                end = doc.text.index(".") + 1
                p.insert_span(Span(doc_id=doc.id or 0, annotator_id=dana,
                                   label_id=labels[days[doc.title]], start=0, end=end,
                                   text=doc.text[:end]))


def test_narrative_networks_with_a_date_filter(coded: Path, tmp_path: Path) -> None:
    narratives_over(coded, {"2026-01-05": "Colour revolution",
                            "2026-02-02": "Regime resilience"})
    out = tmp_path / "n.csv"
    result = run("network", coded, "-o", out, "--on", "narrative")
    assert result.exit_code == 0, result.output
    rows = [(r["source"], r["target"]) for r in csv.DictReader(out.open(encoding="utf-8"))]
    assert rows == [("Ali", "Colour revolution"), ("Boris", "Regime resilience")]
    result = run("network", coded, "-o", out, "--on", "narrative", "--from", "2026-02")
    assert "1 statement from 2 documents" in result.output  # the two of February
    rows = [(r["source"], r["target"]) for r in csv.DictReader(out.open(encoding="utf-8"))]
    assert rows == [("Boris", "Regime resilience")]
