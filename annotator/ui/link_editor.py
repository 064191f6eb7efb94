"""A stance's ``holder`` (who) and ``target`` (whom/what): two pickers in the span editor.

Each lists the actor spans of the stance's document and annotator ("Label — text", in
text order) and then the actors registry ("Registry — name"); typing filters both.
Setting one replaces the stance's previous link of that type in one undo step
(``replace_link``); an emptied picker removes it. The article's Ctrl+click gesture
(``link_gestures``) calls ``set_link`` too.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from annotator.core.commands import Change
from annotator.core.entity_commands import HOLDER, STANCE_LINK_TYPES, TARGET, replace_link
from annotator.core.errors import AnnotatorError
from annotator.core.model import Link, Span
from annotator.ui.choice_combo import Choice, ChoiceCombo, ChoiceSet
from annotator.ui.controller import Controller
from annotator.ui.entity_field import entity_choices
from annotator.ui.models.label_model import LabelModel

GESTURES = {HOLDER: "Ctrl+click", TARGET: "Ctrl+Shift+click"}
_MEANING = {HOLDER: "who takes it", TARGET: "whom or what it is about"}
_REGISTRY = "Registry — "
_TEXT_CHARS = 48


def _short(text: str, width: int = _TEXT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class LinkEditor(QObject):
    """Holds the two pickers (the span editor lays them out) and edits the links."""

    related_changed = Signal(object)  # {span id: link type} of the shown stance
    hint = Signal(str)

    def __init__(self, controller: Controller, labels: LabelModel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._labels = labels
        self.stance: Span | None = None
        self.combos: dict[str, ChoiceCombo] = {}
        self.choices = ChoiceSet(self)  # one list for both pickers
        for link_type in STANCE_LINK_TYPES:
            combo = ChoiceCombo(f"none: pick, or {GESTURES[link_type]} an actor in the text",
                                choices=self.choices, pick_unique_match=True)
            combo.setToolTip(
                f"The stance's {link_type} ({_MEANING[link_type]}): an actor span of this "
                f"document or an actor from the registry.\n"
                f"Quicker: {GESTURES[link_type]} an actor in the article.")
            combo.chosen.connect(lambda key, t=link_type: self._on_chosen(t, key))
            combo.unknown.connect(lambda _text, c=combo: c.revert())
            self.combos[link_type] = combo
        self._choices_for: tuple[int, int] | None = None  # (doc, annotator) the lists show
        self._doc_text: tuple[int, str] | None = None
        self._hinted: int | None = None  # the stance the status bar hint was shown for

    # -- showing ---------------------------------------------------------------------------
    def show_span(self, span: Span | None) -> None:
        """Show ``span``'s links if it is a stance; otherwise show nothing."""
        label = self._labels.label(span.label_id) if span is not None else None
        self.stance = span if label is not None and label.layer == "stance" else None
        for combo in self.combos.values():
            combo.setEnabled(self.stance is not None)
        if self.stance is None:
            self.related_changed.emit({})
            return
        self._ensure_choices(self.stance)
        links = self.links()
        related: dict[int, str] = {}
        for link_type, combo in self.combos.items():
            link = next((k for k in links if k.type == link_type), None)
            if link is None:
                combo.set_current(None)
            elif link.target_id is not None:
                combo.set_current(("span", link.target_id), self._span_text(link.target_id))
                related[link.target_id] = link_type
            else:
                combo.set_current(("entity", link.target_entity_id),
                                  f"{_REGISTRY}#{link.target_entity_id}")
        self.related_changed.emit(related)
        missing = [t for t in STANCE_LINK_TYPES if not any(k.type == t for k in links)]
        if missing and self._hinted != self.stance.id:
            self._hinted = self.stance.id
            self.hint.emit("Stance selected: " + ", ".join(
                f"{GESTURES[t]} an actor to make it the {t}" for t in missing)
                + " (or right-click the actor).")

    def links(self) -> list[Link]:
        """The shown stance's own links (not links into it)."""
        if self.stance is None or self.stance.id is None:
            return []
        return [k for k in self._controller.project.links_of_span(self.stance.id)
                if k.source_id == self.stance.id]

    def on_changed(self, change: Change) -> None:
        """Keep the lists current, and the links shown when something they name changed
        (a deleted holder, an undone link). A change to the stance itself is re-shown
        by the span editor, which calls ``show_span``."""
        stance = self.stance
        if change.labels or change.entities or (
                self._choices_for is not None and self._choices_for[0] in change.doc_ids
                and change.span_ids - {stance.id if stance is not None else None}):
            self._choices_for = None  # rebuilt when a stance is shown
        if stance is not None and stance.id not in change.span_ids and (
                change.links or self._choices_for is None):
            self.show_span(self._fresh(stance))

    def _fresh(self, span: Span) -> Span | None:
        try:
            return self._controller.project.get_span(span.id) if span.id is not None else None
        except AnnotatorError:
            return None

    def _ensure_choices(self, stance: Span) -> None:
        key = (stance.doc_id, stance.annotator_id)
        if self._choices_for == key:
            return
        choices = self._actor_choices(stance) + entity_choices(
            self._controller.project.entities(), _REGISTRY)
        self.choices.set_choices(choices)
        self._choices_for = key

    def _text(self, doc_id: int) -> str:
        if self._doc_text is None or self._doc_text[0] != doc_id:
            self._doc_text = (doc_id, self._controller.project.document_text(doc_id))
        return self._doc_text[1]

    def _actor_choices(self, stance: Span) -> list[Choice]:
        """The actor spans of the stance's annotator in this document, in text order."""
        project = self._controller.project
        text = self._text(stance.doc_id)
        names = {e.id: e.name for e in project.entities()}
        entity_of = project.span_entity_ids(stance.doc_id, [stance.annotator_id])
        seen: dict[str, int] = {}
        out = []
        for span_id, start, end, label_id, _ in project.span_rows(
                stance.doc_id, [stance.annotator_id]):
            label = self._labels.label(label_id)
            if label is None or label.layer != "actor":
                continue
            shown = f"{label.name} — {_short(text[start:end])}"
            entity = names.get(entity_of.get(span_id, -1))
            if entity:
                shown += f"  [{entity}]"  # as in the span table
            seen[shown] = seen.get(shown, 0) + 1
            if seen[shown] > 1:  # the same actor named again later: keep texts unique
                shown = f"{shown} ({seen[shown]})"
            out.append(Choice(shown, ("span", span_id), f"code points [{start}, {end})"))
        return out

    def _span_text(self, span_id: int) -> str:
        try:
            span = self._controller.project.get_span(span_id)
        except AnnotatorError:
            return ""
        return _short(span.text)

    # -- editing ---------------------------------------------------------------------------
    def set_link(self, link_type: str, *, span_id: int | None = None,
                 entity_id: int | None = None) -> bool:
        """Make the shown stance's ``link_type`` point to a span, an entity or nothing."""
        stance = self.stance
        if stance is None or stance.id is None or span_id == stance.id:
            return False
        command = replace_link(self.links(), stance.id, link_type, target_id=span_id,
                               target_entity_id=entity_id)
        if command is None:
            return False
        return self._controller.push(command, initiator=self)

    def _on_chosen(self, link_type: str, key: object) -> None:
        if key is None:
            self.set_link(link_type)
        elif isinstance(key, tuple) and key[0] == "span":
            self.set_link(link_type, span_id=int(key[1]))
        elif isinstance(key, tuple) and key[0] == "entity":
            self.set_link(link_type, entity_id=int(key[1]))
