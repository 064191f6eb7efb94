"""The label buttons, one group per layer, and the label editing gestures.

A click tags (``label_clicked``); the context menu edits the label through commands
(AddLabel/UpdateLabel), so every edit of the scheme can be undone like a span. A label
with sub-labels has an arrow that shows or hides them; they start hidden, so that every
layer's top-level labels fit the panel (the default scheme's 18 narrative labels, nine of
them ": other" catch-alls, fill it otherwise).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QContextMenuEvent, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from annotator.core.commands import (
    AddLabel,
    Batch,
    Command,
    UpdateLabel,
    check_label_name,
    check_shortcut,
)
from annotator.core.errors import SchemeError
from annotator.core.model import LAYERS, Label
from annotator.ui.controller import Controller
from annotator.ui.label_dialog import FieldsCheck, LabelDialog, LabelFields
from annotator.ui.models.label_model import LAYER_TITLES, LabelModel

LAYER_HINTS = {"actor": "filled background", "stance": "underline",
               "narrative": "line above + margin bar"}


class LabelButton(QAbstractButton):
    """Colour swatch (drawn in the layer's style), name, and the shortcut as a key cap."""

    def __init__(self, label: Label, depth: int, color: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.color = color
        self.indent = depth
        self.setText(label.name)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the article
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        tip = label.description or label.name
        key = f" — key {label.shortcut}" if label.shortcut else ""
        self.setToolTip(f"{tip}{key}{' (retired)' if label.retired else ''}")
        self.setAttribute(Qt.WidgetAttribute.WA_Hover, True)

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(120, fm.height() + 4)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pal = self.palette()
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        if self.isDown() or self.underMouse():
            hover = QColor(pal.highlight().color())
            hover.setAlpha(60 if self.isDown() else 30)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(hover)
            p.drawRoundedRect(rect, 4, 4)
        color = QColor(self.color)
        x = 6 + 16 * self.indent
        h = self.height()
        swatch = QRectF(x, (h - 12) / 2, 14, 12)
        _draw_swatch(p, self.label.layer, color, swatch)
        fm = self.fontMetrics()
        key_w = fm.horizontalAdvance("W") + 10 if self.label.shortcut else 0
        text_rect = QRectF(x + 22, 0, self.width() - x - 28 - key_w, h)
        font = QFont(self.font())
        font.setStrikeOut(self.label.retired)
        p.setFont(font)
        p.setPen(pal.color(pal.ColorGroup.Disabled if self.label.retired else
                           pal.ColorGroup.Active, pal.ColorRole.ButtonText))
        name = fm.elidedText(self.label.name, Qt.TextElideMode.ElideRight,
                             int(text_rect.width()))
        p.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                   name)
        if self.label.shortcut:
            cap = QRectF(self.width() - key_w - 4, (h - fm.height() - 2) / 2, key_w,
                         fm.height() + 2)
            p.setPen(QPen(pal.mid().color(), 1))
            p.setBrush(pal.base())
            p.drawRoundedRect(cap, 3, 3)
            p.setPen(pal.text().color())
            p.drawText(cap, int(Qt.AlignmentFlag.AlignCenter), self.label.shortcut.upper())
        p.end()


def _draw_swatch(p: QPainter, layer: str, color: QColor, rect: QRectF) -> None:
    """A small picture of how the layer is drawn in the article."""
    p.setPen(Qt.PenStyle.NoPen)
    if layer == "stance":
        p.setBrush(color)
        p.drawRect(QRectF(rect.left(), rect.bottom() - 3, rect.width(), 3))
    elif layer == "narrative":
        p.setBrush(color)
        p.drawRoundedRect(QRectF(rect.left(), rect.top(), 4, rect.height()), 1.5, 1.5)
        p.drawRect(QRectF(rect.left() + 6, rect.top(), rect.width() - 6, 2))
    else:
        fill = QColor(color)
        fill.setAlpha(110)
        p.setBrush(fill)
        p.setPen(QPen(color, 1))
        p.drawRoundedRect(rect, 2.5, 2.5)


class LabelPanel(QWidget):
    label_clicked = Signal(int)

    def __init__(self, controller: Controller, labels: LabelModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._labels = labels
        self._layout = QGridLayout(self)  # the label, and the arrow of a parent label
        self._layout.setContentsMargins(4, 4, 4, 4)
        self._layout.setSpacing(0)
        self.buttons: dict[int, LabelButton] = {}
        self.arrows: dict[int, QToolButton] = {}  # parent label id: its show/hide arrow
        self._open: set[int] = set()  # parents whose sub-labels are shown (kept on rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        """Recreate the buttons (labels change rarely; a few dozen widgets)."""
        while self._layout.count():
            child = self._layout.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                # Hidden now: deleteLater waits for this event loop, so under a modal
                # box (a merge's summary) the old buttons would be drawn over the new.
                widget.hide()
                widget.deleteLater()
        self.buttons, self.arrows = {}, {}
        row = 0
        for layer in LAYERS:
            self._layout.addWidget(self._header(str(layer)), row, 0, 1, 2)
            row += 1
            labels = self._labels.labels(str(layer))
            parents = {lab.parent_id for lab in labels if self._labels.depth(lab)}
            for label in labels:
                assert label.id is not None
                button = LabelButton(label, self._labels.depth(label),
                                     self._labels.display_color(label.id), self)
                button.clicked.connect(lambda _=False, i=label.id: self.label_clicked.emit(i))
                self.buttons[label.id] = button
                self._layout.addWidget(button, row, 0)
                if label.id in parents:
                    self.arrows[label.id] = self._arrow(label)
                    self._layout.addWidget(self.arrows[label.id], row, 1)
                elif self._labels.depth(label):
                    button.setVisible(label.parent_id in self._open)
                row += 1
        self._layout.setRowStretch(row, 1)
        self._layout.setColumnStretch(0, 1)

    def _arrow(self, parent: Label) -> QToolButton:
        arrow = QToolButton(self)
        arrow.setAutoRaise(True)
        arrow.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        arrow.setCheckable(True)
        side = self.fontMetrics().height() + 4  # a label row's height: rows stay even
        arrow.setFixedSize(QSize(side, side))
        arrow.setChecked(parent.id in self._open)
        arrow.setArrowType(Qt.ArrowType.DownArrow if arrow.isChecked()
                           else Qt.ArrowType.RightArrow)
        count = sum(1 for lab in self._labels.labels(parent.layer)
                    if lab.parent_id == parent.id)
        arrow.setToolTip(f"Show or hide the {count} sub-labels of {parent.name!r}")
        arrow.toggled.connect(lambda shown, i=parent.id: self.show_sub_labels(i, shown))
        return arrow

    def show_sub_labels(self, parent_id: int, shown: bool) -> None:
        """Show (or hide) the sub-labels of ``parent_id``."""
        if shown:
            self._open.add(parent_id)
        else:
            self._open.discard(parent_id)
        arrow = self.arrows.get(parent_id)
        if arrow is not None:
            arrow.blockSignals(True)
            arrow.setChecked(shown)
            arrow.blockSignals(False)
            arrow.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        for button in self.buttons.values():
            if button.label.parent_id == parent_id:
                button.setVisible(shown)

    def _header(self, layer: str) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(2, 6, 2, 0)
        title = QLabel(f"<b>{LAYER_TITLES.get(layer, layer)}</b> "
                       f"<span style='color:gray'>· {LAYER_HINTS.get(layer, '')}</span>")
        row.addWidget(title, 1)
        add = QToolButton(box)
        add.setText("+")
        add.setAutoRaise(True)
        add.setToolTip(f"Add a {layer} label")
        add.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        add.clicked.connect(lambda: self.add_label(layer))
        row.addWidget(add)
        return box

    # -- editing ---------------------------------------------------------------------------
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        child = self.childAt(event.pos())
        if not isinstance(child, LabelButton):
            return
        self.label_menu(child.label).exec(event.globalPos())

    def label_menu(self, label: Label) -> QMenu:
        menu = QMenu(self)
        menu.addAction("Edit…", lambda: self.edit_label(label))
        if label.parent_id is None and label.layer == "narrative":
            menu.addAction("Add sub-label…", lambda: self.add_label(label.layer, label.id))
        menu.addSeparator()
        menu.addAction("Move up", lambda: self.move_label(label, -1))
        menu.addAction("Move down", lambda: self.move_label(label, +1))
        menu.addSeparator()
        if label.retired:
            menu.addAction("Restore", lambda: self._push(UpdateLabel(
                _id(label), f"Restore label {label.name!r}", retired=False)))
        else:
            menu.addAction("Retire (keeps its spans)", lambda: self._push(UpdateLabel(
                _id(label), f"Retire label {label.name!r}", retired=True)))
        return menu

    def add_label(self, layer: str, parent_id: int | None = None) -> bool:
        fields = LabelDialog.ask(self, layer, None, self._parents(layer), parent_id,
                                 self._checker(Label(layer=layer, name="")))
        if fields is None:
            return False
        return self._push(AddLabel(Label(
            layer=layer, name=fields.name, color=fields.color, shortcut=fields.shortcut,
            description=fields.description, parent_id=fields.parent_id)))

    def edit_label(self, label: Label) -> bool:
        fields = LabelDialog.ask(self, label.layer, label, self._parents(label.layer),
                                 check=self._checker(label))
        if fields is None:
            return False
        changes = _changes(label, fields)
        if not changes:
            return False
        return self._push(UpdateLabel(_id(label), f"Edit label {label.name!r}", **changes))

    def move_label(self, label: Label, step: int) -> bool:
        siblings = self._labels.siblings(label)
        ids = [s.id for s in siblings]
        i = ids.index(label.id)
        j = i + step
        if not 0 <= j < len(siblings):
            return False
        other = siblings[j]
        a, b = label.position, other.position
        if a == b:
            b = a + step
        return self._push(Batch([UpdateLabel(_id(label), position=b),
                                 UpdateLabel(_id(other), position=a)],
                                f"Move label {label.name!r}"))

    def _checker(self, label: Label) -> FieldsCheck:
        """The project's own name and key rules, run before the dialog closes."""
        def check(fields: LabelFields) -> str | None:
            wanted = replace(label, name=fields.name, shortcut=fields.shortcut)
            labels = self._labels.labels()
            try:
                check_label_name(labels, wanted)
                check_shortcut(labels, wanted)
            except SchemeError as exc:
                return str(exc)[:1].upper() + str(exc)[1:] + "."
            return None
        return check

    def _parents(self, layer: str) -> list[Label]:
        return [lab for lab in self._labels.labels(layer) if self._labels.depth(lab) == 0]

    def _push(self, command: Command) -> bool:
        return self._controller.push(command, initiator=self)


def _id(label: Label) -> int:
    assert label.id is not None
    return label.id


def _changes(label: Label, fields: LabelFields) -> dict[str, object]:
    wanted = {"name": fields.name, "color": fields.color, "shortcut": fields.shortcut,
              "description": fields.description, "parent_id": fields.parent_id}
    return {k: v for k, v in wanted.items() if getattr(label, k) != v}
