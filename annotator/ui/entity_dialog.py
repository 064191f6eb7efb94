"""Edit → Actors registry…: the canonical actors that actor spans point to.

Type in the box to find an actor by name or alias; Enter (or Add) on a name that is not
there adds it. The selected actor's name, type and comma-separated aliases are saved
when you leave each field. Every edit is a command on the window's undo stack (Ctrl+Z
works here too); an actor that spans or links use cannot be removed.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.commands import Change
from annotator.core.entity_commands import (
    AddEntity,
    RemoveEntity,
    UpdateEntity,
    clean_aliases,
    parse_aliases,
)
from annotator.core.model import Entity
from annotator.ui.controller import Controller
from annotator.ui.models.entity_model import ALIASES, NAME, SEARCH_ROLE, TYPE, USES, EntityModel
from annotator.ui.models.id_model import ID_ROLE
from annotator.ui.tables import make_table


class EntityDialog(QDialog):
    def __init__(self, parent: QWidget | None, controller: Controller) -> None:
        super().__init__(parent)
        self.setWindowTitle("Actors registry")
        self._controller = controller
        self.model = EntityModel(controller.project, self)
        controller.changed.connect(self._on_controller_changed)
        self._listening = True
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self.model)
        self._proxy.setFilterRole(SEARCH_ROLE)
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find or add an actor (Enter adds a new name)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._proxy.setFilterFixedString)
        self.search.returnPressed.connect(self._on_find_return)
        row.addWidget(self.search, 1)
        self.add_button = QPushButton("&Add")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add(self.search.text()))
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.table = make_table(self._proxy)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ALIASES, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(NAME, 190)
        header.resizeSection(TYPE, 160)
        header.resizeSection(USES, 120)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_form())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            # Enter adds or saves a field; it must not also "press" Close.
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        layout.addWidget(buttons)
        self._add_undo_keys()
        self.resize(720, 480)
        self._show(None)

    def _build_form(self) -> QFormLayout:
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.editingFinished.connect(self._commit_name)
        form.addRow("&Name", self.name)
        self.type = QComboBox()
        self.type.setEditable(True)
        self.type.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.type.setToolTip("e.g. person, state, organisation, or an actor label")
        line = self.type.lineEdit()
        assert line is not None
        line.editingFinished.connect(self._commit_type)
        self.type.activated.connect(lambda _row: self._commit_type())
        form.addRow("&Type", self.type)
        self.aliases = QLineEdit()
        self.aliases.setPlaceholderText("other names, comma-separated: Khamenei, supreme leader")
        self.aliases.editingFinished.connect(self._commit_aliases)
        form.addRow("A&liases", self.aliases)
        uses = QHBoxLayout()
        self.uses = QLabel()
        self.uses.setTextFormat(Qt.TextFormat.PlainText)
        uses.addWidget(self.uses, 1)
        self.remove_button = QPushButton("&Remove")
        self.remove_button.setAutoDefault(False)
        self.remove_button.setToolTip("Only an actor no span or link points to can be removed")
        self.remove_button.clicked.connect(self.remove_selected)
        uses.addWidget(self.remove_button)
        form.addRow("Used by", uses)
        return form

    def _add_undo_keys(self) -> None:
        # The window's Undo/Redo shortcuts do not reach a modal dialog.
        stack = self._controller.undo_stack
        for keys, slot in (([QKeySequence.StandardKey.Undo], stack.undo),
                           ([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")], stack.redo)):
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.triggered.connect(lambda _=False, s=slot: s())
            self.addAction(action)

    # -- selection -------------------------------------------------------------------------
    @property
    def selected_id(self) -> int | None:
        index = self.table.selectionModel().currentIndex()
        value = index.data(ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def select(self, entity_id: int | None) -> None:
        source = self.model.index_of(entity_id) if entity_id is not None else QModelIndex()
        index = self._proxy.mapFromSource(source)
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.table.selectionModel().setCurrentIndex(index, flags)
        if index.isValid():
            self.table.scrollTo(index)
        self._show(self.model.entity(entity_id) if entity_id is not None else None)

    def _on_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._show(self.model.entity(int(current.data(ID_ROLE))) if current.isValid() else None)

    def _show(self, entity: Entity | None) -> None:
        for widget in (self.name, self.type, self.aliases):
            widget.setEnabled(entity is not None)
        self.type.blockSignals(True)
        self.type.clear()
        self.type.addItems(self._type_suggestions())
        self.type.setEditText(entity.type if entity else "")
        self.type.blockSignals(False)
        self.name.setText(entity.name if entity else "")
        self.aliases.setText(", ".join(entity.aliases) if entity else "")
        uses = self.model.uses(entity.id) if entity and entity.id is not None else (0, 0)
        self.uses.setText(self.model.data(self.model.index_of(entity.id, USES))
                          if entity and entity.id is not None else "")
        self.remove_button.setEnabled(entity is not None and uses == (0, 0))

    def _type_suggestions(self) -> list[str]:
        actor_labels = [lab.name for lab in self._controller.project.labels()
                        if lab.layer == "actor" and not lab.retired]
        types = self.model.types()
        return types + [name for name in actor_labels if name not in types]

    # -- edits (each a command) ------------------------------------------------------------
    def add(self, name: str) -> int | None:
        """Add an actor named ``name`` and select it; its id, or None if refused."""
        name = " ".join(name.split())
        if not name:
            return None
        command = AddEntity(Entity(name=name))
        if not self._controller.push(command, initiator=self):
            return None
        self.search.clear()
        self.select(command.entity.id)
        self.type.setFocus()
        return command.entity.id

    def edit_selected(self, **changes: object) -> bool:
        """Change fields of the selected actor (name, type, aliases)."""
        entity_id = self.selected_id
        entity = self.model.entity(entity_id) if entity_id is not None else None
        if entity is None or entity_id is None:
            return False
        changes = {k: v for k, v in changes.items() if getattr(entity, k) != v}
        if not changes:
            return False
        what = "Rename actor" if "name" in changes else "Edit actor"
        done = self._controller.push(UpdateEntity(entity_id, what, **changes), initiator=self)
        if not done:
            self._show(entity)  # refused (a taken name): show what is stored
        return done

    def remove_selected(self) -> bool:
        entity_id = self.selected_id
        if entity_id is None:
            return False
        return self._controller.push(RemoveEntity(entity_id), initiator=self)

    def _commit_name(self) -> None:
        if self.name.isEnabled() and self.name.text().strip():
            self.edit_selected(name=" ".join(self.name.text().split()))

    def _commit_type(self) -> None:
        if self.type.isEnabled():
            self.edit_selected(type=" ".join(self.type.currentText().split()))

    def _commit_aliases(self) -> None:
        entity = self.model.entity(self.selected_id) if self.selected_id is not None else None
        if self.aliases.isEnabled() and entity is not None:
            # Compare cleaned aliases, so retyping the same list is not an edit.
            self.edit_selected(aliases=clean_aliases(entity.name,
                                                     parse_aliases(self.aliases.text())))

    def _on_find_return(self) -> None:
        text = " ".join(self.search.text().split())
        for row in range(self._proxy.rowCount()):
            index = self._proxy.index(row, NAME)
            if str(index.data()).casefold() == text.casefold():
                self.select(int(index.data(ID_ROLE)))
                return
        self.add(text)

    def _on_controller_changed(self, change: Change, initiator: object) -> None:
        keep = self.selected_id
        self.model.on_changed(change)
        if keep is not None and self.model.entity(keep) is None:
            keep = None
        self.select(keep)

    def done(self, result: int) -> None:
        if self._listening:
            self._controller.changed.disconnect(self._on_controller_changed)
            self._listening = False
        super().done(result)

    @classmethod
    def ask(cls, parent: QWidget | None, controller: Controller) -> None:
        """Show the registry until closed (edits are already saved, and undoable)."""
        dialog = cls(parent, controller)
        dialog.exec()
        dialog.deleteLater()
