"""``annotator adjudicate PROJECT --accept-agreed``: counts printed, gold filled, idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annotator.cli.main import cli
from annotator.core.model import Document, Span
from annotator.paths import default_scheme_path
from annotator.store import Project

TEXT = "Путин said Moscow backs Tehran 🇮🇷 against “foreign interference”."


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["adjudicate", *map(str, args)])


def put(p: Project, doc: int, who: str, fragment: str, label: str) -> None:
    lab = p.find_label("actor", label)
    ann = p.annotator(who)
    start = TEXT.index(fragment)
    assert lab and lab.id and ann.id
    p.insert_span(Span(doc, ann.id, lab.id, start, start + len(fragment), fragment))


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, list[str]]:
    """Two documents: anna and ben agree on two spans in each and disagree on one;
    cyrus marked only the first document."""
    path = tmp_path / "review.annotator"
    uuids = []
    with Project.open(path, scheme=default_scheme_path()) as p:
        for title, text in (("one", TEXT), ("two", TEXT + " ")):
            doc, _ = p.add_document(Document(title, text))
            assert doc.id
            uuids.append(doc.uuid)
            for who in ("anna", "ben"):
                put(p, doc.id, who, "Путин", "Head of state/government")
                put(p, doc.id, who, "Tehran 🇮🇷", "State/Government")
            put(p, doc.id, "anna", "Moscow", "State/Government")
            put(p, doc.id, "ben", "Moscow", "Media")
        doc1 = p.find_document(uuid=uuids[0])
        assert doc1 and doc1.id
        put(p, doc1.id, "cyrus", "Путин", "Head of state/government")
        p.gold()  # exists before anyone adjudicates, as after opening the compare view
    return path, uuids


def gold_texts(path: Path) -> list[str]:
    with Project.open(path, read_only=True) as p:
        gold = p.find_annotator("gold")
        if gold is None or gold.id is None:
            return []
        return sorted(s.text for d in p.document_ids() for s in p.spans_of_document(d, [gold.id]))


def test_accept_agreed_on_the_corpus_prints_counts_and_is_idempotent(
        project: tuple[Path, list[str]]) -> None:
    path, _ = project
    result = run(path, "--accept-agreed", "--annotators", "anna,ben")
    assert result.exit_code == 0, result.output
    assert "accepted into gold: 4 spans in 2 documents" in result.output
    assert "already in gold or decided: 0" in result.output
    assert gold_texts(path) == sorted(["Путин", "Путин", "Tehran 🇮🇷", "Tehran 🇮🇷"])
    again = run(path, "--accept-agreed", "--annotators", "anna,ben")
    assert again.exit_code == 0
    assert "accepted into gold: 0 spans in 0 documents" in again.output
    assert "already in gold or decided: 4" in again.output
    assert len(gold_texts(path)) == 4


def test_one_document_and_all_annotators_by_default(project: tuple[Path, list[str]]) -> None:
    path, uuids = project
    result = run(path, "--accept-agreed", "--document", uuids[0])
    assert result.exit_code == 0, result.output
    assert "annotators: anna, ben, cyrus" in result.output
    # Only "Путин" is marked alike by all three, and only in the first document.
    assert "accepted into gold: 1 span in 1 document" in result.output
    assert gold_texts(path) == ["Путин"]


@pytest.mark.parametrize("args, message", [
    ((), "--accept-agreed"),
    (("--accept-agreed", "--annotators", "anna,zoe"), "no annotator called 'zoe'"),
    (("--accept-agreed", "--annotators", "anna"), "at least two annotators"),
    (("--accept-agreed", "--annotators", "anna,gold"), "it cannot be one of --annotators"),
    (("--accept-agreed", "--document", "no-such-uuid"), "no document with id no-such-uuid"),
])
def test_refusals_change_nothing(project: tuple[Path, list[str]], args: tuple[str, ...],
                                 message: str) -> None:
    path, _ = project
    result = run(path, *args)
    assert result.exit_code == 1
    assert message in result.output
    assert gold_texts(path) == []


def test_missing_project_is_refused(tmp_path: Path) -> None:
    result = run(tmp_path / "nope.annotator", "--accept-agreed")
    assert result.exit_code == 1 and "nope.annotator" in result.output
    assert not (tmp_path / "nope.annotator").exists()


def test_adjudicate_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### `annotator adjudicate`", 1)[1]
    for option in ("--accept-agreed", "--annotators", "--document"):
        assert option in section


def test_gold_exports_like_any_annotator(project: tuple[Path, list[str]]) -> None:
    import json

    path, _ = project
    assert run(path, "--accept-agreed", "--annotators", "anna,ben").exit_code == 0
    exported = CliRunner().invoke(cli, ["export", str(path), "-o", "-", "--gold"])
    assert exported.exit_code == 0, exported.output
    records = [json.loads(line) for line in exported.stdout.splitlines()[1:]]
    spans = [s for r in records for s in r["spans"]]
    assert {s["annotator"] for s in spans} == {"gold"}
    assert sorted(s["text"] for s in spans) == sorted(["Путин", "Путин", "Tehran 🇮🇷",
                                                       "Tehran 🇮🇷"])
    for record in records:
        for s in record["spans"]:
            assert record["text"][s["start"]:s["end"]] == s["text"]
