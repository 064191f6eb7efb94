"""Documents: add (deduplicated by text hash), find, list, stream."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.model import Document, Status, now_iso
from annotator.store import rows
from annotator.store.base import RepoBase, placeholders


@dataclass(frozen=True)
class DocumentRow:
    """What the document list shows, without loading texts."""

    id: int
    title: str
    uuid: str
    length: int
    span_count: int
    status: Status
    outlet: str = ""  # meta.outlet, shown and sorted by in the list
    day: str = ""  # the ISO day of meta.date ("" without one)


# Texts up to this many code points are sliced by SQLite; longer ones are kept in memory.
SLICED_IN_SQL = 65_536


class DocumentsMixin(RepoBase):
    _sliced: tuple[int, str, str] | None = None  # (id, uuid, text) of the last slice
    _to_index: list[tuple[int, str]]  # Project's: indexed as one batch at commit
    def add_document(self, doc: Document) -> tuple[Document, bool]:
        """Insert ``doc`` unless a document with the same text (or uuid) exists.

        Returns (the stored document, whether it was new).
        """
        with self.transaction():
            existing = self.find_document(uuid=doc.uuid) or self.find_document(sha256=doc.sha256)
            if existing is not None:
                return existing, False
            position = int(self._scalar("SELECT coalesce(max(id), 0) + 1 FROM documents"))
            cur = self.conn.execute(
                "INSERT INTO documents (id, uuid, title, text, source, meta, sha256, position, "
                "created, length, outlet, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.id, doc.uuid, doc.title, doc.text, doc.source, rows.dumps(doc.meta),
                 doc.sha256, position, now_iso(), len(doc.text), *rows.facets(doc.meta)),
            )
            assert cur.lastrowid is not None
            self._to_index.append((cur.lastrowid, doc.text))  # indexed before the commit
            return replace(doc, id=cur.lastrowid), True

    def find_document(self, *, uuid: str | None = None, sha256: str | None = None
                      ) -> Document | None:
        if uuid is not None:
            row = self._one(f"SELECT {rows.DOC_COLS} FROM documents WHERE uuid = ?", (uuid,))
        elif sha256 is not None:
            row = self._one(f"SELECT {rows.DOC_COLS} FROM documents WHERE sha256 = ? "
                            "ORDER BY id LIMIT 1", (sha256,))
        else:
            raise ValueError("find_document needs uuid or sha256")
        return rows.document(row) if row else None

    def document_ids_by_hash(self) -> dict[str, int]:
        rows_ = self._rows("SELECT id, sha256 FROM documents ORDER BY id DESC")
        return {sha: i for i, sha in rows_}

    def get_document(self, doc_id: int) -> Document:
        row = self._one(f"SELECT {rows.DOC_COLS} FROM documents WHERE id = ?", (doc_id,))
        if row is None:
            raise AnnotatorError(f"no document with id {doc_id}")
        return rows.document(row)

    def document_details(self, doc_id: int) -> tuple[str, dict[str, Any]]:
        """(title, metadata) of a document, without its text."""
        row = self._one("SELECT title, meta FROM documents WHERE id = ?", (doc_id,))
        if row is None:
            raise AnnotatorError(f"no document with id {doc_id}")
        return str(row[0]), dict(json.loads(row[1]))

    def document_text(self, doc_id: int) -> str:
        text = self._scalar("SELECT text FROM documents WHERE id = ?", (doc_id,))
        if text is None:
            raise AnnotatorError(f"no document with id {doc_id}")
        return str(text)

    def document_slice(self, doc_id: int, start: int, end: int) -> tuple[int, str]:
        """(length of the text, ``text[start:end]``) in code points.

        A short text is sliced by SQLite (its stored length, then ``substr``). A long
        one's text is kept from the last time it was sliced (texts never change; the
        uuid tells a document apart from a later one that took a deleted one's id): in a
        1 MB article ``substr`` counts characters up to the span, 2.3 ms near the end
        (measured), where Python slices at once. Tagging hits across many short
        documents reads no whole text."""
        lo = max(start, 0)
        row = self._one(
            "SELECT uuid, length, CASE WHEN length <= ? THEN substr(text, ?, ?) END "
            "FROM documents WHERE id = ?", (SLICED_IN_SQL, lo + 1, max(end - lo, 0), doc_id))
        if row is None:
            raise AnnotatorError(f"no document with id {doc_id}")
        uuid, length, piece = row
        if piece is not None:
            return int(length), str(piece)
        kept = self._sliced
        if kept is None or kept[0] != doc_id or kept[1] != uuid:
            kept = self._sliced = (doc_id, str(uuid), self.document_text(doc_id))
        text = kept[2]
        return len(text), text[lo:max(end, lo)]

    def document_count(self) -> int:
        return int(self._scalar("SELECT count(*) FROM documents"))

    def document_ids(self) -> list[int]:
        return [r[0] for r in self._rows("SELECT id FROM documents ORDER BY position, id")]

    def iter_documents(self, ids: Sequence[int] | None = None,
                       uuids: Sequence[str] | None = None) -> Iterator[Document]:
        """Stream documents in list order; memory does not grow with the corpus."""
        where, params = "", ()  # type: tuple[str, tuple[object, ...]]
        if ids is not None:
            where, params = f"WHERE id IN ({placeholders(ids)})", tuple(ids)
        elif uuids is not None:
            # One JSON parameter: a metadata filter may choose more documents than SQLite
            # takes bound parameters.
            where = "WHERE uuid IN (SELECT value FROM json_each(?))"
            params = (json.dumps(list(uuids)),)
        cur = self.conn.execute(
            f"SELECT {rows.DOC_COLS} FROM documents {where} ORDER BY position, id", params)
        for row in cur:
            yield rows.document(tuple(row))

    def document_metas(self) -> Iterator[tuple[str, dict[str, object]]]:
        """(uuid, metadata) of every document in list order, without reading texts."""
        for uuid, meta in self._rows("SELECT uuid, meta FROM documents ORDER BY position, id"):
            yield uuid, json.loads(meta)

    def document_metas_from(self, first_id: int) -> list[tuple[int, str, dict[str, object]]]:
        """(id, source, metadata) of the documents with id ≥ ``first_id`` (those an
        import just added), without reading texts."""
        return [(int(i), str(source), json.loads(meta)) for i, source, meta in self._rows(
            "SELECT id, source, meta FROM documents WHERE id >= ? ORDER BY id", (first_id,))]

    def set_document_metas(self, metas: Iterable[tuple[int, dict[str, object]]]) -> None:
        """Replace the metadata of many documents, in one statement."""
        with self.transaction():
            self.conn.executemany(
                "UPDATE documents SET meta = ?, outlet = ?, day = ? WHERE id = ?",
                ((json.dumps(meta, ensure_ascii=False, sort_keys=True), *rows.facets(meta),
                  doc_id) for doc_id, meta in metas))

    def document_rows(self, annotator_id: int | None) -> list[DocumentRow]:
        """Every document with its span count and status for ``annotator_id``."""
        # Counts come from one pass over an index, merged here: a count subquery per
        # document (a B-tree search each) took 0.7-1.4 s at 100,000 documents. The rest
        # is read from the covering index idx_documents_list, never from the texts.
        if annotator_id is None:
            counts = dict(self._rows("SELECT doc_id, count(*) FROM spans GROUP BY doc_id"))
            statuses: dict[int, Status] = {}
        else:
            counts = dict(self._rows("SELECT doc_id, count(*) FROM spans WHERE annotator_id = ? "
                                     "GROUP BY doc_id", (annotator_id,)))
            statuses = {doc_id: Status(value) for doc_id, value in self._rows(
                "SELECT doc_id, status FROM doc_status WHERE annotator_id = ?", (annotator_id,))}
        todo = Status.TODO
        return [DocumentRow(doc_id, title, uuid, length, counts.get(doc_id, 0),
                            statuses.get(doc_id, todo), outlet, day)
                for doc_id, title, uuid, length, outlet, day in self._rows(
                    "SELECT id, title, uuid, length, outlet, day FROM documents "
                    "ORDER BY position, id")]

    def update_document_meta(self, doc_id: int, *, title: str | None = None,
                             meta: dict[str, object] | None = None) -> None:
        """Title and metadata may change; the text never does once stored."""
        with self.transaction():
            if title is not None:
                self.conn.execute("UPDATE documents SET title = ? WHERE id = ?", (title, doc_id))
            if meta is not None:
                self.conn.execute(
                    "UPDATE documents SET meta = ?, outlet = ?, day = ? WHERE id = ?",
                    (json.dumps(meta, ensure_ascii=False, sort_keys=True), *rows.facets(meta),
                     doc_id))

    def add_documents(self, docs: Iterable[Document]) -> Iterator[tuple[Document, bool]]:
        """Add many documents in the caller's transaction (see ``add_document``)."""
        for doc in docs:
            yield self.add_document(doc)

