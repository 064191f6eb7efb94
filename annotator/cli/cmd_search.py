"""``annotator search``: a concordance (KWIC) of a phrase or regular expression over the
corpus, with the spans that already cover each hit."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click

from annotator.cli.doc_filter_options import document_filter_options
from annotator.cli.errors import run_job
from annotator.core.docfilter import DocumentFilter
from annotator.core.errors import InputError
from annotator.formats.corpus_search import SearchRequest, corpus_hits, result_rows
from annotator.store import Project

FIELDS = ("doc_id", "title", "start", "end", "match", "left", "right", "covered_by")


@click.command("search")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("query")
@click.option("--regex", "is_regex", is_flag=True,
              help="QUERY is a regular expression (Python 'regex' syntax); every text is "
                   "read. Without it QUERY is a phrase, found in any case, with or without "
                   "diacritics, ZWNJ and Arabic/Persian letter variants.")
@click.option("--words", is_flag=True, help="Whole words only.")
@click.option("--case-sensitive", is_flag=True, help="With --regex: respect case.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]),
              default="table", show_default=True)
@click.option("--limit", type=int, default=None, help="Stop after this many hits.")
@run_job
@document_filter_options
def search_cmd(project: Path, query: str, is_regex: bool, words: bool, case_sensitive: bool,
               fmt: str, limit: int | None, doc_filter: DocumentFilter) -> None:
    """Find QUERY in every document of PROJECT: one row per hit with the document id and
    title, code-point offsets (text[start:end] is the match), the match with its left
    and right context, and the spans covering it ("label (annotator)")."""
    request = SearchRequest(query, regex=is_regex, words=words,
                            ignore_case=not case_sensitive)
    try:
        request.pattern()
    except ValueError as exc:
        raise InputError(str(exc)) from None
    with Project.open(project, create=False) as opened:
        hits = []
        for hit in corpus_hits(opened, request, where=doc_filter):
            hits.append(hit)
            if limit is not None and len(hits) >= limit:
                break
        rows = result_rows(opened, hits)
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    flat = [{**row, "covered_by": "; ".join(f"{c['label']} ({c['annotator']})"
                                            for c in row["covered_by"])} for row in rows]
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
        return
    for row in flat:
        cover = f"  [{row['covered_by']}]" if row["covered_by"] else ""
        click.echo(f"{row['doc_id']:>6} {row['start']:>7}  {row['left']:>40} "
                   f"[{row['match']}] {row['right']:<40}{cover}")
    click.echo(f"{len(rows)} hit{'s' if len(rows) != 1 else ''}"
               + (f" (stopped at --limit {limit})" if limit is not None and len(rows) >= limit
                  else ""), err=True)


COMMANDS = [search_cmd]
