"""The span editor's actor field: which registry entity an actor span stands for.

Type part of a name or alias ("khamen" finds "Ali Khamenei" through its alias
"Khamenei"), pick it, and the span points to it (one undoable step). Enter on a new
name offers to add it to the registry and link the span in the same undo step; an
emptied field unsets the entity.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QWidget

from annotator.core.commands import Change
from annotator.core.entity_commands import AssignNewEntity, SetSpanEntity
from annotator.core.model import Entity, Label, Span
from annotator.ui.choice_combo import Choice, ChoiceCombo
from annotator.ui.controller import Controller
from annotator.ui.messages import Message


def entity_tooltip(entity: Entity) -> str:
    parts = [entity.type] if entity.type else []
    if entity.aliases:
        parts.append("also: " + ", ".join(entity.aliases))
    return " · ".join(parts)


def entity_choices(entities: Iterable[Entity], prefix: str = "") -> list[Choice]:
    """Registry entries by name, with "alias → name" completions."""
    out = []
    for entity in sorted(entities, key=lambda e: e.name.casefold()):
        if entity.id is None:
            continue
        out.append(Choice(
            f"{prefix}{entity.name}", ("entity", entity.id), entity_tooltip(entity),
            search=tuple(f"{prefix}{alias} → {entity.name}" for alias in entity.aliases),
            aliases=tuple(f"{prefix}{alias}" for alias in entity.aliases)))
    return out


class EntityField(ChoiceCombo):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__("none: type a name from the actors registry", parent)
        self.setToolTip("The registry actor this span names (\"supreme leader\" and "
                        "\"Khamenei\" can both be Ali Khamenei).\nType part of a name or "
                        "alias; Enter on a new name adds it to the registry.")
        self._controller = controller
        self.span: Span | None = None
        self._label: Label | None = None
        self.chosen.connect(self._on_chosen)
        self.unknown.connect(self._on_unknown)
        self.reload()

    def reload(self) -> None:
        self.set_choices(entity_choices(self._controller.project.entities()))

    def show_span(self, span: Span | None, label: Label | None = None) -> None:
        self.span, self._label = span, label
        self.setEnabled(span is not None)
        entity = span.entity_id if span is not None else None
        self.set_current(("entity", entity) if entity is not None else None)

    def on_changed(self, change: Change) -> None:
        if change.entities:
            self.reload()

    # -- gestures --------------------------------------------------------------------------
    def choose(self, entity_id: int | None) -> bool:
        """Point the shown span to ``entity_id`` (None: to no entity)."""
        span = self.span
        if span is None or span.id is None or span.entity_id == entity_id:
            return False
        return self._controller.push(SetSpanEntity(span.id, entity_id), initiator=self)

    def create_entity(self, name: str) -> bool:
        """Add ``name`` to the registry and point the shown span to it (one undo step)."""
        span = self.span
        if span is None or span.id is None:
            return False
        # The span's label is a fair first guess at the actor's type; the registry edits it.
        entity = Entity(name=name, type=self._label.name if self._label else "")
        return self._controller.push(AssignNewEntity(span.id, entity), initiator=self)

    def _on_chosen(self, key: object) -> None:
        if key is None:
            self.choose(None)
        elif isinstance(key, tuple):
            self.choose(int(key[1]))

    def _on_unknown(self, text: str) -> None:
        name = " ".join(text.split())
        if self.is_ambiguous(name):
            Message.info(self, "Which actor?", f"“{name}” is an alias of several actors. "
                         "Pick one from the list.")
            self.revert()
            return
        if self.span is None or not Message.question(
                self, "New actor", f"“{name}” is not in the actors registry.\n\n"
                "Add it, and say that this span names it?"):
            self.revert()
            return
        self.create_entity(name)
        self.revert()
