"""QA: README command-line examples, run as written, and what they say when they fail."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annotator.cli.main import cli

README = Path(__file__).parents[2] / "README.md"
DANA = (
    '{"text": "Russia backs Iran. Press TV and the IRGC spoke.", '
    '"label": [[0, 6, "State/Government"], [19, 27, "Media"], [36, 40, "Security forces"]]}\n')


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _readme_line(pattern: str) -> str:
    lines = [line.strip() for line in README.read_text(encoding="utf-8").splitlines()
             if re.search(pattern, line)]
    assert len(lines) == 1, lines
    return lines[0].split("  #")[0].strip()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "dana.jsonl").write_text(DANA, encoding="utf-8")
    assert run("import", tmp_path / "my.annotator", tmp_path / "dana.jsonl",
               "--annotator", "Dana").exit_code == 0
    return tmp_path


@pytest.mark.skipif(shutil.which("jq") is None, reason="needs jq, as the README example does")
def test_the_jq_example_prints_the_titles(folder: Path) -> None:
    """`… -o - … | jq .title` printed `null` first: the header line has no title."""
    line = _readme_line(r"^annotator export my\.annotator -o - .*\| jq")
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    out = subprocess.run(["bash", "-o", "pipefail", "-c", line], cwd=folder, env=env,
                         capture_output=True, text=True, check=True).stdout
    titles = [json.loads(row) for row in out.splitlines()]
    assert titles == ["Russia backs Iran. Press TV and the IRGC spoke."]


def test_gold_export_before_any_adjudication_says_so(folder: Path) -> None:
    """`--gold` on a project nobody adjudicated said "no annotator named 'gold'"."""
    result = run("export", folder / "my.annotator", "-o", folder / "gold.jsonl", "--gold")
    assert result.exit_code == 1
    assert "no gold spans yet" in result.stderr
    assert "annotator adjudicate" in result.stderr
    assert not (folder / "gold.jsonl").exists()
