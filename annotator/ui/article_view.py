"""The article: read-only plain text, comfortable to read, with spans painted over it.

The text is shown with ``setPlainText`` (markup is never interpreted). Spans are not
formats inside the document: they are painted from a ``SpanIndex`` for the visible lines
only (see ``span_painter``), so opening a document with 20,000 spans costs one sort and
adding a span repaints a few lines. Code points and Qt's UTF-16 positions meet only in
this widget, through one ``OffsetMap`` per open document.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from annotator.core.model import Label, Span
from annotator.core.offsets import OffsetMap
from annotator.store.repo_window import SpanRow
from annotator.ui import paragraphs
from annotator.ui.link_marks import paint_ghosts, paint_related
from annotator.ui.span_index import SpanIndex, SpanItem
from annotator.ui.span_painter import (
    GUTTER_LANE,
    MAX_LANES,
    Segment,
    block_segments,
    narrative_extents,
    paint_fills,
    paint_gutter,
    paint_marks,
)

READING_COLUMNS = 76  # average characters per line at most: long lines tire the eye
# Fewer characters per line and justified text spreads letter by letter: a narrow window
# squeezes the side panes, never the article, below this.
MIN_READING_COLUMNS = 40
SIDE_PANES_MIN = 320  # px of the screen the minimum leaves to the document list and panel
MIN_GUTTER = 14 + GUTTER_LANE * MAX_LANES
# Characters QTextDocument would turn into block breaks or swallow; shown as look-alikes
# of the same UTF-16 length so that positions keep matching the stored text.
_DISPLAY = str.maketrans({"\r": "\u240d", "\u2029": "\u00b6", "\ufdd0": "\ufffd",
                          "\ufdd1": "\ufffd"})

LabelOf = Callable[[int], Label | None]
ColorOf = Callable[[int], str]


class _Gutter(QWidget):
    """The left margin, where narrative bars are drawn."""

    def __init__(self, view: ArticleView) -> None:
        super().__init__(view)
        self._view = view
        self.setAutoFillBackground(False)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self._view.viewport().palette().base())
        self._view._paint_gutter(painter, self.width())
        painter.end()


class ArticleView(QPlainTextEdit):
    span_clicked = Signal(object)  # span id, or None for a click on plain text
    # Tab / Enter on a suggestion (ghost) accepts it, Shift+Tab rejects it: its key.
    suggestion_key = Signal(int, bool)  # (ghost key, accept)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setCenterOnScroll(False)
        doc = self.document()
        doc.setUndoRedoEnabled(False)  # the text never changes; no undo memory needed
        doc.setDocumentMargin(8)  # alignment and paragraph gaps: show_document
        self._offsets = OffsetMap("")
        self._text = ""
        self._index = SpanIndex()
        # Suggestions, drawn as dashed outlines and never clickable as spans; their ids
        # are the keys the workspace gave them.
        self._ghosts = SpanIndex()
        self._ghost_segments: list[Segment] = []
        self.ghost_tip: Callable[[int], str] = lambda _key: ""
        self._label_of: LabelOf = lambda _id: None
        self._color_of: ColorOf = self._own_color
        self._names: dict[int, str] = {}
        self._selected: int | None = None
        self._related: dict[int, str] = {}  # the selected stance's holder/target: id -> type
        self._colors: dict[str, QColor] = {}
        self._segments: list[Segment] = []
        self._segments_key: tuple[object, ...] | None = None
        self._generation = 0
        self._press: QPoint | None = None
        self._gutter = _Gutter(self)
        self.updateRequest.connect(self._on_update_request)
        self.set_point_size(0)

    # -- typography ------------------------------------------------------------------------
    def set_point_size(self, points: float) -> None:
        """Reading size in points; 0 picks one from the system font."""
        font = QFont(self.font())
        base = QFont().pointSizeF()
        font.setPointSizeF(points if points > 0 else max(12.5, base * 1.35))
        self.setFont(font)
        if self._text:
            self._open_paragraphs()  # the gaps are sized in points
        self._invalidate()
        self._update_margins()
        self.updateGeometry()  # the minimum width follows the font

    def point_size(self) -> float:
        return self.font().pointSizeF()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        column = self.fontMetrics().averageCharWidth() * MIN_READING_COLUMNS
        margin = 2 * int(self.document().documentMargin()) + 2 * self.frameWidth()
        scroll = self.verticalScrollBar().sizeHint().width()
        wanted = column + margin + MIN_GUTTER + scroll
        screen = self.screen()
        if screen is not None:  # a large font on a small screen: the window must still fit
            wanted = min(wanted, screen.availableGeometry().width() - SIDE_PANES_MIN)
        return QSize(max(hint.width(), wanted), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_margins()

    def _update_margins(self) -> None:
        """A centred reading column, with the narrative gutter on its left."""
        if not hasattr(self, "_gutter"):
            return
        cr = self.contentsRect()
        scroll = self.verticalScrollBar().sizeHint().width()
        reading = self.fontMetrics().averageCharWidth() * READING_COLUMNS
        spare = max(0, cr.width() - scroll - MIN_GUTTER - reading)
        left = MIN_GUTTER + spare // 2
        right = spare - spare // 2
        self._gutter.setGeometry(cr.left(), cr.top(), left, cr.height())
        margins = self.viewportMargins()
        if (margins.left(), margins.right()) != (left, right):
            self.setViewportMargins(left, 0, right, 0)
            # Qt keeps the old wrap width after a margin change; toggling the wrap mode
            # makes it lay the text out again for the new viewport width.
            self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._invalidate()

    # -- content ---------------------------------------------------------------------------
    def set_label_lookup(self, label_of: LabelOf, color_of: ColorOf | None = None) -> None:
        self._label_of = label_of
        if color_of is not None:
            self._color_of = color_of
        self.refresh_labels()

    def set_annotator_names(self, names: dict[int, str]) -> None:
        self._names = dict(names)

    def show_document(self, text: str, rows: Iterable[SpanRow]) -> None:
        """Show ``text`` (stored code points) with its spans; scroll to the top."""
        self._text = text
        self._offsets = OffsetMap(text)
        self._selected = None
        self.setPlainText(text.translate(_DISPLAY) if _needs_display_fix(text) else text)
        paragraphs.set_alignment(self.document())
        self._open_paragraphs()
        self._index.load(self._items(rows))
        self._ghosts.load([])
        self._invalidate()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        # The viewport repaints on new text, the margin does not unless it scrolled:
        # the last document's narrative bars would stay there.
        self._gutter.update()

    def _items(self, rows: Iterable[SpanRow]) -> list[SpanItem]:
        # The hot loop of opening a document: 20,000 spans, so no method calls inside.
        rows = list(rows)
        starts = self._offsets.to_utf16_many([r[1] for r in rows])
        ends = self._offsets.to_utf16_many([r[2] for r in rows])
        layers: dict[int, str] = {}
        items = []
        for (span_id, _, _, label_id, annotator_id), start, end in zip(rows, starts, ends,
                                                                       strict=True):
            layer = layers.get(label_id)
            if layer is None:
                label = self._label_of(label_id)
                layer = layers[label_id] = label.layer if label else "actor"
            items.append(SpanItem(span_id, start, end, layer, label_id, annotator_id))
        return items

    def show_spans(self, rows: Iterable[SpanRow]) -> None:
        """Show ``rows`` over the text already shown: its layout and the scroll position
        stay as they are (a refresh after changes made elsewhere)."""
        self._selected = None
        self._index.load(self._items(rows))
        self._invalidate()
        self.viewport().update()
        self._gutter.update()

    def _open_paragraphs(self) -> None:
        """A gap after each paragraph (display only; see ``paragraphs``)."""
        paragraphs.open_paragraphs(self.document(), self.font(),
                                   line_font=self._paragraph_line_font())

    def _paragraph_line_font(self) -> QFont | None:
        """The font that sets the height of a paragraph's last line (None: the text's)."""
        return None

    def text(self) -> str:
        return self._text

    @property
    def offsets(self) -> OffsetMap:
        return self._offsets

    def _item(self, span: Span) -> SpanItem:
        label = self._label_of(span.label_id)
        assert span.id is not None
        return SpanItem(span.id, self._offsets.to_utf16(span.start),
                        self._offsets.to_utf16(span.end),
                        label.layer if label else "actor", span.label_id, span.annotator_id)

    def has_span(self, span_id: int) -> bool:
        return span_id in self._index

    def put_span(self, span: Span) -> None:
        """Add or redraw one span (after an add, relabel or redo)."""
        old = self._index.get(span.id) if span.id is not None else None
        item = self._item(span)
        self._index.add(item)
        self._invalidate()
        self._update_range(item.start, item.end)
        if old is not None:
            self._update_range(old.start, old.end)

    def drop_span(self, span_id: int) -> None:
        item = self._index.remove(span_id)
        if item is None:
            return
        if self._selected == span_id:
            self._selected = None
        self._invalidate()
        self._update_range(item.start, item.end)

    def refresh_labels(self) -> None:
        """Colours or layers of labels changed: restyle every span, repaint."""
        for item in self._index.items():
            label = self._label_of(item.label_id)
            if label is not None:
                item.layer = label.layer
        self._invalidate()
        self.viewport().update()
        self._gutter.update()

    # -- suggestions -----------------------------------------------------------------------
    def show_ghosts(self, ghosts: Iterable[tuple[int, int, int, int]]) -> None:
        """Draw suggestions (key, start, end, label id; code points) over the text."""
        items = list(ghosts)
        if not items and not len(self._ghosts):
            return  # nothing drawn, nothing to draw: no repaint (the key-press path)
        starts = self._offsets.to_utf16_many([g[1] for g in items])
        ends = self._offsets.to_utf16_many([g[2] for g in items])
        self._ghosts.load([SpanItem(key, a, b, "actor", label_id, 0)
                           for (key, _, _, label_id), a, b in zip(items, starts, ends,
                                                                  strict=True)])
        self._invalidate()
        self.viewport().update()

    def drop_ghost(self, key: int) -> None:
        item = self._ghosts.remove(key)
        if item is not None:
            self._invalidate()
            self._update_range(item.start, item.end)

    def ghost_keys(self) -> list[int]:
        return [g.id for g in sorted(self._ghosts.items(), key=lambda g: g.start)]

    def ghost_at_cursor(self) -> int | None:
        """The suggestion under the text cursor (or the selection's start), if any."""
        cursor = self.textCursor()
        pos = cursor.selectionStart() if cursor.hasSelection() else cursor.position()
        found = [g for g in self._ghosts.overlapping(max(0, pos - 1), pos + 1)
                 if g.start <= pos <= g.end]
        return min(found, key=lambda g: g.end - g.start).id if found else None

    def ghost_segments(self) -> list[Segment]:
        self.segments()
        return self._ghost_segments

    # -- selection -------------------------------------------------------------------------
    def selected_range(self) -> tuple[int, int] | None:
        """The text selection in code points of the stored text, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return (self._offsets.to_codepoint(cursor.selectionStart()),
                self._offsets.to_codepoint(cursor.selectionEnd()))

    def select_range(self, start: int, end: int) -> None:
        """Select code points [start, end) and make them visible."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_utf16(start))
        cursor.setPosition(self._offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self.setTextCursor(cursor)

    @property
    def selected_span(self) -> int | None:
        return self._selected

    def set_selected_span(self, span_id: int | None, *, reveal: bool = False) -> None:
        if span_id == self._selected:
            return
        before = self._index.get(self._selected) if self._selected is not None else None
        self._selected = span_id if span_id is not None and span_id in self._index else None
        for item in (before, self._index.get(span_id) if span_id is not None else None):
            if item is not None:
                self._update_range(item.start, item.end)
        if reveal and self._selected is not None:
            self.reveal_span(self._selected)

    def set_related_spans(self, related: dict[int, str]) -> None:
        """Outline spans related to the selected one (a stance's holder and target)."""
        if related == self._related:
            return
        for span_id in {*self._related, *related}:
            item = self._index.get(span_id)
            if item is not None:
                self._update_range(item.start, item.end)
        self._related = dict(related)

    def related_spans(self) -> dict[int, str]:
        return dict(self._related)

    def reveal_span(self, span_id: int) -> None:
        item = self._index.get(span_id)
        if item is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(item.end)
        self.setTextCursor(cursor)
        cursor.setPosition(item.start)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    # -- what is on screen -----------------------------------------------------------------
    def segments(self) -> list[Segment]:
        """What the spans look like on screen now (visible lines only)."""
        key = (self.firstVisibleBlock().blockNumber(), self.contentOffset().y(),
               self.viewport().width(), self.viewport().height(), self._generation)
        if key != self._segments_key:
            self._segments = self._compute_segments(self._index)
            self._ghost_segments = (self._compute_segments(self._ghosts) if len(self._ghosts)
                                    else [])
            self._segments_key = key
        return self._segments

    def _compute_segments(self, index: SpanIndex) -> list[Segment]:
        out: list[Segment] = []
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        height = self.viewport().height()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > height:
                break
            if block.isVisible():
                items = index.overlapping(block.position(), block.position() + block.length())
                if items:
                    out.extend(block_segments(block, geometry.topLeft(), items))
            block = block.next()
        return out

    def painted_ranges(self, span_id: int) -> list[tuple[int, int]]:
        """UTF-16 ranges drawn for ``span_id`` in the visible lines, joined."""
        out: list[tuple[int, int]] = []
        for seg in sorted((s for s in self.segments() if s.item.id == span_id),
                          key=lambda s: s.start):
            if out and out[-1][1] >= seg.start:
                out[-1] = (out[-1][0], max(out[-1][1], seg.end))
            else:
                out.append((seg.start, seg.end))
        return out

    def span_rects(self, span_id: int) -> list[QRectF]:
        return [s.rect for s in self.segments() if s.item.id == span_id]

    def spans_at(self, pos: QPoint | QPointF) -> list[SpanItem]:
        """Spans drawn under a viewport point, shortest first."""
        point = QPointF(pos)
        hits = {s.item.id: s.item for s in self.segments() if s.rect.contains(point)}
        return sorted(hits.values(), key=lambda it: (it.end - it.start, it.id))

    # -- painting --------------------------------------------------------------------------
    def _color(self, item: SpanItem) -> QColor:
        name = self._color_of(item.label_id)
        color = self._colors.get(name)
        if color is None:
            color = self._colors[name] = QColor(name)
        return color

    def _own_color(self, label_id: int) -> str:
        label = self._label_of(label_id)
        return label.color if label else "#888888"

    def paintEvent(self, event: QPaintEvent) -> None:
        segments = self.segments()
        dark = self.palette().base().color().lightness() < 128
        painter = QPainter(self.viewport())
        painter.setClipRect(event.rect())
        paint_fills(painter, segments, self._color, dark)
        painter.end()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setClipRect(event.rect())
        paint_marks(painter, segments, self._color, self._selected,
                    self.palette().highlight().color())
        if self._related:
            paint_related(painter, segments, self._related, self.palette().text().color())
        if self._ghost_segments:
            paint_ghosts(painter, self._ghost_segments, self._color)
        painter.end()

    def _paint_gutter(self, painter: QPainter, width: int) -> None:
        top = self.viewport().geometry().top() - self._gutter.geometry().top()
        painter.translate(0, top)
        paint_gutter(painter, width, narrative_extents(self.segments()), self._color,
                     self._selected, self.palette().highlight().color())

    def _invalidate(self) -> None:
        self._generation += 1

    def _update_range(self, start: int, end: int) -> None:
        """Repaint only the lines that show UTF-16 range [start, end)."""
        doc = self.document()
        first, last = doc.findBlock(start), doc.findBlock(max(start, end - 1))
        offset = self.contentOffset()
        top = self.blockBoundingGeometry(first).translated(offset).top()
        bottom = self.blockBoundingGeometry(last).translated(offset).bottom()
        height = self.viewport().height()
        if bottom < 0 or top > height:
            return
        rect = QRectF(0, top - 2, self.viewport().width(), bottom - top + 4).toAlignedRect()
        self.viewport().update(rect)
        self._gutter.update(0, rect.top(), self._gutter.width(), rect.height())

    def _on_update_request(self, rect: object, dy: int) -> None:
        if dy:
            self._gutter.update()

    # -- pointer ---------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        if (event.button() != Qt.MouseButton.LeftButton or self._press is None
                or (pos - self._press).manhattanLength() > 4
                or self.textCursor().hasSelection()):
            return
        hits = self.spans_at(pos)
        if not hits:
            self.span_clicked.emit(None)
            return
        ids = [h.id for h in hits]
        # Clicking again where spans overlap cycles through them, shortest first.
        nxt = ids[(ids.index(self._selected) + 1) % len(ids)] if self._selected in ids else ids[0]
        self.span_clicked.emit(nxt)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            ghost = self.ghost_at_cursor()
            if ghost is not None:
                self.suggestion_key.emit(ghost, key != Qt.Key.Key_Backtab)
                return
        if key == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.clear_selection()
            self.span_clicked.emit(None)
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        # A read-only text widget gives Tab to focus navigation before keyPressEvent:
        # on a suggestion, Tab and Shift+Tab are for it.
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)):
            ghost = self.ghost_at_cursor()
            if ghost is not None:
                self.suggestion_key.emit(ghost, event.key() == Qt.Key.Key_Tab)
                return True
        return super().event(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hits = self.spans_at(event.pos())
            point = QPointF(event.pos())
            ghost = next((g.item.id for g in self._ghost_segments if g.rect.contains(point)),
                         None)
            if hits:
                QToolTip.showText(event.globalPos(), self._tooltip(hits), self.viewport())
            elif ghost is not None:
                QToolTip.showText(event.globalPos(), self.ghost_tip(ghost), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def _tooltip(self, hits: list[SpanItem]) -> str:
        rows = []
        for item in sorted(hits, key=lambda it: ("actor", "stance", "narrative").index(it.layer)
                           if it.layer in ("actor", "stance", "narrative") else 3):
            label = self._label_of(item.label_id)
            name = html.escape(label.name if label else f"label {item.label_id}")
            who = html.escape(self._names.get(item.annotator_id, ""))
            color = html.escape(self._color_of(item.label_id))
            rows.append(f"<span style='color:{color}'>■</span> <b>{name}</b> "
                        f"<span style='color:gray'>{item.layer}"
                        f"{' · ' + who if who else ''}</span>")
        return "<p style='white-space:pre'>" + "<br>".join(rows) + "</p>"


def _needs_display_fix(text: str) -> bool:
    return any(ch in text for ch in "\r\u2029\ufdd0\ufdd1")
