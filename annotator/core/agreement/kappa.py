"""Cohen's kappa (two annotators) and Fleiss' kappa (a fixed number of annotators).

Cohen (1960): kappa = (p_o - p_e) / (1 - p_e), with p_e the sum over categories of the
*product* of the two annotators' own marginal proportions. Fleiss (1971): the mean
pairwise agreement per unit against the chance agreement of the pooled category
proportions. Both are "not defined" when chance agreement is already perfect (every
unit in one category for everyone), never a division by zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.agreement.patterns import Patterns, Value
from annotator.core.agreement.score import Score, defined, undefined

_ONE_CATEGORY = "chance agreement is 1: every unit is in the same single category"


def cohen_kappa_table(table: Sequence[Sequence[float]]) -> Score:
    """Cohen's kappa of a square contingency table: ``table[i][j]`` counts the units
    the first annotator put in category ``i`` and the second in category ``j``."""
    k = len(table)
    if any(len(row) != k for row in table):
        raise ValueError("the contingency table must be square")
    n = sum(sum(row) for row in table)
    if n <= 0:
        return undefined("no units coded by both annotators")
    rows = [sum(row) for row in table]
    cols = [sum(table[i][j] for i in range(k)) for j in range(k)]
    agree = sum(table[i][i] for i in range(k))
    chance = sum(r * c for r, c in zip(rows, cols, strict=True))
    p_o, p_e = agree / n, chance / (n * n)
    if chance >= n * n:
        return undefined(_ONE_CATEGORY, int(n), observed=p_o, expected=p_e)
    return defined((p_o - p_e) / (1 - p_e), int(n), observed=p_o, expected=p_e)


def cohen_kappa(patterns: Patterns, first: int = 0, second: int = 1) -> Score:
    """Cohen's kappa between the annotators at positions ``first`` and ``second``,
    over the units both of them coded."""
    cells: dict[tuple[Value, Value], float] = {}
    for pattern, count in patterns.items():
        a, b = pattern[first], pattern[second]
        if a is not None and b is not None and count:
            cells[(a, b)] = cells.get((a, b), 0) + count
    categories = sorted({v for pair in cells for v in pair}, key=repr)
    index = {v: i for i, v in enumerate(categories)}
    table = [[0.0] * len(categories) for _ in categories]
    for (a, b), count in cells.items():
        table[index[a]][index[b]] += count
    return cohen_kappa_table(table)


def fleiss_kappa_counts(counts: Sequence[Sequence[float]],
                        weights: Sequence[float] | None = None) -> Score:
    """Fleiss' kappa from a subjects × categories matrix: ``counts[i][j]`` annotators put
    subject ``i`` in category ``j``; every row sums to the same number of annotators.
    ``weights[i]`` repeats row ``i`` that many times (default once)."""
    if weights is None:
        weights = [1.0] * len(counts)
    rows = [(row, w) for row, w in zip(counts, weights, strict=True) if w]
    if not rows:
        return undefined("no units rated by every annotator")
    raters = {sum(row) for row, _ in rows}
    if len(raters) != 1:
        raise ValueError("Fleiss' kappa needs the same number of ratings for every unit")
    n = raters.pop()
    if n < 2:
        return undefined("Fleiss' kappa needs at least two ratings per unit")
    subjects = sum(w for _, w in rows)
    width = len(rows[0][0])
    totals = [0.0] * width
    agreement = 0.0
    for row, w in rows:
        agreement += w * (sum(x * x for x in row) - n) / (n * (n - 1))
        for j, x in enumerate(row):
            totals[j] += w * x
    p_bar = agreement / subjects
    p_e = sum((t / (subjects * n)) ** 2 for t in totals)
    if p_e >= 1 - 1e-15:
        return undefined(_ONE_CATEGORY, int(subjects), observed=p_bar, expected=p_e)
    return defined((p_bar - p_e) / (1 - p_e), int(subjects), observed=p_bar, expected=p_e)


def fleiss_kappa(patterns: Patterns) -> Score:
    """Fleiss' kappa over the units that every annotator coded (Fleiss' kappa needs the
    same number of ratings per unit, so units with a missing value are left out)."""
    full = [(p, c) for p, c in patterns.items() if c and all(v is not None for v in p)]
    categories = sorted({v for p, _ in full for v in p}, key=repr)
    index = {v: i for i, v in enumerate(categories)}
    counts = []
    for pattern, _ in full:
        row = [0] * len(categories)
        for v in pattern:
            row[index[v]] += 1
        counts.append(row)
    return fleiss_kappa_counts(counts, [c for _, c in full])
