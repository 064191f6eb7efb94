"""An editable combo box that picks one of a set of things by typing part of its name.

Typing shows a completion popup matching anywhere in the text, case-insensitively,
including extra search entries (an entity's aliases); the arrow opens the full list.
What was chosen is reported once per gesture as a key (``chosen``), an emptied box as
``chosen(None)``, and Enter on text that names nothing as ``unknown(text)`` (the owner
may offer to create it). Leaving the box with such text puts the current choice back.
Nothing is stored here: the owner pushes a command and calls ``set_current``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

KEY_ROLE = Qt.ItemDataRole.UserRole + 11
_AMBIGUOUS = object()
_NOTHING = object()


@dataclass(frozen=True)
class Choice:
    text: str  # shown in the list and in the box once chosen; unique within a combo
    key: Hashable
    tooltip: str = ""
    search: tuple[str, ...] = ()  # more completion entries for the same key ("alias → name")
    aliases: tuple[str, ...] = ()  # other exact texts that name it (typed, not listed)


class ChoiceCombo(QComboBox):
    chosen = Signal(object)  # key, or None for "none"
    unknown = Signal(str)

    def __init__(self, placeholder: str = "", parent: QWidget | None = None, *,
                 pick_unique_match: bool = False) -> None:
        super().__init__(parent)
        # Enter on a fragment that matches one choice only picks it (for pickers that
        # cannot create: where a new name is welcome, a fragment must not be taken).
        self._pick_unique = pick_unique_match
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Sizing to contents would measure every item (thousands of actor spans).
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.setMaxVisibleItems(16)
        self._items = QStandardItemModel(self)
        self.setModel(self._items)
        self._completions = QStandardItemModel(self)
        completer = QCompleter(self._completions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        line = self.lineEdit()
        assert line is not None
        # On the line edit, not QComboBox.setCompleter: the combo would read completion
        # rows as rows of its own list (and setModel would take the completer over).
        line.setCompleter(completer)
        line.setPlaceholderText(placeholder)
        line.setClearButtonEnabled(True)
        self._lookup: dict[str, object] = {}
        self._text_of: dict[Hashable, str] = {}
        self._current: Hashable | None = None
        self._current_text = ""
        self._sent: object = _NOTHING  # key sent in this event-loop turn (Enter fires twice)
        line.returnPressed.connect(lambda: self._commit(ask=True))
        line.editingFinished.connect(lambda: self._commit(ask=False))
        self.activated.connect(self._on_activated)
        completer.activated.connect(lambda _text: self._commit(ask=False))

    # -- content ---------------------------------------------------------------------------
    def set_choices(self, choices: Iterable[Choice]) -> None:
        lookup: dict[str, object] = {}
        items: list[QStandardItem] = []
        completions: list[QStandardItem] = []
        self._text_of = {}
        for choice in choices:
            item = QStandardItem(choice.text)
            item.setData(choice.key, KEY_ROLE)
            if choice.tooltip:
                item.setToolTip(choice.tooltip)
            items.append(item)
            self._text_of[choice.key] = choice.text
            completions.extend(QStandardItem(text) for text in (choice.text, *choice.search))
            for text in (choice.text, *choice.search, *choice.aliases):
                folded = text.casefold()
                known = lookup.get(folded)
                lookup[folded] = choice.key if known is None or known == choice.key else _AMBIGUOUS
        # Exact texts win over search entries that happen to be equal to them.
        for key, text in self._text_of.items():
            lookup[text.casefold()] = key
        self._lookup = lookup
        self.blockSignals(True)
        self._items.clear()
        self._items.invisibleRootItem().appendRows(items)  # one insert, not one per row
        self._completions.clear()
        self._completions.invisibleRootItem().appendRows(completions)
        self.blockSignals(False)
        self.set_current(self._current, self._current_text)

    def key_of(self, text: str) -> object:
        """The key ``text`` names (a choice or a search entry), None if none, or a
        marker object for an alias shared by several choices."""
        return self._lookup.get(" ".join(text.split()).casefold())

    def is_ambiguous(self, text: str) -> bool:
        return self.key_of(text) is _AMBIGUOUS

    # -- the current choice ----------------------------------------------------------------
    @property
    def current(self) -> Hashable | None:
        return self._current

    def set_current(self, key: Hashable | None, fallback: str = "") -> None:
        """Show ``key`` (``fallback`` text if it is not among the choices)."""
        self._current = key
        text = "" if key is None else self._text_of.get(key, fallback)
        self._current_text = text
        self.blockSignals(True)
        row = self.findData(key, KEY_ROLE) if key is not None else -1
        self.setCurrentIndex(row)
        self.setEditText(text)
        self.blockSignals(False)

    def revert(self) -> None:
        self.set_current(self._current, self._current_text)

    # -- gestures --------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Up/Down would pick the neighbouring item at once (one undo step per key):
        # open the list instead, where arrows browse and Enter picks.
        if (event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
                and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            self.showPopup()
            return
        super().keyPressEvent(event)

    def _on_activated(self, row: int) -> None:
        self._send(self.itemData(row, KEY_ROLE))

    def _commit(self, *, ask: bool) -> None:
        text = self.currentText().strip()
        if not text:
            self._send(None)
            return
        key = self.key_of(text)
        if key is None and ask and self._pick_unique:
            key = self._unique_match(text)
        if key is None or key is _AMBIGUOUS:
            if ask:
                self.unknown.emit(text)  # the owner may offer to create it (see is_ambiguous)
            else:
                self.revert()
            return
        self._send(key)

    def _unique_match(self, text: str) -> object:
        folded = " ".join(text.split()).casefold()
        keys = {key for entry, key in self._lookup.items() if folded in entry}
        return keys.pop() if len(keys) == 1 else None

    def _send(self, key: object) -> None:
        if key == self._current or key == self._sent:
            if key == self._current:
                self.revert()  # show the canonical text, not the alias typed
            return
        self._sent = key
        QTimer.singleShot(0, self._forget_sent)
        self.chosen.emit(key)
        self.revert()  # the owner called set_current if it accepted the choice

    def _forget_sent(self) -> None:
        self._sent = _NOTHING
