"""Each family of measures over a prepared corpus, adding its figures to a report.

The per-document functions return what the document table needs; ``document_figures``
turns those into one row per document and measure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from annotator.core.agreement.alpha import alpha_from_patterns
from annotator.core.agreement.bulk import MatchedUnits, matched_units, pair_f1
from annotator.core.agreement.corpus import Corpus
from annotator.core.agreement.figures import Figures, Pair, Scope, summed
from annotator.core.agreement.inputs import Progress
from annotator.core.agreement.kappa import cohen_kappa, fleiss_kappa
from annotator.core.agreement.matched import matched_alpha
from annotator.core.agreement.patterns import Patterns, project
from annotator.core.agreement.report import DOCUMENT, LABEL
from annotator.core.agreement.score import Score, defined, undefined
from annotator.core.agreement.span_f1 import F1Counts
from annotator.core.agreement.unitizing import (
    Disagreement,
    Units,
    disagreement,
    merge_units,
    pooled_score,
    score,
)
from annotator.core.agreement.units import BoolArray

NO_LABEL = "no label in scope: none was given or used"

# -- token units: Cohen's kappa, Fleiss' kappa, alpha ------------------------------------

def token_figures(figures: Figures, scopes: Sequence[Scope],
                  by_label: Sequence[Patterns], pairs: Sequence[Pair]) -> None:
    m = figures.corpus.m
    for scope in scopes:
        if not scope[3]:
            nothing = undefined(NO_LABEL)
            for measure in ("cohen_kappa" if m == 2 else "fleiss_kappa", "alpha_tokens"):
                figures.add(measure, scope, nothing)
            continue
        patterns = summed(by_label[k] for k in scope[3])
        if m == 2:
            figures.add("cohen_kappa", scope, cohen_kappa(patterns))
        else:
            figures.add("fleiss_kappa", scope, fleiss_kappa(patterns))
        figures.add("alpha_tokens", scope, alpha_from_patterns(patterns))
        if m > 2:
            for pair in pairs:
                sub = project(patterns, pair)
                figures.add("cohen_kappa", scope, cohen_kappa(sub), pair)
                figures.add("alpha_tokens", scope, alpha_from_patterns(sub), pair)


# -- unitizing alpha over the character continuum ---------------------------------------

@dataclass(frozen=True)
class DocUnitizing:
    """Per document, Σ cDo and Σ cDe over all labels, and the unit count (group only)."""

    observed: np.ndarray
    expected: np.ndarray
    units: np.ndarray
    included: np.ndarray


def unitizing_figures(figures: Figures, scopes: Sequence[Scope], pairs: Sequence[Pair],
                      progress: Progress) -> DocUnitizing:
    corpus = figures.corpus
    m, n_labels = corpus.m, len(corpus.labels)
    units = _label_units(figures)
    groups: list[tuple[Pair | None, tuple[int, ...]]] = [(None, tuple(range(m)))]
    if m > 2:
        groups += [(pair, pair) for pair in pairs]
    doc_parts: list[Disagreement] = []
    included_all: BoolArray = np.asarray(corpus.coded.all(axis=1), dtype=bool)
    for pair, members in groups:
        included: BoolArray = np.asarray(corpus.coded[:, list(members)].all(axis=1),
                                         dtype=bool)
        lengths = corpus.lengths * included
        parts = []
        for k in range(n_labels):
            coders = [_only(units[k][a], included) for a in members]
            parts.append(disagreement(coders, lengths))
            if pair is None:
                progress("unitizing", k + 1, n_labels)
        characters = int(lengths.sum())
        # Without this, no shared document read as "no text: the continuum is empty".
        shared = None if included.any() or len(members) < 2 else undefined(
            "the two annotators share no coded document" if len(members) == 2
            else "no document coded by every compared annotator")
        for scope in scopes:
            chosen = [parts[k] for k in scope[3]]
            what = "this label" if len(chosen) == 1 else "any of these labels"
            figures.add("unitizing_alpha", scope,
                        shared or pooled_score(chosen, m=len(members), characters=characters,
                                               what=what), pair,
                        extra_rule=f"{int(included.sum())} documents, {characters} "
                                   "code points")
        if pair is None:
            doc_parts = parts
    n_docs = len(corpus.docs)
    zeros = np.zeros(n_docs)
    return DocUnitizing(sum((p.observed_doc for p in doc_parts), zeros),
                        sum((p.expected_doc for p in doc_parts), zeros),
                        sum((p.units_doc for p in doc_parts), np.zeros(n_docs, np.int64)),
                        included_all)


def _label_units(figures: Figures) -> list[list[Units]]:
    c = figures.corpus
    out = []
    for k in range(len(c.labels)):
        row = []
        for a in range(c.m):
            sel = (c.span_label == k) & (c.span_coder == a)
            row.append(merge_units(c.span_doc[sel], c.span_start[sel], c.span_end[sel]))
        out.append(row)
    return out


def _only(units: Units, included: np.ndarray) -> Units:
    keep = included[units.doc]
    return Units(units.doc[keep], units.start[keep], units.end[keep])


# -- span F1 -------------------------------------------------------------------------------

def span_f1_figures(figures: Figures, scopes: Sequence[Scope], pairs: Sequence[Pair],
                    progress: Progress) -> list[dict[Pair, F1Counts]]:
    corpus = figures.corpus
    n_labels = len(corpus.labels)
    per_doc: list[dict[Pair, F1Counts]] = [{} for _ in corpus.docs]
    by_label: dict[Pair, list[F1Counts]] = {}
    for n, pair in enumerate(pairs):
        counts = pair_f1(corpus, *pair)
        by_label[pair] = counts.by_label
        for d, c in counts.by_doc.items():
            per_doc[d][pair] = c
        progress("span F1", n + 1, len(pairs))
    compared = corpus.coded.sum(axis=1)[corpus.span_doc] >= 2
    spans = np.bincount(corpus.span_label[compared], minlength=n_labels)
    for scope in scopes:
        per_pair = {pair: sum((by_label[pair][k] for k in scope[3]), F1Counts())
                    for pair in pairs}
        _f1_rows(figures, scope, per_pair, int(spans[scope[3]].sum()))
    return per_doc


def _f1_rows(figures: Figures, scope: Scope, per_pair: dict[Pair, F1Counts], n_spans: int,
             *, document: str = "", title: str = "") -> None:
    for measure, get in (("span_f1_exact", F1Counts.exact_score),
                         ("span_f1_partial", F1Counts.partial_score)):
        scores = {pair: get(c) for pair, c in per_pair.items()}
        if figures.corpus.m == 2:
            only = scores.get((0, 1), undefined("the two annotators share no coded document"))
            figures.add(measure, scope, only, document=document, title=title)
            continue
        figures.add(measure, scope, mean_of_pairs(scores, n_spans), document=document,
                    title=title,
                    extra_rule="mean of the pairwise F1 values")
        if scope[0] != DOCUMENT:
            for pair, s in scores.items():
                figures.add(measure, scope, s, pair)


def mean_of_pairs(scores: dict[Pair, Score], n_spans: int) -> Score:
    """The mean of the defined pairwise values; ``n_units`` counts the spans involved."""
    values = [s.value for s in scores.values() if s.value is not None]
    if not values:
        return undefined("no pair of annotators has spans to compare", n_spans)
    return defined(sum(values) / len(values), n_spans, pairs=float(len(values)))


# -- alpha on labels of matched spans ------------------------------------------------------

def matched_figures(figures: Figures, scopes: Sequence[Scope], pairs: Sequence[Pair],
                    progress: Progress) -> MatchedUnits:
    corpus = figures.corpus
    units = matched_units(corpus)
    by_pair = _pair_units(corpus, pairs)
    progress("matched spans", 1, 1)
    layer_no = {layer: i for i, layer in enumerate(corpus.layers)}
    for scope in scopes:
        if scope[0] == LABEL:
            continue  # a label's own units would all carry that label: nothing to compare
        chosen = [layer_no[scope[1]]] if scope[1] else list(range(len(corpus.layers)))
        pooled = summed(units.by_layer[i] for i in chosen)
        figures.add("alpha_matched", scope,
                    matched_alpha(pooled, sum(units.unmatched_by_layer[i] for i in chosen)))
        for pair, pair_units in by_pair.items():
            figures.add("alpha_matched", scope, matched_alpha(
                summed(pair_units.by_layer[i] for i in chosen),
                sum(pair_units.unmatched_by_layer[i] for i in chosen)), pair)
    return units


def _pair_units(corpus: Corpus, pairs: Sequence[Pair]) -> dict[Pair, MatchedUnits]:
    """Matched-span units of each pair aligned on their own: seen through a third
    annotator's span, two spans that share no code point would otherwise count as a
    matched pair, and the pair's figure would differ from comparing the two alone."""
    return {pair: matched_units(corpus.pair(*pair)) for pair in pairs} if corpus.m > 2 else {}


# -- one row per document and measure ------------------------------------------------------

def document_figures(figures: Figures, tokens: Sequence[Patterns], ua: DocUnitizing,
                     f1: Sequence[dict[Pair, F1Counts]], matched: MatchedUnits,
                     progress: Progress) -> None:
    corpus = figures.corpus
    m = corpus.m
    kappa_measure = "cohen_kappa" if m == 2 else "fleiss_kappa"
    coders_per_doc = corpus.coded.sum(axis=1)
    spans_per_doc = np.bincount(corpus.span_doc, minlength=len(corpus.docs)).tolist()
    for d, doc in enumerate(corpus.docs):
        if d % 500 == 0:
            progress("documents", d, len(corpus.docs))
        scope: Scope = (DOCUMENT, "", "", [])

        def add(measure: str, result: Score) -> None:
            figures.add(measure, scope, result, document=doc.key, title=doc.title)  # noqa: B023

        if coders_per_doc[d] < 2:
            reason = undefined("coded by fewer than two of the compared annotators")
            for measure in ("span_f1_exact", "span_f1_partial", kappa_measure,
                            "alpha_tokens", "unitizing_alpha", "alpha_matched"):
                add(measure, reason)
            continue
        _f1_rows(figures, scope, f1[d], spans_per_doc[d], document=doc.key, title=doc.title)
        patterns = tokens[d]
        add(kappa_measure, cohen_kappa(patterns) if m == 2 else fleiss_kappa(patterns))
        add("alpha_tokens", alpha_from_patterns(patterns))
        if ua.included[d]:
            add("unitizing_alpha", score(float(ua.observed[d]), float(ua.expected[d]), m=m,
                                         characters=int(corpus.lengths[d]),
                                         units=int(ua.units[d]), what="any label"))
        else:
            add("unitizing_alpha", undefined("not coded by every compared annotator"))
        add("alpha_matched", matched_alpha(matched.by_doc[d], matched.unmatched_by_doc[d]))
