"""Review → Consistency…: the current annotator's findings, each place one Enter away."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.core.model import Document, Span
from annotator.store import Project
from annotator.ui.consistency_dialog import ConsistencyDialog, open_consistency

from .conftest import OpenWindow, settle, workspace

TEXTS = ["The Kremlin said so.", "A kremlin source.", "Untagged Kremlin here."]


def test_findings_and_going_to_a_place(qtbot: object, project_file: Path,
                                       open_window: OpenWindow) -> None:
    with Project.open(project_file) as p:
        ids = [p.add_document(Document(title=f"d{i}", text=t))[0].id
               for i, t in enumerate(TEXTS)]
        me = p.annotator("tester")
        labels = {lab.name: lab.id for lab in p.labels()}
        for doc, name in ((0, "State/Government"), (1, "Media")):
            start = TEXTS[doc].lower().index("kremlin")
            p.insert_span(Span(doc_id=ids[doc] or 0, annotator_id=me.id or 0,
                               label_id=labels[name] or 0, start=start, end=start + 7,
                               text=TEXTS[doc][start:start + 7]))
    window = open_window(project_file)
    ws = workspace(window)
    ws.controller.set_annotator("tester")
    dialog: ConsistencyDialog = open_consistency(window)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    assert dialog.summary.text() == "tester: 2 findings"
    first, second = dialog.tree.topLevelItem(0), dialog.tree.topLevelItem(1)
    assert first is not None and second is not None
    assert first.text(0) == "same text, different labels" and first.childCount() == 2
    assert second.text(0) == "untagged elsewhere" and second.childCount() == 1
    place = second.child(0)
    assert place is not None
    dialog.tree.setFocus()
    dialog.tree.setCurrentItem(place)
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    settle()
    assert ws.doc is not None and ws.doc.title == "d2"
    start = TEXTS[2].index("Kremlin")
    assert ws.view.selected_range() == (start, start + 7)
