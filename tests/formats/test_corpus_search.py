"""Corpus search over a project: the index chooses documents (kept by every write, built
for older files), hits carry code-point offsets and the spans covering them; the CLI
prints the same rows as a table, JSONL or CSV."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from annotator.core.docfilter import DocumentFilter
from annotator.core.model import Document
from annotator.core.search import fts_query
from annotator.formats.corpus_search import SearchRequest, corpus_hits, result_rows
from annotator.store import Project
from tests.cli.helpers import run
from tests.oldfiles import project_at


def matches(project: Project, query: str, **kw: object) -> list[tuple[int, str]]:
    return [(h.doc_id, h.match) for h in corpus_hits(project, SearchRequest(query, **kw))]  # type: ignore[arg-type]


def test_hits_cover_spans_and_offsets(annotated: Project) -> None:
    (hit,) = corpus_hits(annotated, SearchRequest("مردم میخواهند"))
    text = annotated.get_document(hit.doc_id).text
    assert text[hit.start:hit.end] == hit.match == "مردم می‌خواهند"
    (row,) = result_rows(annotated, [hit])
    assert row["covered_by"] == [{"span_id": row["covered_by"][0]["span_id"],
                                  "label": "Protesters/Civil society", "annotator": "gold"}]
    assert row["title"] == "Mixed"
    assert matches(annotated, "россия") == [(2, "Россия")]
    assert [m for _, m in matches(annotated, "👨‍👩‍👧")] == ["👨‍👩‍👧"]


def test_the_index_follows_new_documents_and_chooses_candidates(project: Project) -> None:
    assert matches(project, "kremlin") == []
    doc, _ = project.add_document(Document(title="t", text="The Kremlin said so."))
    assert matches(project, "KREMLIN") == [(doc.id, "Kremlin")]
    assert project.search_candidates(fts_query("kremlin") or "") == [doc.id]
    assert project.search_candidates(fts_query("tehran") or "") == []
    assert project.search_index_bytes() > 0


def test_regex_words_and_filters(project: Project) -> None:
    a, _ = project.add_document(Document(title="a", text="Iran and Iranian media; IRAN.",
                                         meta={"outlet": "BBC"}))
    b, _ = project.add_document(Document(title="b", text="Iran again.", meta={"outlet": "TASS"}))
    assert len(matches(project, "iran")) == 4
    assert [m for _, m in matches(project, "iran", words=True)] == ["Iran", "IRAN", "Iran"]
    assert matches(project, r"Iran\w+", regex=True) == [(a.id, "Iranian")]
    assert matches(project, r"IRAN", regex=True, ignore_case=False) == [(a.id, "IRAN")]
    only_tass = DocumentFilter.build(where=["outlet=tass"])
    assert [h.doc_id for h in corpus_hits(project, SearchRequest("iran"), where=only_tass)] \
        == [b.id]
    with pytest.raises(ValueError, match="not a valid regular expression"):
        SearchRequest("(", regex=True).pattern()


def test_an_older_file_gets_its_index_built(tmp_path: Path) -> None:
    path = tmp_path / "v6.annotator"
    project_at(path, 6)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO documents (id, uuid, title, text, sha256, created, length) "
                 "VALUES (1, 'u', 'old', 'Путин 🇷🇺 говорит', 'h', 'now', 16)")
    conn.commit()
    conn.close()
    with Project.open(path, read_only=True) as old:  # not migrated: read every text
        assert not old.has_search_index() and matches(old, "путин") == [(1, "Путин")]
    with Project.open(path) as project:
        assert project.has_search_index()
        assert project.search_candidates(fts_query("путин") or "") == [1]


def test_cli_prints_table_jsonl_and_csv(tmp_path: Path, annotated: Project) -> None:
    path = tmp_path / "p.annotator"
    annotated.conn.execute(f"VACUUM INTO '{path}'")
    result = run("search", path, "россия")
    assert result.exit_code == 0, result.output
    assert "[Россия]" in result.output and "State/Government (Omid)" in result.output
    rows = [json.loads(line) for line in run("search", path, "iran", "--format",
                                             "jsonl").output.splitlines()]
    assert rows and all(r["match"].lower().startswith("iran") for r in rows)
    text = annotated.get_document(rows[0]["doc_id"]).text
    assert all(text[r["start"]:r["end"]] == r["match"] for r in rows if r["doc_id"] == 1)
    table = list(csv.DictReader(io.StringIO(run("search", path, "iran", "--format", "csv",
                                                "--limit", "1").output)))
    assert len(table) == 1 and table[0]["covered_by"] == "State/Government (Dana)"
    bad = run("search", path, "(", "--regex")
    assert bad.exit_code != 0 and "not a valid regular expression" in bad.output
