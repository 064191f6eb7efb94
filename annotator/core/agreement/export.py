"""A report as data: a JSON document, or CSV with one row per figure."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from annotator.core.agreement.report import MEASURES, AgreementReport, Figure

CSV_COLUMNS = ("measure", "title", "scope", "layer", "label", "document", "document_title",
               "annotators", "value", "defined", "reason", "n_units", "unit", "matching",
               "details")


def figure_dict(f: Figure) -> dict[str, Any]:
    return {
        "measure": f.measure, "title": MEASURES[f.measure].title, "scope": f.scope,
        "layer": f.layer, "label": f.label, "document": f.document,
        "document_title": f.title, "annotators": list(f.annotators), "value": f.value,
        "defined": f.defined, "reason": f.reason, "n_units": f.n_units, "unit": f.unit,
        "matching": f.matching, "details": dict(f.score.details),
    }


def to_dict(report: AgreementReport) -> dict[str, Any]:
    """JSON-ready: settings and counts, then every figure (``value`` is null exactly when
    ``defined`` is false, with ``reason`` saying why)."""
    return {
        "format": "annotator-agreement", "version": 1,
        "annotators": list(report.annotators), "layers": list(report.layers),
        "labels": [{"layer": k.layer, "label": k.name} for k in report.labels],
        "documents": report.documents, "documents_compared": report.documents_compared,
        "tokens": report.tokens, "tokenisation": report.tokenisation,
        "coded_documents": dict(report.coded_documents),
        "span_counts": [{"annotator": a, "layer": k.layer, "label": k.name, "spans": n}
                        for (a, k), n in report.span_counts.items()],
        "label_groups": [{"layer": p.layer, "label": p.name,
                          "sub_labels": [c.name for c in children]}
                         for p, children in report.label_groups.items()],
        "notes": list(report.notes),
        "figures": [figure_dict(f) for f in report.figures],
    }


def to_json(report: AgreementReport) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=1) + "\n"


def to_csv(report: AgreementReport) -> str:
    """One row per figure; ``annotators`` joined by "|", ``details`` as JSON, an empty
    ``value`` with ``defined`` = false and the ``reason`` when not defined."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    titles = {key: m.title for key, m in MEASURES.items()}
    details_json: dict[tuple[tuple[str, float], ...], str] = {}
    for f in report.figures:
        items = tuple(sorted(f.score.details.items()))
        details = details_json.get(items)
        if details is None:
            details = details_json[items] = json.dumps(dict(items))
        writer.writerow((
            f.measure, titles[f.measure], f.scope, f.layer, f.label, f.document, f.title,
            "|".join(f.annotators), "" if f.value is None else repr(round(f.value, 6)),
            "true" if f.defined else "false", f.reason, f.n_units, f.unit, f.matching,
            details))
    return out.getvalue()
