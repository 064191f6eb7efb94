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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.formats.merge_documents import (
    DocumentConflict,
    DocumentCounts,
    DocumentMerger,
    read_documents,
)
from annotator.formats.merge_plan import (
    AnnotatorClashError,
    AnnotatorMatch,
    Clash,
    How,
    create_annotators,
    map_entities,
    map_labels,
    plan_annotators,
)
from annotator.formats.summary import Progress
from annotator.store import Project

# Asked between documents; True cancels the merge (and rolls it back).
Cancelled = Callable[[], bool]

__all__ = [
    "AnnotatorClashError", "AnnotatorMatch", "Clash", "DocumentConflict", "How",
    "MergeCancelled", "MergeSummary", "merge", "merge_project", "merge_transaction",
]


class MergeCancelled(Exception):
    """The user cancelled; the receiving project was left unchanged."""


@dataclass
class MergeSummary(DocumentCounts):
    """What a merge did (or, with ``dry_run``, would do): the document counts plus who
    was matched to whom and what had to be created."""

    source: str = ""
    dry_run: bool = False
    annotators: list[AnnotatorMatch] = field(default_factory=list)
    clashes: list[Clash] = field(default_factory=list)
    labels_created: list[tuple[str, str]] = field(default_factory=list)
    entities_created: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.documents_added or self.spans_added or self.links_added
                    or self.comments_added or self.statuses_added or self.labels_created
                    or self.entities_created
                    or any(a.how in (How.CREATED, How.RENAMED) for a in self.annotators))


class _DryRun(Exception):
    """Raised at the end of a dry run so that the transaction rolls back."""


@contextmanager
def merge_transaction(project: Project, *, dry_run: bool) -> Iterator[None]:
    """The merge's one transaction, rolled back at the end of a dry run."""
    try:
        with project.large_cache(), project.transaction():
            yield
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass


def merge(project: Project, other: Path | str, *, rename_clashes: bool = False,
          dry_run: bool = False, progress: Progress | None = None,
          cancelled: Cancelled | None = None) -> MergeSummary:
    """Merge ``other`` (a ``.annotator`` project or a native ``.jsonl``) into ``project``.

    ``progress(done, total)`` is called after each document, ``cancelled()`` before
    each. Raises ``AnnotatorClashError``, ``MergeCancelled``, ``ProjectError``
    (unreadable, damaged, newer or the same file), ``InputError`` (a bad span or record).
    """
    other = Path(other)
    if other.suffix.lower() == ".jsonl":
        from annotator.formats.merge_jsonl import merge_jsonl

        return merge_jsonl(project, other, rename_clashes=rename_clashes, dry_run=dry_run,
                           progress=progress, cancelled=cancelled)
    return merge_project(project, other, rename_clashes=rename_clashes, dry_run=dry_run,
                         progress=progress, cancelled=cancelled)


def merge_project(project: Project, other: Path, *, rename_clashes: bool = False,
                  dry_run: bool = False, progress: Progress | None = None,
                  cancelled: Cancelled | None = None) -> MergeSummary:
    """``merge`` for a ``.annotator`` file."""
    _refuse_same_file(project, other)
    foreign = Project.open(other, read_only=True)
    try:
        return _run(project, foreign, str(other), rename_clashes=rename_clashes,
                    dry_run=dry_run, progress=progress, cancelled=cancelled)
    finally:
        foreign.close()


def _refuse_same_file(project: Project, other: Path) -> None:
    if project.path is None or not other.exists():
        return
    if os.path.samefile(project.path, other):
        raise ProjectError(f"{other}: this is the project itself; there is nothing to merge")


def _run(local: Project, foreign: Project, source: str, *, rename_clashes: bool,
         dry_run: bool, progress: Progress | None, cancelled: Cancelled | None
         ) -> MergeSummary:
    with foreign.reading_foreign(source):
        with_work = foreign.annotator_ids_with_work()
        people = [a for a in foreign.annotators() if a.id in with_work]
        labels, entities = foreign.labels(), foreign.entities()
        total = foreign.document_count()
    summary = MergeSummary(source=source, dry_run=dry_run)
    with merge_transaction(local, dry_run=dry_run):
        # Planned inside the transaction: nobody can take a name between plan and write.
        steps, summary.clashes = plan_annotators(local, people, rename_clashes=rename_clashes,
                                                 source=source)
        summary.annotators = [s.match for s in steps]
        label_ids, created = map_labels(local, labels)
        summary.labels_created = [(lab.layer, lab.name) for lab in created]
        entity_ids, summary.entities_created = map_entities(local, entities)
        merger = DocumentMerger(local, source, summary,
                                annotators=create_annotators(local, steps),
                                labels=label_ids, entities=entity_ids)
        for done, document in enumerate(read_documents(foreign, source), start=1):
            if cancelled is not None and cancelled():
                raise MergeCancelled(f"{source}: merge cancelled; nothing was changed")
            merger.merge(document)
            if progress is not None:
                progress(done, total)
        merger.finish()
    return summary
