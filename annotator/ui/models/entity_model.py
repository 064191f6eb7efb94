"""The actors registry: name, type, aliases and how many spans and links use each."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from annotator.core.commands import Change
from annotator.core.model import Entity
from annotator.store import Project
from annotator.ui.models.id_model import ID_ROLE, IdTableModel

NAME, TYPE, ALIASES, USES = range(4)
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 12  # name and aliases, for the filter box


def uses_text(spans: int, links: int) -> str:
    parts = [f"{spans} span{'s' * (spans != 1)}" if spans else "",
             f"{links} link{'s' * (links != 1)}" if links else ""]
    return ", ".join(p for p in parts if p) or "unused"


class EntityModel(IdTableModel):
    headers = ("Actor", "Type", "Aliases", "Used by")

    def __init__(self, project: Project, parent: Any = None) -> None:
        super().__init__(parent)
        self._project = project
        self._entities: dict[int, Entity] = {}
        self._uses: dict[int, tuple[int, int]] = {}
        self._load(reset=True)

    def _load(self, *, reset: bool = False) -> None:
        entities = sorted(self._project.entities(), key=lambda e: (e.name.casefold(), e.id))
        self._entities = {e.id: e for e in entities if e.id is not None}
        self._uses = self._project.entity_usage_counts()
        ids = list(self._entities)
        if reset:
            self._reset(ids)
        else:
            self._sync(ids)
            self._refresh_all()

    def entity(self, entity_id: int) -> Entity | None:
        return self._entities.get(entity_id)

    def uses(self, entity_id: int) -> tuple[int, int]:
        return self._uses.get(entity_id, (0, 0))

    def types(self) -> list[str]:
        return sorted({e.type for e in self._entities.values() if e.type}, key=str.casefold)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        entity = self._entities[self._ids[index.row()]]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == NAME:
                return entity.name
            if col == TYPE:
                return entity.type
            if col == ALIASES:
                return ", ".join(entity.aliases)
            return uses_text(*self.uses(self._ids[index.row()]))
        if role == Qt.ItemDataRole.ToolTipRole and col == ALIASES and entity.aliases:
            return "\n".join(entity.aliases)
        if role == SEARCH_ROLE:
            return " | ".join((entity.name, *entity.aliases))
        if role == ID_ROLE:
            return entity.id
        return None

    def on_changed(self, change: Change, initiator: object = None) -> None:
        # Span and link edits change the "Used by" counts; the registry is small.
        if change.entities or change.links or change.span_ids:
            self._load()
