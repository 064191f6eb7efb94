"""How one agreement figure is written in the window: value, unit, rule, or why not.

The words come from the report itself (``Figure.unit``, ``Figure.matching``,
``Figure.reason``); this module only chooses short forms for table headers and chips.
"""

from __future__ import annotations

from annotator.core.agreement import MEASURES, Figure
from annotator.core.agreement.report import FAMILY
from annotator.core.wording import decimal

SHORT = {"span_f1_exact": "Span F1 exact", "span_f1_partial": "Span F1 partial",
         "cohen_kappa": "Cohen's κ", "fleiss_kappa": "Fleiss' κ",
         "alpha_tokens": "Krippendorff's α", "unitizing_alpha": "Unitizing uα",
         "alpha_matched": "α on matched spans"}
UNIT_SHORT = {"span": "unit: span", "token": "unit: token × label",
              "unitizing": "unit: code point", "matched": "unit: matched span group"}
NOT_DEFINED = "not defined"


def short_title(measure: str) -> str:
    return SHORT.get(measure, MEASURES[measure].title if measure in MEASURES else measure)


def short_unit(measure: str) -> str:
    return UNIT_SHORT[FAMILY[measure]] if measure in FAMILY else ""


def value_text(figure: Figure | None, digits: int = 3) -> str:
    """``0.812``, or ``not defined: <reason>``; ``—`` when there is no such figure."""
    if figure is None:
        return "—"
    if figure.value is None:
        return f"{NOT_DEFINED}: {figure.reason}" if figure.reason else NOT_DEFINED
    return decimal(figure.value, digits)


def details_text(figure: Figure) -> str:
    """Everything a reader needs to judge the figure, as plain text."""
    title = MEASURES[figure.measure].title if figure.measure in MEASURES else figure.measure
    where = figure.label or figure.layer or figure.title or figure.scope
    lines = [f"{title} — {figure.scope}{': ' + where if where != figure.scope else ''}",
             f"annotators: {', '.join(figure.annotators)}",
             f"value: {value_text(figure, 4)}",
             f"units counted: {figure.n_units:,}",
             f"unit: {figure.unit}",
             f"matching rule: {figure.matching}"]
    if figure.score.details:
        parts = ", ".join(f"{k} = {_number(v)}" for k, v in figure.score.details.items())
        lines.append(f"details: {parts}")
    return "\n".join(lines)


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else decimal(value, 4)
