"""Shared fixtures. Qt must be told to run offscreen before it starts."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

import tempfile

# Never touch the real user data folder (default project) from a test run.
os.environ["ANNOTATOR_DATA_DIR"] = tempfile.mkdtemp(prefix="annotator-test-data-")

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from annotator.paths import default_scheme_path, seeds_dir
from annotator.store import Project
from tests.team.fixtures import pg_cluster, team_url  # noqa: F401 (fixtures for all tests)

# No per-example deadline: speed is for the benchmarks in bench/, and a busy 2-core
# machine took 0.4 s over a first example that builds its tables (a flaky failure).
settings.register_profile("annotator", deadline=None)
settings.load_profile("annotator")

# Texts that break naive offset handling (PRODUCT §3).
MIXED_TEXT = (
    "Iran 🇮🇷 protests — “death to the dictator” café\n"
    "Путин наблюдает за Ираном 👀.\n"
    "اعتراض‌ها در تهران ادامه دارد؛ مردم می‌خواهند.\n"
    "Family: 👨‍👩‍👧 and e\u0301 combining.\n"
)


@pytest.fixture
def project() -> Iterator[Project]:
    """An in-memory project with the default scheme."""
    p = Project.memory(scheme=default_scheme_path())
    yield p
    p.close()


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    """Path of a fresh project file with the default scheme (closed)."""
    path = tmp_path / "test.annotator"
    Project.open(path, scheme=default_scheme_path()).close()
    return path


@pytest.fixture
def seed_paths() -> list[Path]:
    return sorted(seeds_dir().glob("*.txt"))
