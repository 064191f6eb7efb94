"""CLI tests run against a private data folder, never the user's real one."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.formats.default_project import DATA_DIR_ENV


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder
