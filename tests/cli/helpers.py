"""What several CLI test modules share: run the command, and a project made from records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from annotator.cli.main import cli

NATIVE_HEADER = '{"annotator_format": "jsonl", "version": 1, "offset_unit": "codepoint"}\n'


def run(*args: str | Path) -> Result:
    """``annotator ARGS...`` in-process; exceptions other than exit propagate."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def project_from_records(folder: Path, *records: dict[str, Any]) -> Path:
    """A project file made by ``annotator import`` of a native JSONL file of ``records``."""
    source = folder / "in.jsonl"
    source.write_text(NATIVE_HEADER + "".join(json.dumps(r, ensure_ascii=False) + "\n"
                                              for r in records), encoding="utf-8")
    path = folder / "p.annotator"
    result = run("import", path, source)
    assert result.exit_code == 0, result.output
    return path
