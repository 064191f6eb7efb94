"""The ``annotator`` command: the window with no arguments, batch jobs as subcommands.

Qt is imported only when the window is opened. Subcommands live in sibling modules
and register themselves on ``cli`` (see ``_register``).
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import click

from annotator import __version__


class _ProjectOrCommand(click.Group):
    """``annotator PROJECT`` opens a project, ``annotator NAME ...`` runs a subcommand.

    A group argument would swallow the subcommand's name (``annotator import p f`` would
    read "import" as PROJECT), so the first word is looked at here instead. A word that
    is no command must be an existing file, end in ``.annotator`` or come with ``--new``:
    a mistyped command (``annotator statz``) must not create a project called "statz".
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        new = "--new" in args
        if new:
            args = [a for a in args if a != "--new"]
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            word, path = args[0], Path(args[0])
            if not (path.exists() or path.suffix == ".annotator" or new) or (
                    len(args) > 1 and not path.exists()):
                raise click.UsageError(self._no_such_command(word, alone=len(args) == 1))
            if len(args) > 1:
                raise click.UsageError(
                    f"a project takes no further arguments ({' '.join(args[1:])}); to run a "
                    f"command on it, put the command first: annotator COMMAND {word} ...")
            ctx.meta["annotator.project"] = path
            args = []
        elif new:
            raise click.UsageError("--new needs the project file to create: "
                                   "annotator --new PROJECT")
        return super().parse_args(ctx, args)

    def _no_such_command(self, word: str, *, alone: bool) -> str:
        close = difflib.get_close_matches(word, list(self.commands), n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        new = "a new project file needs the suffix .annotator or --new; " if alone else ""
        return f"no such command '{word}'{hint} ({new}'annotator --help' lists the commands)"



@click.group(cls=_ProjectOrCommand, invoke_without_command=True,
             subcommand_metavar="[PROJECT | COMMAND [ARGS]...]",
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="annotator")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Hand-label news articles. With no arguments, open the window on the project used
    last (the default project on first run); with PROJECT, open that project file (a new
    one needs the suffix .annotator or --new)."""
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
    from annotator.cli.errors import reader_gone

    try:
        cli(prog_name="annotator", standalone_mode=True)
    except BrokenPipeError:  # output written outside a job (help, summaries)
        try:
            reader_gone()
        except click.exceptions.Exit:
            sys.exit(0)


if __name__ == "__main__":
    main()
