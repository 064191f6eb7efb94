"""A measured value, or the reason it cannot be measured: never a NaN."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Score:
    """``value`` is ``None`` exactly when the figure is not defined, and ``reason``
    then says why in a few words ("no units", "all values are the same"...).

    ``n_units`` counts the units the figure was computed from (pairable units for the
    coefficients, spans for F1); ``details`` holds the ingredients a reader may want
    to check (observed/expected disagreement, precision, recall, counts).
    """

    value: float | None
    reason: str = ""
    n_units: int = 0
    details: Mapping[str, float] = field(default_factory=dict)

    @property
    def defined(self) -> bool:
        return self.value is not None


def defined(value: float, n_units: int, **details: float) -> Score:
    """A defined score; a non-finite value is a bug upstream, so it is refused here."""
    if not math.isfinite(value):
        raise ValueError(f"agreement value is not finite: {value!r}")
    return Score(value=float(value), n_units=n_units, details=details)


def undefined(reason: str, n_units: int = 0, **details: float) -> Score:
    return Score(value=None, reason=reason, n_units=n_units, details=details)
