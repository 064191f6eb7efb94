"""Corpus search over a project (issue 11): the index chooses the documents, the stored
texts give the hits (``core.search``), and each hit says which spans already cover it.

Usage::

    request = SearchRequest("supreme leader")
    for hit in corpus_hits(project, request): ...
    rows = result_rows(project, hits)  # what `annotator search` prints

A phrase of three folded characters or more is looked up in the trigram index; a
shorter one (a flag, "ИГ") and a regular expression read every text, reporting progress
and stopping when ``cancelled()`` says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import regex as rx

from annotator.core.docfilter import DocumentFilter
from annotator.core.search import Hit, covering, fts_query, hits_in, phrase_pattern, user_pattern
from annotator.store import Project

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
# Letters, digits and the ZWNJ that joins a Persian word's parts are inside a word.
_WORD = r"[\w\u200c]"


@dataclass(frozen=True)
class SearchRequest:
    query: str
    regex: bool = False  # a regular expression (regex module syntax), not a phrase
    words: bool = False  # whole words only: no letter right before or after the hit
    ignore_case: bool = True  # for a regular expression (a phrase always ignores case)

    def pattern(self) -> rx.Pattern[str] | None:
        """The compiled pattern; None when nothing can match. A bad regular expression
        raises ``ValueError`` saying why."""
        if self.regex:
            if not self.query:
                return None
            pattern = user_pattern(self.query, ignore_case=self.ignore_case)
        else:
            found = phrase_pattern(self.query)
            if found is None:
                return None
            pattern = found
        if not self.words:
            return pattern
        return rx.compile(f"(?<!{_WORD})(?:{pattern.pattern})(?!{_WORD})",
                             pattern.flags)

    @property
    def indexed(self) -> bool:
        """Whether the index can choose the documents (else every text is read)."""
        return not self.regex and fts_query(self.query) is not None


def candidates(project: Project, request: SearchRequest,
               where: DocumentFilter | None = None) -> list[int]:
    """The documents that may hold a hit, in the document list's order."""
    match = None if request.regex else fts_query(request.query)
    ids = (project.search_candidates(match) if match is not None
           and project.has_search_index() else project.all_document_ids())
    if where is not None and not where.is_empty:
        chosen = {doc_id for doc_id, _, meta in project.document_metas_from(0)
                  if where.matches(meta)}
        ids = [i for i in ids if i in chosen]
    return ids


def corpus_hits(project: Project, request: SearchRequest, *,
                where: DocumentFilter | None = None, doc_ids: Sequence[int] | None = None,
                progress: Progress | None = None,
                cancelled: Cancelled | None = None) -> Iterator[Hit]:
    """Every hit, document by document in list order (``doc_ids``: only those)."""
    pattern = request.pattern()
    if pattern is None:
        return
    ids = list(doc_ids) if doc_ids is not None else candidates(project, request, where)
    for done, (doc_id, text) in enumerate(project.texts_of(ids), start=1):
        if cancelled is not None and cancelled():
            return
        yield from hits_in(doc_id, text, pattern)
        if progress is not None and (done % 200 == 0 or done == len(ids)):
            progress(done, len(ids))


def result_rows(project: Project, hits: Sequence[Hit]) -> list[dict[str, Any]]:
    """One row per hit as ``annotator search`` prints it: document id and title, code-point
    offsets, the match and its context, and the spans covering it."""
    titles: dict[int, str] = {}
    spans: dict[int, list[tuple[int, int, int, str, str]]] = {}
    rows = []
    for hit in hits:
        if hit.doc_id not in titles:
            titles[hit.doc_id] = project.document_details(hit.doc_id)[0]
            spans[hit.doc_id] = project.covering_rows(hit.doc_id)
        rows.append({"doc_id": hit.doc_id, "title": titles[hit.doc_id], "start": hit.start,
                     "end": hit.end, "match": hit.match, "left": hit.left,
                     "right": hit.right,
                     "covered_by": [{"span_id": c.span_id, "label": c.label,
                                     "annotator": c.annotator}
                                    for c in covering(hit, spans[hit.doc_id])]})
    return rows
