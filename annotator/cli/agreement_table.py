"""The agreement report as a plain-text table for a terminal (``--format table``).

Rows are the overall corpus, each layer and each label, then each parent label with its
sub-labels pooled ("Name (+ sub-labels)"); columns are the measures.
A figure that is not defined shows ``n/d`` and its reason is listed under the table.
Below come the pairwise matrices (three or more annotators), the documents with the
lowest agreement, the units each figure rests on, and every measure's unit and matching
rule in words (the CSV and JSON exports carry them on every row).
"""

from __future__ import annotations

from annotator.core.agreement import MEASURES, AgreementReport, Figure
from annotator.core.agreement.report import (
    DOCUMENT,
    FAMILY,
    LABEL,
    LAYER,
    OVERALL,
    POOLED,
    POOLING,
)
from annotator.core.wording import decimal

SHORT = {"span_f1_exact": "F1 exact", "span_f1_partial": "F1 partial",
         "cohen_kappa": "Cohen κ", "fleiss_kappa": "Fleiss κ", "alpha_tokens": "α tokens",
         "unitizing_alpha": "uα", "alpha_matched": "α matched"}
# Problem documents are ranked by uα: it sees both boundaries and labels.
RANK_BY = ("unitizing_alpha", "span_f1_partial", "alpha_tokens")


def fmt(f: Figure | None) -> str:
    if f is None:
        return "—"
    return "n/d" if f.value is None else decimal(f.value)


def render(report: AgreementReport, name: str, documents: int = 10) -> list[str]:
    measures = report.group_measures
    lines = [f"agreement in {name}",
             f"annotators: {', '.join(report.annotators) or 'none'} · documents: "
             f"{report.documents} ({report.documents_compared} coded by two or more) · "
             f"tokens: {report.tokens:,}"]
    if report.coded_documents:
        lines.append("documents coded: " + ", ".join(
            f"{a} {n}" for a, n in report.coded_documents.items()))
    lines += ["", *_scope_table(report, measures)]
    lines += _undefined(report)
    for measure in report.pairwise_measures:
        lines += ["", *_matrix(report, measure)]
    if documents:
        lines += ["", *_documents(report, measures, documents)]
    lines += ["", "units used (overall):"]
    for measure in measures:
        f = report.get(measure)
        if f is not None:
            lines.append(f"  {SHORT[measure]:<11} {f.n_units:>12,}  {_unit_noun(measure)}")
    lines += ["", "units and matching rules:"]
    for measure in measures:
        info = MEASURES[measure]
        lines.append(f"  {SHORT[measure]} — {info.title}")
        lines.append(f"    unit: {info.unit}")
        lines.append(f"    matching: {info.matching}")
        for scope, text in POOLING[FAMILY[measure]].items():
            if scope != POOLED or report.label_groups:
                lines.append(f"    {scope} rows: {text}")
    lines.extend(f"note: {note}" for note in report.notes)
    return lines


def _rows(report: AgreementReport) -> list[tuple[str, str, str, str]]:
    rows = [("overall", OVERALL, "", "")]
    for layer in report.layers:
        rows.append((layer, LAYER, layer, ""))
        rows += [(f"  {k.name}", LABEL, k.layer, k.name) for k in report.labels
                 if k.layer == layer]
        rows += [(f"  {k.name} (+ sub-labels)", POOLED, k.layer, k.name)
                 for k in report.label_groups if k.layer == layer]
    return rows


def _scope_table(report: AgreementReport, measures: list[str]) -> list[str]:
    rows = _rows(report)
    width = max([len(r[0]) for r in rows] + [8])
    header = " " * width + "".join(f"  {SHORT[m]:>10}" for m in measures)
    out = [header]
    for title, scope, layer, label in rows:
        cells = [fmt(report.get(m, scope, layer=layer, label=label)) for m in measures]
        out.append(f"{title:<{width}}" + "".join(f"  {c:>10}" for c in cells))
    return out


def _undefined(report: AgreementReport) -> list[str]:
    seen: dict[str, list[str]] = {}
    for f in report.figures:
        if f.scope != DOCUMENT and not f.defined and f.annotators == report.annotators:
            where = f.label or f.layer or "overall"
            seen.setdefault(f"{SHORT[f.measure]}: {f.reason}", []).append(where)
    if not seen:
        return []
    out = ["", "n/d = not defined:"]
    for reason, places in seen.items():
        more = f" and {len(places) - 4} more" if len(places) > 4 else ""
        out.append(f"  {reason} ({', '.join(places[:4])}{more})")
    return out


def _matrix(report: AgreementReport, measure: str) -> list[str]:
    matrix = report.matrix(measure)
    names = report.annotators
    width = max(len(n) for n in (*names, SHORT[measure]))
    out = [f"{SHORT[measure]:<{width}}" + "".join(f"  {n[:10]:>10}" for n in names)]
    for a in names:
        cells = ["—" if a == b else fmt(matrix.get((a, b))) for b in names]
        out.append(f"{a:<{width}}" + "".join(f"  {c:>10}" for c in cells))
    return [f"pairwise, {MEASURES[measure].title} (overall):", *out]


def _documents(report: AgreementReport, measures: list[str], limit: int) -> list[str]:
    by_doc: dict[str, dict[str, Figure]] = {}
    for f in report.select(scope=DOCUMENT, annotators=report.annotators):
        by_doc.setdefault(f.document, {})[f.measure] = f

    def rank(item: tuple[str, dict[str, Figure]]) -> tuple[float, ...]:
        # Undefined figures sort after every defined one (values are at most 1).
        values = [item[1][m].value if m in item[1] else None for m in RANK_BY]
        return tuple(2.0 if v is None else v for v in values)

    ranked = sorted(by_doc.items(), key=rank)[:limit]
    out = [f"documents, lowest agreement first ({len(ranked)} of {len(by_doc)}; "
           "--format csv or json lists all):"]
    out.append("".join(f"{SHORT[m]:>10}  " for m in measures) + "title")
    for _, row in ranked:
        cells = "".join(f"{fmt(row.get(m)):>10}  " for m in measures)
        title = next(iter(row.values())).title if row else ""
        out.append(cells + (title[:60] or "(untitled)"))
    return out


def _unit_noun(measure: str) -> str:
    return {"span": "spans", "token": "token × label units with two or more values",
            "unitizing": "units (spans, overlaps merged)",
            "matched": "matched groups with two or more spans"}[FAMILY[measure]]
