"""A label key on a selected span of another layer, in the real window.

The relabel must also clear what the new layer cannot show (an actor's registry entity,
a stance's own holder/target links), and one Ctrl+Z must bring all of it back. Every
assertion reads the project file, i.e. what an export would see.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.core.commands import AddSpan
from annotator.core.entity_commands import HOLDER, TARGET, AddEntity, SetSpanEntity, replace_link
from annotator.core.model import Document, Entity, Span
from annotator.store import Project
from annotator.ui.main_window import _login_name
from annotator.ui.workspace import Workspace

from .conftest import OpenWindow, settle, workspace

ARTICLE = "🇮🇷 Russia backs Tehran, said Путин; the supreme leader thanked Moscow.\n"
CTRL = Qt.KeyboardModifier.ControlModifier


def _span(p: Project, doc_id: int, fragment: str, layer: str, name: str) -> int:
    label = p.find_label(layer, name)
    assert label is not None and label.id is not None
    start = ARTICLE.index(fragment)
    cmd = AddSpan(Span(doc_id=doc_id, annotator_id=p.annotator(_login_name()).id or 0,
                       label_id=label.id, start=start, end=start + len(fragment),
                       text=fragment))
    p.apply(cmd)
    assert cmd.span.id is not None
    return cmd.span.id


def _prepare(path: Path) -> dict[str, int]:
    """An actor with an entity, and a stance with a holder span and a target entity."""
    with Project.open(path) as p:
        doc, _ = p.add_document(Document(title="Relabel", text=ARTICLE))
        assert doc.id is not None
        add = AddEntity(Entity(name="Ali Khamenei"))
        p.apply(add)
        assert add.entity.id is not None
        ids = {"leader": _span(p, doc.id, "supreme leader", "actor", "Head of state/government"),
               "russia": _span(p, doc.id, "Russia", "actor", "State/Government"),
               "backs": _span(p, doc.id, "backs", "stance", "Supports"),
               "entity": add.entity.id}
        p.apply(SetSpanEntity(ids["leader"], ids["entity"]))
        for link_type, target in ((HOLDER, {"target_id": ids["russia"]}),
                                  (TARGET, {"target_entity_id": ids["entity"]})):
            cmd = replace_link(p.links_of_span(ids["backs"]), ids["backs"], link_type, **target)
            assert cmd is not None
            p.apply(cmd)
    return ids


def _press(qtbot: object, ws: Workspace, key: Qt.Key,
           modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(ws.view, key, modifier)  # type: ignore[attr-defined]
    settle()


def _own_links(ws: Workspace, stance: int) -> list[tuple[str, int | None, int | None]]:
    return sorted((k.type, k.target_id, k.target_entity_id)
                  for k in ws.project.links_of_span(stance) if k.source_id == stance)


def test_label_keys_across_layers_clear_and_ctrl_z_restores(
        qtbot: object, project_file: Path, open_window: OpenWindow) -> None:
    ids = _prepare(project_file)
    ws = workspace(open_window(project_file))
    stance_label = ws.project.find_label("stance", "Supports")
    actor_label = ws.project.find_label("actor", "State/Government")
    assert stance_label is not None and actor_label is not None

    # An actor with a registry entity, relabelled to a stance (key Q).
    leader = ws.project.get_span(ids["leader"])
    ws.view.setFocus()
    ws.select_span(ids["leader"])
    settle()
    _press(qtbot, ws, Qt.Key.Key_Q)
    after = ws.project.get_span(ids["leader"])
    assert (after.label_id, after.entity_id) == (stance_label.id, None)
    _press(qtbot, ws, Qt.Key.Key_Z, CTRL)
    back = ws.project.get_span(ids["leader"])
    assert (back.label_id, back.entity_id) == (leader.label_id, ids["entity"])

    # A stance with holder and target, relabelled to an actor (key 2).
    links = _own_links(ws, ids["backs"])
    assert links == [(HOLDER, ids["russia"], None), (TARGET, None, ids["entity"])]
    ws.select_span(ids["backs"])
    settle()
    _press(qtbot, ws, Qt.Key.Key_2)
    assert ws.project.get_span(ids["backs"]).label_id == actor_label.id
    assert _own_links(ws, ids["backs"]) == []
    _press(qtbot, ws, Qt.Key.Key_Z, CTRL)
    assert ws.project.get_span(ids["backs"]).label_id == stance_label.id
    assert _own_links(ws, ids["backs"]) == links
