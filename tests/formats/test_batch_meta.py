"""Metadata for a whole import: --meta KEY=VALUE and a CSV by file name."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli.main import cli
from annotator.store import Project


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Москва заявила о поддержке Тегерана.\n", encoding="utf-8")
    (folder / "b.txt").write_text("اعتراض‌ها در تهران ادامه دارد\n", encoding="utf-8")
    return folder


def _run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.output


def test_meta_for_the_batch_and_by_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    csv_file = tmp_path / "meta.csv"
    csv_file.write_text("filename,outlet,date,author\n"
                        "a.txt,TASS,2026-01-15,\n"
                        "b.txt,BBC Persian,2026-01-16T09:30:00+01:00,Sara\n"
                        "c.txt,Nobody,,\n", encoding="utf-8")
    project = tmp_path / "p.annotator"
    code, out = _run("import", project, folder, "--meta", "collection=wave 1",
                     "--meta", "outlet=unknown", "--meta-csv", csv_file)
    assert code == 0, out
    assert "1 row(s) of the metadata CSV named no file this import added: c.txt" in out
    with Project.open(project) as opened:
        metas = {m["filename"]: m for _, m in opened.document_metas()}
    assert metas["a.txt"] == {"filename": "a.txt", "collection": "wave 1", "outlet": "TASS",
                              "date": "2026-01-15"}
    assert metas["b.txt"]["date"] == "2026-01-16T08:30:00Z" and metas["b.txt"]["author"] == \
        "Sara"
    code, out = _run("export", project, "--where", "outlet=TASS", "-o", "-")
    assert code == 0 and "a.txt" in out and "b.txt" not in out


def test_documents_already_there_are_not_changed(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    project = tmp_path / "p.annotator"
    assert _run("import", project, folder)[0] == 0
    assert _run("import", project, folder, "--meta", "outlet=X")[0] == 0
    with Project.open(project) as opened:
        assert all("outlet" not in m for _, m in opened.document_metas())


@pytest.mark.parametrize("csv_text, message", [
    ("name,outlet\na.txt,TASS\n", "meta.csv:1: the first row must name the columns"),
    ("filename,outlet\na.txt,TASS,extra\n", "meta.csv:2: 3 cells where the first row names 2"),
    ("filename,date\na.txt,15/01/2026\n", "meta.csv:2: date must be ISO 8601"),
])
def test_a_bad_csv_names_its_line_and_changes_nothing(tmp_path: Path, csv_text: str,
                                                      message: str) -> None:
    folder = _folder(tmp_path)
    (tmp_path / "meta.csv").write_text(csv_text, encoding="utf-8")
    project = tmp_path / "p.annotator"
    code, out = _run("import", project, folder, "--meta-csv", tmp_path / "meta.csv")
    assert code == 1 and message in out
    assert not project.exists()
    code, out = _run("import", project, folder, "--meta", "outlet")
    assert code == 1 and "--meta needs KEY=VALUE" in out
