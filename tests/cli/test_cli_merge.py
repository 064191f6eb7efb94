"""``annotator merge PROJECT OTHER``: output, exit codes, --dry-run, --rename-clashes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annotator.cli.main import cli
from annotator.core.commands import AddSpan
from annotator.core.model import Document, Span
from annotator.paths import default_scheme_path
from annotator.store import Project
from tests.dbdump import snapshot

TEXT = "Putin said Moscow backs Tehran 🇮🇷 against “foreign interference”."
ANA = "00000000-0000-4000-8000-0000000000a1"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["merge", *map(str, args)])


def dump(path: Path) -> list[object]:
    with Project.open(path, read_only=True) as p:
        return snapshot(p.conn)


@pytest.fixture
def theirs(tmp_path: Path) -> Path:
    path = tmp_path / "ana.annotator"
    with Project.open(path, scheme=default_scheme_path()) as p:
        doc, _ = p.add_document(Document("Putin", TEXT))
        p.add_document(Document("Other", "The rial fell again."))
        lab = p.find_label("actor", "Head of state/government")
        assert doc.id is not None and lab is not None and lab.id is not None
        ana = p.annotator("Ana", uuid=ANA)
        assert ana.id is not None
        p.apply(AddSpan(Span(doc.id, ana.id, lab.id, 0, 5, "Putin")))
    return path


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    path = tmp_path / "mine.annotator"
    with Project.open(path, scheme=default_scheme_path()) as p:
        p.add_document(Document("Putin (mine)", TEXT))
    return path


def test_merge_prints_what_it_did_and_a_second_run_adds_nothing(mine: Path,
                                                                theirs: Path) -> None:
    first = run(mine, theirs)

    assert first.exit_code == 0, first.output
    assert f"merged {theirs} into {mine}" in first.stdout
    assert "documents: 1 matched (0 by id, 1 by text), 1 added, 0 conflicting" in first.stdout
    assert "spans: 1 added, 0 already here" in first.stdout
    assert "annotator 'Ana': new" in first.stdout
    before = dump(mine)

    second = run(mine, theirs)

    assert second.exit_code == 0
    assert "spans: 0 added, 1 already here" in second.stdout
    assert "documents: 2 matched" in second.stdout
    assert dump(mine) == before


def test_dry_run_says_so_and_changes_nothing(mine: Path, theirs: Path) -> None:
    before = dump(mine)

    result = run(mine, theirs, "--dry-run")

    assert result.exit_code == 0
    assert "would merge" in result.stdout and "spans: 1 added" in result.stdout
    assert "dry run: nothing was changed" in result.stdout
    assert dump(mine) == before


def test_a_name_clash_fails_with_the_names_unless_renamed(mine: Path, theirs: Path) -> None:
    with Project.open(mine) as p:
        p.annotator("Ana")  # someone else called Ana
    before = dump(mine)

    refused = run(mine, theirs)

    assert refused.exit_code == 1
    assert "'Ana'" in refused.stderr and "--rename-clashes" in refused.stderr
    assert refused.stdout == ""
    assert dump(mine) == before

    renamed = run(mine, theirs, "--rename-clashes")

    assert renamed.exit_code == 0
    assert "annotator 'Ana': a different person from our 'Ana', merged as 'Ana (2)'" \
        in renamed.stdout


def test_errors_name_the_file_and_exit_non_zero(mine: Path, theirs: Path,
                                                tmp_path: Path) -> None:
    missing = run(tmp_path / "nope.annotator", theirs)
    assert missing.exit_code == 1
    assert "nope.annotator: no such project file" in missing.stderr
    assert not (tmp_path / "nope.annotator").exists()

    junk = tmp_path / "junk.annotator"
    junk.write_bytes(b"\x00" * 100)
    bad = run(mine, junk)
    assert bad.exit_code == 1
    assert f"{junk}: not an Annotator project" in bad.stderr

    itself = run(mine, mine)
    assert itself.exit_code == 1 and "the project itself" in itself.stderr


def test_merge_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### `annotator merge`")[1].split("\n## ")[0]
    assert "--rename-clashes" in section and "--dry-run" in section
