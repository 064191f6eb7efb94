"""The window's menus and keys: File, Edit, Document, Review, Help."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from annotator.ui import (
    charts,
    consistency_dialog,
    corpus_search,
    file_jobs,
    network_view,
    review,
    team_progress,
    team_status,
)
from annotator.ui import settings as keys
from annotator.ui.dialogs import ShortcutsDialog, about_text
from annotator.ui.entity_dialog import EntityDialog
from annotator.ui.messages import Message

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow
    from annotator.ui.workspace import Workspace

Keys = list[QKeySequence | QKeySequence.StandardKey | str]


class WindowActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._needs_project: list[QAction] = []
        self._needs_writable: list[QAction] = []
        bar = window.menuBar()

        file = bar.addMenu("&File")
        self._add(file, "&New project…", ["Ctrl+N"], lambda: file_jobs.new_project(window))
        self._add(file, "&Open project…", [QKeySequence.StandardKey.Open],
                  lambda: file_jobs.choose_and_open(window))
        self.recent_menu = file.addMenu("Open &recent")
        file.addSeparator()
        self._add(file, "&Import documents…", ["Ctrl+I"],
                  lambda: file_jobs.import_files(window), writable=True,
                  tip="Import articles (text, web pages, Word, OpenDocument, PDF, "
                      "RTF, feeds, Nexis/Factiva exports) or annotations (JSONL, "
                      "Label Studio)")
        self._add(file, "Import a &folder…", [], lambda: file_jobs.import_folder(window),
                  writable=True, tip="Import every article file in a folder (saved web "
                                     "pages, Word, PDF, text…), with its sub-folders")
        self.import_colleague = self._add(
            file, "Import &colleague's project…", [], lambda: file_jobs.import_colleague(window),
            writable=True, tip="Merge a colleague's .annotator project or JSONL export: "
                               "their spans arrive under their names; yours are untouched")
        self._add(file, "&Export…", ["Ctrl+E"], lambda: file_jobs.export(window),
                  project=True, tip="Native JSONL, with annotator and layer filters")
        team = file.addMenu("&Team")
        self._add(team, "&Publish to a team database…", [], lambda: team_status.publish(window),
                  writable=True, tip="Share this project through a PostgreSQL database: "
                                     "colleagues join it and sync")
        self._add(team, "&Join a team project…", [], lambda: team_status.join(window),
                  tip="Make a new local copy of a team project and open it")
        self._add(team, "Team p&rogress…", [], lambda: team_progress.show_progress(window),
                  project=True, tip="Who has done what: documents assigned, in progress "
                                    "and done per member, and agreement so far")
        file.addSeparator()
        self._add(file, "&Quit", [QKeySequence.StandardKey.Quit], window.close)

        edit = bar.addMenu("&Edit")
        self.undo = window.undo_group.createUndoAction(window, "&Undo")
        self.undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo = window.undo_group.createRedoAction(window, "&Redo")
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addAction(self.undo)
        edit.addAction(self.redo)
        edit.addSeparator()
        self._add(edit, "&Delete span", ["Del", "Backspace"], self._ws(lambda w:
                  w.delete_selected_span()), writable=True)
        edit.addSeparator()
        self._add(edit, "&Find in document…", [QKeySequence.StandardKey.Find],
                  self._ws(lambda w: w.article.find_bar.open_bar(_selected_text(w))),
                  project=True)
        self._add(edit, "Find &next", ["F3"], self._ws(lambda w: w.find_text(
            w.article.find_bar.query.text())), project=True)
        self._add(edit, "Find &previous", ["Shift+F3"], self._ws(lambda w: w.find_text(
            w.article.find_bar.query.text(), backward=True)), project=True)
        self._add(edit, "&Search the corpus…", ["Ctrl+Shift+F"],
                  lambda: corpus_search.open_search(window), project=True,
                  tip="Every document: a concordance of a word, phrase or regular "
                      "expression, and tagging from it")
        self._add(edit, "Filter &documents", ["Ctrl+L"],
                  self._ws(lambda w: w.doc_list.focus_filter()), project=True)
        edit.addSeparator()
        self._add(edit, "A&ctors registry…", [],
                  self._ws(lambda w: EntityDialog.ask(window, w.controller)), project=True,
                  tip="The canonical actors that actor spans point to: names, types, aliases")

        doc = bar.addMenu("&Document")
        self._add(doc, "&Next document", ["Alt+Down", "Ctrl+PgDown"],
                  self._ws(lambda w: w.go(1)), project=True)
        self._add(doc, "&Previous document", ["Alt+Up", "Ctrl+PgUp"],
                  self._ws(lambda w: w.go(-1)), project=True)
        self._add(doc, "Next &unfinished", ["Ctrl+Shift+N"],
                  self._ws(lambda w: w.go_unfinished()), project=True)
        self._add(doc, "Mark &done / reopen", ["Ctrl+D", "Ctrl+Return"],
                  self._ws(lambda w: w.toggle_done()), writable=True)
        self._add(doc, "D&etails (title, outlet, date…)…", ["Ctrl+Shift+I"],
                  self._ws(lambda w: w.edit_details()), writable=True,
                  tip="Edit this document's title and metadata; undoable")
        doc.addSeparator()
        self.show_suggestions = self._add(
            doc, "Show &suggestions from the actors registry", [],
            self._ws(lambda w: w.suggestions.set_enabled(self.show_suggestions.isChecked())),
            project=True, tip="Registry names and aliases found in the article, drawn as "
                              "dashed boxes: Tab accepts the one at the cursor, Shift+Tab "
                              "rejects it")
        self.show_suggestions.setCheckable(True)
        self.show_suggestions.setChecked(True)
        self._add(doc, "Ne&xt suggestion", ["F6"], self._ws(lambda w: w.suggestions.step()),
                  project=True)
        self._add(doc, "Previous su&ggestion", ["Shift+F6"],
                  self._ws(lambda w: w.suggestions.step(forward=False)), project=True)
        self._add(doc, "Accept &all suggestions in this document", ["Ctrl+Shift+A"],
                  self._ws(lambda w: w.suggestions.accept_all()), writable=True,
                  tip="Every suggestion becomes a span with its actor, in one undo step")
        doc.addSeparator()
        self._add(doc, "&Reload from project file", ["F5"], window.reload_from_file,
                  project=True, tip="Show what other windows or programs saved to this "
                                    "project (the window also notices within seconds)")
        doc.addSeparator()
        self._add(doc, "&Larger text", [QKeySequence.StandardKey.ZoomIn, "Ctrl+="],
                  self._ws(lambda w: _zoom(w, +1)), project=True)
        self._add(doc, "&Smaller text", [QKeySequence.StandardKey.ZoomOut],
                  self._ws(lambda w: _zoom(w, -1)), project=True)

        self.review_menu = bar.addMenu("&Review")
        self._add(self.review_menu, "&Compare annotators…", ["Ctrl+Shift+C"],
                  lambda: review.open_compare(window), project=True,
                  tip="Two annotators (or one and gold) on this document: where they agree, "
                      "disagree, and adjudication into gold")
        self._add(self.review_menu, "&Next disagreement", ["F8"],
                  lambda: review.step_disagreement(window, backward=False), project=True)
        self._add(self.review_menu, "&Previous disagreement", ["Shift+F8"],
                  lambda: review.step_disagreement(window, backward=True), project=True)
        self._add(self.review_menu, "&Agreement report…", ["Ctrl+Shift+R"],
                  lambda: review.open_report(window), project=True,
                  tip="Span F1, kappa, Krippendorff's alpha and uα over the corpus, with "
                      "units and matching rules; export as CSV or JSON")
        self._add(self.review_menu, "C&onsistency…", [],
                  lambda: consistency_dialog.open_consistency(window), project=True,
                  tip="Your coding: the same text tagged with different labels or actors, "
                      "and untagged occurrences of text you tagged elsewhere")

        analysis = bar.addMenu("&Analysis")
        self._add(analysis, "&Network…", ["Ctrl+Shift+G"],
                  lambda: network_view.open_network(window), project=True,
                  tip="Your coding as a discourse network (DNA's types): actor × concept, "
                      "congruence, conflict, over time")
        self._add(analysis, "&Charts…", [], lambda: charts.open_charts(window), project=True,
                  tip="Spans per label, outlet, month and annotator, as bars")

        help_menu = bar.addMenu("&Help")
        self._add(help_menu, "&Keyboard shortcuts", [QKeySequence.StandardKey.HelpContents],
                  self.show_shortcuts)
        self._add(help_menu, "&About Annotator", [],
                  lambda: Message.info(window, "About Annotator", about_text()))
        self.refresh_recent()

    def _add(self, menu: QMenu, text: str, shortcuts: Keys, slot: Callable[[], object], *,
             project: bool = False, writable: bool = False, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(lambda _=False: slot())
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        menu.addAction(action)
        self.window.addAction(action)
        if project or writable:
            self._needs_project.append(action)
        if writable:
            self._needs_writable.append(action)
        return action

    def _ws(self, fn: Callable[[Workspace], object]) -> Callable[[], object]:
        def call() -> object:
            workspace = self.window.workspace
            return fn(workspace) if workspace is not None else None
        return call

    def set_project_open(self, is_open: bool, *, read_only: bool = False) -> None:
        for action in self._needs_project:
            action.setEnabled(is_open and not (read_only and action in self._needs_writable))

    def refresh_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.window.settings.get(keys.RECENT_PROJECTS)
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.window.open_project(Path(p)))
        self.recent_menu.setEnabled(bool(recent))

    def shortcut_rows(self) -> list[tuple[str, str]]:
        rows: list[tuple[str, str]] = []
        workspace = self.window.workspace
        if workspace is not None:
            for label in workspace.labels.labels(include_retired=False):
                if label.shortcut:
                    rows.append((label.shortcut.upper(), f"tag as {label.layer} “{label.name}”"))
        rows.append(("Shift+arrows", "select text"))
        rows.append(("Escape", "deselect the span"))
        rows.append(("Ctrl+click an actor", "make it the selected stance's holder"))
        rows.append(("Ctrl+Shift+click an actor", "make it the selected stance's target"))
        for action in self.window.actions_with_keys():
            keys_text = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                                  for s in action.shortcuts())
            rows.append((keys_text, action.text().replace("&", "").rstrip("…")))
        return rows

    def show_shortcuts(self) -> None:
        ShortcutsDialog.ask(self.window, self.shortcut_rows())


def build_menus(window: MainWindow) -> WindowActions:
    return WindowActions(window)


def _selected_text(workspace: Workspace) -> str:
    selection = workspace.view.selected_range()
    if selection is None or workspace.doc is None:
        return ""
    text = workspace.doc.text[selection[0]:selection[1]]
    return text if "\n" not in text and len(text) < 80 else ""


def _zoom(workspace: Workspace, step: int) -> None:
    view = workspace.view
    view.set_point_size(max(8.0, min(32.0, view.point_size() + step)))
