"""Merging a colleague's native JSONL export (delegates to ``formats.jsonl``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.errors import InputError
from annotator.store import Project

if TYPE_CHECKING:
    from annotator.formats.merge import Cancelled, MergeSummary
    from annotator.formats.summary import Progress


def merge_jsonl(project: Project, other: Path, *, dry_run: bool = False,
                progress: Progress | None = None, cancelled: Cancelled | None = None
                ) -> MergeSummary:
    raise InputError("merging a JSONL export is not available yet", path=str(other))
