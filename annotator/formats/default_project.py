"""The default project: where ``annotator`` with no arguments opens.

It lives in the user data folder (platformdirs), or in ``$ANNOTATOR_DATA_DIR`` when that
is set (tests, portable installs), and is created on first use with the default scheme
and the sample articles from ``seeds/``. It is built under a temporary name and renamed
into place, so an interrupted first run never leaves a half-seeded project behind.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from annotator.core.errors import ProjectError
from annotator.formats.importer import import_paths
from annotator.paths import default_scheme_path, seeds_dir
from annotator.store import Project

DATA_DIR_ENV = "ANNOTATOR_DATA_DIR"
DEFAULT_NAME = "default.annotator"


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("annotator", appauthor=False))


def default_project_path() -> Path:
    return data_dir() / DEFAULT_NAME


def ensure_default_project() -> Path:
    """The default project's path, creating and seeding it first if it does not exist."""
    path = default_project_path()
    if path.exists():
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProjectError(f"{path.parent}: cannot create the data folder "
                           f"({exc.strerror or exc})") from None
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with Project.open(partial, scheme=default_scheme_path()) as project:
            import_paths(project, [seeds_dir()])
        if not path.exists():  # another process may have won the race; keep theirs
            os.replace(partial, path)
    finally:
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
    return path
