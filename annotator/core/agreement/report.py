"""The agreement report as data: figures, each with its unit and matching rule.

A report is a flat list of ``Figure`` rows. Each row names its measure, its scope
(``overall``, ``layer``, ``label``, ``label (pooled)`` -- a parent label with its
sub-labels counted as it -- or ``document``), the annotators it compares (all of
them, or a pair for the pairwise matrices when three or more are compared), the value or
the reason it is not defined, how many units it rests on, and the unit and matching
rule in words. ``AgreementReport`` adds lookups (``select``, ``get``, ``matrix``) for the
CLI table and the report window; ``export`` turns it into CSV or JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from annotator.core.agreement.inputs import LabelKey
from annotator.core.agreement.score import Score
from annotator.core.agreement.units import TOKENISATION

OVERALL, LAYER, LABEL, DOCUMENT = "overall", "layer", "label", "document"
POOLED = "label (pooled)"
SCOPES = (OVERALL, LAYER, LABEL, POOLED, DOCUMENT)
# The pooled rows' rule (each row adds which sub-labels it pooled).
POOLED_RULE = ("a parent label with its sub-labels: every span of a sub-label counted as a "
               "span of the parent, the parent's own spans included")


@dataclass(frozen=True, slots=True)
class Measure:
    key: str
    title: str
    unit: str
    matching: str


_TOKEN_UNIT = f"token × label, valued present/absent ({TOKENISATION})"
_TOKEN_RULE = ("present: one of the annotator's spans with the label shares at least one "
               "code point with the token; absent: they coded the document without such a "
               "span; missing: they did not code the document")
_ALIGN = ("spans of different annotators grouped one per annotator by identical bounds, "
          "then by highest character Jaccard overlap (ties: smaller boundary shift)")

MEASURES: Mapping[str, Measure] = {m.key: m for m in (
    Measure("span_f1_exact", "Span F1 (exact)", "span",
            "match: same start, end, layer and label, one-to-one; "
            "F1 = 2·matches / (spans of A + spans of B)"),
    Measure("span_f1_partial", "Span F1 (partial overlap)", "span",
            "same label; " + _ALIGN + "; credit per span = shared code points / its length; "
            "P = credit of B's spans / |B|, R = credit of A's spans / |A|, F1 = 2PR/(P+R)"),
    Measure("cohen_kappa", "Cohen's kappa", _TOKEN_UNIT,
            _TOKEN_RULE + "; units coded by both annotators"),
    Measure("fleiss_kappa", "Fleiss' kappa", _TOKEN_UNIT,
            _TOKEN_RULE + "; units coded by every annotator"),
    Measure("alpha_tokens", "Krippendorff's alpha (nominal)", _TOKEN_UNIT,
            _TOKEN_RULE + "; missing values allowed, units with values from two or more "
            "annotators count"),
    Measure("unitizing_alpha", "Krippendorff's unitizing alpha (uα)",
            "code point of the document text (character continuum); units = an "
            "annotator's spans of one label, overlapping ones merged",
            "Krippendorff (2004, §12.4): squared begin/end differences of overlapping "
            "units, squared length of a unit inside the other's gap; documents coded by "
            "every compared annotator, laid end to end"),
    Measure("alpha_matched", "Krippendorff's alpha (nominal) on labels of matched spans",
            "group of aligned spans within one layer; value = the span's label",
            _ALIGN + "; spans no other annotator overlaps are unpairable and counted as "
            "unmatched"),
)}

POOLING: Mapping[str, Mapping[str, str]] = {
    "token": {POOLED: POOLED_RULE,
              LAYER: "pooled over the token × label units of the layer's labels",
              OVERALL: "pooled over the token × label units of all labels",
              DOCUMENT: "this document's token × label units, all labels"},
    "unitizing": {LABEL: "per label: cuα", POOLED: POOLED_RULE + "; cuα",
                  LAYER: "Σ cDo / Σ cDe over the layer's labels",
                  OVERALL: "Σ cDo / Σ cDe over all labels",
                  DOCUMENT: "this document alone, Σ cDo / Σ cDe over all labels"},
    "span": {POOLED: POOLED_RULE, LAYER: "counts summed over the layer's labels (micro-average)",
             OVERALL: "counts summed over all labels (micro-average)",
             DOCUMENT: "counts summed over all labels of this document"},
    "matched": {LAYER: "groups within this layer", OVERALL: "groups of every layer pooled",
                DOCUMENT: "groups of every layer in this document"},
}
FAMILY = {"span_f1_exact": "span", "span_f1_partial": "span", "cohen_kappa": "token",
          "fleiss_kappa": "token", "alpha_tokens": "token", "unitizing_alpha": "unitizing",
          "alpha_matched": "matched"}


@dataclass(frozen=True, slots=True)
class Figure:
    measure: str
    scope: str
    annotators: tuple[str, ...]
    score: Score
    unit: str
    matching: str
    layer: str = ""
    label: str = ""
    document: str = ""
    title: str = ""

    @property
    def value(self) -> float | None:
        return self.score.value

    @property
    def defined(self) -> bool:
        return self.score.defined

    @property
    def reason(self) -> str:
        return self.score.reason

    @property
    def n_units(self) -> int:
        return self.score.n_units


@dataclass(frozen=True)
class AgreementReport:
    """Everything the CLI prints and the report window shows."""

    annotators: tuple[str, ...]
    layers: tuple[str, ...]
    labels: tuple[LabelKey, ...]
    documents: int
    documents_compared: int
    tokens: int
    figures: tuple[Figure, ...]
    span_counts: Mapping[tuple[str, LabelKey], int] = field(default_factory=dict)
    # Parent label -> its sub-labels in scope, for each parent with a ``POOLED`` row.
    label_groups: Mapping[LabelKey, tuple[LabelKey, ...]] = field(default_factory=dict)
    coded_documents: Mapping[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    tokenisation: str = TOKENISATION

    def select(self, *, measure: str | None = None, scope: str | None = None,
               layer: str | None = None, label: str | None = None,
               document: str | None = None, annotators: tuple[str, ...] | None = None
               ) -> list[Figure]:
        """Figures matching every given criterion (``None`` matches anything)."""
        return [f for f in self.figures
                if (measure is None or f.measure == measure)
                and (scope is None or f.scope == scope)
                and (layer is None or f.layer == layer)
                and (label is None or f.label == label)
                and (document is None or f.document == document)
                and (annotators is None or f.annotators == annotators)]

    def get(self, measure: str, scope: str = OVERALL, *, layer: str = "", label: str = "",
            document: str = "", annotators: tuple[str, ...] | None = None) -> Figure | None:
        """The figure for all compared annotators (or the given ones), if reported."""
        found = self.select(measure=measure, scope=scope, layer=layer, label=label,
                            document=document, annotators=annotators or self.annotators)
        return found[0] if found else None

    def matrix(self, measure: str, scope: str = OVERALL, *, layer: str = "",
               label: str = "") -> dict[tuple[str, str], Figure]:
        """Pairwise figures keyed by (first, second) annotator, both orders."""
        out: dict[tuple[str, str], Figure] = {}
        for f in self.select(measure=measure, scope=scope, layer=layer, label=label):
            if len(f.annotators) == 2:
                a, b = f.annotators
                out[(a, b)] = out[(b, a)] = f
        return out

    @property
    def group_measures(self) -> list[str]:
        """Measures reported for all compared annotators together, in ``MEASURES`` order."""
        present = {f.measure for f in self.figures if f.annotators == self.annotators}
        return [m for m in MEASURES if m in present]

    @property
    def pairwise_measures(self) -> list[str]:
        """Measures with pairwise figures (three or more annotators), in ``MEASURES`` order."""
        if len(self.annotators) < 3:
            return []
        present = {f.measure for f in self.figures if len(f.annotators) == 2}
        return [m for m in MEASURES if m in present]
