"""The ``annotator`` command: the window with no arguments, batch jobs as subcommands.

Qt is imported only when the window is opened. Subcommands live in sibling modules
and register themselves on ``cli`` (see ``_register``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator import __version__


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("project", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.version_option(__version__, prog_name="annotator")
@click.pass_context
def cli(ctx: click.Context, project: Path | None) -> None:
    """Hand-label news articles. With no arguments, open the window on the default
    project; with PROJECT, open that project file."""
    if ctx.invoked_subcommand is not None:
        return
    from annotator.cli.window import open_window

    sys.exit(open_window(project))


def _register() -> None:
    import importlib
    import pkgutil

    import annotator.cli as package

    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("cmd_"):
            module = importlib.import_module(f"annotator.cli.{info.name}")
            for command in getattr(module, "COMMANDS", []):
                cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="annotator")


if __name__ == "__main__":
    main()
