"""Issue 7, item 3: what Label Studio and Prodigy can carry of a span (note, registry
entity, attributes) comes back on import; doccano, which cannot, says so with counts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from annotator.store import Project

from .export_helpers import export, native, rich_project
from .import_helpers import run_import


def extras(project: Project) -> list[tuple[Any, ...]]:
    return sorted((s["annotator"], s["start"], s["end"], s["label"], s.get("note", ""),
                   (s.get("entity") or {}).get("name"), sorted(s.get("attributes", {})))
                  for rec in native(project) for s in rec["spans"])


@pytest.mark.parametrize(("fmt", "suffix"), [("labelstudio", "json"), ("prodigy", "jsonl")])
def test_span_details_survive_the_round_trip(project: Project, fresh_file: Any,
                                             tmp_path: Path, fmt: str, suffix: str) -> None:
    rich_project(project)
    assert any(e[5] for e in extras(project)) and any(e[6] for e in extras(project))
    path = tmp_path / f"out.{suffix}"
    path.write_bytes(export(project, fmt))
    other = fresh_file()
    run_import(other, path)
    assert extras(other) == extras(project)
