"""Parent-level figures for two-level taxonomies (narrative -> sub-narrative).

"Did they agree it is Foreign interference" is asked by relabelling every span of a
sub-label to its parent and running the ordinary per-label measures on the result, so
no measure has a second implementation. Only parents with a sub-label in scope get such
``POOLED`` rows; spans of labels outside the report's scope stay out. Alpha on the
labels of matched spans has no per-label figure, pooled or not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import combinations

import numpy as np

from annotator.core.agreement import measures
from annotator.core.agreement.corpus import Corpus
from annotator.core.agreement.figures import Figures, Pair, Scope
from annotator.core.agreement.inputs import AgreementInput, LabelKey, Progress, no_progress
from annotator.core.agreement.report import LAYER, OVERALL, POOLED, Figure
from annotator.core.agreement.score import Score
from annotator.core.agreement.units import TokenIndex, token_patterns

Groups = dict[LabelKey, tuple[LabelKey, ...]]

LEAF_RULE = ("labels as coded: a sub-label and its parent count as different labels "
             "(the 'label (pooled)' rows count sub-labels as their parent)")


def label_groups(labels: Sequence[LabelKey], parents: Mapping[LabelKey, LabelKey]) -> Groups:
    """Parent -> its sub-labels among ``labels``, for every parent that has one."""
    groups: dict[LabelKey, list[LabelKey]] = {}
    for key in labels:
        parent = parents.get(key)
        if parent is not None and parent != key:
            groups.setdefault(parent, []).append(key)
    return {parent: tuple(children) for parent, children in groups.items()}


def pooled_corpus(corpus: Corpus, groups: Groups) -> Corpus:
    """``corpus`` with each sub-label's spans relabelled to its parent, keeping only the
    spans of the pooled labels (parents in scope and their sub-labels in scope)."""
    parents = tuple(groups)
    number = {parent: n for n, parent in enumerate(parents)}
    number.update((child, number[parent]) for parent, children in groups.items()
                  for child in children)
    to_parent = np.array([number.get(key, -1) for key in corpus.labels] or [-1],
                         dtype=np.int64)
    label = to_parent[corpus.span_label]
    keep = label >= 0
    return replace(corpus, labels=parents, layers=tuple(dict.fromkeys(p.layer for p in parents)),
                   span_doc=corpus.span_doc[keep], span_coder=corpus.span_coder[keep],
                   span_label=label[keep], span_start=corpus.span_start[keep],
                   span_end=corpus.span_end[keep])


class _PooledFigures(Figures):
    """Adds ``POOLED`` rows, each stating which sub-labels it pooled."""

    def __init__(self, corpus: Corpus, groups: Groups) -> None:
        super().__init__(corpus)
        self.groups = groups

    def add(self, measure: str, scope: Scope, score: Score, pair: Pair | None = None, *,
            document: str = "", title: str = "", extra_rule: str = "") -> None:
        children = self.groups[LabelKey(scope[1], scope[2])]
        pooled = "sub-labels pooled: " + ", ".join(str(c) for c in children)
        rule = "; ".join(part for part in (extra_rule, pooled) if part)
        super().add(measure, scope, score, pair, document=document, title=title,
                    extra_rule=rule)


def pooled_figures(data: AgreementInput, corpus: Corpus, index: TokenIndex | None,
                   progress: Progress = no_progress) -> tuple[list[Figure], Groups]:
    """The ``POOLED`` rows for ``data`` (whose leaf-level corpus is ``corpus``, and
    token index ``index``; ``None`` when fewer than two annotators are compared)."""
    groups = label_groups(corpus.labels, data.parents)
    if not groups or index is None:
        return [], groups
    progress("pooled labels", 0, 1)
    pooled = pooled_corpus(corpus, groups)
    figures = _PooledFigures(pooled, groups)
    scopes: list[Scope] = [(POOLED, key.layer, key.name, [k])
                           for k, key in enumerate(pooled.labels)]
    tokens = token_patterns(index, pooled.coded, len(pooled.labels), pooled.span_doc,
                            pooled.span_coder, pooled.span_label, pooled.span_start,
                            pooled.span_end)
    pairs: list[Pair] = list(combinations(range(pooled.m), 2))
    measures.token_figures(figures, scopes, tokens.by_label, pairs)
    measures.unitizing_figures(figures, scopes, pairs, no_progress)
    measures.span_f1_figures(figures, scopes, pairs, no_progress)
    progress("pooled labels", 1, 1)
    return figures.rows, groups


def state_leaf_rule(rows: Sequence[Figure]) -> list[Figure]:
    """Overall and layer rows say they use the labels as coded (leaf labels)."""
    return [replace(f, matching=f"{f.matching}; {LEAF_RULE}")
            if f.scope in (OVERALL, LAYER) else f for f in rows]
