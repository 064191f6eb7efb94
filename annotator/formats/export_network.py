"""Discourse networks from the spans: actor–narrative and actor–actor stance.

Nodes:

* an actor is its registry entity's name when the span points to one (so "supreme
  leader" and "Khamenei" are one node), else the span's text with runs of whitespace
  made one space (exact otherwise: "Russia" and "russia" are two nodes);
* a narrative is its label (a sub-narrative is its own node; ``category`` names the
  parent);
* a stance target that is a stance span is its text.

Edges:

* **actor–narrative** (undirected): an actor span and a narrative span of the same
  annotator co-occur when some sentence (``export_tokens.sentences``) overlaps both;
  overlapping spans always do. ``weight`` = number of co-occurring (actor span,
  narrative span) pairs, ``documents`` = number of documents with at least one.
* **actor–stance** (directed holder → target): for each stance span, every ``holder``
  link × every ``target`` link from it (a span or a registry entity) is one statement.
  ``type`` is the stance label, ``sign`` +1 for Supports, -1 for Opposes (the label or
  its parent), 0 otherwise; ``weight`` = number of statements. A stance without a
  holder or a target makes no edge (counted in a note).

Statements of several annotators add up: a note warns; choose one with ``--annotator``
or ``--gold``. The graph is aggregated in memory (its size grows with distinct nodes and
edges, not with the corpus), records still stream one at a time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from annotator.formats.export_common import (
    FormatSummary,
    Record,
    SpanRec,
    by_annotator,
    note_mixed_annotators,
    parent_or_self,
)
from annotator.formats.export_tokens import sentences

NodeKey = tuple[str, str]  # (kind, name)
EdgeKey = tuple[NodeKey, NodeKey, str]  # (source, target, type)
SIGNS = {"Supports": 1, "Opposes": -1}
ACTOR_NARRATIVE, ACTOR_STANCE = "actor-narrative", "actor-stance"


@dataclass
class EdgeStats:
    weight: int = 0
    sign: int | None = None
    documents: set[str] = field(default_factory=set)


@dataclass
class Network:
    kind: str
    nodes: dict[NodeKey, Counter[str]] = field(default_factory=dict)  # node -> categories
    edges: dict[EdgeKey, EdgeStats] = field(default_factory=dict)
    annotators: set[str] = field(default_factory=set)
    incomplete: int = 0  # stance spans without holder or target

    @property
    def directed(self) -> bool:
        return self.kind == ACTOR_STANCE

    def node(self, key: NodeKey, category: str = "") -> NodeKey:
        counts = self.nodes.setdefault(key, Counter())
        if category:
            counts[category] += 1
        return key

    def edge(self, key: EdgeKey, doc: str, sign: int | None = None) -> None:
        stats = self.edges.setdefault(key, EdgeStats(sign=sign))
        stats.weight += 1
        stats.documents.add(doc)

    def add(self, record: Record) -> None:
        if self.kind == ACTOR_NARRATIVE:
            _add_cooccurrences(self, record)
        else:
            _add_statements(self, record)

    def finish(self, summary: FormatSummary) -> None:
        summary.edges = len(self.edges)
        if self.incomplete:
            summary.notes.append(f"{self.incomplete} stance spans without both a holder and "
                                 f"a target made no edge")
        note_mixed_annotators(summary, self.annotators, "contributed edges, and their "
                                                        "counts add up")


def actor_name(span: SpanRec) -> str:
    entity = span.get("entity")
    return str(entity["name"]) if entity else " ".join(str(span["text"]).split())


def _span_node(net: Network, span: SpanRec) -> NodeKey:
    if span["layer"] == "actor":
        return net.node(("actor", actor_name(span)), span["label"])
    if span["layer"] == "narrative":
        return net.node(("narrative", span["label"]), parent_or_self(span))
    return net.node((str(span["layer"]), " ".join(str(span["text"]).split())), span["label"])


def _add_cooccurrences(net: Network, record: Record) -> None:
    for actor, narrative, annotator in cooccurrences(record):
        net.edge((_span_node(net, actor), _span_node(net, narrative), ACTOR_NARRATIVE),
                 record["id"])
        net.annotators.add(annotator)


def _add_statements(net: Network, record: Record) -> None:
    for holder, target, stance in stance_statements(record, lambda s: _span_node(net, s),
                                                    net.node):
        if holder is None or target is None:
            net.incomplete += 1
            continue
        net.edge((holder, target, stance["label"]), record["id"], stance_sign(stance))
        net.annotators.add(stance["annotator"])


def stance_statements(record: Record, span_node: Callable[[SpanRec], NodeKey],
                      entity_node: Callable[[NodeKey, str], NodeKey]
                      ) -> Iterator[tuple[NodeKey | None, NodeKey | None, SpanRec]]:
    """(holder, target, stance span) for every holder × target of every stance span of
    ``record``; a stance without a holder or a target comes once with None there."""
    spans = {s["id"]: s for s in record["spans"]}
    roles: dict[str, dict[str, list[NodeKey]]] = {}
    for link in record["links"]:
        source = spans.get(link["source"])
        if source is None or source["layer"] != "stance" or link["type"] not in (
                "holder", "target"):
            continue
        if "entity" in link:
            entity = link["entity"]
            end = entity_node(("actor", str(entity["name"])), str(entity.get("type") or ""))
        elif link.get("target") in spans:
            end = span_node(spans[link["target"]])
        else:
            continue
        roles.setdefault(source["id"], {}).setdefault(link["type"], []).append(end)
    for stance in record["spans"]:
        if stance["layer"] != "stance":
            continue
        found = roles.get(stance["id"], {})
        holders, targets = found.get("holder", []), found.get("target", [])
        if not holders or not targets:
            yield (holders[0] if holders else None), (targets[0] if targets else None), stance
            continue
        for holder in holders:
            for target in targets:
                yield holder, target, stance


def stance_sign(stance: SpanRec) -> int:
    """+1 for Supports, -1 for Opposes (the label or its parent), 0 otherwise."""
    return SIGNS.get(stance["label"], SIGNS.get(str(stance.get("parent")), 0))


def cooccurrences(record: Record) -> Iterator[tuple[SpanRec, SpanRec, str]]:
    """(actor span, narrative span, annotator) for each pair of one annotator's spans
    sharing a sentence (see the module's rules)."""
    sents = sentences(record["text"])
    starts, ends = [s for s, _ in sents], [e for _, e in sents]

    def reach(span: SpanRec) -> tuple[int, int]:  # first and last sentence it overlaps
        return bisect_right(ends, span["start"]), bisect_left(starts, span["end"]) - 1

    for annotator, spans in by_annotator(record["spans"]):
        actors = [(s, reach(s)) for s in spans if s["layer"] == "actor"]
        narratives = [(s, reach(s)) for s in spans if s["layer"] == "narrative"]
        for actor, (a0, a1) in actors:
            for narrative, (n0, n1) in narratives:
                if max(a0, n0) <= min(a1, n1):
                    yield actor, narrative, annotator
