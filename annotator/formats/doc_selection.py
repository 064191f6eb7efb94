"""The documents a metadata filter chooses (``core.docfilter``), for every export,
the agreement report and the networks alike."""

from __future__ import annotations

from annotator.core.docfilter import DocumentFilter
from annotator.store import Project


def matching_uuids(project: Project, where: DocumentFilter) -> dict[str, None]:
    """The uuids of the documents ``where`` chooses, in list order (a dict: ordered, and
    a fast membership test). Reads each document's metadata, never its text."""
    return {uuid: None for uuid, meta in project.document_metas() if where.matches(meta)}
