"""Comparing project states across a redo.

A redo is a new edit and stamps its own modification time (a second may have passed since the
do), so "redo gives the state the do gave" is checked without the spans' ``modified``; undo
restores the earlier stamp and is compared whole.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any


def unstamped(state: dict[str, Any]) -> dict[str, Any]:
    """``state`` without the spans' modification times."""
    return {**state, "spans": [replace(s, modified="") for s in state["spans"]]}
