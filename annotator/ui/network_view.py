"""Analysis → Network…: the discourse network of a project's coding, drawn (issue 12,
item 2).

The same networks as ``annotator network`` (both build with ``formats.dna_network``;
the view builds only the window it shows): choose the type, the concepts, the
normalisation, the qualifier aggregation and the duplicate rule; whose coding (an
annotator, the gold standard, or everyone's added up); which stance or narrative
label; which documents, typed as in the document list's box (``outlet:TASS
date:2026-01..2026-03``). Nodes are sized by weighted degree and coloured by the actor
label most given or by registry type (concepts are grey squares); edges are green where
actors agree or support, red where they oppose, orange for both, grey for neutral,
thicker with weight; a legend says which colour is which.
Hover a node or an edge for its figures (in the status line, and as a tooltip); drag a
node to move it. The layout (networkx's spring layout) is computed on a worker thread,
so the window never freezes. With time windows on, a slider steps through windows of
the chosen length and step. Export as PNG or SVG, and the edges as CSV.

Drawn with Qt's own graphics view: no plotting library to load, and nodes are real
items that can be dragged.
"""

from __future__ import annotations

import html
import math
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QColor, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.docfilter import BoxQuery
from annotator.core.errors import InputError
from annotator.core.model import GOLD
from annotator.core.networks import DUPLICATES, QUALIFIERS, Edge
from annotator.core.wording import count
from annotator.formats.dna_network import (
    Built,
    Period,
    Statements,
    build_network,
    network_periods,
    project_statements,
    write_csv,
)
from annotator.ui.buttons import action_row, save_path, save_png, save_svg, show_view
from annotator.ui.network_items import EdgeLine, Layout, Node, target_mode

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

TYPES = (("Actor × concept (two-mode)", "two-mode"), ("Congruence (actor × actor)",
         "congruence"), ("Conflict (actor × actor)", "conflict"),
         ("Congruence − conflict", "subtract"))
CONCEPTS = (("Stance targets", "target"), ("Narratives", "narrative"))
NORMS = {"two-mode": ("none", "activity", "prominence"),
         "one-mode": ("none", "average", "jaccard", "cosine")}
SIGN_COLORS = {"positive": "#2e7d32", "negative": "#c62828", "both": "#ef6c00",
               "neutral": "#9e9e9e"}
CONCEPT, CONCEPT_COLOR = "concept", "#bdbdbd"
NO_CATEGORY_COLOR = "#7986cb"
PALETTE = ("#1e88e5", "#8e24aa", "#f4511e", "#00897b", "#6d4c41", "#c0ca33", "#d81b60",
           "#3949ab", "#fb8c00", "#546e7a")
EDGE_MEANING_TWO_MODE = (("positive", "supports"), ("negative", "opposes"),
                         ("both", "both"), ("neutral", "neutral"))
EDGE_MEANING_ONE_MODE = (("positive", "agree (congruence)"),
                         ("negative", "disagree (conflict)"))
WINDOW_DAYS, STEP_DAYS = 30, 7
SCALE = 320.0  # scene units per layout unit
EVERYONE = "\x00everyone"  # the "Coded by" choice that adds every annotator up
FILTER_PAUSE_MS = 400  # the box re-reads the statements once typing pauses


class NetworkView(QDialog):
    layout_wanted = Signal(object, int)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Network")
        self.resize(1100, 760)
        box = QVBoxLayout(self)
        self.kind = _combo(TYPES)
        self.on = _combo(CONCEPTS)
        self.normalize = QComboBox()
        self.qualifier = _combo(tuple((q, q) for q in QUALIFIERS))
        self.qualifier.setCurrentIndex(QUALIFIERS.index("combine"))
        self.duplicates = _combo(tuple((d, d) for d in DUPLICATES))
        self.colour_by = _combo((("actor label", "label"), ("registry type", "type")))
        box.addLayout(_labelled((self.kind, "&Network"), (self.on, "&Concepts"),
                                (self.normalize, "N&ormalise"),
                                (self.qualifier, "&Qualifier"),
                                (self.duplicates, "D&uplicates")))
        self.who = QComboBox()
        self.label = QComboBox()
        self.documents = QLineEdit()
        self.documents.setPlaceholderText("all documents · e.g. outlet:TASS "
                                          "date:2026-01..2026-03")
        self.documents.setClearButtonEnabled(True)
        self.documents.setMinimumWidth(300)
        self.filter_note = QLabel()
        self.filter_note.setStyleSheet("color: #c62828")
        row = _labelled((self.who, "Coded &by"), (self.label, "&Label"),
                        (self.documents, "&Documents"), (self.colour_by, "Colour b&y"))
        row.addWidget(self.filter_note)
        box.addLayout(row)
        slider_row = QHBoxLayout()
        self.windows = QCheckBox("&Time windows of")
        self.window_days = _days(WINDOW_DAYS)
        self.step_days = _days(STEP_DAYS)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setEnabled(False)
        self.period = QLabel()
        for widget in (self.windows, self.window_days, QLabel("every"), self.step_days):
            slider_row.addWidget(widget)
        slider_row.addWidget(self.slider, 1)
        slider_row.addWidget(self.period)
        box.addLayout(slider_row)
        self.scene = QGraphicsScene(self)
        self.view = QGraphicsView(self.scene)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.view.setMouseTracking(True)
        box.addWidget(self.view, 1)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        box.addWidget(self.legend)
        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addLayout(action_row(self.status, (
            ("Export &PNG…", self.export_png), ("Export &SVG…", self.export_svg),
            ("Edges as &CSV…", self.export_csv))))
        self._statements: Statements | None = None
        self._statements_key: tuple[str, str, str] | None = None
        self._query = BoxQuery()
        self._periods: list[Period] = []
        self.drawn: Built | None = None
        self.nodes: dict[tuple[str, str], Node] = {}
        self._resting = ""  # the status line when nothing is hovered
        self._label_colors: dict[str, str] = {}
        self._types: dict[str, str] = {}
        self._number = 0
        self._thread = QThread(self)
        self._worker = Layout()
        self._worker.moveToThread(self._thread)
        self.layout_wanted.connect(self._worker.run)
        self._worker.done.connect(self._on_layout)
        self._thread.start()
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(FILTER_PAUSE_MS)
        self._pause.timeout.connect(self._on_documents)
        self._fill_who()
        self.kind.currentIndexChanged.connect(self._on_kind)
        for combo in (self.on, self.who, self.label, self.normalize, self.qualifier,
                      self.duplicates):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.colour_by.currentIndexChanged.connect(lambda _i: self._show_window())
        self.documents.textChanged.connect(lambda _t: self._pause.start())
        self.documents.returnPressed.connect(self._on_documents)
        self.windows.toggled.connect(lambda _on: self.refresh())
        self.window_days.valueChanged.connect(lambda _v: self.refresh())
        self.step_days.valueChanged.connect(lambda _v: self.refresh())
        self.slider.valueChanged.connect(lambda _v: self._show_window())
        self._on_kind()

    def done(self, result: int) -> None:
        self.stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()
        super().closeEvent(event)

    def stop(self) -> None:
        """Stop the layout thread (a running layout is waited for)."""
        self._pause.stop()
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait(10000)

    # -- choices ---------------------------------------------------------------------------
    def _fill_who(self) -> None:
        ws = self.window_.workspace
        assert ws is not None
        me = ws.controller.annotator.name
        coding = ws.project.annotators_with_spans()  # others who coded nothing are noise
        names = sorted({a.name for a in ws.project.annotators()
                        if not a.is_gold and a.id in coding} | {me})
        for name in names:
            self.who.addItem(name, name)
        self.who.addItem("Gold standard", GOLD)
        self.who.addItem("Everyone (added up)", EVERYONE)
        self.who.setCurrentIndex(self.who.findData(me))

    def _on_kind(self) -> None:
        mode = "two-mode" if self.kind.currentData() == "two-mode" else "one-mode"
        self.normalize.blockSignals(True)
        self.normalize.clear()
        for name in NORMS[mode]:
            self.normalize.addItem(name, name)
        self.normalize.blockSignals(False)
        self.refresh()

    def _on_documents(self) -> None:
        self._pause.stop()
        typed = self.documents.text()
        try:
            query = BoxQuery.parse(typed)
        except InputError as exc:
            self.filter_note.setText(exc.reason)
            return  # the last good filter stays
        self.filter_note.setText("free words are not used here: KEY:VALUE and date:"
                                 if query.text else "")
        if query != self._query:
            self._query = query
            self.refresh()

    def statements(self) -> Statements:
        """The chosen coder's statements in the chosen documents (read once per choice)."""
        ws = self.window_.workspace
        assert ws is not None
        who = str(self.who.currentData())
        key = (str(self.on.currentData()), who, repr(self._query))
        if self._statements is None or self._statements_key != key:
            coders = [str(self.who.itemData(i)) for i in range(self.who.count())
                      if self.who.itemData(i) not in (GOLD, EVERYONE)]
            chosen = coders if who == EVERYONE else [] if who == GOLD else [who]
            # Everyone is the coders, not the gold standard (adjudicated copies of
            # their spans would count twice).
            self._statements, _ = project_statements(
                ws.project, key[0], annotators=chosen, gold=who == GOLD, where=self._query)
            self._statements_key = key
            self._fill_labels(self._statements)
        return self._statements

    def _fill_labels(self, found: Statements) -> None:
        kept = self.label.currentData()
        self.label.blockSignals(True)
        self.label.clear()
        self.label.addItem("All", "")
        for name in sorted({s.label for s in found.items}):
            self.label.addItem(name, name)
        self.label.setCurrentIndex(max(0, self.label.findData(kept)))
        self.label.blockSignals(False)

    # -- building and drawing ----------------------------------------------------------------
    def _window(self) -> tuple[int, int] | None:
        return ((self.window_days.value(), self.step_days.value())
                if self.windows.isChecked() else None)

    def refresh(self) -> None:
        """Choose the statements and periods again; the network shown is built by
        ``_show_window``, only for the window on the slider."""
        chosen_label = str(self.label.currentData() or "")
        window = self._window()
        _, self._periods = network_periods(
            self.statements(), duplicates=str(self.duplicates.currentData()),
            labels=[chosen_label] if chosen_label else [], window=window)
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, len(self._periods) - 1) if window else 0)
        if not window:
            self.slider.setValue(0)
        self.slider.blockSignals(False)
        self.slider.setEnabled(bool(window) and bool(self._periods))
        self._show_window()

    def build(self, period: Period) -> Built:
        return build_network(period, str(self.kind.currentData()), str(self.on.currentData()),
                             qualifier=str(self.qualifier.currentData()),
                             normalize=str(self.normalize.currentData() or "none"),
                             duplicates=str(self.duplicates.currentData()),
                             window=self._window())

    def _show_window(self) -> None:
        windowed = self.windows.isChecked()
        period = self._periods[self.slider.value()] if self._periods else None
        if not windowed:
            self.period.setText("")
        elif period is None:
            self.period.setText("no dated statements")
        else:
            self.period.setText(f"{period[0]} – {period[1]} "
                                f"({self.slider.value() + 1} of {len(self._periods)})")
        self._number += 1
        self.scene.clear()
        self.nodes = {}
        self.legend.setText("")
        self.drawn = None
        try:
            built = self.build(period) if period is not None else None
        except InputError as exc:  # a choice that does not go together: say why
            self._set_status(exc.reason)
            return
        self.drawn = built
        made = built.statements if built else 0
        edges = built.edges if built else []
        self._set_status(f"{count(made, 'statement')}, {count(len(edges), 'edge')}"
                         " · laying out…" if edges else
                         f"{count(made, 'statement')}: no edges to draw (code stances "
                         "with a holder and a target, or choose Narratives)")
        if edges:
            self.layout_wanted.emit(built, self._number)

    def _set_status(self, text: str) -> None:
        self._resting = text
        self.status.setText(text)

    def _on_hover(self, figures: str | None) -> None:
        self.status.setText(figures if figures is not None else self._resting)

    @Slot(object, int)
    def _on_layout(self, positions: dict[tuple[str, str], tuple[float, float]],
                   number: int) -> None:
        if number != self._number or self.drawn is None:
            return  # a newer request is on its way
        self._draw(self.drawn, positions)
        who = self.who.currentText()
        self._set_status(f"{who}: {count(len(self.nodes), 'node')}, "
                         f"{count(len(self.drawn.edges), 'edge')} from "
                         f"{count(self.drawn.statements, 'statement')} · drag a node to "
                         "move it, hover a node or an edge for its figures")

    def _draw(self, drawn: Built, positions: dict[tuple[str, str], tuple[float, float]]
              ) -> None:
        found = self._statements
        ws = self.window_.workspace
        assert ws is not None
        self._label_colors = {lab.name: lab.color for lab in ws.project.labels()}
        self._types = ({e.name: e.type for e in ws.project.entities()}
                       if self.colour_by.currentData() == "type" else {})
        degree: dict[tuple[str, str], float] = {}
        edges_at: dict[tuple[str, str], int] = {}
        other = target_mode(drawn)
        for e in drawn.edges:
            for key in (("actor", e.source), (other, e.target)):
                degree[key] = degree.get(key, 0.0) + abs(e.weight)
                edges_at[key] = edges_at.get(key, 0) + 1
        top = max(degree.values(), default=1.0) or 1.0
        shown: dict[str, str] = {}  # label -> colour, for the legend
        for key, (x, y) in positions.items():
            radius = 6 + 14 * math.sqrt(degree.get(key, 0.0) / top)
            figures = (f"{key[1]} ({key[0]}): {count(edges_at.get(key, 0), 'edge')}, "
                       f"weighted degree {degree.get(key, 0.0):.3g}")
            label, color = self._category(key, found)
            shown[label] = color
            node = Node(key, radius, QColor(color), key[0] == "concept", figures,
                        self._on_hover)
            self.scene.addItem(node)
            self.scene.addItem(node.plate)
            node.setPos(QPointF(x * SCALE, y * SCALE))
            self.nodes[key] = node
        heaviest = max((abs(e.weight) for e in drawn.edges), default=1.0) or 1.0
        for e in drawn.edges:
            line = EdgeLine(self.nodes[("actor", e.source)], self.nodes[(other, e.target)], e,
                            QColor(_edge_color(drawn, e)),
                            1.0 + 5.0 * abs(e.weight) / heaviest, self._on_hover)
            self.scene.addItem(line)
        self.view.fitInView(self.scene.itemsBoundingRect().adjusted(-60, -40, 160, 40),
                            Qt.AspectRatioMode.KeepAspectRatio)
        self.legend.setText(_legend(shown, drawn))

    def _category(self, key: tuple[str, str], found: Statements | None) -> tuple[str, str]:
        """The node's legend entry and colour: the actor label most given to it, or its
        registry type (in the colour of the label of that name, else one of a palette)."""
        if key[0] == "concept":
            return CONCEPT, CONCEPT_COLOR
        if self.colour_by.currentData() == "type":
            kind = self._types.get(key[1], "")
            if not kind:
                return "no registry type", NO_CATEGORY_COLOR
            return kind, self._label_colors.get(kind) or _palette(kind)
        categories: dict[str, int] = dict(found.categories.get(key, {})) if found else {}
        if categories:
            name = max(categories, key=lambda c: (categories[c], c))
            if name in self._label_colors:
                return name, self._label_colors[name]
        return "actor without a label", NO_CATEGORY_COLOR

    # -- export ----------------------------------------------------------------------------
    def _picture(self) -> tuple[QRectF, QSizeF]:
        """The drawn area (with room for the labels) and its size."""
        rect = self.scene.itemsBoundingRect().adjusted(-20, -20, 120, 20)
        return rect, rect.size()

    def export_png(self, path: Path | None = None) -> Path | None:
        path = path or save_path(self, "Export the network as PNG", "network.png", "PNG (*.png)")
        if path is None:
            return None
        rect, size = self._picture()
        return save_png(path, size, lambda painter, target: self.scene.render(
            painter, target, rect))

    def export_svg(self, path: Path | None = None) -> Path | None:
        path = path or save_path(self, "Export the network as SVG", "network.svg", "SVG (*.svg)")
        if path is None:
            return None
        rect, size = self._picture()
        return save_svg(path, size, lambda painter, target: self.scene.render(
            painter, target, rect), "Annotator network")

    def export_csv(self, path: Path | None = None) -> Path | None:
        """The edges, as ``annotator network -o edges.csv`` writes them (with time windows
        on, every window's edges as one long table, ``start`` and ``end`` first)."""
        path = path or save_path(self, "Export the edges as CSV", "edges.csv", "CSV (*.csv)")
        if path is None or not self._periods:
            return None
        try:
            networks = [self.build(period) for period in self._periods]
        except InputError:
            return None  # the status line already says why nothing is drawn
        with path.open("wb") as out:
            write_csv(networks, out)
        return path


def _legend(nodes: dict[str, str], drawn: Built) -> str:
    """What the colours mean: the node labels drawn, then the edge colours in use."""
    def entry(color: str, text: str, mark: str = "●") -> str:
        return f'<span style="color:{color}">{mark}</span>&nbsp;{html.escape(text)}'

    parts = [entry(color, label, "■" if label == CONCEPT else "●")
             for label, color in sorted(nodes.items(), key=lambda kv: kv[0] == CONCEPT)]
    used = {_edge_color(drawn, e) for e in drawn.edges}
    meaning = (EDGE_MEANING_TWO_MODE if drawn.two_mode else EDGE_MEANING_ONE_MODE)
    parts += [entry(SIGN_COLORS[sign], text, "━") for sign, text in meaning
              if SIGN_COLORS[sign] in used]
    return " &nbsp; ".join(parts)


def _palette(name: str) -> str:
    """A steady colour for a registry type no label is named after."""
    return PALETTE[zlib.crc32(name.encode("utf-8")) % len(PALETTE)]


def _edge_color(drawn: Built, edge: Edge) -> str:
    if drawn.two_mode:
        if edge.qualifier:
            return SIGN_COLORS[edge.qualifier]
        return SIGN_COLORS["negative" if edge.weight < 0 else "neutral"]
    if drawn.attrs.get("network", "").startswith("conflict") or edge.weight < 0:
        return SIGN_COLORS["negative"]
    return SIGN_COLORS["positive"]


def _combo(items: tuple[tuple[str, str], ...]) -> QComboBox:
    combo = QComboBox()
    for text, data in items:
        combo.addItem(text, data)
    return combo


def _days(value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(1, 3660)
    spin.setValue(value)
    spin.setSuffix(" days")
    return spin


def _labelled(*pairs: tuple[QWidget, str]) -> QHBoxLayout:
    """A row of "Text [widget]" pairs; each & is Alt+letter to its widget."""
    row = QHBoxLayout()
    for widget, text in pairs:
        label = QLabel(text)
        label.setBuddy(widget)
        row.addWidget(label)
        row.addWidget(widget)
    row.addStretch(1)
    return row


def open_network(window: MainWindow) -> NetworkView | None:
    return show_view(window, NetworkView)
