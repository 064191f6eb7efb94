"""Spans, links, reviewer comments and entities."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace

from annotator.core.errors import AnnotatorError
from annotator.core.model import Comment, Entity, Link, Span
from annotator.store import rows
from annotator.store.base import RepoBase, placeholders


class SpansMixin(RepoBase):
    # -- spans -----------------------------------------------------------------------------
    def get_span(self, span_id: int) -> Span:
        row = self._one(f"SELECT {rows.SPAN_COLS} FROM spans WHERE id = ?", (span_id,))
        if row is None:
            raise AnnotatorError(f"no span with id {span_id}")
        return rows.span(row)

    def find_span(self, uuid: str) -> Span | None:
        row = self._one(f"SELECT {rows.SPAN_COLS} FROM spans WHERE uuid = ?", (uuid,))
        return rows.span(row) if row else None

    def insert_span(self, span: Span) -> Span:
        with self.transaction():
            cur = self.conn.execute(
                f"INSERT INTO spans ({rows.SPAN_COLS}) VALUES "
                f"({placeholders(range(13))})", rows.span_values(span))
        return replace(span, id=cur.lastrowid)

    def insert_spans(self, spans: Iterable[Span]) -> None:
        """Bulk insert (caller's transaction); ids are assigned by SQLite."""
        with self.transaction():
            self.conn.executemany(
                f"INSERT INTO spans ({rows.SPAN_COLS}) VALUES ({placeholders(range(13))})",
                (rows.span_values(s) for s in spans))

    def update_span(self, span: Span) -> Span:
        if span.id is None:
            raise AnnotatorError("cannot update a span that was never stored")
        with self.transaction():
            self.conn.execute(
                'UPDATE spans SET label_id = ?, start = ?, "end" = ?, text = ?, note = ?, '
                "attributes = ?, entity_id = ?, modified = ? WHERE id = ?",
                (span.label_id, span.start, span.end, span.text, span.note,
                 rows.dumps(span.attributes) if span.attributes else "{}", span.entity_id,
                 span.modified, span.id))
        return span

    def delete_span(self, span_id: int) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM spans WHERE id = ?", (span_id,))

    def spans_of_document(self, doc_id: int, annotator_ids: Sequence[int] | None = None
                          ) -> list[Span]:
        sql = f"SELECT {rows.SPAN_COLS} FROM spans WHERE doc_id = ?"
        params: tuple[object, ...] = (doc_id,)
        if annotator_ids is not None:
            sql += f" AND annotator_id IN ({placeholders(annotator_ids)})"
            params += tuple(annotator_ids)
        sql += ' ORDER BY start, "end", id'
        return [rows.span(r) for r in self._rows(sql, params)]

    def span_count(self) -> int:
        return int(self._scalar("SELECT count(*) FROM spans"))

    def span_counts(self) -> list[tuple[str, str, str, int]]:
        """(layer, label, annotator, count) for ``stats``."""
        sql = """
            SELECT l.layer, l.name, a.name, count(*) FROM spans s
            JOIN labels l ON l.id = s.label_id JOIN annotators a ON a.id = s.annotator_id
            GROUP BY l.layer, l.name, a.name ORDER BY l.layer, l.name, a.name
        """
        return [(r[0], r[1], r[2], int(r[3])) for r in self._rows(sql)]

    # -- links -----------------------------------------------------------------------------
    def get_link(self, link_id: int) -> Link:
        row = self._one(f"SELECT {rows.LINK_COLS} FROM links WHERE id = ?", (link_id,))
        if row is None:
            raise AnnotatorError(f"no link with id {link_id}")
        return rows.link(row)

    def insert_link(self, link: Link) -> Link:
        with self.transaction():
            cur = self.conn.execute(
                f"INSERT INTO links ({rows.LINK_COLS}) VALUES (?, ?, ?, ?, ?, ?)",
                (link.id, link.uuid, link.source_id, link.target_id, link.target_entity_id,
                 link.type))
        return replace(link, id=cur.lastrowid)

    def delete_link(self, link_id: int) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM links WHERE id = ?", (link_id,))

    def links_of_span(self, span_id: int) -> list[Link]:
        """Links from or to the span."""
        return [rows.link(r) for r in self._rows(
            f"SELECT {rows.LINK_COLS} FROM links WHERE source_id = ?1 OR target_id = ?1 "
            "ORDER BY id", (span_id,))]

    def links_of_document(self, doc_id: int) -> list[Link]:
        return [rows.link(r) for r in self._rows(
            f"SELECT {', '.join('k.' + c.strip() for c in rows.LINK_COLS.split(','))} "
            "FROM links k JOIN spans s ON s.id = k.source_id WHERE s.doc_id = ? ORDER BY k.id",
            (doc_id,))]

    # -- comments --------------------------------------------------------------------------
    def comments_of_span(self, span_id: int) -> list[Comment]:
        return [rows.comment(r) for r in self._rows(
            "SELECT id, span_id, author, text, created FROM comments WHERE span_id = ? "
            "ORDER BY id", (span_id,))]

    def insert_comment(self, comment: Comment) -> Comment:
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO comments (id, span_id, author, text, created) VALUES (?, ?, ?, ?, ?)",
                (comment.id, comment.span_id, comment.author, comment.text, comment.created))
        return replace(comment, id=cur.lastrowid)

    def delete_comment(self, comment_id: int) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM comments WHERE id = ?", (comment_id,))

    # -- entities --------------------------------------------------------------------------
    def entities(self) -> list[Entity]:
        return [rows.entity(r) for r in self._rows(
            "SELECT id, uuid, name, type, aliases FROM entities ORDER BY name")]

    def get_entity(self, entity_id: int) -> Entity:
        row = self._one("SELECT id, uuid, name, type, aliases FROM entities WHERE id = ?",
                        (entity_id,))
        if row is None:
            raise AnnotatorError(f"no entity with id {entity_id}")
        return rows.entity(row)

    def find_entity(self, *, uuid: str | None = None, name: str | None = None) -> Entity | None:
        if uuid is not None:
            row = self._one("SELECT id, uuid, name, type, aliases FROM entities WHERE uuid = ?",
                            (uuid,))
        else:
            row = self._one("SELECT id, uuid, name, type, aliases FROM entities WHERE name = ?",
                            (name,))
        return rows.entity(row) if row else None

    def insert_entity(self, entity: Entity) -> Entity:
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO entities (id, uuid, name, type, aliases) VALUES (?, ?, ?, ?, ?)",
                (entity.id, entity.uuid, entity.name, entity.type,
                 json.dumps(list(entity.aliases), ensure_ascii=False)))
        return replace(entity, id=cur.lastrowid)
