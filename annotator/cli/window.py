"""Open the window; the only place the CLI reaches into ``ui`` (imported lazily)."""

from __future__ import annotations

from pathlib import Path


def open_window(project: Path | None) -> int:
    try:
        from annotator.ui.app import run
    except ImportError as exc:  # pragma: no cover - depends on the installation
        import click

        click.echo(f"annotator: cannot start the window ({exc})", err=True)
        return 1
    return int(run(project))
