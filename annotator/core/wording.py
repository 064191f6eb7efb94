"""Counts and figures in messages: "1 document", "2 documents", "0.812" (one rule for the
CLI and the window)."""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1; ``plural`` for irregular nouns."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def decimal(value: float, digits: int = 3) -> str:
    """``value`` with ``digits`` decimals; a small negative that rounds to zero is
    "0.000", not "-0.000" (a sign with no magnitude reads as a finding)."""
    text = f"{value:.{digits}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text
