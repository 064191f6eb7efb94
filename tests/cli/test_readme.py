"""Every registered command is documented in the README, with an example."""

from __future__ import annotations

import re
from pathlib import Path

import click

from annotator.cli.main import cli

README = Path(__file__).parents[2] / "README.md"


def command_lines() -> list[str]:
    """``annotator NAME`` (and ``annotator GROUP SUB``) for every registered command."""
    names = []
    for name, command in sorted(cli.commands.items()):
        if isinstance(command, click.Group):
            names.extend(f"annotator {name} {sub}" for sub in sorted(command.commands))
        else:
            names.append(f"annotator {name}")
    return names


def example_lines() -> list[str]:
    """Lines inside the README's fenced code blocks."""
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", README.read_text(encoding="utf-8"),
                        flags=re.M | re.S)
    return [line.strip() for block in blocks for line in block.splitlines()]


def test_the_cli_has_the_subcommands_this_issue_promises() -> None:
    assert {"annotator import", "annotator export", "annotator stats",
            "annotator scheme export", "annotator scheme import"} <= set(command_lines())


def test_every_registered_command_has_an_example_in_the_readme() -> None:
    examples = example_lines()
    missing = [name for name in command_lines()
               if not any(line.startswith(name + " ") for line in examples)]
    assert not missing, f"commands without an example in README.md: {missing}"
