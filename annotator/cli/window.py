"""Open the window; the only place the CLI reaches into ``ui`` (imported lazily)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

NO_DISPLAY = ("annotator: no display to open the window on (neither DISPLAY nor "
              "WAYLAND_DISPLAY is set). On a machine without a desktop, run it under a "
              "virtual one: xvfb-run -a annotator (Debian: apt-get install xvfb); the "
              "subcommands (annotator --help) need no display.")


def no_display(env: dict[str, str] | os._Environ[str], platform: str = sys.platform) -> bool:
    """On Linux, Qt's xcb plugin without an X server aborts with a misleading message
    about xcb-cursor0; say what is missing instead. An explicit QT_QPA_PLATFORM
    (offscreen, wayland, vnc …) is the user's choice and is left alone."""
    if not platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return False
    return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def open_window(project: Path | None) -> int:
    if no_display(os.environ):
        import click

        click.echo(NO_DISPLAY, err=True)
        return 1
    try:
        from annotator.ui.app import run
    except ImportError as exc:  # pragma: no cover - depends on the installation
        import click

        click.echo(f"annotator: cannot start the window ({exc})", err=True)
        return 1
    return int(run(project))
