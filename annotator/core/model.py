"""The domain objects: plain frozen dataclasses, no Qt, no SQL.

Database ids (``id``) are ``None`` until the store has written the object; every
object that travels between projects also carries a stable ``uuid``.
Offsets (``Span.start``/``Span.end``) are code points of ``Document.text`` (PRODUCT §3).
"""

from __future__ import annotations

import hashlib
import uuid as _uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

JSON = dict[str, Any]

OFFSET_UNIT = "codepoint"
GOLD = "gold"


def new_uuid() -> str:
    return str(_uuid.uuid4())


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def utc_stamp(moment: datetime) -> str:
    """``moment`` as ISO 8601 in UTC to the second, ``2026-02-01T07:00:00Z``, as imported
    articles' ``meta.date`` holds it (a naive ``moment`` is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Layer(StrEnum):
    ACTOR = "actor"
    STANCE = "stance"
    NARRATIVE = "narrative"


LAYERS: tuple[Layer, ...] = (Layer.ACTOR, Layer.STANCE, Layer.NARRATIVE)


class Status(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    text: str
    source: str = ""
    meta: JSON = field(default_factory=dict, hash=False, compare=True)
    uuid: str = field(default_factory=new_uuid)
    sha256: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", text_sha256(self.text))


@dataclass(frozen=True, slots=True)
class Label:
    layer: str
    name: str
    color: str = "#888888"
    shortcut: str = ""
    description: str = ""
    parent_id: int | None = None
    position: int = 0
    retired: bool = False
    uuid: str = field(default_factory=new_uuid)
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Annotator:
    name: str
    uuid: str = field(default_factory=new_uuid)
    is_gold: bool = False
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    type: str = ""
    aliases: tuple[str, ...] = ()
    uuid: str = field(default_factory=new_uuid)
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Span:
    doc_id: int
    annotator_id: int
    label_id: int
    start: int
    end: int
    text: str
    note: str = ""
    attributes: JSON = field(default_factory=dict, hash=False)
    entity_id: int | None = None
    uuid: str = field(default_factory=new_uuid)
    created: str = field(default_factory=now_iso)
    modified: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Link:
    source_id: int
    type: str
    target_id: int | None = None
    target_entity_id: int | None = None
    uuid: str = field(default_factory=new_uuid)
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Comment:
    """A reviewer's comment attached to a span (adjudication)."""

    span_id: int
    author: str
    text: str
    created: str = field(default_factory=now_iso)
    id: int | None = None
