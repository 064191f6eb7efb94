"""A crafted three-annotator study, and the rule every filtered agreement report obeys:
each of its figures equals the same figure's row in the unfiltered report.

Shared by the formats tests (the loader and ``build_report``), the CLI tests and the
report window's test.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from annotator.core.agreement import AgreementReport, Figure, LabelKey
from annotator.core.agreement.report import DOCUMENT, LABEL, LAYER, OVERALL, POOLED
from annotator.core.model import Document, Span, Status
from annotator.paths import default_scheme_path
from annotator.store import Project

# Five short articles: English, Russian, Persian (with ZWNJ), an emoji and a flag.
TEXTS = (
    "Putin said Moscow backs Tehran 🇮🇷 against foreign interference, and the media agreed.",
    "Хаменеи предупредил протестующих, а государственные СМИ хвалили силовиков.",
    "سپاه گزارش‌ها را رد کرد؛ رویترز گفت روسیه از ایران در برابر تحریم‌ها حمایت می‌کند.",
    "Lavrov met Araghchi in Moscow 🤝; both opposed the sanctions and blamed Washington.",
    "Protesters in Tehran chanted as the BBC reported arrests by the police overnight.",
)
# (annotator, document, layer, label, phrase). Dana codes documents 0-3 and makes no
# stance span at all; Lena codes everything; root codes 0-3 with spans and marks 4 done
# without one; gold holds an adjudicated narrative sub-label nobody else used.
SPANS = (
    ("Dana", 0, "actor", "Head of state/government", "Putin"),
    ("Dana", 0, "actor", "State/Government", "Moscow"),
    ("Dana", 0, "narrative", "Foreign interference", "foreign interference"),
    ("Dana", 1, "actor", "Head of state/government", "Хаменеи"),
    ("Dana", 1, "actor", "Media", "государственные СМИ"),
    ("Dana", 2, "actor", "Security forces", "سپاه"),
    ("Dana", 2, "actor", "Media", "رویترز"),
    ("Dana", 3, "actor", "State/Government", "Moscow"),
    ("Dana", 3, "narrative", "Colour revolution", "blamed Washington"),
    ("Lena", 0, "actor", "Head of state/government", "Putin"),
    ("Lena", 0, "stance", "Supports", "backs"),
    ("Lena", 0, "narrative", "Foreign interference", "against foreign interference"),
    ("Lena", 0, "actor", "Media", "media"),
    ("Lena", 1, "actor", "Head of state/government", "Хаменеи"),
    ("Lena", 1, "stance", "Opposes", "предупредил"),
    ("Lena", 2, "actor", "Security forces", "سپاه"),
    ("Lena", 2, "stance", "Supports", "حمایت می‌کند"),
    ("Lena", 3, "stance", "Opposes", "opposed"),
    ("Lena", 3, "narrative", "Western-backed unrest", "blamed Washington"),
    ("Lena", 4, "actor", "Protesters/Civil society", "Protesters"),
    ("Lena", 4, "actor", "Media", "BBC"),
    ("root", 0, "actor", "Head of state/government", "Putin"),
    ("root", 0, "actor", "State/Government", "Moscow backs"),
    ("root", 0, "stance", "Supports", "backs"),
    ("root", 1, "stance", "Supports", "хвалили"),
    ("root", 2, "actor", "Media", "رویترز"),
    ("root", 2, "stance", "Opposes", "حمایت"),
    ("root", 3, "actor", "Head of state/government", "Lavrov"),
    ("root", 3, "narrative", "Foreign interference", "blamed Washington"),
    ("gold", 3, "narrative", "Western-backed unrest", "blamed Washington"),
)
DONE = (("root", 4), ("Dana", 3))


def build_study(path: Path | str, *, layers: Sequence[str] | None = None) -> None:
    """The study as a project file (``layers``: only spans of these layers)."""
    with Project.open(path, scheme=default_scheme_path()) as p:
        ids = []
        for n, text in enumerate(TEXTS):
            doc, _ = p.add_document(Document(f"Article {n + 1}", text))
            assert doc.id is not None
            ids.append(doc.id)
        for who, d, layer, name, phrase in SPANS:
            if layers is not None and layer not in layers:
                continue
            label, person = p.find_label(layer, name), p.annotator(who)
            assert label is not None and label.id is not None and person.id is not None
            start = TEXTS[d].index(phrase)
            p.insert_span(Span(ids[d], person.id, label.id, start, start + len(phrase),
                               phrase))
        for who, d in DONE:
            person = p.annotator(who)
            assert person.id is not None
            p.set_status(ids[d], person.id, Status.DONE)


def _labels_of(report: AgreementReport, layer: str | None = None) -> set[LabelKey]:
    return {k for k in report.labels if layer is None or k.layer == layer}


def _same_labels_scope(full: AgreementReport, labels: set[LabelKey]
                       ) -> tuple[str, str, str] | None:
    """The unfiltered report's (scope, layer, label) pooling exactly ``labels``."""
    if labels == _labels_of(full):
        return OVERALL, "", ""
    for layer in full.layers:
        if labels == _labels_of(full, layer):
            return LAYER, layer, ""
    if len(labels) == 1:
        (key,) = labels
        return LABEL, key.layer, key.name
    return None


def counterpart(full: AgreementReport, filtered: AgreementReport, f: Figure
                ) -> Figure | None:
    """The row of ``full`` that states the same figure as ``f`` of ``filtered``, or
    ``None`` where ``full`` has no such row (e.g. a layer pooled over fewer labels)."""
    where: tuple[str, str, str] | None
    if f.scope in (LABEL, POOLED):
        if f.scope == POOLED and (full.label_groups.get(LabelKey(f.layer, f.label))
                                  != filtered.label_groups.get(LabelKey(f.layer, f.label))):
            return None
        where = f.scope, f.layer, f.label
    elif f.scope == LAYER:
        where = _same_labels_scope(full, _labels_of(filtered, f.layer))
    elif f.scope == OVERALL:
        where = _same_labels_scope(full, _labels_of(filtered))
    else:
        assert f.scope == DOCUMENT
        where = (DOCUMENT, "", "") if _labels_of(filtered) == _labels_of(full) else None
    if where is None:
        return None
    scope, layer, label = where
    found = full.select(measure=f.measure, scope=scope, layer=layer, label=label,
                        document=f.document, annotators=f.annotators)
    if not found:  # the same pair the other way round: A and B swap
        found = [_mirrored(row) for row in full.select(
            measure=f.measure, scope=scope, layer=layer, label=label, document=f.document,
            annotators=f.annotators[::-1])]
    return found[0] if found else None


_SWAP = {"spans_a": "spans_b", "spans_b": "spans_a", "precision": "recall",
         "recall": "precision"}


def _mirrored(row: Figure) -> Figure:
    """``row`` with its two annotators' roles swapped (F1's precision becomes recall)."""
    details = {_SWAP.get(k, k): v for k, v in row.score.details.items()}
    return replace(row, annotators=row.annotators[::-1], score=replace(row.score,
                                                                       details=details))


def assert_same_as_unfiltered(full: AgreementReport, filtered: AgreementReport,
                              least: int = 1) -> int:
    """Every figure of ``filtered`` with a row in ``full`` has its value, its definedness,
    its number of units and its details (P, R, observed disagreement…); returns how many
    figures were compared (at least ``least``: a filter whose figures find no row would
    prove nothing)."""
    compared = 0
    for f in filtered.figures:
        row = counterpart(full, filtered, f)
        if row is None:
            continue
        what = (f.measure, f.scope, f.layer, f.label, f.document, f.annotators)
        assert f.defined == row.defined, (what, f.score, row.score)
        if f.value is not None and row.value is not None:
            assert math.isclose(f.value, row.value, abs_tol=1e-12), (what, f.score, row.score)
        assert f.n_units == row.n_units, (what, f.score, row.score)
        assert f.score.details.keys() == row.score.details.keys(), what
        assert all(math.isclose(v, row.score.details[k], abs_tol=1e-9)
                   for k, v in f.score.details.items()), (what, f.score, row.score)
        compared += 1
    assert compared >= least, f"only {compared} figures had a row in the unfiltered report"
    for name, n in filtered.coded_documents.items():
        assert full.coded_documents.get(name, n) == n, name
    return compared
