"""The ``annotator`` command: the window with no arguments, batch jobs as subcommands.

Qt is imported only when the window is opened. Subcommands live in sibling modules
and register themselves on ``cli`` (see ``_register``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator import __version__


class _ProjectOrCommand(click.Group):
    """``annotator PROJECT`` opens a project, ``annotator NAME ...`` runs a subcommand.

    A group argument would swallow the subcommand's name (``annotator import p f`` would
    read "import" as PROJECT), so the first word is looked at here instead.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            ctx.meta["annotator.project"] = Path(args[0])
            if len(args) > 1:
                raise click.UsageError(f"unexpected arguments after the project: {args[1:]}")
            args = []
        return super().parse_args(ctx, args)


@click.group(cls=_ProjectOrCommand, invoke_without_command=True,
             subcommand_metavar="[PROJECT | COMMAND [ARGS]...]",
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="annotator")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Hand-label news articles. With no arguments, open the window on the default
    project; with PROJECT, open that project file."""
    if ctx.invoked_subcommand is not None:
        return
    project: Path | None = ctx.meta.get("annotator.project")
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
