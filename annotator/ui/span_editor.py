"""Editor for the selected span: label, entity or links, note and attributes, each
change a command. An actor span shows its registry entity (``entity_field``), a stance its
holder and target (``link_editor``).

Note and attributes are committed when the editor loses focus (or another span is
selected), as one undoable step each, rather than one step per keystroke.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from annotator.core.commands import Change, SetAttributes, SetNote, UpdateSpan
from annotator.core.entity_commands import HOLDER, TARGET
from annotator.core.errors import AnnotatorError
from annotator.core.model import Span
from annotator.core.relabel import relabel_command
from annotator.ui.controller import Controller
from annotator.ui.entity_field import EntityField
from annotator.ui.link_editor import LinkEditor
from annotator.ui.messages import Message
from annotator.ui.models.id_model import ID_ROLE
from annotator.ui.models.label_model import LabelModel


class SpanEditor(QWidget):
    def __init__(self, controller: Controller, labels: LabelModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._labels = labels
        self.span: Span | None = None
        form = QFormLayout(self)
        form.setContentsMargins(6, 6, 6, 6)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Text", self.text)
        self.label_combo = QComboBox()
        self.label_combo.setModel(labels)
        # Not as wide as the longest label name: the panel must be able to give way to
        # the article in a narrow window (the popup still shows whole names).
        self.label_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.label_combo.setMinimumContentsLength(12)
        self.label_combo.activated.connect(self._on_label_combo_activated)
        form.addRow("&Label", self.label_combo)
        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setStyleSheet("color: gray")
        form.addRow("", self.info)
        self.entity = EntityField(controller)
        form.addRow("Ac&tor", self.entity)
        self.links = LinkEditor(controller, labels, self)
        form.addRow("H&older", self.links.combos[HOLDER])
        form.addRow("Tar&get", self.links.combos[TARGET])
        self._form = form
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Note (saved when you leave the box)")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(80)
        self.note.installEventFilter(self)
        form.addRow("&Note", self.note)
        self.attributes = QPlainTextEdit()
        self.attributes.setPlaceholderText("key=value, one per line")
        self.attributes.setTabChangesFocus(True)
        self.attributes.setMaximumHeight(70)
        self.attributes.installEventFilter(self)
        form.addRow("&Attributes", self.attributes)
        self.show_span(None)

    # -- showing ---------------------------------------------------------------------------
    def show_span(self, span: Span | None, *, keep_edits: bool = False) -> None:
        """Show ``span``; ``keep_edits`` keeps unsaved note/attribute text on screen."""
        if self.span is not None and (span is None or span.id != self.span.id):
            self.commit()
        before = self.span
        note_dirty = keep_edits and before is not None and self.note.toPlainText() != before.note
        attrs_dirty = keep_edits and before is not None and (
            self.attributes.toPlainText() != format_attributes(before.attributes))
        self.span = span
        for w in (self.label_combo, self.note, self.attributes):
            w.setEnabled(span is not None)
        self._show_layer_fields(span)
        if span is None:
            self.text.setText("Select a span: click it in the article or in the table.")
            self.info.setText("")
            self.note.setPlainText("")
            self.attributes.setPlainText("")
            self.label_combo.setCurrentIndex(-1)
            return
        self.text.setText(_short(span.text, 160))
        names = {a.id: a.name for a in self._controller.project.annotators()}
        self.info.setText(f"{names.get(span.annotator_id, '?')} · code points "
                          f"[{span.start}, {span.end})")
        self.label_combo.setCurrentIndex(self._labels.row_of(span.label_id) or 0)
        if not note_dirty:
            self.note.setPlainText(span.note)
        if not attrs_dirty:
            self.attributes.setPlainText(format_attributes(span.attributes))

    def tallest_height(self) -> int:
        """The height with every row shown (the actor's and the stance's), so that the
        pane holding the editor can be that tall and never resize as spans change."""
        rows = [self.entity, *self.links.combos.values()]
        shown = [self._form.isRowVisible(w) for w in rows]
        for w in rows:
            self._form.setRowVisible(w, True)
        height = self.minimumSizeHint().height()
        for w, visible in zip(rows, shown, strict=True):
            self._form.setRowVisible(w, visible)
        return height

    def _show_layer_fields(self, span: Span | None) -> None:
        label = self._labels.label(span.label_id) if span is not None else None
        layer = label.layer if label is not None else ""
        self._form.setRowVisible(self.entity, layer == "actor")
        for combo in self.links.combos.values():
            self._form.setRowVisible(combo, layer == "stance")
        self.entity.show_span(span if layer == "actor" else None, label)
        self.links.show_span(span)

    def on_changed(self, change: Change, initiator: object = None) -> None:
        self.entity.on_changed(change)
        self.links.on_changed(change)
        if change.labels and self.span is not None:
            self.label_combo.setCurrentIndex(self._labels.row_of(self.span.label_id) or 0)
        if self.span is None or self.span.id not in change.span_ids:
            return
        try:
            fresh = self._controller.project.get_span(self.span.id) if self.span.id else None
        except AnnotatorError:
            fresh = None
        if fresh is None:
            self.span = None  # deleted: nothing left to save
            self.show_span(None)
            return
        self.show_span(fresh, keep_edits=True)

    # -- committing ------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in (self.note, self.attributes):
            self.commit()
        return super().eventFilter(watched, event)

    def commit(self) -> None:
        """Save note and attributes of the shown span if they were edited."""
        span = self.span
        if span is None or span.id is None:
            return
        note = self.note.toPlainText()
        try:
            attributes = parse_attributes(self.attributes.toPlainText())
        except ValueError as exc:
            attributes = span.attributes
            Message.error(self, "Attributes not saved", str(exc))
        changes: dict[str, Any] = {}
        if note != span.note:
            changes["note"] = note
        if attributes != span.attributes:
            changes["attributes"] = attributes
        if len(changes) == 2:
            self._controller.push(UpdateSpan(span.id, "Edit note and attributes", **changes),
                                  initiator=self)
        elif "note" in changes:
            self._controller.push(SetNote(span.id, note), initiator=self)
        elif "attributes" in changes:
            self._controller.push(SetAttributes(span.id, attributes), initiator=self)

    def _on_label_combo_activated(self, row: int) -> None:
        span = self.span
        label_id = self.label_combo.itemData(row, ID_ROLE)
        if span is None or span.id is None or label_id is None or label_id == span.label_id:
            return
        self._controller.push(relabel_command(self._controller.project, span.id, int(label_id)),
                              initiator=self)


def format_attributes(attributes: dict[str, Any]) -> str:
    lines = []
    for key, value in attributes.items():
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        lines.append(f"{key}={shown}")
    return "\n".join(lines)


def parse_attributes(text: str) -> dict[str, Any]:
    """``key=value`` lines; JSON values (numbers, true, lists) keep their type."""
    out: dict[str, Any] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"line {number}: expected key=value, got {line.strip()!r}")
        value = value.strip()
        try:
            parsed: Any = json.loads(value)
            if isinstance(parsed, str):
                parsed = value
        except ValueError:
            parsed = value
        out[key.strip()] = parsed
    return out


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
