"""Relabelling across layers clears what the new layer cannot hold, in one undo step.

Each test reads the project back (spans with their entity, links), i.e. what an export
would write, before and after do / undo / redo.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from annotator.core.commands import AddSpan, Batch, Command, UpdateSpan
from annotator.core.entity_commands import HOLDER, TARGET, AddEntity, SetSpanEntity, replace_link
from annotator.core.model import Document, Entity, Span
from annotator.core.relabel import relabel_command
from annotator.paths import default_scheme_path
from annotator.store import Project

TEXT = "Путин said Russia backs Tehran; the supreme leader Khamenei thanked Moscow 🇷🇺.\n"


@dataclass
class World:
    project: Project
    doc_id: int
    me: int

    def label(self, layer: str, name: str) -> int:
        found = self.project.find_label(layer, name)
        assert found is not None and found.id is not None
        return found.id

    def add(self, fragment: str, layer: str, name: str) -> int:
        start = TEXT.index(fragment)
        cmd = AddSpan(Span(doc_id=self.doc_id, annotator_id=self.me,
                           label_id=self.label(layer, name), start=start,
                           end=start + len(fragment), text=fragment))
        self.project.apply(cmd)
        assert cmd.span.id is not None
        return cmd.span.id

    def entity(self, name: str) -> int:
        cmd = AddEntity(Entity(name=name))
        self.project.apply(cmd)
        assert cmd.entity.id is not None
        return cmd.entity.id

    def link(self, source: int, link_type: str, **target: int) -> None:
        cmd = replace_link(self.project.links_of_span(source), source, link_type, **target)
        assert cmd is not None
        self.project.apply(cmd)

    def state(self) -> dict[str, Any]:
        return {"spans": [(s.id, s.label_id, s.entity_id)
                          for s in self.project.spans_of_document(self.doc_id)],
                "links": sorted((k.source_id, k.type, k.target_id, k.target_entity_id)
                                for k in self.project.links_of_document(self.doc_id))}


@pytest.fixture
def w() -> Iterator[World]:
    project = Project.memory(scheme=default_scheme_path())
    doc, _ = project.add_document(Document(title="t", text=TEXT))
    me = project.annotator("dana").id
    assert doc.id is not None and me is not None
    yield World(project, doc.id, me)
    project.close()


def round_trip(w: World, cmd: Command) -> dict[str, Any]:
    """Apply, undo (back to before), redo (same as after); the state after."""
    before = w.state()
    w.project.apply(cmd)
    after = w.state()
    w.project.revert(cmd)
    assert w.state() == before
    w.project.apply(cmd)
    assert w.state() == after
    return after


def test_actor_to_stance_clears_the_entity_and_undo_restores_it(w: World) -> None:
    leader = w.add("supreme leader", "actor", "Head of state/government")
    w.project.apply(SetSpanEntity(leader, w.entity("Ali Khamenei")))
    supports = w.label("stance", "Supports")
    after = round_trip(w, relabel_command(w.project, leader, supports))
    assert after["spans"] == [(leader, supports, None)]
    assert w.project.get_span(leader).entity_id is None


def test_actor_to_actor_keeps_the_entity(w: World) -> None:
    leader = w.add("supreme leader", "actor", "Head of state/government")
    khamenei = w.entity("Ali Khamenei")
    w.project.apply(SetSpanEntity(leader, khamenei))
    other = w.label("actor", "State/Government")
    cmd = relabel_command(w.project, leader, other)
    assert isinstance(cmd, UpdateSpan) and cmd.changes == {"label_id": other}
    assert round_trip(w, cmd)["spans"] == [(leader, other, khamenei)]


@pytest.mark.parametrize("layer,name", [("actor", "State/Government"),
                                        ("narrative", "Foreign interference")])
def test_stance_leaving_its_layer_loses_its_own_links_only(
        w: World, layer: str, name: str) -> None:
    russia = w.add("Russia", "actor", "State/Government")
    tehran = w.add("Tehran", "actor", "State/Government")
    backs = w.add("backs", "stance", "Supports")
    thanked = w.add("thanked", "stance", "Supports")
    w.link(backs, HOLDER, target_id=russia)
    w.link(backs, TARGET, target_entity_id=w.entity("Islamic Republic of Iran"))
    # ``backs`` is also the target of another stance: that link is thanked's, and stays.
    w.link(thanked, TARGET, target_id=backs)
    w.link(thanked, HOLDER, target_id=tehran)
    new = w.label(layer, name)
    cmd = relabel_command(w.project, backs, new)
    assert isinstance(cmd, Batch) and "holder and target" in cmd.text
    after = round_trip(w, cmd)
    assert [k for k in after["links"] if k[0] == backs] == []
    assert sorted(k[:3] for k in after["links"]) == [
        (thanked, HOLDER, tehran), (thanked, TARGET, backs)]
    assert (backs, new, None) in after["spans"]


def test_stance_to_stance_keeps_its_links(w: World) -> None:
    russia = w.add("Russia", "actor", "State/Government")
    backs = w.add("backs", "stance", "Supports")
    w.link(backs, HOLDER, target_id=russia)
    opposes = w.label("stance", "Opposes")
    cmd = relabel_command(w.project, backs, opposes)
    assert isinstance(cmd, UpdateSpan)
    after = round_trip(w, cmd)
    assert [k[:3] for k in after["links"]] == [(backs, HOLDER, russia)]


def test_an_actor_relabelled_away_stays_a_stance_holder(w: World) -> None:
    russia = w.add("Russia", "actor", "State/Government")
    backs = w.add("backs", "stance", "Supports")
    w.link(backs, HOLDER, target_id=russia)
    narrative = w.label("narrative", "Foreign interference")
    after = round_trip(w, relabel_command(w.project, russia, narrative))
    assert [k[:3] for k in after["links"]] == [(backs, HOLDER, russia)]


def test_an_unknown_label_is_refused_and_changes_nothing(w: World) -> None:
    russia = w.add("Russia", "actor", "State/Government")
    w.project.apply(SetSpanEntity(russia, w.entity("Russian Federation")))
    before = w.state()
    # Refused by the database (as a plain Relabel is), before anything is written.
    with pytest.raises(Exception, match="FOREIGN KEY"):
        w.project.apply(relabel_command(w.project, russia, 99_999))
    assert w.state() == before
