"""From a gesture to the command it means (no widgets here, so it reads in one sitting).

``tag_command`` snaps a raw selection the way PRODUCT §3 asks and, for the first span
in a document still "to do", marks the document "in progress" in the same undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from annotator.core.commands import AddSpan, Batch, Command, SetStatus
from annotator.core.model import Label, Span, Status
from annotator.core.spans import snap_in_text

# exists(start, end, label_id, annotator_id): is that exact span already there?
Exists = Callable[[int, int, int, int], bool]


@dataclass(frozen=True)
class Refusal:
    """Why a gesture made no command (shown in the status bar)."""

    reason: str


def snapped(text: str, start: int, end: int) -> tuple[int, int] | None:
    return snap_in_text(text, start, end)


def tag_command(*, doc_id: int, text: str, annotator_id: int, label: Label,
                selection: tuple[int, int], status: Status,
                exists: Exists) -> Command | Refusal:
    """The command for "tag this selection with ``label``"."""
    if label.id is None:
        return Refusal("that label is not saved in the project")
    if label.retired:
        return Refusal(f"the label “{label.name}” is retired; restore it to use it")
    bounds = snapped(text, *selection)
    if bounds is None:
        return Refusal("only spaces or punctuation are selected")
    start, end = bounds
    if exists(start, end, label.id, annotator_id):
        return Refusal(f"this text is already tagged “{label.name}”")
    add = AddSpan(Span(doc_id=doc_id, annotator_id=annotator_id, label_id=label.id,
                       start=start, end=end, text=text[start:end]))
    if status == Status.TODO:
        return Batch([add, SetStatus(doc_id, annotator_id, Status.IN_PROGRESS)], add.text)
    return add


def added_span(command: Command) -> Span | None:
    """The span a tag command created (after it was applied)."""
    if isinstance(command, Batch):
        command = command.commands[0]
    return command.span if isinstance(command, AddSpan) else None
