"""Commands for the actor registry (entities) and for a stance's holder/target links.

An entity is deleted only by undoing its own ``AddEntity`` (or by ``RemoveEntity``, which
refuses an entity in use). Undo runs last-in first-out, so by the time ``AddEntity`` is
undone every command of this window that used the entity has been undone too; if
something else (an import, another window) uses it by then, the undo is refused instead
of silently unsetting that work (the schema would SET NULL spans and CASCADE links).

Usage::

    controller.push(AddEntity(Entity(name="IRGC", type="Security forces")))
    controller.push(AssignNewEntity(span_id, Entity(name="Ali Khamenei")))  # one undo step
    command = replace_link(project.links_of_span(stance_id), stance_id, HOLDER, target_id=actor)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from annotator.core.commands import (
    AddLink,
    Batch,
    Change,
    Command,
    RemoveLink,
    Repository,
    UpdateSpan,
)
from annotator.core.errors import AnnotatorError
from annotator.core.guards import ensure_free, ensure_unchanged, stored_row
from annotator.core.model import Entity, Link

HOLDER = "holder"  # who takes the stance
TARGET = "target"  # whom or what the stance is about
STANCE_LINK_TYPES = (HOLDER, TARGET)

_ENTITY_FIELDS = frozenset({"name", "type", "aliases"})
_CHANGE = Change(entities=True)


class EntityError(AnnotatorError):
    """An entity edit that would make the registry ambiguous or lose work."""


def clean_aliases(name: str, aliases: Iterable[str]) -> tuple[str, ...]:
    """Aliases stripped, without blanks, repeats (case-insensitive) or the name itself."""
    seen = {name.strip().casefold()}
    out: list[str] = []
    for alias in aliases:
        alias = " ".join(alias.split())
        if alias and alias.casefold() not in seen:
            seen.add(alias.casefold())
            out.append(alias)
    return tuple(out)


def parse_aliases(text: str) -> tuple[str, ...]:
    """Comma-separated aliases as typed in the registry ("Khamenei, supreme leader")."""
    return tuple(part for part in (" ".join(p.split()) for p in text.split(",")) if part)


def _checked(entities: Sequence[Entity], entity: Entity) -> Entity:
    name = " ".join(entity.name.split())
    if not name:
        raise EntityError("an actor needs a name")
    for other in entities:
        same = other.id == entity.id if entity.id is not None else other.uuid == entity.uuid
        if not same and other.name.casefold() == name.casefold():
            raise EntityError(f"the registry already has an actor named {other.name!r}")
    return replace(entity, name=name, type=" ".join(entity.type.split()),
                   aliases=clean_aliases(name, entity.aliases))


def _in_use(repo: Repository, entity: Entity, doing: str) -> None:
    assert entity.id is not None
    spans, links = repo.entity_usage(entity.id)
    if spans or links:
        uses = " and ".join(part for part in (
            f"{spans} span{'s' * (spans != 1)}" if spans else "",
            f"{links} link{'s' * (links != 1)}" if links else "") if part)
        raise EntityError(f"cannot {doing} {entity.name!r}: {uses} still point to it")


class AddEntity(Command):
    def __init__(self, entity: Entity) -> None:
        self.entity = entity
        self.text = f"Add actor “{entity.name.strip()}”"

    def do(self, repo: Repository) -> Change:
        if self.entity.id is not None:  # a redo
            ensure_free(repo, self.entity)
        self.entity = repo.insert_entity(_checked(repo.entities(), self.entity))
        return _CHANGE

    def undo(self, repo: Repository) -> Change:
        assert self.entity.id is not None
        stored_row(repo, self.entity)  # never another window's actor that took its id
        _in_use(repo, self.entity, "remove")
        repo.delete_entity(self.entity.id)
        return _CHANGE


class UpdateEntity(Command):
    """Rename an entity, change its type or its aliases."""

    def __init__(self, entity_id: int, text: str = "Edit actor", **changes: Any) -> None:
        unknown = set(changes) - _ENTITY_FIELDS
        if unknown:
            raise ValueError(f"cannot change entity fields {sorted(unknown)}")
        if "aliases" in changes:
            changes["aliases"] = tuple(changes["aliases"])
        self.entity_id = entity_id
        self.changes = changes
        self.text = text
        self._before: Entity | None = None
        self._after: Entity | None = None

    def do(self, repo: Repository) -> Change:
        # A redo re-applies ``changes`` to the same actor as it is now (see UpdateSpan).
        self._before = (repo.get_entity(self.entity_id) if self._before is None
                        else stored_row(repo, self._before))
        after = _checked(repo.entities(), replace(self._before, **self.changes))
        repo.update_entity(after)
        self._after = stored_row(repo, after)
        return _CHANGE

    def undo(self, repo: Repository) -> Change:
        assert self._before is not None and self._after is not None
        ensure_unchanged(repo, self._after)
        repo.update_entity(self._before)
        return _CHANGE


class RemoveEntity(Command):
    """Remove an entity nothing points to (the registry's "Remove")."""

    def __init__(self, entity_id: int) -> None:
        self.entity_id = entity_id
        self._entity: Entity | None = None
        self.text = "Remove actor"

    def do(self, repo: Repository) -> Change:
        self._entity = (repo.get_entity(self.entity_id) if self._entity is None
                        else stored_row(repo, self._entity))  # a redo: the same actor
        self.text = f"Remove actor “{self._entity.name}”"
        _in_use(repo, self._entity, "remove")
        repo.delete_entity(self.entity_id)
        return _CHANGE

    def undo(self, repo: Repository) -> Change:
        assert self._entity is not None
        ensure_free(repo, self._entity)
        repo.insert_entity(self._entity)
        return _CHANGE


def SetSpanEntity(span_id: int, entity_id: int | None) -> UpdateSpan:
    """Point an actor span to an entity (None: to none)."""
    return UpdateSpan(span_id, "Set actor" if entity_id is not None else "Clear actor",
                      entity_id=entity_id)


class AssignNewEntity(Batch):
    """Add an entity and point a span to it, as one undo step.

    The entity's id exists only once it is inserted, so the span update is built on the
    first ``do``; redo re-inserts the entity with the same id, so it stays valid.
    """

    def __init__(self, span_id: int, entity: Entity) -> None:
        self.add = AddEntity(entity)
        super().__init__([self.add], f"Add actor “{entity.name.strip()}” to the span")
        self.span_id = span_id
        self._assign: UpdateSpan | None = None

    def do(self, repo: Repository) -> Change:
        change = self.add.do(repo)
        if self._assign is None:
            assert self.add.entity.id is not None
            self._assign = SetSpanEntity(self.span_id, self.add.entity.id)
            self.commands.append(self._assign)
        return change | self._assign.do(repo)


def replace_link(links: Iterable[Link], source_id: int, link_type: str, *,
                 target_id: int | None = None, target_entity_id: int | None = None
                 ) -> Command | None:
    """The command that makes ``source_id``'s only ``link_type`` link point to a span
    (``target_id``), an entity (``target_entity_id``) or nothing (neither); None when
    that is already so. Replacing is RemoveLink(s) + AddLink in one ``Batch``."""
    if target_id is not None and target_entity_id is not None:
        raise ValueError("a link points to a span or to an entity, not both")
    old = [k for k in links if k.source_id == source_id and k.type == link_type]
    wanted = target_id is not None or target_entity_id is not None
    if wanted and len(old) == 1 and (old[0].target_id, old[0].target_entity_id) == (
            target_id, target_entity_id):
        return None
    if not wanted and not old:
        return None
    commands: list[Command] = [RemoveLink(k.id) for k in old if k.id is not None]
    if wanted:
        commands.append(AddLink(Link(source_id=source_id, type=link_type, target_id=target_id,
                                     target_entity_id=target_entity_id)))
    return Batch(commands, f"Set {link_type}" if wanted else f"Clear {link_type}")


__all__ = [
    "HOLDER", "STANCE_LINK_TYPES", "TARGET", "AddEntity", "AssignNewEntity", "EntityError",
    "RemoveEntity", "SetSpanEntity", "UpdateEntity", "clean_aliases", "parse_aliases",
    "replace_link",
]
