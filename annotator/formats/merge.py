"""Merge a colleague's work into this project (PRODUCT §5).

Usage::

    summary = merge(project, Path("dana.annotator"), progress=bar.update,
                    cancelled=lambda: worker.stop_requested)

``project`` is the receiving project (give a worker thread its own ``Project``); the
colleague's file (a project, or a native ``.jsonl`` export) is opened read-only and
never written. The rules:

- documents are matched by uuid, then by text SHA-256; unmatched ones are added with
  their uuid. A uuid match whose text differs is a *conflict*: reported, its spans are
  not merged;
- spans, links, comments and statuses arrive under their annotator (see
  ``merge_plan`` for how people, labels and entities are matched); a span whose uuid is
  already here is skipped, so merging the same file twice changes nothing;
- nothing already in the receiving project is changed: no span, link, comment or status
  is updated, a status this project already has for that person is kept;
- everything happens in one transaction: an error, a clash or a cancel leaves the
  project exactly as it was. ``dry_run`` does the whole merge, then rolls it back.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.core.errors import InputError, ProjectError, SpanError
from annotator.core.model import Document, Span, text_sha256
from annotator.core.spans import validate_span
from annotator.formats.merge_plan import (
    AnnotatorClashError,
    AnnotatorMatch,
    Clash,
    How,
    PlannedAnnotator,
    create_annotators,
    map_entities,
    map_labels,
    plan_annotators,
)
from annotator.store import Project

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

__all__ = [
    "AnnotatorClashError", "AnnotatorMatch", "Clash", "DocumentConflict", "How",
    "MergeCancelled", "MergeSummary", "merge", "merge_project",
]


class MergeCancelled(Exception):
    """The user cancelled; the receiving project was left unchanged."""


@dataclass(frozen=True)
class DocumentConflict:
    """Same uuid here and there, different text: its spans were not merged."""

    uuid: str
    title: str
    spans: int


@dataclass
class MergeSummary:
    """What a merge did (or, with ``dry_run``, would do)."""

    source: str
    dry_run: bool = False
    documents_by_uuid: int = 0
    documents_by_hash: int = 0
    documents_added: int = 0
    conflicts: list[DocumentConflict] = field(default_factory=list)
    spans_added: int = 0
    spans_present: int = 0          # same uuid already here: skipped
    links_added: int = 0
    links_present: int = 0
    links_unresolved: int = 0       # an end that is not in this project (conflicting doc)
    comments_added: int = 0
    statuses_added: int = 0
    statuses_kept: int = 0          # this project already had another status for that person
    annotators: list[AnnotatorMatch] = field(default_factory=list)
    clashes: list[Clash] = field(default_factory=list)
    labels_created: list[tuple[str, str]] = field(default_factory=list)
    entities_created: list[str] = field(default_factory=list)

    @property
    def documents_matched(self) -> int:
        return self.documents_by_uuid + self.documents_by_hash

    @property
    def changed(self) -> bool:
        return bool(self.documents_added or self.spans_added or self.links_added
                    or self.comments_added or self.statuses_added or self.labels_created
                    or self.entities_created
                    or any(a.how in (How.CREATED, How.RENAMED) for a in self.annotators))


class _DryRun(Exception):
    """Raised at the end of a dry run so that the transaction rolls back."""


def merge(project: Project, other: Path | str, *, rename_clashes: bool = False,
          dry_run: bool = False, progress: Progress | None = None,
          cancelled: Cancelled | None = None) -> MergeSummary:
    """Merge ``other`` (a ``.annotator`` project or a native ``.jsonl``) into ``project``.

    Raises ``AnnotatorClashError``, ``MergeCancelled``, ``ProjectError`` (unreadable,
    damaged, newer or same file), ``InputError`` (bad span or record).
    """
    other = Path(other)
    if other.suffix.lower() == ".jsonl":
        from annotator.formats.merge_jsonl import merge_jsonl

        return merge_jsonl(project, other, dry_run=dry_run, progress=progress,
                           cancelled=cancelled)
    return merge_project(project, other, rename_clashes=rename_clashes, dry_run=dry_run,
                         progress=progress, cancelled=cancelled)


def merge_project(project: Project, other: Path, *, rename_clashes: bool = False,
                  dry_run: bool = False, progress: Progress | None = None,
                  cancelled: Cancelled | None = None) -> MergeSummary:
    _refuse_same_file(project, other)
    foreign = Project.open(other, read_only=True)
    try:
        with foreign.reading_foreign(other):
            merger = _Merger(project, foreign, str(other), progress, cancelled)
            return merger.run(rename_clashes=rename_clashes, dry_run=dry_run)
    finally:
        foreign.close()


def _refuse_same_file(project: Project, other: Path) -> None:
    if project.path is None or not other.exists():
        return
    if os.path.samefile(project.path, other):
        raise ProjectError(f"{other}: this is the project itself; there is nothing to merge")


class _Merger:
    """One merge: the maps from the colleague's ids to ours, and the running summary."""

    def __init__(self, local: Project, foreign: Project, source: str,
                 progress: Progress | None, cancelled: Cancelled | None) -> None:
        self.local, self.foreign, self.source = local, foreign, source
        self.progress, self.cancelled = progress, cancelled
        self.summary = MergeSummary(source=source)
        self.annotators: dict[int, int] = {}
        self.labels: dict[int, int] = {}
        self.entities: dict[int, int] = {}
        self.by_uuid: dict[str, tuple[int, str]] = {}
        self.by_hash: dict[str, int] = {}
        self.next_span_id = 0

    def run(self, *, rename_clashes: bool, dry_run: bool) -> MergeSummary:
        # Planned before the transaction: a refused merge never takes the write lock.
        steps, clashes = plan_annotators(self.local, self.foreign,
                                         rename_clashes=rename_clashes, source=self.source)
        self.summary.annotators = [s.match for s in steps]
        self.summary.clashes = clashes
        self.summary.dry_run = dry_run
        total = self.foreign.document_count()
        try:
            with self.local.transaction():
                self._prepare(steps)
                for done, doc in enumerate(self.foreign.iter_documents(), start=1):
                    if self.cancelled is not None and self.cancelled():
                        raise MergeCancelled(f"{self.source}: merge cancelled; nothing changed")
                    self._merge_document(doc)
                    if self.progress is not None:
                        self.progress(done, total)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        return self.summary

    def _prepare(self, steps: list[PlannedAnnotator]) -> None:
        self.annotators = create_annotators(self.local, steps)
        self.labels, created = map_labels(self.local, self.foreign)
        self.summary.labels_created = [(lab.layer, lab.name) for lab in created]
        self.entities, self.summary.entities_created = map_entities(self.local, self.foreign)
        for doc_id, uuid, sha in self.local.document_keys():
            self.by_uuid[uuid] = (doc_id, sha)
            self.by_hash.setdefault(sha, doc_id)
        self.next_span_id = self.local.next_span_id()

    # -- one document --------------------------------------------------------------------
    def _merge_document(self, doc: Document) -> None:
        assert doc.id is not None
        local_id = self._match_document(doc)
        if local_id is None:
            return
        span_ids = self._merge_spans(doc, local_id)
        self._merge_links(doc.id, span_ids)
        self._merge_comments(doc.id, span_ids)
        self._merge_statuses(doc.id, local_id)

    def _match_document(self, doc: Document) -> int | None:
        """The local id of ``doc`` (added if new), or None for a conflict."""
        sha = text_sha256(doc.text)  # recomputed: the colleague's file is only data
        hit = self.by_uuid.get(doc.uuid)
        if hit is not None:
            if hit[1] != sha:
                assert doc.id is not None
                count = len(self.foreign.spans_of_document(doc.id))
                self.summary.conflicts.append(DocumentConflict(doc.uuid, doc.title, count))
                return None
            self.summary.documents_by_uuid += 1
            return hit[0]
        if sha in self.by_hash:
            self.summary.documents_by_hash += 1
            return self.by_hash[sha]
        added, _ = self.local.add_document(replace(doc, id=None, sha256=sha))
        assert added.id is not None
        self.by_uuid[added.uuid] = (added.id, sha)
        self.by_hash[sha] = added.id
        self.summary.documents_added += 1
        return added.id

    def _merge_spans(self, doc: Document, local_id: int) -> dict[int, int]:
        """Insert the spans not yet here; returns foreign span id -> local span id."""
        assert doc.id is not None
        spans = self.foreign.spans_of_document(doc.id)
        present = self.local.span_ids_by_uuid([s.uuid for s in spans])
        text = self.local.document_text(local_id)
        ids: dict[int, int] = {}
        new: list[Span] = []
        for span in spans:
            assert span.id is not None
            if span.uuid in present:
                ids[span.id] = present[span.uuid]
                continue
            self._check_span(doc, text, span)
            ids[span.id] = self.next_span_id
            new.append(replace(
                span, id=self.next_span_id, doc_id=local_id,
                annotator_id=self.annotators[span.annotator_id],
                label_id=self.labels[span.label_id],
                entity_id=None if span.entity_id is None else self.entities[span.entity_id]))
            self.next_span_id += 1
        self.local.insert_spans(new)
        self.summary.spans_added += len(new)
        self.summary.spans_present += len(present)
        return ids

    def _check_span(self, doc: Document, text: str, span: Span) -> None:
        try:
            validate_span(text, span.start, span.end, span.text)
        except SpanError as exc:
            raise InputError(f"document {doc.title!r} ({doc.uuid}), span {span.uuid}: {exc}; "
                             "nothing was merged", path=self.source) from exc

    def _merge_links(self, doc_id: int, span_ids: dict[int, int]) -> None:
        links = self.foreign.links_of_document(doc_id)
        if not links:
            return
        present = self.local.link_uuids_present([k.uuid for k in links])
        outside = [k.target_id for k in links
                   if k.target_id is not None and k.target_id not in span_ids]
        if outside:  # a link to a span of another document (rare): find it by uuid
            uuids = self.foreign.span_uuids(outside)
            here = self.local.span_ids_by_uuid(list(uuids.values()))
            span_ids = span_ids | {fid: here[u] for fid, u in uuids.items() if u in here}
        new = []
        for link in links:
            if link.uuid in present:
                self.summary.links_present += 1
                continue
            target = None if link.target_id is None else span_ids.get(link.target_id)
            if link.target_id is not None and target is None:
                self.summary.links_unresolved += 1
                continue
            entity = (None if link.target_entity_id is None
                      else self.entities[link.target_entity_id])
            new.append(replace(link, id=None, source_id=span_ids[link.source_id],
                               target_id=target, target_entity_id=entity))
        self.local.insert_links(new)
        self.summary.links_added += len(new)

    def _merge_comments(self, doc_id: int, span_ids: dict[int, int]) -> None:
        comments = self.foreign.comments_of_document(doc_id)
        new = []
        known: dict[int, set[tuple[str, str, str]]] = {}
        for comment in comments:
            span_id = span_ids[comment.span_id]
            # Comments carry no uuid: one already on that span with the same author, text
            # and time is the same comment.
            if span_id not in known:
                known[span_id] = {(c.author, c.text, c.created)
                                  for c in self.local.comments_of_span(span_id)}
            key = (comment.author, comment.text, comment.created)
            if key not in known[span_id]:
                known[span_id].add(key)
                new.append(replace(comment, id=None, span_id=span_id))
        self.local.insert_comments(new)
        self.summary.comments_added += len(new)

    def _merge_statuses(self, doc_id: int, local_id: int) -> None:
        mine = self.local.statuses(local_id)
        new = []
        for annotator_id, status, modified in self.foreign.status_rows(doc_id):
            local_annotator = self.annotators[annotator_id]
            if local_annotator in mine:
                self.summary.statuses_kept += mine[local_annotator] != status
                continue
            new.append((local_annotator, status, modified))
        self.local.insert_status_rows(local_id, new)
        self.summary.statuses_added += len(new)
