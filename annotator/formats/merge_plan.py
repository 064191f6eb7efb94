"""Who is who, before any document is merged: annotators, labels and entities.

Annotators are people, matched by uuid. The same name with another uuid is two different
people who happen to share a name (or two independent gold layers): they are never
merged silently. Either the merge is refused with the list of clashes, or, when the user
asks for it, the colleague's person arrives under a free name ``"Dana (2)"``. Because
the renamed annotator keeps the colleague's uuid, a second merge matches it by uuid.

Labels are matched by layer and name, entities by uuid and then by name; what the
receiving project lacks is created, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from annotator.core.commands import check_shortcut
from annotator.core.errors import AnnotatorError, SchemeError
from annotator.core.model import Annotator, Entity, Label
from annotator.store import Project

# Colours for a created label whose own colour is already taken in its layer.
_PALETTE = ("#e6194b", "#3cb44b", "#ffe119", "#4363d8", "#f58231", "#911eb4", "#42d4f4",
            "#f032e6", "#bfef45", "#fabed4", "#469990", "#dcbeff", "#9a6324", "#fffac8",
            "#800000", "#aaffc3", "#808000", "#ffd8b1", "#000075", "#a9a9a9")


class How(StrEnum):
    """How a colleague's annotator was matched in the receiving project."""

    MATCHED = "matched"              # same uuid, same name
    KNOWN_AS = "known_as"            # same uuid, the receiving project's name is kept
    CREATED = "created"              # new person, their own name
    RENAMED = "renamed"              # name clash resolved as "name (2)"


@dataclass(frozen=True)
class AnnotatorMatch:
    foreign_name: str
    local_name: str
    how: How
    foreign_uuid: str


@dataclass(frozen=True)
class Clash:
    """Two different people (different uuids) with the same name."""

    name: str
    local_uuid: str
    foreign_uuid: str


class AnnotatorClashError(AnnotatorError):
    """The merge was refused because of name clashes; nothing was changed."""

    def __init__(self, source: str, clashes: list[Clash]) -> None:
        self.clashes = clashes
        names = ", ".join(repr(c.name) for c in clashes)
        super().__init__(
            f"{source}: refused, nothing was changed. The colleague's file has different "
            f"people with the same name as people in this project: {names}. Rename one of "
            "them, or merge with --rename-clashes to bring theirs in as \"name (2)\".")


@dataclass(frozen=True)
class PlannedAnnotator:
    foreign: Annotator
    match: AnnotatorMatch
    local_id: int | None  # None: to be created under match.local_name


def plan_annotators(local: Project, theirs: list[Annotator], *, rename_clashes: bool,
                    source: str) -> tuple[list[PlannedAnnotator], list[Clash]]:
    """Decide, without writing, where each of the colleague's people goes.

    ``theirs`` are the people with work in the colleague's file. Raises
    ``AnnotatorClashError`` when names clash and ``rename_clashes`` is off.
    """
    mine = local.annotators()
    by_uuid = {a.uuid: a for a in mine}
    by_name = {a.name: a for a in mine}
    taken = set(by_name) | {a.name for a in theirs if a.uuid not in by_uuid}
    steps: list[PlannedAnnotator] = []
    clashes: list[Clash] = []
    for ann in theirs:
        known = by_uuid.get(ann.uuid)
        if known is not None:
            how = How.MATCHED if known.name == ann.name else How.KNOWN_AS
            name, local_id = known.name, known.id
        elif ann.name in by_name:
            clashes.append(Clash(ann.name, by_name[ann.name].uuid, ann.uuid))
            how, name, local_id = How.RENAMED, _free_name(ann.name, taken), None
            taken.add(name)
        else:
            how, name, local_id = How.CREATED, ann.name, None
        steps.append(PlannedAnnotator(ann, AnnotatorMatch(ann.name, name, how, ann.uuid),
                                      local_id))
    if clashes and not rename_clashes:
        raise AnnotatorClashError(source, clashes)
    return steps, clashes


def _free_name(name: str, taken: set[str]) -> str:
    n = 2
    while f"{name} ({n})" in taken:
        n += 1
    return f"{name} ({n})"


def create_annotators(local: Project, steps: list[PlannedAnnotator]) -> dict[int, int]:
    """Create the planned people (keeping their uuid); foreign id -> local id."""
    mapping: dict[int, int] = {}
    for step in steps:
        local_id = step.local_id
        if local_id is None:
            local_id = local.annotator(step.match.local_name, uuid=step.foreign.uuid).id
        assert step.foreign.id is not None and local_id is not None
        mapping[step.foreign.id] = local_id
    return mapping


def map_labels(local: Project, theirs: list[Label]) -> tuple[dict[int, int], list[Label]]:
    """Foreign label id -> local label id, creating the labels this project lacks.

    Returns the mapping and the created labels. A created label keeps its colour unless
    another label of its layer has it, and its shortcut only if no active label uses it.
    """
    mine = local.labels()
    by_key = {(lab.layer, lab.name): lab for lab in mine}
    uuids = {lab.uuid for lab in mine}
    by_id = {lab.id: lab for lab in theirs}
    known_layers = {spec.name for spec in local.layers()}
    unknown = sorted({lab.layer for lab in theirs} - known_layers)
    if unknown:
        raise AnnotatorError(f"the colleague's project has labels on layers this project "
                             f"does not know: {', '.join(unknown)}")
    mapping: dict[int, int] = {}
    created: list[Label] = []
    # Parents first, so that a created child can point to its (possibly created) parent.
    for lab in sorted(theirs, key=lambda x: (x.parent_id is not None, x.id or 0)):
        assert lab.id is not None
        existing = by_key.get((lab.layer, lab.name))
        if existing is None:
            parent = by_id.get(lab.parent_id) if lab.parent_id is not None else None
            parent_local = by_key.get((parent.layer, parent.name)) if parent else None
            new = Label(layer=lab.layer, name=lab.name, description=lab.description,
                        color=_free_colour(lab, mine), retired=lab.retired,
                        parent_id=parent_local.id if parent_local else None)
            if lab.uuid not in uuids:
                new = replace(new, uuid=lab.uuid)
            new = replace(new, shortcut=_free_shortcut(lab, mine))
            existing = local.insert_label(new)
            mine.append(existing)
            by_key[(lab.layer, lab.name)] = existing
            uuids.add(existing.uuid)
            created.append(existing)
        assert existing.id is not None
        mapping[lab.id] = existing.id
    return mapping, created


def _free_colour(lab: Label, mine: list[Label]) -> str:
    used = {other.color.lower() for other in mine if other.layer == lab.layer}
    if lab.color.lower() not in used:
        return lab.color
    return next((c for c in _PALETTE if c.lower() not in used), lab.color)


def _free_shortcut(lab: Label, mine: list[Label]) -> str:
    try:
        check_shortcut(mine, replace(lab, id=None))
    except SchemeError:
        return ""
    return lab.shortcut


def map_entities(local: Project, theirs: list[Entity]) -> tuple[dict[int, int], list[str]]:
    """Foreign entity id -> local entity id (by uuid, then name), creating the missing."""
    mine = local.entities()
    by_uuid = {e.uuid: e for e in mine}
    by_name: dict[str, int] = {}
    for ent in mine:
        assert ent.id is not None
        by_name.setdefault(ent.name, ent.id)
    mapping: dict[int, int] = {}
    created: list[str] = []
    for ent in theirs:
        assert ent.id is not None
        hit = by_uuid.get(ent.uuid)
        local_id = hit.id if hit is not None else by_name.get(ent.name)
        if local_id is None:
            local_id = local.insert_entity(replace(ent, id=None)).id
            assert local_id is not None
            by_name[ent.name] = local_id
            created.append(ent.name)
        mapping[ent.id] = local_id
    return mapping, created
