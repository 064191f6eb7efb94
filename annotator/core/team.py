"""What a team project's replicas exchange through the team database: rows by kind and key.

A synced row travels as a ``RowChange``: its kind, its key (a uuid, or a name or pair of
uuids where the table has none), its data with every reference given as a uuid (local
integer ids differ between replicas), the person who owns it, and the row it belongs
under (a span under its document, a link under its span), so that the server can bury
the children of a deleted row. ``data`` is None for a deletion (a tombstone).

Ownership (issue "team projects", item 3): spans, links, comments, document statuses
and review decisions belong to a person, and only that person's replica writes them;
the other kinds are shared, edited by anyone (by leads once roles exist); of two edits
of one shared row the later in the server's order wins, and the loser is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import AnnotatorError

# In the order a replica applies them: everything a row refers to comes before it.
KINDS: tuple[str, ...] = ("layer", "annotator", "label", "entity", "document", "span", "link",
                          "comment", "doc_status", "review_decision", "assignment")
OWNED: frozenset[str] = frozenset({"span", "link", "comment", "doc_status", "review_decision"})
# The kind a row's ``parent`` names, for the kinds that have one.
PARENT_KIND: dict[str, str] = {"span": "document", "link": "span", "comment": "span",
                               "doc_status": "document", "review_decision": "document",
                               "assignment": "document"}

# How people read a kind in a summary ("3 spans", "1 document status").
NOUNS: dict[str, tuple[str, str]] = {
    "layer": ("layer", "layers"), "annotator": ("annotator", "annotators"),
    "label": ("label", "labels"), "entity": ("actor", "actors"),
    "document": ("document", "documents"), "span": ("span", "spans"),
    "link": ("link", "links"), "comment": ("comment", "comments"),
    "doc_status": ("document status", "document statuses"),
    "review_decision": ("review decision", "review decisions"),
    "assignment": ("assignment", "assignments"),
}


def kind_rank(kind: str) -> int:
    return KINDS.index(kind)


def counted(kind: str, n: int) -> str:
    one, many = NOUNS[kind]
    return f"{n} {one if n == 1 else many}"


class TeamError(AnnotatorError):
    """The team database cannot be reached, is not a team project, or refused a step."""


ROLES: tuple[str, ...] = ("lead", "reviewer", "coder")
# The lead's choice of how a coder's window shows documents not assigned to them (a
# team-wide setting, kept in each replica's project_info).
UNASSIGNED = "team.unassigned"
GREY, HIDE = "grey", "hide"


class RefusedRow(TeamError):
    """A row from the team database that this replica will not store (it names a label or
    document it does not have, or a span outside its text). Nothing of its batch is kept."""


@dataclass(frozen=True, slots=True)
class RowChange:
    kind: str
    key: str
    data: dict[str, Any] | None
    owner: str = ""
    parent: str | None = None

    @property
    def deleted(self) -> bool:
        return self.data is None

    @property
    def parent_kind(self) -> str | None:
        return PARENT_KIND.get(self.kind)


@dataclass(frozen=True, slots=True)
class Pending:
    """An entry of the local upload queue: the row ``kind``/``key`` changed (``tick``
    counts how often, so that an entry dirtied again during a push stays queued)."""

    kind: str
    key: str
    tick: int


@dataclass(frozen=True, slots=True)
class ServerRow:
    """A row of the team database's change feed. ``data`` is None for a tombstone and for
    a row this replica wrote itself (it has it already); ``xid``/``seq`` is its place."""

    kind: str
    key: str
    data: dict[str, Any] | None
    deleted: bool
    mine: bool
    xid: str
    seq: int


@dataclass(frozen=True, slots=True)
class Cursor:
    """How far a replica has read the change feed: the last row applied (xid, seq)."""

    xid: str = "0"
    seq: int = 0


@dataclass
class SyncCounts:
    """What one sync did, per kind, for the summary line."""

    pushed: dict[str, int] = field(default_factory=dict)
    pulled: dict[str, int] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    def add(self, table: dict[str, int], kind: str, n: int = 1) -> None:
        table[kind] = table.get(kind, 0) + n

    def merge(self, other: SyncCounts) -> None:
        """Count ``other`` (a later sync of the same job) in as well."""
        for mine, theirs in ((self.pushed, other.pushed), (self.pulled, other.pulled)):
            for kind, n in theirs.items():
                self.add(mine, kind, n)
        self.conflicts += other.conflicts
        self.dropped += other.dropped

    def lines(self) -> list[str]:
        def listed(table: dict[str, int]) -> str:
            parts = [counted(k, table[k]) for k in KINDS if table.get(k)]
            return ", ".join(parts) if parts else "nothing"

        out = [f"pushed {listed(self.pushed)}; pulled {listed(self.pulled)}"]
        out += [f"conflict: {c}" for c in self.conflicts]
        out += [f"not pushed: {d}" for d in self.dropped]
        return out
