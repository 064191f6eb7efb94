"""QA pass 2: ``annotator import --skip-bad`` leaves bad files out and imports the rest."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from annotator.cli.main import cli
from annotator.store import Project


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def folder_with_bad_files(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Москва поддерживает Тегеран.\n", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x01\x02 binary")
    (folder / "c.txt").write_bytes(b"")
    (folder / "d.md").write_text("# Tehran\n\nاعتراض‌ها ادامه دارد.\n", encoding="utf-8")
    return folder


def titles(path: Path) -> list[str]:
    with Project.open(path, read_only=True, create=False) as p:
        return sorted(d.title for d in p.iter_documents())


def test_without_skip_bad_a_bad_file_still_changes_nothing(tmp_path: Path) -> None:
    project = tmp_path / "p.annotator"
    result = run("import", project, folder_with_bad_files(tmp_path))
    assert result.exit_code != 0
    assert "b.txt" in result.stderr
    assert not project.exists()  # a new project is not even left behind


def test_skip_bad_imports_the_rest_and_lists_each_bad_file_with_its_reason(
        tmp_path: Path) -> None:
    project = tmp_path / "p.annotator"
    folder = folder_with_bad_files(tmp_path)
    result = run("import", project, folder, "--skip-bad")
    assert result.exit_code == 0, result.output
    assert "added 2 documents" in result.stdout
    assert "skipped 2 bad files:" in result.stdout
    assert f"  {folder / 'b.txt'}: looks like a binary file" in result.stdout
    assert f"  {folder / 'c.txt'}: the file is empty" in result.stdout
    assert titles(project) == ["Tehran", "Москва поддерживает Тегеран."]


def test_a_bad_jsonl_file_is_left_out_whole(tmp_path: Path) -> None:
    project = tmp_path / "p.annotator"
    good = tmp_path / "good.txt"
    good.write_text("Putin spoke.\n", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    record = {"title": "Half a file", "text": "Its first line is fine."}
    bad.write_text(json.dumps(record) + "\n{broken\n", encoding="utf-8")
    result = run("import", project, good, bad, "--skip-bad")
    assert result.exit_code == 0, result.output
    assert "added 1 document (0 already there)" in result.stdout
    assert f"  {bad}: line 2: malformed JSON" in result.stdout
    assert titles(project) == ["Putin spoke."]  # not "Half a file": all of it or none
