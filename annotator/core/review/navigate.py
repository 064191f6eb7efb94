"""Jump to the next or previous disagreement across documents.

The caller supplies documents in list order and a way to get a document's pairs (the
store's ``compare_document``); documents are compared lazily, only as far as the jump
needs, so "next disagreement" near the current one costs one document's comparison.

Usage::

    hit = step_disagreement(project.document_ids(),
                            lambda d: project.compare_document(d, a_id, b_id),
                            doc_id=current_doc, index=current_pair_index)
    if hit: show(hit.doc_id, hit.pair)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from annotator.core.review.compare import Pair


@dataclass(frozen=True, slots=True)
class Location:
    doc_id: int
    index: int  # position of ``pair`` in that document's ``compare`` list
    pair: Pair


def _wanted(pair: Pair, unresolved_only: bool) -> bool:
    return pair.needs_review if unresolved_only else pair.is_disagreement


def disagreements_across_corpus(
    documents: Iterable[tuple[int, Sequence[Pair]]], *, unresolved_only: bool = False
) -> Iterator[Location]:
    """Every disagreement (or only those still open), document by document, in order."""
    for doc_id, pairs in documents:
        for i, pair in enumerate(pairs):
            if _wanted(pair, unresolved_only):
                yield Location(doc_id, i, pair)


def step_disagreement(
    doc_ids: Sequence[int],
    pairs_of: Callable[[int], Sequence[Pair]],
    *,
    doc_id: int | None,
    index: int | None = None,
    backward: bool = False,
    wrap: bool = True,
    unresolved_only: bool = False,
) -> Location | None:
    """The disagreement after (or before) pair ``index`` of document ``doc_id``.

    ``index=None`` means no pair is selected: forward starts at the document's first pair,
    backward at its last. A ``doc_id`` that is ``None`` or not in ``doc_ids`` starts at
    the first (backward: last) document. With ``wrap`` the search goes round the corpus
    once and may come back to the current document. ``None`` when there is none.
    """
    if not doc_ids:
        return None
    here = doc_ids.index(doc_id) if doc_id in doc_ids else None
    if here is None:
        order = list(doc_ids)
        if backward:
            order.reverse()
        return _first(order, pairs_of, backward, unresolved_only, skip=None)
    step = -1 if backward else 1
    count = len(doc_ids)
    if wrap:
        others = [doc_ids[(here + step * k) % count] for k in range(1, count)]
    else:
        others = [doc_ids[i] for i in range(here + step, -1 if backward else count, step)]
    current = [doc_ids[here]]
    # The current document past ``index``; then the others; then (when wrapping) the
    # current document again, up to and including ``index``.
    hit = _first(current, pairs_of, backward, unresolved_only, skip=(index, False))
    if hit is None:
        hit = _first(others, pairs_of, backward, unresolved_only, skip=None)
    if hit is None and wrap:
        hit = _first(current, pairs_of, backward, unresolved_only, skip=(index, True))
    return hit


def _first(
    order: Sequence[int],
    pairs_of: Callable[[int], Sequence[Pair]],
    backward: bool,
    unresolved_only: bool,
    skip: tuple[int | None, bool] | None,
) -> Location | None:
    """First wanted pair in ``order``. ``skip=(index, up_to)`` restricts the (single)
    document to pairs after ``index`` (``up_to=False``) or up to and including it."""
    for doc_id in order:
        pairs = pairs_of(doc_id)
        positions = range(len(pairs) - 1, -1, -1) if backward else range(len(pairs))
        for i in positions:
            if skip is not None and not _in_window(i, skip, backward):
                continue
            if _wanted(pairs[i], unresolved_only):
                return Location(doc_id, i, pairs[i])
    return None


def _in_window(i: int, skip: tuple[int | None, bool], backward: bool) -> bool:
    index, up_to = skip
    if index is None:
        return not up_to  # no selection: the whole document, once
    ahead = i < index if backward else i > index
    return not ahead if up_to else ahead
