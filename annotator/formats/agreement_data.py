"""Read a project into the plain inputs of ``annotator.core.agreement``.

Usage::

    data = load_agreement_input(project, annotators=["Ana", "Ben"], layers=["actor"])
    report = build_report(data)

Who counts as having coded a document: an annotator with at least one span in it (of
any label, whatever the layers and labels compared), or who marked it done. Anyone else
gives missing values there (see ``DocInput``), so a colleague who has only coded half
the corpus is compared on that half. Someone who coded a document and marked nothing of
label L there said "no L here": filtering the report to L must not turn that statement
into a missing value.

The labels in scope (unless named) are those someone in the project used, whoever is
compared: so a figure for two annotators is the same whether they are compared alone or
as a pair within a larger group, and the same under a layer or label filter as in the
unfiltered report's row for that layer or label.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.agreement.inputs import (
    AgreementInput,
    DocInput,
    LabelKey,
    Progress,
    SpanRecord,
    no_progress,
)
from annotator.core.docfilter import DocumentFilter
from annotator.core.errors import InputError
from annotator.core.model import LAYERS, Annotator, Label
from annotator.store import Project

_EVERY = 100  # documents between two progress reports


def load_agreement_input(project: Project, *, annotators: Sequence[str] | None = None,
                         layers: Sequence[str] | None = None,
                         labels: Sequence[str] | None = None,
                         where: DocumentFilter | None = None,
                         progress: Progress = no_progress) -> AgreementInput:
    """Documents, spans and coders of ``project`` for the chosen annotators.

    ``annotators`` default to every annotator but gold who has a span; gold may be
    named like anyone else. ``labels`` are label names, or ``layer:name`` where a name
    exists in two layers. Without ``labels``, the labels in scope are those anyone in the
    project used (within ``layers``, if given), in scheme order. ``where`` keeps only
    the documents whose metadata it matches (outlet, date…): the others are not
    compared at all. Unknown names raise ``InputError``.
    """
    path = str(project.path or ":memory:")
    chosen = _annotators(project, path, annotators)
    layer_names = [spec.name for spec in project.layers()]
    if layers:
        unknown = [x for x in layers if x not in layer_names]
        if unknown:
            raise InputError(f"no layer called {', '.join(map(repr, unknown))}; this project "
                             f"has {', '.join(layer_names)}", path=path)
    in_layers = _scheme_order([lab for lab in project.labels()
                               if not layers or lab.layer in layers])
    wanted = _named_labels(in_layers, labels, path) if labels else None
    key_of = {lab.id: LabelKey(lab.layer, lab.name) for lab in in_layers}
    label_ids = [i for i, key in key_of.items()
                 if i is not None and (wanted is None or key in wanted)]
    name_of = {a.id: a.name for a in chosen}
    ann_ids = [a.id for a in chosen if a.id is not None]
    names = {i: (key.layer, key.name) for i, key in key_of.items()}
    by_doc: dict[int, list[SpanRecord]] = {}
    current: list[SpanRecord] = []
    last_doc = None
    progress("loading", 0, 1)
    for doc_id, ann_id, label_id, start, end in project.agreement_spans(ann_ids, label_ids):
        if doc_id != last_doc:  # rows come grouped by document
            current = by_doc.setdefault(doc_id, [])
            last_doc = doc_id
        layer, name = names[label_id]
        current.append(SpanRecord(name_of[ann_id], layer, name, start, end))
    coded: dict[int, set[str]] = {}
    for doc_id, ann_id in (*project.documents_done_by(ann_ids),
                           *project.documents_with_spans_by(ann_ids)):
        coded.setdefault(doc_id, set()).add(name_of[ann_id])
    total = project.document_count()
    docs: list[DocInput] = []
    for n, doc in enumerate(project.iter_documents(), start=1):
        assert doc.id is not None
        if where is None or where.matches(doc.meta):
            spans = tuple(by_doc.get(doc.id, ()))
            coders = frozenset(coded.get(doc.id, ()))
            docs.append(DocInput(doc.uuid, doc.text, spans, doc.title, coders))
        if n % _EVERY == 0:
            progress("loading", n, total)
    progress("loading", total, total)
    # Named labels are reported even if unused; otherwise the labels anyone used.
    used = project.labels_in_use()
    keys = wanted if wanted is not None else tuple(
        key_of[lab.id] for lab in in_layers if lab.id in used)
    # Sub-label -> parent, so the report adds parent-level (pooled) figures.
    parents = {key_of[lab.id]: key_of[lab.parent_id] for lab in in_layers
               if lab.parent_id in key_of}
    return AgreementInput(docs, tuple(a.name for a in chosen), keys, parents=parents)


def _annotators(project: Project, path: str, names: Sequence[str] | None) -> list[Annotator]:
    everyone = project.annotators()
    if names is None:
        with_spans = project.annotators_with_spans()
        return sorted((a for a in everyone if not a.is_gold and a.id in with_spans),
                      key=lambda a: a.name)
    by_name = {a.name: a for a in everyone}
    wanted = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    missing = [n for n in wanted if n not in by_name]
    if missing:
        known = ", ".join(a.name for a in everyone) or "none"
        raise InputError(f"no annotator called {', '.join(map(repr, missing))}; this "
                         f"project has {known}", path=path)
    return [by_name[n] for n in wanted]


def _named_labels(labels: list[Label], names: Sequence[str], path: str
                  ) -> tuple[LabelKey, ...]:
    found: list[LabelKey] = []
    for wanted in names:
        layer, sep, name = wanted.partition(":")
        hits = [lab for lab in labels
                if (lab.layer == layer and lab.name == name) or lab.name == wanted]
        if not hits and not sep:
            raise InputError(f"no label called {wanted!r} in the layers compared", path=path)
        if not hits:
            raise InputError(f"no label {name!r} in layer {layer!r}", path=path)
        if len({(h.layer, h.name) for h in hits}) > 1:
            options = ", ".join(f"{h.layer}:{h.name}" for h in hits)
            raise InputError(f"label {wanted!r} is in several layers; say which: {options}",
                             path=path)
        found.append(LabelKey(hits[0].layer, hits[0].name))
    return tuple(dict.fromkeys(found))


def _scheme_order(labels: list[Label]) -> list[Label]:
    order = [str(x) for x in LAYERS]
    return sorted(labels, key=lambda lab: (
        order.index(lab.layer) if lab.layer in order else len(order), lab.position,
        lab.id or 0))
