"""How each pair state looks in the compare view: one colour and one name per state.

Colours are the Okabe–Ito palette (distinct for the common colour-vision deficiencies);
the state is never told by colour alone: A's span is always drawn in the upper half of
the line (or above it) and B's in the lower half (or below), so "only in A" and "only in
B" differ by position, and a boundary mismatch shows as two bars of different lengths.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from annotator.core.review.compare import Pair, PairState, Resolution

STATE_COLORS: dict[PairState, str] = {
    PairState.AGREED: "#009E73",  # bluish green
    PairState.LABEL_CONFLICT: "#E69F00",  # orange
    PairState.BOUNDARY: "#56B4E9",  # sky blue
    PairState.BOUNDARY_AND_LABEL: "#D55E00",  # vermillion
    PairState.ONLY_A: "#0072B2",  # blue
    PairState.ONLY_B: "#CC79A7",  # reddish purple
}

STATE_NAMES: dict[PairState, str] = {
    PairState.AGREED: "agreed",
    PairState.LABEL_CONFLICT: "label conflict",
    PairState.BOUNDARY: "boundary mismatch",
    PairState.BOUNDARY_AND_LABEL: "boundary + label",
    PairState.ONLY_A: "only in A",
    PairState.ONLY_B: "only in B",
}

STATE_HELP: dict[PairState, str] = {
    PairState.AGREED: "same start, end and label",
    PairState.LABEL_CONFLICT: "same start and end, different label",
    PairState.BOUNDARY: "overlapping, same label, different start or end",
    PairState.BOUNDARY_AND_LABEL: "overlapping, different boundaries and label",
    PairState.ONLY_A: "A marked it; B has no overlapping span in this layer",
    PairState.ONLY_B: "B marked it; A has no overlapping span in this layer",
}

RESOLUTION_NAMES: dict[Resolution, str] = {
    Resolution.ACCEPTED: "✓ in gold",
    Resolution.ACCEPTED_A: "✓ A accepted",
    Resolution.ACCEPTED_B: "✓ B accepted",
    Resolution.EDITED: "✓ edited",
    Resolution.REJECTED: "✗ rejected",
}

_cache: dict[PairState, QColor] = {}


def state_color(state: PairState) -> QColor:
    color = _cache.get(state)
    if color is None:
        color = _cache[state] = QColor(STATE_COLORS[state])
    return QColor(color)


def resolution_text(pair: Pair) -> str:
    """What gold (or a reviewer) says about the pair, for lists and tooltips."""
    resolution = pair.resolution
    if resolution is not None:
        return RESOLUTION_NAMES[resolution]
    return "open" if pair.is_disagreement else ""
