"""Alpha on the labels of matched spans: "did they agree on *which* label".

Within one layer of one document, the annotators' spans are grouped by ``align`` (best
character overlap, at most one span per annotator per group). Each group is a unit; an
annotator's value is the label of their span in it, missing if they have none there.
Krippendorff's alpha (nominal) on these units separates the choice of label from the
choice of boundaries: two annotators who mark the same actors with shifted edges but the
same labels score 1 here and less on uα. Spans that no other annotator's span overlaps
form one-value units: unpairable, so alpha skips them, and they are counted as
``unmatched``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from annotator.core.agreement.align import align
from annotator.core.agreement.alpha import alpha_from_patterns
from annotator.core.agreement.patterns import Pattern, Patterns, Value
from annotator.core.agreement.score import Score, undefined

LabeledInterval = tuple[int, int, Value]


def matched_patterns(spans: Sequence[Sequence[LabeledInterval]]) -> tuple[Counter[Pattern], int]:
    """Units of one layer in one document: (pattern counts, number of unmatched spans).
    ``spans[i]`` holds annotator ``i``'s (start, end, label) triples (any hashable label)."""
    groups = align([[(s, e) for s, e, _ in coder] for coder in spans],
                   [[label for _, _, label in coder] for coder in spans])
    patterns: Counter[Pattern] = Counter()
    unmatched = 0
    for group in groups:
        values = tuple(None if i is None else spans[c][i][2] for c, i in enumerate(group))
        if sum(v is not None for v in values) < 2:
            unmatched += 1
        patterns[values] += 1
    return patterns, unmatched


def matched_alpha(patterns: Patterns, unmatched: int = 0) -> Score:
    """Nominal alpha over matched-span units, with the unmatched count in ``details``."""
    result = alpha_from_patterns(patterns, "nominal")
    details = {**result.details, "unmatched_spans": float(unmatched)}
    if not result.defined and not result.n_units:
        return undefined("no span of one annotator overlaps a span of another", 0,
                         **details)
    return type(result)(result.value, result.reason, result.n_units, details)
