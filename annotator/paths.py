"""Where the shipped data lives: the sample articles and the default scheme.

An installed wheel carries copies under ``annotator/_bundled``; a source checkout
(editable install, tests) reads the top-level ``seeds/`` and ``resources/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    bundled = _PACKAGE / "_bundled" / name
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent / name


def seeds_dir() -> Path:
    """The folder of sample articles that seed the default project."""
    return _data_dir("seeds")


def resources_dir() -> Path:
    """The folder of shipped resources (default scheme, icons, stylesheets)."""
    return _data_dir("resources")


def default_scheme_path() -> Path:
    return resources_dir() / "default_scheme.json"
