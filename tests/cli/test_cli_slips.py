"""Command-line slips (issue 7, item 6): a mistyped command creates nothing and names the
closest command, a new project needs ``.annotator`` or ``--new``, no display is said in
plain words, ``export | head`` exits 0, and a doccano file's one line per annotator is one
document, not one "already there"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli.window import no_display

from .helpers import run


@pytest.fixture
def no_window(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    opened: list[Path | None] = []

    def fake(project: Path | None) -> int:
        opened.append(project)
        return 0

    monkeypatch.setattr("annotator.cli.window.open_window", fake)
    return opened


@pytest.mark.parametrize(("args", "closest"), [
    (["statz"], "did you mean 'stats'?"),
    (["exprt", "my.annotator", "-o", "x"], "did you mean 'export'?"),
    (["zzzz"], "'annotator --help' lists the commands"),
])
def test_a_mistyped_command_says_so_and_creates_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_window: list[Path | None],
        args: list[str], closest: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2
    assert f"no such command '{args[0]}'" in result.output and closest in result.output
    assert list(tmp_path.iterdir()) == [] and no_window == []


def test_a_project_opens_when_it_exists_ends_in_annotator_or_comes_with_new(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_window: list[Path | None]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old").write_bytes(b"")
    for args in (["old"], ["fresh.annotator"], ["--new", "notes"], ["notes", "--new"]):
        assert run(*args).exit_code == 0, args
    assert no_window == [Path("old"), Path("fresh.annotator"), Path("notes"), Path("notes")]


def test_a_project_with_more_words_points_to_the_command_form(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_window: list[Path | None]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.annotator").write_bytes(b"")
    result = run("p.annotator", "stats")
    assert result.exit_code == 2 and "annotator COMMAND p.annotator" in result.output


@pytest.mark.parametrize(("env", "platform", "missing"), [
    ({}, "linux", True),
    ({"DISPLAY": ":0"}, "linux", False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({}, "darwin", False),
])
def test_no_display_is_detected_before_qt_aborts(env: dict[str, str], platform: str,
                                                 missing: bool) -> None:
    assert no_display(env, platform) is missing


def test_without_a_display_the_window_says_what_to_do(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from annotator.cli.window import open_window

    for key in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert open_window(None) == 1
    assert "xvfb-run" in capsys.readouterr().err


def test_export_into_a_closed_pipe_exits_0_quietly(tmp_path: Path) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    for i in range(80):  # well over a pipe's 64 KiB buffer
        (folder / f"d{i}.txt").write_text(f"Article {i}. " + "Word " * 2000, encoding="utf-8")
    project = tmp_path / "p.annotator"
    assert run("import", project, folder).exit_code == 0
    code = f"import sys; sys.argv = ['annotator', 'export', {str(project)!r}, '-o', '-']; " \
           f"from annotator.cli.main import main; main()"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    export = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env)
    assert export.stdout is not None and export.stderr is not None
    export.stdout.read(100)
    export.stdout.close()  # what `head -c 100` does
    err = export.stderr.read().decode()
    assert export.wait(timeout=60) == 0, err
    assert "broken pipe" not in err.lower() and "Traceback" not in err


def test_a_doccano_file_into_an_empty_project_counts_each_document_once(
        tmp_path: Path) -> None:
    lines = [{"text": f"Article {i} about Tehran.", "label": [[0, 7, "Media"]],
              "annotator": who} for i in range(3) for who in ("Dana", "Omid")]
    source = tmp_path / "doccano.jsonl"
    source.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    result = run("import", tmp_path / "p.annotator", source)
    assert result.exit_code == 0, result.output
    assert "added 3 documents (0 already there)" in result.output
    again = run("import", tmp_path / "p.annotator", source)
    assert "added 0 documents (3 already there)" in again.output

