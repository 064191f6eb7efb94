"""Layers, labels (the scheme), annotators and per-annotator document status."""

from __future__ import annotations

import json
from dataclasses import replace

from annotator.core.errors import AnnotatorError, SchemeError
from annotator.core.model import GOLD, LAYERS, Annotator, Label, Status, now_iso
from annotator.core.scheme import LayerSpec, Scheme, scheme_from_labels
from annotator.store import rows
from annotator.store.base import RepoBase


class LabelsMixin(RepoBase):
    # -- layers ----------------------------------------------------------------------------
    def _ensure_layers(self) -> None:
        if self._scalar("SELECT count(*) FROM layers") == len(LAYERS):
            return
        with self.transaction():
            for i, layer in enumerate(LAYERS):
                self.conn.execute("INSERT OR IGNORE INTO layers (name, position) VALUES (?, ?)",
                                  (str(layer), i))

    def layers(self) -> list[LayerSpec]:
        return [LayerSpec(name=r[0], overlap=r[1], style=r[2], description=r[3],
                          link_types=tuple(json.loads(r[4])))
                for r in self._rows("SELECT name, overlap, style, description, link_types "
                                    "FROM layers ORDER BY position")]

    # -- labels ----------------------------------------------------------------------------
    def labels(self, *, include_retired: bool = True) -> list[Label]:
        sql = f"SELECT {rows.LABEL_COLS} FROM labels"
        if not include_retired:
            sql += " WHERE retired = 0"
        return [rows.label(r) for r in self._rows(sql + " ORDER BY layer, position, id")]

    def get_label(self, label_id: int) -> Label:
        row = self._one(f"SELECT {rows.LABEL_COLS} FROM labels WHERE id = ?", (label_id,))
        if row is None:
            raise AnnotatorError(f"no label with id {label_id}")
        return rows.label(row)

    def find_label(self, layer: str, name: str) -> Label | None:
        row = self._one(f"SELECT {rows.LABEL_COLS} FROM labels WHERE layer = ? AND name = ?",
                        (layer, name))
        return rows.label(row) if row else None

    def insert_label(self, label: Label) -> Label:
        with self.transaction():
            if label.position == 0:
                pos = self._scalar("SELECT coalesce(max(position), 0) + 1 FROM labels "
                                   "WHERE layer = ?", (label.layer,))
                label = replace(label, position=int(pos))
            cur = self.conn.execute(
                f"INSERT INTO labels ({rows.LABEL_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows.label_values(label))
        return replace(label, id=cur.lastrowid)

    def update_label(self, label: Label) -> Label:
        with self.transaction():
            self.conn.execute(
                "UPDATE labels SET name = ?, color = ?, shortcut = ?, description = ?, "
                "parent_id = ?, position = ?, retired = ? WHERE id = ?",
                (label.name, label.color, label.shortcut, label.description, label.parent_id,
                 label.position, int(label.retired), label.id))
        return label

    def delete_label(self, label_id: int) -> None:
        """Only for undoing AddLabel: a label in use is retired, never deleted."""
        with self.transaction():
            if self._scalar("SELECT count(*) FROM spans WHERE label_id = ?", (label_id,)):
                raise SchemeError("a label that spans use cannot be deleted; retire it instead")
            self.conn.execute("DELETE FROM labels WHERE id = ?", (label_id,))

    def apply_scheme(self, scheme: Scheme) -> list[Label]:
        """Create the scheme's layers settings and the labels this project lacks.

        Existing labels (same layer and name) keep their settings; returns the new ones.
        """
        created: list[Label] = []
        with self.transaction():
            for i, layer in enumerate(scheme.layers):
                self.conn.execute(
                    "UPDATE layers SET overlap = ?, style = ?, description = ?, link_types = ?, "
                    "position = ? WHERE name = ?",
                    (layer.overlap, layer.style, layer.description,
                     json.dumps(list(layer.link_types)), i, layer.name))
            taken = {lab.shortcut.lower() for lab in self.labels() if lab.shortcut}
            for entry in scheme.labels:
                if self.find_label(entry.layer, entry.name) is not None:
                    continue
                parent_id = None
                if entry.parent is not None:
                    parent = self.find_label(entry.layer, entry.parent)
                    parent_id = parent.id if parent else None
                shortcut = entry.shortcut if entry.shortcut.lower() not in taken else ""
                taken.add(shortcut.lower())
                created.append(self.insert_label(Label(
                    layer=entry.layer, name=entry.name, color=entry.color, shortcut=shortcut,
                    description=entry.description, parent_id=parent_id,
                    retired=entry.retired)))
        return created

    def scheme(self) -> Scheme:
        return scheme_from_labels(self.labels(), self.layers())

    # -- annotators ------------------------------------------------------------------------
    def annotators(self) -> list[Annotator]:
        return [rows.annotator(r) for r in self._rows(
            "SELECT id, uuid, name, is_gold FROM annotators ORDER BY is_gold, name")]

    def find_annotator(self, name: str) -> Annotator | None:
        row = self._one("SELECT id, uuid, name, is_gold FROM annotators WHERE name = ?", (name,))
        return rows.annotator(row) if row else None

    def annotator(self, name: str, *, uuid: str | None = None) -> Annotator:
        """The annotator called ``name``, created if missing (``gold`` is the gold one)."""
        name = name.strip()
        if not name:
            raise AnnotatorError("an annotator needs a name")
        found = self.find_annotator(name)
        if found is not None:
            return found
        ann = Annotator(name=name, is_gold=name == GOLD)
        if uuid:
            ann = replace(ann, uuid=uuid)
        with self.transaction():
            # Another process (a second window) may have created them since we looked.
            found = self.find_annotator(name)
            if found is not None:
                return found
            cur = self.conn.execute(
                "INSERT INTO annotators (uuid, name, is_gold) VALUES (?, ?, ?)",
                (ann.uuid, ann.name, int(ann.is_gold)))
        return replace(ann, id=cur.lastrowid)

    def gold(self) -> Annotator:
        return self.annotator(GOLD)

    # -- status ----------------------------------------------------------------------------
    def get_status(self, doc_id: int, annotator_id: int) -> Status:
        value = self._scalar("SELECT status FROM doc_status WHERE doc_id = ? AND annotator_id = ?",
                             (doc_id, annotator_id))
        return Status(value) if value else Status.TODO

    def set_status(self, doc_id: int, annotator_id: int, status: Status) -> None:
        with self.transaction():
            if status == Status.TODO:
                self.conn.execute("DELETE FROM doc_status WHERE doc_id = ? AND annotator_id = ?",
                                  (doc_id, annotator_id))
            else:
                self.conn.execute(
                    "INSERT OR REPLACE INTO doc_status (doc_id, annotator_id, status, modified) "
                    "VALUES (?, ?, ?, ?)", (doc_id, annotator_id, str(status), now_iso()))

    def statuses(self, doc_id: int) -> dict[int, Status]:
        """Status of ``doc_id`` per annotator id (missing means to do)."""
        return {r[0]: Status(r[1]) for r in self._rows(
            "SELECT annotator_id, status FROM doc_status WHERE doc_id = ?", (doc_id,))}
