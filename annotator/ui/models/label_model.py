"""The labels in display order: layer by layer, each parent followed by its children."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from annotator.core.commands import Change
from annotator.core.model import LAYERS, Label
from annotator.store import Project
from annotator.ui.models.id_model import ID_ROLE, IdTableModel

LABEL_ROLE = Qt.ItemDataRole.UserRole + 3
DEPTH_ROLE = Qt.ItemDataRole.UserRole + 4

DEFAULT_COLOR = "#888888"  # Label's default colour: "none chosen"
LAYER_TITLES = {"actor": "Actors", "stance": "Stances", "narrative": "Narratives"}


def ordered_labels(labels: list[Label]) -> list[Label]:
    """Layer order, then position; children right after their parent."""
    layer_rank = {str(layer): i for i, layer in enumerate(LAYERS)}
    by_parent: dict[int | None, list[Label]] = {}
    ids = {lab.id for lab in labels}
    for lab in labels:
        parent = lab.parent_id if lab.parent_id in ids else None
        by_parent.setdefault(parent, []).append(lab)
    out: list[Label] = []
    tops = sorted(by_parent.get(None, []),
                  key=lambda lab: (layer_rank.get(lab.layer, 99), lab.position, lab.id or 0))
    for top in tops:
        out.append(top)
        out.extend(sorted(by_parent.get(top.id, []), key=lambda lab: (lab.position, lab.id or 0)))
    return out


class LabelModel(IdTableModel):
    headers = ("Label",)

    def __init__(self, project: Project, parent: Any = None) -> None:
        super().__init__(parent)
        self._project = project
        self._labels: dict[int, Label] = {}
        self._load(reset=True)

    def _load(self, *, reset: bool = False) -> None:
        ordered = ordered_labels(self._project.labels())
        self._labels = {lab.id: lab for lab in ordered if lab.id is not None}
        ids = [lab.id for lab in ordered if lab.id is not None]
        if reset:
            self._reset(ids)
        else:
            self._sync(ids)
            self._refresh_all()

    # -- lookups used across the window ----------------------------------------------------
    def label(self, label_id: int) -> Label | None:
        return self._labels.get(label_id)

    def labels(self, layer: str | None = None, *, include_retired: bool = True) -> list[Label]:
        return [self._labels[i] for i in self._ids
                if (layer is None or self._labels[i].layer == layer)
                and (include_retired or not self._labels[i].retired)]

    def by_shortcut(self, key: str) -> Label | None:
        key = key.strip().lower()
        for lab in self._labels.values():
            if not lab.retired and lab.shortcut.strip().lower() == key:
                return lab
        return None

    def display_color(self, label_id: int) -> str:
        """The colour to draw with: a sub-label left at the default grey takes its
        parent's colour, so a narrative and its sub-narratives read as one family."""
        lab = self._labels.get(label_id)
        if lab is None:
            return DEFAULT_COLOR
        parent = self._labels.get(lab.parent_id) if lab.parent_id is not None else None
        if parent is not None and lab.color.lower() == DEFAULT_COLOR:
            return parent.color
        return lab.color

    def depth(self, label: Label) -> int:
        return 1 if label.parent_id in self._labels else 0

    def siblings(self, label: Label) -> list[Label]:
        """Labels sharing ``label``'s layer and parent, in order."""
        parent = label.parent_id if label.parent_id in self._labels else None
        return [lab for lab in self.labels(label.layer)
                if (lab.parent_id if lab.parent_id in self._labels else None) == parent]

    # -- Qt --------------------------------------------------------------------------------
    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        lab = self._labels[self._ids[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            indent = "    " if self.depth(lab) else ""
            retired = " (retired)" if lab.retired else ""
            return f"{indent}{lab.name}{retired}"
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(self.display_color(self._ids[index.row()]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return lab.description or lab.name
        if role == Qt.ItemDataRole.FontRole and lab.retired:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == ID_ROLE:
            return lab.id
        if role == LABEL_ROLE:
            return lab
        if role == DEPTH_ROLE:
            return self.depth(lab)
        return None

    def on_changed(self, change: Change, initiator: object = None) -> None:
        if change.labels:
            self._load()
