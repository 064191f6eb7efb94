"""The actor registry and stance links: do / undo / redo against a real in-memory project.

Every step compares everything a user could see (spans with their entity, links, the
registry), so an undo that forgets a field or deletes an entity still in use is caught.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from annotator.core.commands import AddLink, AddSpan, Batch, Command, DeleteSpan, UpdateSpan
from annotator.core.entity_commands import (
    HOLDER,
    TARGET,
    AddEntity,
    AssignNewEntity,
    EntityError,
    RemoveEntity,
    SetSpanEntity,
    UpdateEntity,
    clean_aliases,
    parse_aliases,
    replace_link,
)
from annotator.core.model import Document, Entity, Link, Span
from annotator.paths import default_scheme_path
from annotator.store import Project

from .stamps import unstamped

TEXT = "Путин said Russia backs Tehran; the supreme leader Khamenei thanked Moscow 🇷🇺.\n"


@dataclass
class World:
    project: Project
    doc_id: int
    me: int

    def add(self, fragment: str, layer: str = "actor", label: str = "State/Government"
            ) -> int:
        found = self.project.find_label(layer, label)
        assert found is not None and found.id is not None
        start = TEXT.index(fragment)
        cmd = AddSpan(Span(doc_id=self.doc_id, annotator_id=self.me, label_id=found.id,
                           start=start, end=start + len(fragment), text=fragment))
        self.project.apply(cmd)
        assert cmd.span.id is not None
        return cmd.span.id

    def entity(self, name: str, **kw: Any) -> int:
        cmd = AddEntity(Entity(name=name, **kw))
        self.project.apply(cmd)
        assert cmd.entity.id is not None
        return cmd.entity.id

    def links(self, source: int) -> list[tuple[str, int | None, int | None]]:
        return sorted((k.type, k.target_id, k.target_entity_id)
                      for k in self.project.links_of_span(source) if k.source_id == source)


@pytest.fixture
def world() -> Iterator[World]:
    project = Project.memory(scheme=default_scheme_path())
    doc, _ = project.add_document(Document(title="t", text=TEXT))
    me = project.annotator("dana").id
    assert doc.id is not None and me is not None
    yield World(project, doc.id, me)
    project.close()


def state(w: World) -> dict[str, Any]:
    return {"spans": w.project.spans_of_document(w.doc_id),
            "links": w.project.links_of_document(w.doc_id),
            "entities": w.project.entities()}


def do_undo_redo(w: World, cmd: Command) -> tuple[dict[str, Any], dict[str, Any]]:
    before = state(w)
    w.project.apply(cmd)
    after = state(w)
    assert after != before, "the command changed nothing"
    for _ in range(2):
        w.project.revert(cmd)
        assert state(w) == before, "undo did not restore the state"
        w.project.apply(cmd)
        assert unstamped(state(w)) == unstamped(after), "redo differs from do"
    return before, after


def refused(w: World, cmd: Command, match: str) -> None:
    before = state(w)
    with pytest.raises(EntityError, match=match):
        w.project.apply(cmd)
    assert state(w) == before, "a refused command left something behind"


# -- the registry ---------------------------------------------------------------------------

def test_add_entity_cleans_the_name_and_aliases(world: World) -> None:
    cmd = AddEntity(Entity(name="  Ali   Khamenei ", type="Head of state",
                           aliases=("Khamenei", " supreme leader", "khamenei", "", "ali khamenei")))
    before, after = do_undo_redo(world, cmd)
    assert before["entities"] == []
    (stored,) = after["entities"]
    assert (stored.name, stored.type, stored.aliases) == (
        "Ali Khamenei", "Head of state", ("Khamenei", "supreme leader"))
    assert stored.id == cmd.entity.id and stored.uuid == cmd.entity.uuid  # redo keeps both


def test_names_stay_unique_ignoring_case(world: World) -> None:
    world.entity("IRGC")
    refused(world, AddEntity(Entity(name="irgc")), "already has an actor named 'IRGC'")
    refused(world, AddEntity(Entity(name="   ")), "needs a name")
    other = world.entity("Basij")
    refused(world, UpdateEntity(other, name="Irgc"), "already has")


def test_update_entity_renames_retypes_and_realiases(world: World) -> None:
    eid = world.entity("Russia", type="State")
    _, after = do_undo_redo(world, UpdateEntity(eid, name="Russian Federation",
                                                aliases=["Russia", "Moscow", "Kremlin"]))
    (stored,) = after["entities"]
    assert (stored.name, stored.type, stored.aliases) == (
        "Russian Federation", "State", ("Russia", "Moscow", "Kremlin"))
    # Renaming an entity to its own name in another case is not a clash.
    world.project.apply(UpdateEntity(eid, name="RUSSIAN FEDERATION"))
    assert world.project.get_entity(eid).name == "RUSSIAN FEDERATION"
    with pytest.raises(ValueError, match="uuid"):
        UpdateEntity(eid, uuid="x")


def test_undo_of_add_entity_is_refused_while_something_else_uses_it(world: World) -> None:
    putin = world.add("Путин")
    add = AddEntity(Entity(name="Vladimir Putin"))
    world.project.apply(add)
    assert add.entity.id is not None
    # An import (not on this undo stack) points a span to the new entity.
    world.project.apply(SetSpanEntity(putin, add.entity.id))
    with pytest.raises(EntityError, match="1 span still point"):
        world.project.revert(add)
    assert world.project.get_span(putin).entity_id == add.entity.id
    assert world.project.get_entity(add.entity.id).name == "Vladimir Putin"


def test_remove_entity_only_when_unused(world: World) -> None:
    stance = world.add("backs", "stance", "Supports")
    eid = world.entity("Tehran")
    world.project.apply(AddLink(Link(source_id=stance, type=TARGET, target_entity_id=eid)))
    refused(world, RemoveEntity(eid), "1 link still point")
    unused = world.entity("Basij")
    _, after = do_undo_redo(world, RemoveEntity(unused))
    assert [e.name for e in after["entities"]] == ["Tehran"]


def test_alias_helpers() -> None:
    assert parse_aliases(" Khamenei,supreme  leader ,, ") == ("Khamenei", "supreme leader")
    assert clean_aliases("Russia", ["russia", "Moscow", "MOSCOW"]) == ("Moscow",)


# -- actor spans and entities ---------------------------------------------------------------

def test_set_span_entity_and_clear_it(world: World) -> None:
    span = world.add("Khamenei")
    eid = world.entity("Ali Khamenei")
    _, after = do_undo_redo(world, SetSpanEntity(span, eid))
    assert after["spans"][0].entity_id == eid
    _, cleared = do_undo_redo(world, SetSpanEntity(span, None))
    assert cleared["spans"][0].entity_id is None


def test_assign_new_entity_is_one_step_and_undo_removes_both(world: World) -> None:
    span = world.add("Путин")
    cmd = AssignNewEntity(span, Entity(name="Vladimir Putin", type="Head of state"))
    change = world.project.apply(cmd)
    assert change.entities and change.span_ids == {span}
    (entity,) = world.project.entities()
    assert world.project.get_span(span).entity_id == entity.id
    world.project.revert(cmd)
    assert world.project.entities() == []
    assert world.project.get_span(span).entity_id is None
    _, after = do_undo_redo(world, cmd)
    assert after["entities"] == [entity]  # redo: same id and uuid
    assert after["spans"][0].entity_id == entity.id


def test_assign_new_entity_with_a_taken_name_writes_nothing(world: World) -> None:
    span = world.add("Путин")
    world.entity("Putin")
    refused(world, AssignNewEntity(span, Entity(name="PUTIN")), "already has")


# -- stance links ---------------------------------------------------------------------------

def test_replace_link_sets_replaces_and_clears(world: World) -> None:
    stance = world.add("backs", "stance", "Supports")
    russia, tehran, moscow = world.add("Russia"), world.add("Tehran"), world.add("Moscow")
    set_holder = replace_link([], stance, HOLDER, target_id=russia)
    assert isinstance(set_holder, Batch) and set_holder.text == "Set holder"
    do_undo_redo(world, set_holder)
    cmd = replace_link(world.project.links_of_span(stance), stance, TARGET, target_id=tehran)
    assert cmd is not None
    do_undo_redo(world, cmd)
    assert world.links(stance) == [(HOLDER, russia, None), (TARGET, tehran, None)]
    # Replacing the holder removes the old link and keeps the target, in one step.
    cmd = replace_link(world.project.links_of_span(stance), stance, HOLDER, target_id=moscow)
    assert cmd is not None
    do_undo_redo(world, cmd)
    assert world.links(stance) == [(HOLDER, moscow, None), (TARGET, tehran, None)]
    assert replace_link(world.project.links_of_span(stance), stance, HOLDER,
                        target_id=moscow) is None  # already so: nothing to undo
    clear = replace_link(world.project.links_of_span(stance), stance, TARGET)
    assert clear is not None and clear.text == "Clear target"
    do_undo_redo(world, clear)
    assert world.links(stance) == [(HOLDER, moscow, None)]
    assert replace_link(world.project.links_of_span(stance), stance, TARGET) is None


def test_replace_link_to_an_entity_and_duplicates_collapse(world: World) -> None:
    stance = world.add("backs", "stance", "Supports")
    russia, tehran = world.add("Russia"), world.add("Tehran")
    iran = world.entity("Iran")
    # Imported data may carry two holders; setting one leaves exactly one.
    for target in (russia, tehran):
        world.project.apply(AddLink(Link(source_id=stance, type=HOLDER, target_id=target)))
    cmd = replace_link(world.project.links_of_span(stance), stance, HOLDER, target_id=russia)
    assert cmd is not None
    do_undo_redo(world, cmd)
    assert world.links(stance) == [(HOLDER, russia, None)]
    cmd = replace_link(world.project.links_of_span(stance), stance, TARGET,
                       target_entity_id=iran)
    assert cmd is not None
    do_undo_redo(world, cmd)
    assert world.links(stance) == [(HOLDER, russia, None), (TARGET, None, iran)]
    with pytest.raises(ValueError):
        replace_link([], stance, HOLDER, target_id=russia, target_entity_id=iran)


def test_deleting_a_linked_actor_keeps_its_entity_and_undo_restores_the_link(
        world: World) -> None:
    stance = world.add("backs", "stance", "Supports")
    russia = world.add("Russia")
    eid = world.entity("Russia")
    world.project.apply(UpdateSpan(russia, entity_id=eid))
    cmd = replace_link([], stance, HOLDER, target_id=russia)
    assert cmd is not None
    world.project.apply(cmd)
    before, after = do_undo_redo(world, DeleteSpan(russia))
    assert len(before["links"]) == 1 and after["links"] == []
    assert after["entities"] == before["entities"]
