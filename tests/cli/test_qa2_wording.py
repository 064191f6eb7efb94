"""QA pass 2: CLI messages that say what to do, and counts in the singular when one."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annotator.cli.main import cli
from annotator.core.model import Document
from annotator.paths import default_scheme_path
from annotator.store import Project
from tests.cli.test_cli_agreement import SPANS, TEXT, add_spans


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def three(tmp_path: Path) -> Path:
    """Ana and Ben coded one document; Cyrus coded only another."""
    path = tmp_path / "three.annotator"
    with Project.open(path, scheme=default_scheme_path()) as p:
        doc, _ = p.add_document(Document("Putin", TEXT))
        other, _ = p.add_document(Document("Other", "Cyrus alone read this one about Moscow."))
        assert doc.id is not None and other.id is not None
        add_spans(p, doc.id, SPANS)
        add_spans(p, other.id, [("Cyrus", "actor", "State/Government", 32, 38)])
    return path


def test_agreement_without_a_document_coded_by_all_says_to_choose_annotators(
        three: Path) -> None:
    result = run("agreement", three)
    assert result.exit_code == 0, result.output
    assert "continuum is empty" not in result.stdout
    assert "uα: no document coded by every compared annotator" in result.stdout
    assert "no document was coded by all of Ana, Ben, Cyrus" in result.stderr
    assert "--annotators Ana,Ben" in result.stderr
    chosen = run("agreement", three, "--annotators", "Ana,Ben")
    assert chosen.exit_code == 0 and "--annotators" not in chosen.stderr


def test_adjudicate_examining_no_document_hints_at_annotators(three: Path) -> None:
    result = run("adjudicate", three, "--accept-agreed")
    assert result.exit_code == 0, result.output
    assert "documents examined: 0" in result.stdout
    assert "--annotators" in result.stdout
    chosen = run("adjudicate", three, "--accept-agreed", "--annotators", "Ana,Ben")
    assert "documents examined: 1" in chosen.stdout and "hint" not in chosen.stdout
    assert "accepted into gold: 2 spans in 1 document\n" in chosen.stdout


def test_one_of_a_thing_is_singular_in_summaries(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Moscow backs Tehran.\n", encoding="utf-8")
    project = tmp_path / "p.annotator"
    result = run("import", project, tmp_path / "one.txt")
    assert result.exit_code == 0, result.output
    assert "added 1 document (0 already there), 0 spans (0 already there), 0 links" \
        in result.stdout
    exported = run("export", project, "-o", "-")
    assert exported.stderr == "wrote 1 document, 0 spans, 0 links to -\n"
