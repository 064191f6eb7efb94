"""Discourse networks on a case worked out by hand, and GraphML that XML parsers read."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from annotator.core.model import Document, Entity, Link
from annotator.formats.export_common import ExportOptions
from annotator.formats.export_formats import write_stream
from annotator.formats.jsonl_export import ExportFilter
from annotator.store import Project

from .export_helpers import add, export

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}
DOC_A = ("Russia backs Iran. The West plots a colour revolution.\n"
         "IRGC denies it. Protesters resist.\n")
DOC_B = "Russia warns. Foreign plots everywhere.\n"
DANA = ExportFilter(annotators=("Dana",))


@pytest.fixture
def crafted(project: Project) -> Project:
    """Dana codes two documents; Omid codes one actor and one narrative (ignored when the
    export is Dana's)."""
    a, _ = project.add_document(Document(title="A", text=DOC_A))
    b, _ = project.add_document(Document(title="B", text=DOC_B))
    dana, omid = project.annotator("Dana").id, project.annotator("Omid").id
    russia = project.insert_entity(Entity(name="Russia", type="state"))
    west = project.insert_entity(Entity(name="The West", type="bloc"))
    ru = add(project, a, dana, "actor", "State/Government", "Russia", entity_id=russia.id)
    iran = add(project, a, dana, "actor", "State/Government", "Iran")
    add(project, a, dana, "narrative", "Colour revolution",
        "Russia backs Iran. The West plots a colour revolution")  # sentences 1-2
    irgc = add(project, a, dana, "actor", "Security forces", "IRGC")
    add(project, a, dana, "actor", "Protesters/Civil society", "Protesters")
    add(project, a, dana, "narrative", "Popular sovereignty and dissent", "Protesters resist")
    backs = add(project, a, dana, "stance", "Supports", "backs")
    denies = add(project, a, dana, "stance", "Opposes", "denies")
    plots = add(project, a, dana, "stance", "Neutral/ambivalent", "plots")
    ru_b = add(project, b, dana, "actor", "Other actor", "Russia")  # no entity: text "Russia"
    add(project, b, dana, "narrative", "Colour revolution", "Russia warns")
    add(project, b, dana, "narrative", "Colour revolution", "Foreign plots")  # other sentence
    warns = add(project, b, dana, "stance", "Opposes", "warns")
    add(project, a, omid, "actor", "Other actor", "IRGC")
    add(project, a, omid, "narrative", "Colour revolution", "IRGC denies it")
    for stance, kind, span, entity in [
            (backs, "holder", ru, None), (backs, "target", iran, None),
            (denies, "holder", irgc, None), (denies, "target", None, west),
            (plots, "holder", irgc, None),  # no target: no edge
            (warns, "holder", ru_b, None), (warns, "target", None, west)]:
        assert stance.id is not None
        project.insert_link(Link(source_id=stance.id, type=kind,
                                 target_id=span.id if span else None,
                                 target_entity_id=entity.id if entity else None))
    return project


def edge_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def test_actor_narrative_edges_join_actors_and_narratives_sharing_a_sentence(
        crafted: Project) -> None:
    data = export(crafted, "network-csv", DANA, ExportOptions(network="actor-narrative"))
    assert edge_rows(data) == [
        ["source", "target", "type", "weight", "documents"],
        ["Iran", "Colour revolution", "actor-narrative", "1", "1"],
        ["Protesters", "Popular sovereignty and dissent", "actor-narrative", "1", "1"],
        # doc A through the entity "Russia", doc B through the text "Russia"
        ["Russia", "Colour revolution", "actor-narrative", "2", "2"]]


def test_actor_stance_edges_are_signed_statements_from_holder_to_target(
        crafted: Project) -> None:
    out = io.BytesIO()
    summary = write_stream(crafted, "network-csv", out, DANA,
                           ExportOptions(network="actor-stance"))
    assert edge_rows(out.getvalue()) == [
        ["source", "target", "type", "sign", "weight", "documents"],
        ["IRGC", "The West", "Opposes", "-1", "1", "1"],
        ["Russia", "Iran", "Supports", "1", "1", "1"],
        ["Russia", "The West", "Opposes", "-1", "1", "1"]]
    assert summary.edges == 3
    assert summary.notes == ["1 stance spans without both a holder and a target made no edge"]


def test_mixing_annotators_is_announced(crafted: Project) -> None:
    out = io.BytesIO()
    summary = write_stream(crafted, "network-csv", out, options=ExportOptions(
        network="actor-narrative"))
    rows = edge_rows(out.getvalue())
    assert ["IRGC", "Colour revolution", "actor-narrative", "1", "1"] in rows  # Omid's
    assert summary.notes[-1].startswith("2 annotators (Dana, Omid) contributed edges")


def graph(data: bytes) -> tuple[ET.Element, dict[str, dict[str, str]], list[dict[str, str]]]:
    root = ET.fromstring(data)
    g = root.find("g:graph", NS)
    assert g is not None
    nodes = {n.get("id", ""): {d.get("key", ""): d.text or "" for d in n.findall("g:data", NS)}
             for n in g.findall("g:node", NS)}
    edges = [{"source": e.get("source", ""), "target": e.get("target", ""),
              **{d.get("key", ""): d.text or "" for d in e.findall("g:data", NS)}}
             for e in g.findall("g:edge", NS)]
    return g, nodes, edges


def test_graphml_holds_the_same_network_with_typed_keys(crafted: Project) -> None:
    data = export(crafted, "graphml", DANA, ExportOptions(network="actor-stance"))
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    g, nodes, edges = graph(data)
    assert g.get("edgedefault") == "directed"
    keys = {k.get("id"): (k.get("for"), k.get("attr.type"))
            for k in ET.fromstring(data).findall("g:key", NS)}
    assert keys["weight"] == ("edge", "double") and keys["label"] == ("node", "string")
    named = {(nodes[e["source"]]["label"], nodes[e["target"]]["label"], e["type"], e["sign"],
              e["weight"]) for e in edges}
    assert named == {("IRGC", "The West", "Opposes", "-1", "1"),
                     ("Russia", "Iran", "Supports", "1", "1"),
                     ("Russia", "The West", "Opposes", "-1", "1")}
    by_label = {n["label"]: n for n in nodes.values()}
    assert by_label["The West"] == {"label": "The West", "kind": "actor", "category": "bloc"}
    # "Russia": a State/Government span (via its entity) and an Other actor span tie;
    # the tie goes to the name first in order
    assert by_label["Russia"]["category"] == "Other actor"


def test_graphml_escapes_names_and_replaces_what_xml_cannot_carry(project: Project) -> None:
    text = 'A <b>&"Q"\x01\ufffe actor and its story.\n'
    doc, _ = project.add_document(Document(title="x", text=text))
    dana = project.annotator("Dana").id
    add(project, doc, dana, "actor", "Other actor", 'A <b>&"Q"\x01\ufffe actor')
    add(project, doc, dana, "narrative", "Colour revolution", "its story")
    data = export(project, "graphml", options=ExportOptions(network="actor-narrative"))
    g, nodes, edges = graph(data)
    assert g.get("edgedefault") == "undirected"
    assert {n["label"] for n in nodes.values()} == {'A <b>&"Q"\ufffd\ufffd actor',
                                                    "Colour revolution"}
    assert {n["kind"] for n in nodes.values()} == {"actor", "narrative"}
    assert len(edges) == 1 and edges[0]["weight"] == "1" and edges[0]["documents"] == "1"


def test_the_old_graphml_exports_read_in_igraph(crafted: Project, tmp_path: Path) -> None:
    """The two simple edge lists, as GraphML, read with igraph (R's reader) too."""
    import igraph

    for network, directed in (("actor-stance", True), ("actor-narrative", False)):
        path = tmp_path / f"{network}.graphml"
        path.write_bytes(export(crafted, "graphml", DANA, ExportOptions(network=network)))
        g = igraph.Graph.Read_GraphML(str(path))
        assert g.is_directed() is directed
        assert {"label", "kind", "category"} <= set(g.vs.attributes())
        assert "weight" in g.es.attributes()
        if directed:
            assert {(g.vs[e.source]["label"], g.vs[e.target]["label"], e["weight"])
                    for e in g.es} == {("IRGC", "The West", 1.0), ("Russia", "Iran", 1.0),
                                       ("Russia", "The West", 1.0)}
