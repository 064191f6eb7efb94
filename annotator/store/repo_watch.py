"""Noticing that another connection (window, process, terminal command) changed the file.

Usage::

    seen = project.data_version()
    ...                                    # later, e.g. once a second
    if project.data_version() != seen:     # someone else committed: reload what is shown
        ...

``PRAGMA data_version`` is SQLite's own counter for this: two readings on the same
connection differ exactly when *another* connection (in this process or any other,
WAL mode included) committed in between; this connection's own commits never change
it. Its value means nothing across connections, only against an earlier reading on
the same one. It reads a page counter in memory, so polling it costs microseconds.
A file opened ``immutable`` (a read-only folder, where nobody can write) never
changes, and an in-memory project has no other connections.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.store.base import RepoBase, placeholders

# id, start, end, label_id, annotator_id, entity_id
SpanState = tuple[int, int, int, int, int, int | None]


class WatchMixin(RepoBase):
    def data_version(self) -> int:
        """A value that changes when another connection has committed to the project."""
        return int(self._scalar("PRAGMA data_version"))

    def span_states(self, doc_id: int, annotator_ids: Sequence[int]) -> list[SpanState]:
        """What the window shows of each span of a document, in no particular order:
        enough to tell which spans another connection added, moved, relabelled, linked to
        another actor or deleted. Unsorted, it reads a 20,000-span article in half the
        time ``span_rows`` takes."""
        return self.conn.execute(
            'SELECT id, start, "end", label_id, annotator_id, entity_id FROM spans '
            f"WHERE doc_id = ? AND annotator_id IN ({placeholders(annotator_ids)})",
            (doc_id, *annotator_ids)).fetchall()
