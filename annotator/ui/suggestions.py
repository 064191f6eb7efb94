"""Suggestions from the actors registry in the open document (``core.suggest``).

Every name and alias of a registry actor found in the article, not yet inside one of
your actor spans and not rejected here before, is drawn as a dashed box in its usual
label's colour. With the text cursor on one: Tab (or Enter) accepts it (a span with the
actor's usual label, the actor linked), Shift+Tab rejects it (remembered in the project
file for this document, never suggested there again; undoable). F6 / Shift+F6 go to the
next / previous suggestion; Document → Accept all suggestions makes them all spans in
one undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.core.commands import Change
from annotator.core.suggest import (
    Matcher,
    RejectSuggestion,
    Suggestion,
    accept_command,
    lowered,
    open_suggestions,
    usual_labels,
)
from annotator.core.wording import count

if TYPE_CHECKING:
    from annotator.ui.workspace import Workspace

# Above this size an edit drops the suggestions it covers instead of matching again.
REMATCH_BELOW = 200_000


class Suggestions:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.enabled = True
        self._matcher: Matcher | None = None
        self._labels: dict[int, int] = {}  # entity id -> label id
        self._names: dict[int, str] = {}
        self.current: dict[int, Suggestion] = {}  # ghost key -> suggestion
        self._lowered: tuple[int, str] = (-1, "")  # (doc id, its text lower-cased)
        ws.view.suggestion_key.connect(self._on_key)
        ws.view.ghost_tip = self.tooltip

    def _ensure_matcher(self) -> Matcher:
        if self._matcher is None:
            project = self.ws.project
            entities = project.entities()
            actor_labels = [lab for lab in project.labels() if lab.layer == "actor"]
            self._labels = usual_labels(project.entity_label_uses(), entities, actor_labels)
            self._names = {e.id: e.name for e in entities if e.id is not None}
            self._matcher = Matcher.build(e for e in entities if e.id in self._labels)
        return self._matcher

    def refresh(self) -> None:
        """Match the open document again and redraw."""
        ws = self.ws
        self.current = {}
        if not self.enabled or ws.doc is None or ws.doc.id is None:
            ws.view.show_ghosts([])
            return
        matcher = self._ensure_matcher()
        if not matcher:
            ws.view.show_ghosts([])
            return
        text = ws.doc.text
        actor_layer = {lab.id for lab in ws.project.labels() if lab.layer == "actor"}
        taken = [(start, end) for _, start, end, label_id, _ in
                 ws.project.span_rows(ws.doc.id, [ws.me]) if label_id in actor_layer]
        if self._lowered[0] != ws.doc.id:
            self._lowered = (ws.doc.id, lowered(text))  # texts never change
        found = open_suggestions(matcher.find(text, self._lowered[1]), len(text), taken,
                                 ws.project.rejections(ws.doc.id, ws.me))
        self.current = dict(enumerate(found))
        ws.view.show_ghosts((key, s.start, s.end, self._labels[s.entity_id])
                            for key, s in self.current.items())

    def on_changed(self, change: Change, initiator: object) -> None:
        ws = self.ws
        if change.entities or change.labels:
            self._matcher = None  # names, aliases or labels changed
            self.refresh()
        elif ws.doc_id in change.doc_ids and (change.span_ids or change.suggestions):
            if ws.doc is not None and len(ws.doc.text) < REMATCH_BELOW:
                self.refresh()
            else:
                self._drop_covered(change)

    def _drop_covered(self, change: Change) -> None:
        """A large article: drop the suggestions the changed spans now cover."""
        ws = self.ws
        for span_id in change.span_ids:
            try:
                span = ws.project.get_span(span_id)
            except Exception:
                continue
            for key, s in list(self.current.items()):
                if s.start < span.end and span.start < s.end:
                    del self.current[key]
                    ws.view.drop_ghost(key)

    def tooltip(self, key: int) -> str:
        s = self.current.get(key)
        if s is None:
            return ""
        label = self.ws.labels.label(self._labels[s.entity_id])
        return (f"Suggested: {self._names.get(s.entity_id, '?')} "
                f"({label.name if label else '?'}) — Tab accepts, Shift+Tab rejects")

    # -- gestures --------------------------------------------------------------------------
    def _on_key(self, key: int, accept: bool) -> None:
        if accept:
            self.accept([key])
        else:
            self.reject(key)

    def accept(self, keys: list[int]) -> None:
        ws = self.ws
        chosen = [(self.current[k], self._labels[self.current[k].entity_id])
                  for k in keys if k in self.current]
        if ws.doc is None or ws.doc.id is None or not chosen or ws.project.read_only:
            return
        command = accept_command(ws.doc.id, ws.me, ws.doc.text, chosen, ws.status())
        if command is not None and ws.controller.push(command, initiator=ws):
            ws.message.emit(f"Accepted {count(len(chosen), 'suggestion')}.")

    def accept_all(self) -> None:
        if not self.current:
            self.ws.message.emit("No suggestions in this document.")
            return
        self.accept(sorted(self.current, key=lambda k: self.current[k].start))

    def reject(self, key: int) -> None:
        ws = self.ws
        s = self.current.get(key)
        if s is None or ws.doc is None or ws.doc.id is None or ws.project.read_only:
            return
        ws.controller.push(RejectSuggestion(ws.doc.id, ws.me, s), initiator=ws)

    def step(self, forward: bool = True) -> None:
        """Put the text cursor on the next (previous) suggestion."""
        ws = self.ws
        if not self.current:
            ws.message.emit("No suggestions in this document.")
            return
        cursor = ws.view.textCursor()
        here = ws.view.offsets.to_codepoint(cursor.selectionStart())
        # From a bare cursor the suggestion right there counts; from a selected one, not.
        on = 1 if cursor.hasSelection() else 0
        ordered = sorted(self.current.values(), key=lambda s: s.start)
        after = [s for s in ordered if s.start >= here + on] if forward else [
            s for s in ordered if s.start < here]
        target = (after[0] if forward else after[-1]) if after else (
            ordered[0] if forward else ordered[-1])
        ws.view.select_range(target.start, target.end)
        ws.message.emit(self.tooltip(next(k for k, s in self.current.items() if s == target)))

    def set_enabled(self, on: bool) -> None:
        self.enabled = on
        self.refresh()
