"""A team replica in the window: the indicator, edits going out by themselves, a
colleague's span appearing without a reload."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.store import Project
from annotator.team.sync import join, publish, sync
from annotator.ui.models.id_model import ID_ROLE
from tests.team.helpers import add_span, lead_project
from tests.ui.conftest import OpenWindow, workspace

pytestmark = pytest.mark.slow


def test_a_team_replica_syncs_while_open(open_window: OpenWindow, qtbot: object,
                                         tmp_path: Path, team_url: str) -> None:
    lead = lead_project(tmp_path / "lead.annotator")
    publish(lead, team_url, member="Lead")
    dana, _ = join(team_url, tmp_path / "dana.annotator", member="Dana")
    dana.close()
    window = open_window(tmp_path / "dana.annotator")
    ws = workspace(window)
    assert window.controller is not None and window.controller.annotator.name == "Dana"
    qtbot.waitUntil(lambda: "synced" in window.team.label.text(),  # type: ignore[attr-defined]
                    timeout=10_000)
    assert window.team.label.isVisible() and "Team" in window.team.label.text()

    # Dana tags with a key press: the span is pushed without her doing anything more.
    ws.view.select_range(2, 11)
    qtbot.keyClick(ws.view, Qt.Key.Key_1)  # type: ignore[attr-defined]
    assert ws.project.span_count() == 1
    qtbot.waitUntil(lambda: sync(lead).pulled.get("span") == 1,  # type: ignore[attr-defined]
                    timeout=10_000)

    # The lead corrects Dana's work: the span arrives and is drawn, with no reload.
    assert ws.doc is not None
    lead_doc = next(i for i, d in enumerate(lead.document_ids())
                    if lead.get_document(d).uuid == ws.doc.uuid)
    fixed = add_span(lead, "Dana", lead_doc, 2, 11)
    sync(lead)

    def drawn() -> bool:
        here = ws.project.find_span(fixed.uuid)
        return here is not None and here.id is not None and ws.view.has_span(here.id)

    qtbot.waitUntil(drawn, timeout=5_000)  # type: ignore[attr-defined]
    window.close()
    with Project.open(tmp_path / "dana.annotator") as again:
        assert again.pending_count() == 0 and again.span_count() == 2


def test_file_team_publish_then_join(open_window: OpenWindow, qtbot: object, tmp_path: Path,
                                     team_url: str, messages: list[tuple[str, str, str]]
                                     ) -> None:
    from annotator.ui import team_status

    lead_project(tmp_path / "lead.annotator").close()
    window = open_window(tmp_path / "lead.annotator")
    assert team_status.publish(window, team_url)
    assert messages[-1][1] == "Published" and "pushed 3 layers" in messages[-1][2]
    qtbot.waitUntil(lambda: "synced" in window.team.label.text(),  # type: ignore[attr-defined]
                    timeout=10_000)
    assert team_status.join(window, team_url, "Dana", tmp_path / "dana.annotator")
    assert window.project is not None and window.project.path == tmp_path / "dana.annotator"
    assert window.controller is not None and window.controller.annotator.name == "Dana"
    assert window.project.document_count() == 2
    qtbot.waitUntil(lambda: "synced" in window.team.label.text(),  # type: ignore[attr-defined]
                    timeout=10_000)
    assert not team_status.join(window, team_url, "Dana", tmp_path / "dana.annotator")
    assert messages[-1][0] == "error" and "the file exists" in messages[-1][2]


def test_assigned_documents_come_first(open_window: OpenWindow, tmp_path: Path,
                                       team_url: str) -> None:
    from annotator.team.manage import add_member, assign
    from annotator.ui.models.document_list_model import TITLE
    from tests.team.helpers import as_login

    lead = lead_project(tmp_path / "lead.annotator", docs=6)
    publish(lead, team_url, member="Lead")
    add_member(lead, "ana", member="Ana", role="coder")
    add_member(lead, "ben", member="Ben", role="coder")
    assign(lead, coders=["Ana", "Ben"], seed=5)
    ana, _ = join(as_login(team_url, "ana"), tmp_path / "ana.annotator", member="Ana")
    mine = ana.assigned_documents("Ana")
    assert len(mine) == 3
    ana.close()
    window = open_window(tmp_path / "ana.annotator")
    model = workspace(window).documents
    shown = [model.index(r, TITLE).data(ID_ROLE) for r in range(model.rowCount())]
    assert set(shown[:3]) == set(mine) and len(shown) == 6
    last = model.index(5, TITLE)
    assert last.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "not assigned to you" in last.data(Qt.ItemDataRole.ToolTipRole)
    assert "assigned to you" in model.index(0, TITLE).data(Qt.ItemDataRole.ToolTipRole)
    window.close()

    # The lead hides the others: at her next sync, Ana's window lists only her own.
    assign(lead, coders=["Ana", "Ben"], seed=5, others="hide")
    with Project.open(tmp_path / "ana.annotator") as again:
        sync(again)
    window = open_window(tmp_path / "ana.annotator")
    model = workspace(window).documents
    assert sorted(model.index(r, TITLE).data(ID_ROLE) for r in range(model.rowCount())) == \
        sorted(mine)


def test_the_leads_progress_view(open_window: OpenWindow, qtbot: object, tmp_path: Path,
                                 team_url: str) -> None:
    from annotator.core.commands import SetStatus
    from annotator.core.model import Status
    from annotator.team.manage import add_member, assign
    from annotator.ui.team_progress import show_progress
    from tests.team.helpers import as_login

    lead = lead_project(tmp_path / "lead.annotator", docs=6)
    publish(lead, team_url, member="Lead")
    add_member(lead, "ana", member="Ana", role="coder")
    add_member(lead, "ben", member="Ben", role="coder")
    assign(lead, coders=["Ana", "Ben"], overlap=0.34, seed=5)
    lead.close()
    ana, _ = join(as_login(team_url, "ana"), tmp_path / "ana.annotator", member="Ana")
    me = ana.annotator("Ana")
    first = ana.assigned_documents("Ana")[0]
    ana.apply(SetStatus(first, me.id or 0, Status.DONE))
    sync(ana)
    window = open_window(tmp_path / "lead.annotator")
    dialog = show_progress(window)
    assert dialog is not None
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    rows = {dialog.table.item(r, 0).text(): [dialog.table.item(r, c).text()
                                             for c in range(1, 5)]
            for r in range(dialog.table.rowCount())}
    assert rows["Ana"] == ["coder", "4", "0", "1"] and rows["Ben"][:2] == ["coder", "4"]
    assert [m.name for m in dialog.chart.members] == ["Ana", "Ben"]
    assert dialog.documents.rowCount() == 6
    assert sum(dialog.documents.item(r, 2).text().count(",") for r in range(6)) == 2
    assert dialog.chart.grab().width() > 0
