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
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
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


class ChoiceSet(QAbstractListModel):
    """The choices of one or more combos (a stance's holder and target share one):
    the list, its completion entries and a text -> key lookup, rebuilt in one go.

    A Python list behind a thin model: 10,000 actor spans become choices in a few
    milliseconds, where one ``QStandardItem`` each took a third of a second.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices: list[Choice] = []
        self._row_of: dict[Hashable, int] = {}
        self.completions = QStringListModel(self)
        self.lookup: dict[str, object] = {}

    def set_choices(self, choices: Iterable[Choice]) -> None:
        listed = list(choices)
        lookup: dict[str, object] = {}
        completions: list[str] = []
        for choice in listed:
            completions.append(choice.text)
            completions.extend(choice.search)
            for text in (choice.search + choice.aliases):
                folded = text.casefold()
                known = lookup.get(folded)
                lookup[folded] = choice.key if known is None or known == choice.key else _AMBIGUOUS
        # A choice's own text wins over another's search entry that happens to equal it.
        lookup.update((choice.text.casefold(), choice.key) for choice in listed)
        self.beginResetModel()
        self._choices = listed
        self._row_of = {choice.key: row for row, choice in enumerate(listed)}
        self.lookup = lookup
        self.endResetModel()
        self.completions.setStringList(completions)

    def row_of(self, key: Hashable) -> int:
        return self._row_of.get(key, -1)

    def text_of(self, key: Hashable) -> str | None:
        row = self._row_of.get(key)
        return None if row is None else self._choices[row].text

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                 ) -> int:
        return 0 if parent.isValid() else len(self._choices)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._choices):
            return None
        choice = self._choices[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return choice.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return choice.tooltip or None
        if role == KEY_ROLE:
            return choice.key
        return None


class ChoiceCombo(QComboBox):
    chosen = Signal(object)  # key, or None for "none"
    unknown = Signal(str)

    def __init__(self, placeholder: str = "", parent: QWidget | None = None, *,
                 choices: ChoiceSet | None = None, pick_unique_match: bool = False) -> None:
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
        self.choices = choices if choices is not None else ChoiceSet(self)
        self.setModel(self.choices)
        self.choices.modelReset.connect(self.revert)  # the combo forgets its row on reset
        completer = QCompleter(self.choices.completions, self)
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
        self._current: Hashable | None = None
        self._current_text = ""
        self._sent: object = _NOTHING  # key sent in this event-loop turn (Enter fires twice)
        line.returnPressed.connect(lambda: self._commit(ask=True))
        line.editingFinished.connect(lambda: self._commit(ask=False))
        self.activated.connect(self._on_activated)
        completer.activated.connect(lambda _text: self._commit(ask=False))

    # -- content ---------------------------------------------------------------------------
    def set_choices(self, choices: Iterable[Choice]) -> None:
        """Replace the choices (of every combo sharing them); the current key stays."""
        self.choices.set_choices(choices)

    def key_of(self, text: str) -> object:
        """The key ``text`` names (a choice or a search entry), None if none, or a
        marker object for an alias shared by several choices."""
        return self.choices.lookup.get(" ".join(text.split()).casefold())

    def is_ambiguous(self, text: str) -> bool:
        return self.key_of(text) is _AMBIGUOUS

    # -- the current choice ----------------------------------------------------------------
    @property
    def current(self) -> Hashable | None:
        return self._current

    def set_current(self, key: Hashable | None, fallback: str = "") -> None:
        """Show ``key`` (``fallback`` text if it is not among the choices)."""
        self._current = key
        known = self.choices.text_of(key) if key is not None else ""
        text = fallback if known is None else known
        self._current_text = text
        self.blockSignals(True)
        self.setCurrentIndex(self.choices.row_of(key) if key is not None else -1)
        self.setEditText(text)
        line = self.lineEdit()
        if line is not None and not line.hasFocus():
            line.setCursorPosition(0)  # a long choice shows its start, not its end
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
        keys = {key for entry, key in self.choices.lookup.items() if folded in entry}
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
