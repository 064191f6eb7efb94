"""An installed (non-editable) package carries the sample articles and the default scheme."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_bundles_seeds_and_scheme(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path),
         str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "deprecated" not in result.stderr, result.stderr[-2000:]
    (wheel,) = tmp_path.glob("annotator-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    seeds = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert seeds, "the repository has no seeds"
    for name in seeds:
        assert f"annotator/_bundled/seeds/{name}" in names
    assert "annotator/_bundled/resources/default_scheme.json" in names
    assert "annotator/py.typed" in names
