"""``annotator import | export | stats | scheme`` as a user runs them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annotator.cli.main import cli
from annotator.paths import seeds_dir
from annotator.store import Project

SAMPLE = ('{"annotator_format": "jsonl", "version": 1, "offset_unit": "codepoint"}\n'
          '{"id": "d1", "title": "Iran", "text": "Iran 🇮🇷 and Russia", "spans": ['
          '{"id": "s1", "start": 0, "end": 7, "text": "Iran 🇮🇷", "layer": "actor", '
          '"label": "Regional power", "annotator": "Dana"}, '
          '{"id": "s2", "start": 12, "end": 18, "text": "Russia", "layer": "actor", '
          '"label": "State/Government", "annotator": "gold"}]}\n')


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def one_error_line(result: Result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("annotator: ")
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "sample.jsonl"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_import_creates_the_project_and_lists_what_it_created(tmp_path: Path,
                                                              sample: Path) -> None:
    project = tmp_path / "new.annotator"
    result = run("import", project, seeds_dir(), sample)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{project}: added 3 documents (0 already there), 2 spans (0 already there), 0 links",
        "created annotators: Dana, gold",
        "created labels: actor/Regional power",
    ]
    again = run("import", project, sample)
    assert again.stdout.startswith(f"{project}: added 0 documents (1 already there), "
                                   "0 spans (2 already there)")


def test_a_bad_import_prints_one_line_changes_nothing_and_leaves_no_new_file(
        tmp_path: Path, sample: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(SAMPLE + '{"id": "d2", "text": "short", "spans": [{"start": 0, "end": 99, '
                   '"label": "Media", "layer": "actor"}]}\n', encoding="utf-8")
    fresh = tmp_path / "fresh.annotator"
    line = one_error_line(run("import", fresh, bad))
    assert line.startswith(f"annotator: {bad}:3: span #1: span [0, 99) is outside the text")
    assert not fresh.exists() and list(tmp_path.glob("fresh*")) == []

    existing = tmp_path / "existing.annotator"
    run("import", existing, sample)
    before = run("export", existing, "-o", "-").stdout_bytes
    one_error_line(run("import", existing, bad))
    assert run("export", existing, "-o", "-").stdout_bytes == before


def test_import_refuses_binary_and_empty_files_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("fine")
    (folder / "b.txt").write_bytes(b"\x00\x01\x02binary")
    line = one_error_line(run("import", tmp_path / "p.annotator", folder))
    assert line.startswith(f"annotator: {folder / 'b.txt'}: looks like a binary file")


def test_export_to_stdout_is_exactly_the_jsonl(tmp_path: Path, sample: Path) -> None:
    project = tmp_path / "p.annotator"
    run("import", project, sample)
    result = run("export", project, "-o", "-")
    assert result.exit_code == 0
    header, doc = (json.loads(line) for line in result.stdout.splitlines())
    assert header["offset_unit"] == "codepoint"
    assert [s["text"] for s in doc["spans"]] == ["Iran 🇮🇷", "Russia"]
    assert result.stderr == "wrote 1 document, 2 spans, 0 links to -\n"


def test_export_to_a_file_with_filters(tmp_path: Path, sample: Path) -> None:
    project = tmp_path / "p.annotator"
    run("import", project, sample)
    out = tmp_path / "gold.jsonl"
    assert run("export", project, "-o", out, "--gold").exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8").splitlines()[1])
    assert [s["annotator"] for s in doc["spans"]] == ["gold"]
    run("export", project, "-o", out, "--annotator", "Dana", "--label", "Regional power")
    doc = json.loads(out.read_text(encoding="utf-8").splitlines()[1])
    assert [s["label"] for s in doc["spans"]] == ["Regional power"]
    line = one_error_line(run("export", project, "-o", out, "--annotator", "Nobody"))
    assert "no annotator named 'Nobody'" in line
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[1]) == doc  # untouched


@pytest.mark.parametrize("args, message", [
    (("export", "{tmp}/missing.annotator", "-o", "-"), "missing.annotator: no such project"),
    (("stats", "{tmp}/missing.annotator"), "missing.annotator: no such project"),
    (("export", "{project}", "-o", "{tmp}/no/such/dir/out.jsonl"),
     "dir/out.jsonl: No such file or directory"),
    (("export", "{project}", "-o", "{project}"), "refusing to overwrite the project"),
    (("stats", "{sample}"), "not an Annotator project"),
    (("import", "{project}", "{tmp}/nothing-here"), "nothing-here: no such file or folder"),
    (("import", "{project}", "{tmp}/x.csv"), "cannot import this kind of file"),
    (("import", "{project}", "{tmp}/t.txt", "--encoding", "klingon"), "unknown encoding"),
    (("scheme", "import", "{tmp}/new.annotator", "{sample}"), "not valid JSON"),
])
def test_user_errors_are_one_line_with_exit_1(tmp_path: Path, sample: Path,
                                              args: tuple[str, ...], message: str) -> None:
    project = tmp_path / "p.annotator"
    run("import", project, sample)
    (tmp_path / "x.csv").write_text("a,b\n")
    (tmp_path / "t.txt").write_text("text")
    argv = [a.format(tmp=tmp_path, project=project, sample=sample) for a in args]
    assert message in one_error_line(run(*argv))
    assert not (tmp_path / "new.annotator").exists()


def test_stats_counts_documents_spans_and_statuses(tmp_path: Path, sample: Path) -> None:
    project = tmp_path / "p.annotator"
    run("import", project, seeds_dir(), sample)
    with Project.open(project) as opened:
        dana = opened.annotator("Dana")
        assert dana.id is not None
        from annotator.core.model import Status

        opened.set_status(opened.document_ids()[0], dana.id, Status.DONE)
    text = run("stats", project).stdout
    assert text.splitlines()[0] == f"{project}: 3 documents, 2 spans"
    assert "  actor/Regional power" in text and "  gold " in text
    assert "  Dana  1 / 0 / 2" in text
    data = json.loads(run("stats", project, "--json").stdout)
    assert data["documents"] == 3
    assert data["spans_by_layer"] == {"actor": 2, "stance": 0, "narrative": 0}
    assert data["spans_by_annotator"] == {"Dana": 1, "gold": 1}
    assert data["status_by_annotator"]["Dana"] == {"todo": 2, "in_progress": 0, "done": 1}


def test_scheme_round_trip(tmp_path: Path) -> None:
    first = tmp_path / "a.annotator"
    run("import", first, seeds_dir())
    scheme = tmp_path / "scheme.json"
    assert run("scheme", "export", first, scheme).exit_code == 0
    second = tmp_path / "b.annotator"
    result = run("scheme", "import", second, scheme)
    assert result.exit_code == 0 and "created 29 labels" in result.stdout
    assert run("scheme", "export", second, "-").stdout == scheme.read_text(encoding="utf-8")
    again = run("scheme", "import", second, scheme)
    assert "no new labels" in again.stdout


def test_the_group_does_not_swallow_subcommand_names(tmp_path: Path) -> None:
    """`annotator import P F` once parsed "import" as the project to open."""
    result = run("stats", tmp_path / "nope.annotator")
    assert "no such project file" in result.stderr


# -- the installed entry point, in a real process -----------------------------------------
def entry_point() -> str:
    found = shutil.which("annotator", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("the annotator command is not installed next to this Python")
    return found


def test_installed_command_import_stats_export_in_a_subprocess(tmp_path: Path) -> None:
    exe = entry_point()
    env = {**os.environ, "ANNOTATOR_DATA_DIR": str(tmp_path / "data")}
    project = tmp_path / "my.annotator"

    def call(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([exe, *map(str, args)], capture_output=True, env=env,
                              timeout=120, check=False)

    done = call("import", project, seeds_dir())
    assert done.returncode == 0, done.stderr
    assert b"added 2 documents" in done.stdout
    assert call("stats", project).stdout.startswith(f"{project}: 2 documents".encode())
    exported = call("export", project, "-o", "-")
    assert exported.returncode == 0
    records = [json.loads(line) for line in exported.stdout.decode("utf-8").splitlines()]
    assert len(records) == 3 and records[0]["offset_unit"] == "codepoint"
    failed = call("import", project, tmp_path / "missing.txt")
    assert failed.returncode == 1
    assert failed.stderr.decode().splitlines() == [
        f"annotator: {tmp_path / 'missing.txt'}: no such file or folder"]
    assert failed.stdout == b""
