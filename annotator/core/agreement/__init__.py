"""Inter-annotator agreement: pure functions over plain data (no Qt, no SQL).

Entry points:

* ``build_report(AgreementInput(docs, annotators, labels))`` -> ``AgreementReport``:
  every measure, per label, per layer, overall, per document, and pairwise for three or
  more annotators; each ``Figure`` states its unit and matching rule, and a figure that
  cannot be computed says why (``defined`` is False, ``reason`` is set) instead of NaN.
  With ``AgreementInput.parents`` (sub-label -> parent), each parent with a sub-label in
  scope also gets ``label (pooled)`` rows: the per-label measures with its sub-labels'
  spans counted as it (``pooled``); layer and overall rows stay on the labels as coded.
* ``document_scores(doc, (a, b))`` -> one document's figures by measure (the compare
  view's header), computed exactly as the report's document rows.
* The measures one by one, for the compare view and for checking against published
  examples: ``cohen_kappa_table``, ``cohen_kappa``, ``fleiss_kappa_counts``,
  ``fleiss_kappa``, ``alpha`` / ``alpha_from_patterns``, ``unitizing_alpha`` /
  ``unitizing_alpha_by_category``, ``f1_counts`` (span F1), ``matched_patterns`` +
  ``matched_alpha``, ``align`` (span alignment) and ``tokenize``.
* ``to_csv`` / ``to_json`` / ``to_dict`` export a report.

Units, in short: kappa and alpha use token × label units valued present/absent
(``units``); uα uses the code points of each document (``unitizing``); span F1 and
matched alpha use spans (``span_f1``, ``align``, ``matched``).
"""

from annotator.core.agreement.align import align
from annotator.core.agreement.alpha import alpha, alpha_from_patterns
from annotator.core.agreement.build import build_report, document_scores
from annotator.core.agreement.export import to_csv, to_dict, to_json
from annotator.core.agreement.inputs import (
    AgreementInput,
    DocInput,
    LabelKey,
    Progress,
    SpanRecord,
)
from annotator.core.agreement.kappa import (
    cohen_kappa,
    cohen_kappa_table,
    fleiss_kappa,
    fleiss_kappa_counts,
)
from annotator.core.agreement.matched import matched_alpha, matched_patterns
from annotator.core.agreement.report import MEASURES, AgreementReport, Figure, Measure
from annotator.core.agreement.score import Score
from annotator.core.agreement.span_f1 import F1Counts, f1_counts
from annotator.core.agreement.unitizing import unitizing_alpha, unitizing_alpha_by_category
from annotator.core.agreement.units import TOKENISATION, tokenize

__all__ = [
    "MEASURES",
    "TOKENISATION",
    "AgreementInput",
    "AgreementReport",
    "DocInput",
    "F1Counts",
    "Figure",
    "LabelKey",
    "Measure",
    "Progress",
    "Score",
    "SpanRecord",
    "align",
    "alpha",
    "alpha_from_patterns",
    "build_report",
    "cohen_kappa",
    "cohen_kappa_table",
    "document_scores",
    "f1_counts",
    "fleiss_kappa",
    "fleiss_kappa_counts",
    "matched_alpha",
    "matched_patterns",
    "to_csv",
    "to_dict",
    "to_json",
    "tokenize",
    "unitizing_alpha",
    "unitizing_alpha_by_category",
]
