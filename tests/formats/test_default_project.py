"""The default project: in the data folder, created once, seeded, never half-made."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.formats import default_project as dp
from annotator.paths import seeds_dir
from annotator.store import Project


def test_the_default_project_is_created_seeded_and_then_reused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(dp.DATA_DIR_ENV, str(tmp_path / "data" / "nested"))
    path = dp.default_project_path()
    assert path == tmp_path / "data" / "nested" / "default.annotator"
    assert not path.exists()
    assert dp.ensure_default_project() == path
    with Project.open(path) as project:
        assert project.document_count() == len(list(seeds_dir().glob("*.txt")))
        assert project.find_label("actor", "Media") is not None
        doc_id = project.document_ids()[0]
        project.update_document_meta(doc_id, title="renamed by the user")
    assert dp.ensure_default_project() == path
    with Project.open(path) as project:
        assert project.get_document(doc_id).title == "renamed by the user"
    assert sorted(p.name for p in path.parent.iterdir()) == ["default.annotator"]


def test_a_failed_first_run_leaves_nothing_behind(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(dp.DATA_DIR_ENV, str(tmp_path))
    empty_seeds = tmp_path / "seeds"
    (empty_seeds / "bad.txt").parent.mkdir()
    (empty_seeds / "bad.txt").write_bytes(b"")
    monkeypatch.setattr(dp, "seeds_dir", lambda: empty_seeds)
    with pytest.raises(Exception, match="empty"):
        dp.ensure_default_project()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds"]


def test_without_the_override_it_lives_in_the_user_data_folder(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(dp.DATA_DIR_ENV, raising=False)
    path = dp.default_project_path()
    assert path.name == "default.annotator" and path.parent.name == "annotator"
