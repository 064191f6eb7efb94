"""Writing a ``Network`` (``export_network``) as an edge-list CSV or as GraphML.

* CSV (UTF-8, header): ``source, target, type, weight, documents`` (actor–stance adds
  ``sign`` before ``weight``); source and target are node names (an actor's name, a
  narrative label). R: ``igraph::graph_from_data_frame(read.csv(f))``.
* GraphML (``xml.sax.saxutils.XMLGenerator``, so every name is escaped; characters XML
  cannot carry become U+FFFD): nodes ``n0…`` with ``label``, ``kind`` (actor, narrative)
  and ``category`` (the actor label most often given, the parent narrative); edges with
  ``type``, ``weight``, ``documents`` (and ``sign``). Gephi reads ``label`` and
  ``weight``; ``igraph.read_graph(f, format="graphml")`` reads them all. In GraphML an
  actor and a narrative with the same name stay two nodes; in the CSV they share a name.
"""

from __future__ import annotations

import csv
import io
from typing import IO
from xml.sax.saxutils import XMLGenerator
from xml.sax.xmlreader import AttributesImpl

from annotator.formats.export_common import xml_safe
from annotator.formats.export_network import ACTOR_STANCE, EdgeKey, Network, NodeKey

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


def _sorted_edges(net: Network) -> list[EdgeKey]:
    return sorted(net.edges, key=lambda k: (k[0][1], k[1][1], k[2], k[0][0], k[1][0]))


def write_edge_csv(net: Network, out: IO[bytes]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    stance = net.kind == ACTOR_STANCE
    writer.writerow(["source", "target", "type", *(["sign"] if stance else []), "weight",
                     "documents"])
    for key in _sorted_edges(net):
        stats = net.edges[key]
        writer.writerow([key[0][1], key[1][1], key[2], *([stats.sign] if stance else []),
                         stats.weight, len(stats.documents)])
    out.write(buffer.getvalue().encode("utf-8"))


def _category(counts: dict[str, int]) -> str:
    # The most frequent; ties go to the name first in sort order, so output is stable.
    return min(counts, key=lambda c: (-counts[c], c)) if counts else ""


def write_graphml(net: Network, out: IO[bytes]) -> None:
    xml = XMLGenerator(out, encoding="utf-8", short_empty_elements=True)
    xml.startDocument()
    _start(xml, "graphml", {"xmlns": GRAPHML_NS})
    xml.ignorableWhitespace("\n")
    keys = [("label", "node", "string"), ("kind", "node", "string"),
            ("category", "node", "string"), ("type", "edge", "string"),
            ("weight", "edge", "double"), ("documents", "edge", "int")]
    if net.kind == ACTOR_STANCE:
        keys.append(("sign", "edge", "int"))
    for name, domain, kind in keys:
        _empty(xml, "key", {"id": name, "for": domain, "attr.name": name, "attr.type": kind})
        xml.ignorableWhitespace("\n")
    _start(xml, "graph", {"id": net.kind,
                               "edgedefault": "directed" if net.directed else "undirected"})
    xml.ignorableWhitespace("\n")
    ids: dict[NodeKey, str] = {}
    for n, key in enumerate(sorted(net.nodes)):
        ids[key] = f"n{n}"
        _start(xml, "node", {"id": ids[key]})
        _data(xml, "label", key[1])
        _data(xml, "kind", key[0])
        _data(xml, "category", _category(net.nodes[key]))
        xml.endElement("node")
        xml.ignorableWhitespace("\n")
    for n, edge in enumerate(_sorted_edges(net)):
        stats = net.edges[edge]
        _start(xml, "edge", {"id": f"e{n}", "source": ids[edge[0]],
                                  "target": ids[edge[1]]})
        _data(xml, "type", edge[2])
        _data(xml, "weight", str(stats.weight))
        _data(xml, "documents", str(len(stats.documents)))
        if stats.sign is not None:
            _data(xml, "sign", str(stats.sign))
        xml.endElement("edge")
        xml.ignorableWhitespace("\n")
    end_graphml(xml)


def end_graphml(xml: XMLGenerator) -> None:
    """Close the graph, the document and the file's last line."""
    xml.endElement("graph")
    xml.ignorableWhitespace("\n")
    xml.endElement("graphml")
    xml.ignorableWhitespace("\n")
    xml.endDocument()


def _start(xml: XMLGenerator, name: str, attrs: dict[str, str]) -> None:
    xml.startElement(name, AttributesImpl(attrs))


def _empty(xml: XMLGenerator, name: str, attrs: dict[str, str]) -> None:
    _start(xml, name, attrs)
    xml.endElement(name)


def _data(xml: XMLGenerator, key: str, value: str) -> None:
    _start(xml, "data", {"key": key})
    xml.characters(xml_safe(value))
    xml.endElement("data")
