"""A project file as an older Annotator wrote it: only the first ``version`` migrations."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.paths import default_scheme_path
from annotator.store import Project
from annotator.store import connection as store_connection
from annotator.store.schema import MIGRATIONS


def project_at(path: Path, version: int) -> Path:
    """Create ``path`` at schema ``version``; opening it later migrates it forward."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(store_connection, "MIGRATIONS", MIGRATIONS[:version])
        m.setattr(store_connection, "SCHEMA_VERSION", version)
        Project.open(path, scheme=default_scheme_path()).close()
    return path
