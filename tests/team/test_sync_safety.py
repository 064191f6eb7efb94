"""What the team database may not do to a replica, and what a replica reports."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from annotator.core.commands import UpdateLabel
from annotator.core.team import Pending, RefusedRow
from annotator.team.server import TeamServer
from annotator.team.sync import join, publish, sync
from tests.team.helpers import add_span, as_login, exported, lead_project


def _forge(url: str, kind: str, key: str, data: dict[str, object]) -> None:
    with psycopg.connect(url) as conn:
        conn.execute("INSERT INTO team_rows (kind, key, data, writer) VALUES (%s, %s, %s, "
                     "'intruder') ON CONFLICT (kind, key) DO UPDATE SET data = EXCLUDED.data, "
                     "xid = pg_current_xact_id(), seq = nextval('team_seq')",
                     (kind, key, json.dumps(data)))


@pytest.mark.parametrize("change, message", [
    ({"start": 5, "end": 100_000}, "lies outside its document's text"),
    ({"label": "no-such-label"}, "names a label this project does not have"),
    ({"text": "forged"}, "does not match it"),
])
def test_a_hostile_row_is_refused_and_nothing_changes(tmp_path: Path, team_url: str,
                                                      change: dict[str, object],
                                                      message: str) -> None:
    lead = lead_project(tmp_path / "lead.annotator")
    span = add_span(lead, "Lead", 0, 2, 11)
    publish(lead, team_url, member="Lead")
    dana, _ = join(team_url, tmp_path / "dana.annotator", member="Dana")
    before, cursor = exported(dana), dana.sync_cursor()
    rows = list(dana.queued_rows([]))
    assert rows == []
    good = lead.queued_rows([Pending("span", span.uuid, 0)])
    forged = {**(good[0].data or {}), **change}
    _forge(team_url, "span", span.uuid, forged)
    _forge(team_url, "entity", "fine", {"name": "Fine", "type": "", "aliases": "[]"})
    with pytest.raises(RefusedRow, match=message):
        sync(dana)
    assert exported(dana) == before and dana.sync_cursor() == cursor
    assert dana.sync_settings()["last_error"].startswith("the team database's span")


def test_two_edits_of_a_shared_row_later_wins_and_the_loser_is_told(
        tmp_path: Path, team_url: str) -> None:
    lead = lead_project(tmp_path / "lead.annotator")
    publish(lead, team_url, member="Lead")
    with TeamServer(team_url) as server:  # a second lead, with a login of her own
        server.add_member("dana", "Dana", "lead")
    dana, _ = join(as_login(team_url, "dana"), tmp_path / "dana.annotator", member="Dana")
    assert dana.sync_settings()["role"] == "lead"
    from annotator.team.manage import open_for_review
    assert open_for_review(dana) == 0  # a lead with her own login may open documents
    media = next(lab for lab in lead.labels() if lab.name == "Media")
    assert media.id is not None
    lead.apply(UpdateLabel(media.id, color="#111111"))
    sync(lead)
    dana_media = next(lab for lab in dana.labels() if lab.name == "Media")
    assert dana_media.id is not None
    dana.apply(UpdateLabel(dana_media.id, color="#222222"))
    counts = sync(dana)  # Dana had not seen the lead's edit: hers is later and wins
    assert counts.conflicts == ["label “Media”: your edit replaced Lead's (the later write "
                                "in the server's order wins)"]
    sync(lead)
    assert next(lab.color for lab in lead.labels() if lab.name == "Media") == "#222222"
    assert exported(lead) == exported(dana)


def test_a_coder_does_not_push_a_colleagues_spans(tmp_path: Path, team_url: str) -> None:
    lead = lead_project(tmp_path / "lead.annotator")
    publish(lead, team_url, member="Lead")
    dana, _ = join(team_url, tmp_path / "dana.annotator", member="Dana")
    add_span(dana, "Bob", 0, 2, 11)  # e.g. merged from Bob's file into Dana's replica
    counts = sync(dana)
    assert counts.dropped == ["1 annotator (a coder may not write them; a lead does)",
                              "1 span of Bob (only Bob's replica writes them)"]
    assert sync(lead).pulled == {"annotator": 1}  # Dana, but not Bob nor Bob's span


def test_undo_of_a_span_a_pull_changed_is_refused(tmp_path: Path, team_url: str) -> None:
    from annotator.core.commands import UpdateSpan
    from annotator.core.guards import ConflictError

    lead = lead_project(tmp_path / "lead.annotator")
    publish(lead, team_url, member="Lead")
    dana, _ = join(team_url, tmp_path / "dana.annotator", member="Dana")
    span = add_span(dana, "Dana", 0, 2, 11)
    media = next(lab.id for lab in dana.labels() if lab.name == "Security forces")
    assert span.id is not None
    relabel_cmd = UpdateSpan(span.id, label_id=media)
    dana.apply(relabel_cmd)
    sync(dana)
    sync(lead)
    on_lead = next(s for s in lead.spans_of_document(lead.document_ids()[0])
                   if s.uuid == span.uuid)
    assert on_lead.id is not None
    lead.apply(UpdateSpan(on_lead.id, note="the lead's correction"))
    sync(lead)
    assert sync(dana).pulled == {"span": 1}
    with pytest.raises(ConflictError):
        dana.revert(relabel_cmd)
    assert dana.get_span(span.id).note == "the lead's correction"


def test_a_coders_edit_of_the_scheme_stays_local_and_is_reported(tmp_path: Path,
                                                                 team_url: str) -> None:
    lead = lead_project(tmp_path / "lead.annotator")
    publish(lead, team_url, member="Lead")
    dana, _ = join(team_url, tmp_path / "dana.annotator", member="Dana")
    media = next(lab for lab in dana.labels() if lab.name == "Media")
    assert media.id is not None
    dana.apply(UpdateLabel(media.id, color="#222222"))
    assert sync(dana).dropped == ["1 label (a coder may not write them; a lead does)"]
    sync(lead)
    assert next(lab.color for lab in lead.labels() if lab.name == "Media") != "#222222"
