"""``build_report``: every measure over one set of inputs, as one ``AgreementReport``."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np

from annotator.core.agreement import measures
from annotator.core.agreement.corpus import Corpus
from annotator.core.agreement.figures import Figures, scopes
from annotator.core.agreement.inputs import (
    AgreementInput,
    DocInput,
    LabelKey,
    Progress,
    no_progress,
)
from annotator.core.agreement.measures import NO_LABEL
from annotator.core.agreement.pooled import LEAF_RULE, pooled_figures, state_leaf_rule
from annotator.core.agreement.report import DOCUMENT, MEASURES, AgreementReport, Figure
from annotator.core.agreement.score import undefined
from annotator.core.agreement.units import TokenIndex, token_patterns


def build_report(data: AgreementInput, progress: Progress = no_progress) -> AgreementReport:
    """Compute every measure for ``data`` (see ``report`` for what each figure states).

    ``progress(stage, done, total)`` is called as the work advances, so long runs can
    show where they are; the stages are prepare, tokens, unitizing, span F1, matched
    spans, documents, and pooled labels (parents with their sub-labels, see ``pooled``)
    when there are any.
    """
    progress("prepare", 0, 1)
    corpus = Corpus.build(data)
    figures = Figures(corpus)
    all_scopes = scopes(corpus)
    n_tokens = 0
    index: TokenIndex | None = None
    if corpus.m < 2 or not corpus.labels:
        # No label in scope (say, a layer nobody used): one row per measure saying so,
        # rather than each measure's own reason for having no units.
        reason = (f"needs at least two annotators ({corpus.m} compared)" if corpus.m < 2
                  else NO_LABEL)
        skip = "fleiss_kappa" if corpus.m < 3 else "cohen_kappa"
        for scope in all_scopes:
            for measure in MEASURES:
                if measure != skip:
                    figures.add(measure, scope, undefined(reason))
    else:
        pairs = list(combinations(range(corpus.m), 2))
        progress("tokens", 0, 1)
        index = TokenIndex.build([doc.text for doc in corpus.docs])
        n_tokens = index.count
        tokens = token_patterns(index, corpus.coded, len(corpus.labels), corpus.span_doc,
                                corpus.span_coder, corpus.span_label, corpus.span_start,
                                corpus.span_end)
        measures.token_figures(figures, all_scopes, tokens.by_label, pairs)
        progress("unitizing", 0, len(corpus.labels))
        ua_docs = measures.unitizing_figures(figures, all_scopes, pairs, progress)
        progress("span F1", 0, len(pairs))
        f1_docs = measures.span_f1_figures(figures, all_scopes, pairs, progress)
        progress("matched spans", 0, 1)
        matched_docs = measures.matched_figures(figures, all_scopes, pairs, progress)
        progress("documents", 0, len(corpus.docs))
        measures.document_figures(figures, tokens.by_doc, ua_docs, f1_docs, matched_docs,
                                  progress)
    pooled_rows, groups = pooled_figures(data, corpus, index, progress)
    rows = state_leaf_rule(figures.rows) + pooled_rows if groups else figures.rows
    notes = tuple(data.notes) + ((f"overall, layer and document figures use the {LEAF_RULE}",)
                                 if groups else ())
    counts = np.bincount(corpus.span_coder * max(len(corpus.labels), 1) + corpus.span_label,
                         minlength=corpus.m * len(corpus.labels))
    span_counts = {(a, key): int(counts[i * len(corpus.labels) + k])
                   for i, a in enumerate(corpus.annotators)
                   for k, key in enumerate(corpus.labels)}
    coded = corpus.coded.sum(axis=0)
    return AgreementReport(
        annotators=corpus.annotators, layers=corpus.layers, labels=corpus.labels,
        documents=len(corpus.docs),
        documents_compared=int((corpus.coded.sum(axis=1) >= 2).sum()), tokens=n_tokens,
        figures=tuple(rows), span_counts=span_counts, label_groups=groups,
        coded_documents={a: int(coded[i]) for i, a in enumerate(corpus.annotators)},
        notes=notes)


def document_scores(doc: DocInput, annotators: Sequence[str],
                    labels: tuple[LabelKey, ...] | None = None) -> dict[str, Figure]:
    """One document's row of the report, by measure: what a compare view shows above
    the text. Same functions, units and rules as the corpus report."""
    report = build_report(AgreementInput([doc], tuple(annotators), labels))
    return {f.measure: f for f in report.select(scope=DOCUMENT, annotators=report.annotators)}
