"""Publish, join, edit on both sides, sync: the replicas agree."""

from __future__ import annotations

from pathlib import Path

from annotator.team.sync import join, publish, sync
from tests.team.helpers import add_span, delete, exported, lead_project, relabel


def test_publish_join_and_edits_travel_both_ways(tmp_path: Path, team_url: str) -> None:
    lead = lead_project(tmp_path / "lead.annotator")
    add_span(lead, "Lead", 0, 2, 11)
    counts = publish(lead, team_url, member="Lead")
    assert counts.pushed["document"] == 2 and counts.pushed["span"] == 1
    dana, joined = join(team_url, tmp_path / "dana.annotator", member="Dana")
    assert joined.pulled["document"] == 2 and joined.pulled["span"] == 1
    assert exported(dana) == exported(lead)

    span = add_span(dana, "Dana", 1, 2, 11, label="International body")
    assert dana.pending_count() == 1
    assert sync(dana).pushed == {"span": 1}
    assert sync(lead).pulled == {"annotator": 1, "span": 1}  # Dana joined, then coded
    assert exported(dana) == exported(lead)

    relabel(dana, span, "Media")
    sync(dana)
    sync(lead)
    assert exported(dana) == exported(lead)
    delete(dana, span)
    sync(dana)
    assert sync(lead).pulled == {"span": 1}
    assert exported(dana) == exported(lead)
    assert sync(lead).lines() == ["pushed nothing; pulled nothing"]
