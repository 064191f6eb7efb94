"""Relabelling a span, also across layers, without leaving data the new layer cannot hold.

An actor span points to a registry entity; a stance span has its own holder/target
links. Neither means anything on another layer, and no editor there shows them, so a
relabel that changes the layer clears them in the same undo step (undo restores them):

* leaving the actor layer clears ``entity_id``;
* leaving the stance layer removes the span's own holder/target links.

Links *into* the span (it is another stance's holder or target) are kept: a link
target may be any span — the link editor shows and replaces it, and the network export
makes it a node of its layer — and dropping them would silently edit other stances.

Usage (window, CLI, adjudication alike)::

    project.apply(relabel_command(project, span_id, new_label_id))
"""

from __future__ import annotations

from annotator.core.commands import Batch, Command, Relabel, RemoveLink, Repository, UpdateSpan
from annotator.core.entity_commands import STANCE_LINK_TYPES
from annotator.core.errors import AnnotatorError
from annotator.core.model import Layer


def relabel_command(repo: Repository, span_id: int, label_id: int) -> Command:
    """The command that gives span ``span_id`` the label ``label_id``.

    Same layer: a plain ``Relabel``. Another layer: one ``Batch`` of the label change
    (with ``entity_id=None`` when leaving the actor layer) and a ``RemoveLink`` per
    holder/target link of the span when leaving the stance layer.
    """
    try:
        span = repo.get_span(span_id)
        old, new = repo.get_label(span.label_id), repo.get_label(label_id)
    except AnnotatorError:  # a vanished span or unknown label: ``do`` refuses and says so
        return Relabel(span_id, label_id)
    if old.layer == new.layer:
        return Relabel(span_id, label_id)
    cleared: list[str] = []
    changes: dict[str, int | None] = {"label_id": label_id}
    if old.layer == Layer.ACTOR and span.entity_id is not None:
        changes["entity_id"] = None
        cleared.append("actor")
    commands: list[Command] = [UpdateSpan(span_id, "Change label", **changes)]
    if old.layer == Layer.STANCE:
        own = [k for k in repo.links_of_span(span_id)
               if k.source_id == span_id and k.type in STANCE_LINK_TYPES]
        commands += [RemoveLink(k.id) for k in own if k.id is not None]
        cleared += sorted({k.type for k in own})
    text = f"Change label to {new.layer}" + (
        f" (clears {' and '.join(cleared)})" if cleared else "")
    commands[0].text = text
    return commands[0] if len(commands) == 1 else Batch(commands, text)


__all__ = ["relabel_command"]
