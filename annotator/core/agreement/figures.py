"""Collecting figures: scopes, and the unit and matching rule attached to each figure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from annotator.core.agreement.corpus import Corpus
from annotator.core.agreement.patterns import Pattern
from annotator.core.agreement.report import (
    FAMILY,
    LABEL,
    LAYER,
    MEASURES,
    OVERALL,
    POOLING,
    Figure,
)
from annotator.core.agreement.score import Score

Scope = tuple[str, str, str, list[int]]  # (scope, layer, label, label numbers in scope)
Pair = tuple[int, int]


def scopes(corpus: Corpus) -> list[Scope]:
    """Overall, then each layer, then each label."""
    out: list[Scope] = [(OVERALL, "", "", corpus.label_numbers())]
    out += [(LAYER, layer, "", corpus.label_numbers(layer)) for layer in corpus.layers]
    out += [(LABEL, key.layer, key.name, [k]) for k, key in enumerate(corpus.labels)]
    return out


class Figures:
    """Collects figures, attaching each measure's unit and matching rule."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.rows: list[Figure] = []

    def who(self, pair: Pair | None) -> tuple[str, ...]:
        names = self.corpus.annotators
        return names if pair is None else (names[pair[0]], names[pair[1]])

    def add(self, measure: str, scope: Scope, score: Score, pair: Pair | None = None, *,
            document: str = "", title: str = "", extra_rule: str = "") -> None:
        info = MEASURES[measure]
        pooling = POOLING[FAMILY[measure]].get(scope[0], "")
        rule = "; ".join(part for part in (info.matching, pooling, extra_rule) if part)
        self.rows.append(Figure(measure, scope[0], self.who(pair), score, info.unit, rule,
                                scope[1], scope[2], document, title))


def summed(parts: Iterable[Mapping[Pattern, float]]) -> dict[Pattern, float]:
    total: dict[Pattern, float] = {}
    for part in parts:
        for pattern, count in part.items():
            total[pattern] = total.get(pattern, 0.0) + count
    return total
