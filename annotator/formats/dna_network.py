"""DNA-style networks of a project (issue 12): statements read from the export records,
built by ``core.networks``, written as GraphML, an edge CSV or a UCINET DL matrix.

Statements: ``on="target"``: each stance span's holder × target (``export_network``'s
rules: an actor is its registry name, else its text), qualifier +1 Supports, -1 Opposes
(or their sub-labels), 0 otherwise; ``on="narrative"``: an actor and a narrative of one
annotator sharing a sentence, qualifier 0. The document's ``meta.date`` dates it.

GraphML (one file per network, read by networkx and igraph): graph attributes
``network`` (the type), ``normalize``, ``start`` and ``end`` (the time window, or the
dates of the statements); nodes ``label``, ``mode`` (``actor`` or ``concept``; in a
two-mode network an actor that is also a target is two nodes), ``category`` (the label
most given), ``statements``; edges ``weight`` (double), ``statements`` (int) and, with
``combine``, ``qualifier``.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any
from xml.sax.saxutils import XMLGenerator

from annotator.core.docfilter import BoxQuery, DocumentFilter, document_day
from annotator.core.errors import InputError
from annotator.core.networks import (
    Edge,
    Statement,
    dedupe,
    one_mode,
    time_windows,
    two_mode,
)
from annotator.formats.export_common import FormatSummary, Record, records
from annotator.formats.export_graph import (
    GRAPHML_NS,
    _category,
    _data,
    _empty,
    _start,
    end_graphml,
)
from annotator.formats.export_network import (
    SIGNS,
    actor_name,
    cooccurrences,
    stance_sign,
    stance_statements,
)
from annotator.formats.jsonl_export import ExportFilter
from annotator.store import Project

CONCEPT_ON = ("target", "narrative")


@dataclass
class Statements:
    """Statements with what the writers say about their nodes."""

    items: list[Statement] = field(default_factory=list)
    categories: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    incomplete: int = 0  # stance spans without holder or target
    annotators: set[str] = field(default_factory=set)

    def category(self, mode: str, name: str, value: str, times: int = 1) -> None:
        if value:
            self.categories.setdefault((mode, name), Counter())[value] += times

    def add(self, record: Record, on: str) -> None:
        day = document_day(record.get("meta") or {})
        doc = str(record["id"])
        if on == "narrative":
            for actor, narrative, annotator in cooccurrences(record):
                name = actor_name(actor)
                self.category("actor", name, str(actor["label"]))
                label = str(narrative["label"])
                self.items.append(Statement(doc, day, name, label, 0, label))
                self.annotators.add(annotator)
            return
        kinds: dict[tuple[str, str], str] = {}

        def span_node(span: dict[str, object]) -> tuple[str, str]:
            key = ("actor", actor_name(span)) if span["layer"] == "actor" else (
                str(span["layer"]), " ".join(str(span["text"]).split()))
            kinds[key] = str(span["label"])
            return key

        def entity_node(key: tuple[str, str], kind: str) -> tuple[str, str]:
            kinds.setdefault(key, kind)
            return key

        for holder, target, stance in stance_statements(record, span_node, entity_node):
            if holder is None or target is None:
                self.incomplete += 1
                continue
            self.category("actor", holder[1], kinds.get(holder, ""))
            self.category("concept", target[1], kinds.get(target, ""))
            self.items.append(Statement(doc, day, holder[1], target[1], stance_sign(stance),
                                        str(stance["label"])))
            self.annotators.add(str(stance["annotator"]))


def project_statements(project: Project, on: str, *, annotators: Sequence[str] = (),
                       gold: bool = False, where: DocumentFilter | BoxQuery | None = None
                       ) -> tuple[Statements, int]:
    """The statements of ``project`` (and how many documents were read): stance
    statements in one query, narrative co-occurrences from the export records.
    ``where`` chooses documents: the command line's ``--where/--from/--to``, or the
    network view's box (``outlet:TASS date:2026-01..2026-02``; its free words are not
    used)."""
    chosen = [n for n in annotators]
    if gold:
        chosen.append(project.gold().name)
    ids: dict[str, int] = {a.name: a.id for a in project.annotators() if a.id is not None}
    unknown = [n for n in chosen if n not in ids]
    if unknown:
        raise InputError(f"no annotator named {unknown[0]!r}")
    chooses = _chooser(where)
    keep = None
    if chooses is not None:
        keep = {doc_id for doc_id, _, meta in project.document_metas_from(0)
                if chooses(meta)}
    if on == "narrative":
        summary = FormatSummary()
        if isinstance(where, BoxQuery):  # the view's box: checked on each record
            read = records(project, ExportFilter(annotators=tuple(annotators), gold=gold),
                           summary)
            kept = [r for r in read if chooses is None or chooses(r.get("meta") or {})]
            return read_statements(kept, on), len(kept)
        found = read_statements(records(project, ExportFilter(
            annotators=tuple(annotators), gold=gold, where=where or DocumentFilter()),
            summary), on)
        return found, summary.documents
    if on not in CONCEPT_ON:
        raise InputError(f"--on is one of {', '.join(CONCEPT_ON)}")
    annotator_ids = [ids[n] for n in chosen] or None
    found = Statements()
    documents: set[int] = set()
    names: dict[str, str] = {}  # as written -> white space made one space (names repeat)
    seen: Counter[tuple[str, str, str, str]] = Counter()
    append = found.items.append
    for (doc_id, uuid, day, who, label, parent, h_name, h_cat, t_name,
         t_cat) in project.stance_statement_rows(annotator_ids):
        if keep is not None and doc_id not in keep:
            continue
        documents.add(doc_id)
        holder = names.get(h_name) or names.setdefault(h_name, " ".join(h_name.split()))
        target = names.get(t_name) or names.setdefault(t_name, " ".join(t_name.split()))
        seen[(holder, h_cat or "", target, t_cat or "")] += 1
        append(Statement(uuid, day or None, holder, target,
                         SIGNS.get(label, SIGNS.get(parent, 0)), label))
        found.annotators.add(who)
    for (holder, h_cat, target, t_cat), n in seen.items():
        found.category("actor", holder, h_cat, n)
        found.category("concept", target, t_cat, n)
    found.incomplete = sum(1 for doc_id, _ in project.incomplete_stances(annotator_ids)
                           if keep is None or doc_id in keep)
    return found, len(documents)


def _chooser(where: DocumentFilter | BoxQuery | None
             ) -> Callable[[Mapping[str, Any]], bool] | None:
    if where is None:
        return None
    if isinstance(where, BoxQuery):
        return where.matches_meta if where.on_metadata else None
    return None if where.is_empty else where.matches


def read_statements(records: Iterable[Record], on: str) -> Statements:
    if on not in CONCEPT_ON:
        raise ValueError(f"--on is one of {', '.join(CONCEPT_ON)}")
    found = Statements()
    for record in records:
        found.add(record, on)
    return found


@dataclass(frozen=True)
class Built:
    """One network ready to write."""

    edges: list[Edge]
    two_mode: bool
    attrs: dict[str, str]  # graph attributes: network, normalize, start, end
    statements: int = 0  # how many statements it was built from


# (first day, last day, statements) of one network: a time window, or all of them.
Period = tuple[str, str, list[Statement]]


def build_networks(found: Statements, kind: str, on: str, *, qualifier: str | None = None,
                   normalize: str = "none", duplicates: str = "include",
                   labels: Sequence[str] = (), window: tuple[int, int] | None = None
                   ) -> tuple[list[Statement], list[Built]]:
    """The statements kept (by ``labels``, then ``duplicates``) and the network of each
    time window (``window`` = (days, step)), or one network over all of them. The
    command line builds here; the window's network view calls the two steps itself, to
    build only the window it shows. ``qualifier`` defaults to ignore for two-mode and
    combine for one-mode; a bad mix raises ``InputError``."""
    statements, periods = network_periods(found, duplicates=duplicates, labels=labels,
                                          window=window)
    return statements, [build_network(period, kind, on, qualifier=qualifier,
                                      normalize=normalize, duplicates=duplicates,
                                      window=window) for period in periods]


def network_periods(found: Statements, *, duplicates: str = "include",
                    labels: Sequence[str] = (), window: tuple[int, int] | None = None
                    ) -> tuple[list[Statement], list[Period]]:
    """The statements kept and the periods to build a network of (cheap: no network is
    built)."""
    statements = [s for s in found.items if not labels or s.label in labels]
    statements = dedupe(statements, duplicates)
    periods = (time_windows(statements, *window) if window
               else [(_first_day(statements), _last_day(statements), statements)])
    return statements, periods


def build_network(period: Period, kind: str, on: str, *, qualifier: str | None = None,
                  normalize: str = "none", duplicates: str = "include",
                  window: tuple[int, int] | None = None) -> Built:
    """The network of one period, with the graph attributes the writers put out."""
    start, end, chosen = period
    aggregation = qualifier or ("ignore" if kind == "two-mode" else "combine")
    try:
        edges = (two_mode(chosen, aggregation, normalize) if kind == "two-mode"
                 else one_mode(chosen, kind, aggregation, normalize))
    except ValueError as exc:
        raise InputError(str(exc)) from None
    attrs = {"network": f"{kind} on {on}", "qualifier": aggregation,
             "normalize": normalize, "duplicates": duplicates, "start": start,
             "end": end, **({"window": f"{window[0]}d"} if window else {})}
    return Built(edges, kind == "two-mode", attrs, len(chosen))


def _first_day(statements: list[Statement]) -> str:
    return min((str(s.day)[:10] for s in statements if s.day), default="")


def _last_day(statements: list[Statement]) -> str:
    return max((str(s.day)[:10] for s in statements if s.day), default="")


def _nodes(built: Built) -> list[tuple[str, str]]:
    """(mode, name) of every node, actors first."""
    if built.two_mode:
        actors = sorted({e.source for e in built.edges})
        concepts = sorted({e.target for e in built.edges})
        return [("actor", a) for a in actors] + [("concept", c) for c in concepts]
    return [("actor", a) for a in sorted({e.source for e in built.edges}
                                         | {e.target for e in built.edges})]


def write_graphml(built: Built, found: Statements, out: IO[bytes]) -> None:
    xml = XMLGenerator(out, encoding="utf-8", short_empty_elements=True)
    xml.startDocument()
    _start(xml, "graphml", {"xmlns": GRAPHML_NS})
    xml.ignorableWhitespace("\n")
    keys = [(name, "graph", "string") for name in built.attrs] + [
        ("label", "node", "string"), ("mode", "node", "string"),
        ("category", "node", "string"), ("statements", "node", "int"),
        ("weight", "edge", "double"), ("statements", "edge", "int")]
    if any(e.qualifier for e in built.edges):
        keys.append(("qualifier", "edge", "string"))
    for name, domain, kind in keys:
        _empty(xml, "key", {"id": f"{domain[0]}_{name}", "for": domain, "attr.name": name,
                            "attr.type": kind})
        xml.ignorableWhitespace("\n")
    _start(xml, "graph", {"id": built.attrs.get("network", "network"),
                          "edgedefault": "undirected"})
    for name, value in built.attrs.items():
        _data(xml, f"g_{name}", value)
    xml.ignorableWhitespace("\n")
    counts: Counter[tuple[str, str]] = Counter()
    for e in built.edges:
        counts[("actor", e.source)] += e.statements
        counts[("concept" if built.two_mode else "actor", e.target)] += e.statements
    ids: dict[tuple[str, str], str] = {}
    for n, key in enumerate(_nodes(built)):
        ids[key] = f"n{n}"
        _start(xml, "node", {"id": ids[key]})
        _data(xml, "n_label", key[1])
        _data(xml, "n_mode", key[0])
        _data(xml, "n_category", _category(found.categories.get(key, Counter())))
        _data(xml, "n_statements", str(counts[key]))
        xml.endElement("node")
        xml.ignorableWhitespace("\n")
    target_mode = "concept" if built.two_mode else "actor"
    for n, e in enumerate(built.edges):
        _start(xml, "edge", {"id": f"e{n}", "source": ids[("actor", e.source)],
                             "target": ids[(target_mode, e.target)]})
        _data(xml, "e_weight", _number(e.weight))
        _data(xml, "e_statements", str(e.statements))
        if e.qualifier:
            _data(xml, "e_qualifier", e.qualifier)
        xml.endElement("edge")
        xml.ignorableWhitespace("\n")
    end_graphml(xml)


CSV_FIELDS = ("source", "target", "weight", "statements", "qualifier")


def write_csv(networks: Sequence[Built], out: IO[bytes]) -> None:
    """One edge per line; with time windows a long table (``start``, ``end`` first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    windowed = len(networks) > 1 or "window" in (networks[0].attrs if networks else {})
    writer.writerow((["start", "end"] if windowed else []) + list(CSV_FIELDS))
    for built in networks:
        when = [built.attrs.get("start", ""), built.attrs.get("end", "")] if windowed else []
        for e in built.edges:
            writer.writerow([*when, e.source, e.target, _number(e.weight), e.statements,
                             e.qualifier])
    out.write(buffer.getvalue().encode("utf-8"))


def write_dl(built: Built, out: IO[bytes]) -> None:
    """A UCINET DL full matrix (as DNA writes): rows actors, columns concepts (two-mode)
    or actors (one-mode, symmetric)."""
    nodes = _nodes(built)
    rows = [name for mode, name in nodes if mode == "actor"]
    cols = [name for mode, name in nodes if mode == "concept"] if built.two_mode else rows
    value = {(e.source, e.target): e.weight for e in built.edges}
    if not built.two_mode:
        value.update({(t, s): w for (s, t), w in list(value.items())})
    lines = [f"dl nr={len(rows)}, nc={len(cols)}" if built.two_mode else f"dl n={len(rows)}",
             "format = fullmatrix", "row labels:" if built.two_mode else "labels:",
             *(_quoted(r) for r in rows)]
    if built.two_mode:
        lines += ["column labels:", *(_quoted(c) for c in cols)]
    lines.append("data:")
    lines += [" ".join(_number(value.get((r, c), 0)) for c in cols) for r in rows]
    out.write(("\n".join(lines) + "\n").encode("utf-8"))


def _quoted(label: str) -> str:
    return '"' + " ".join(label.replace('"', "'").split()) + '"'


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.6g}"
