"""The compare view's text: one document with both annotators' spans drawn over it.

It is the annotation window's ``ArticleView`` (same reading column, right-to-left
paragraphs, code point <-> UTF-16 conversion, text selection for "edit then accept"),
drawing aligned pairs (``pair_painter``) instead of one annotator's spans. Clicking a
pair selects it (click again where pairs overlap to cycle through them).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from annotator.core.model import Label, Span
from annotator.core.review.compare import Pair
from annotator.ui.article_view import ArticleView
from annotator.ui.review import pair_painter as draw
from annotator.ui.review.states import STATE_NAMES, resolution_text, state_color
from annotator.ui.span_index import SpanItem

LINE_SPACING = 1.4  # line height relative to the font's
_MAX_SPACED = 400_000  # code points; beyond this, lines keep their normal height


class CompareText(ArticleView):
    pair_clicked = Signal(object)  # index into the shown pairs, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pairs: list[Pair] = []
        self._selected_pair: int | None = None
        self._sides = ("A", "B")
        self._look = draw.look_from(self._pairs)
        self._label_name: Callable[[int], str] = lambda label_id: f"label {label_id}"
        self._click_from: QPoint | None = None

    # -- content ---------------------------------------------------------------------------
    def set_names(self, name_a: str, name_b: str, label_of: Callable[[int], Label | None]
                  ) -> None:
        self._sides = (name_a, name_b)

        def name(label_id: int) -> str:
            label = label_of(label_id)
            return label.name if label is not None else f"label {label_id}"
        self._label_name = name

    def show_pairs(self, text: str, pairs: Sequence[Pair], *, new_document: bool) -> None:
        """Draw ``pairs`` over ``text``; a new document scrolls to the top, a refresh of
        the same one keeps the scroll position and any text selection."""
        if new_document or text != self.text():
            self.show_document(text, [])
            self._open_lines()
        self._pairs = list(pairs)
        self._look = draw.look_from(self._pairs)
        self._selected_pair = None
        spans = [(i, side, span) for i, pair in enumerate(self._pairs)
                 for side, span in enumerate((pair.a, pair.b)) if span is not None]
        starts = self.offsets.to_utf16_many([s.start for _, _, s in spans])
        ends = self.offsets.to_utf16_many([s.end for _, _, s in spans])
        items = [SpanItem(draw.item_id(i, side), start, end,
                          f"{self._pairs[i].layer}/{side}", span.label_id, side)
                 for (i, side, span), start, end in zip(spans, starts, ends, strict=True)]
        self._index.load(items)
        self._invalidate()
        self.viewport().update()
        self._gutter.update()

    def _open_lines(self) -> None:
        """Make room between lines for A's marks above and B's below the text.

        The plain-text layout has no line spacing setting; its line height is that of
        the largest font on the line. So spaces are set in a larger font, with their
        letter spacing cut back to the normal width: lines grow taller, words stay where
        they were, and offsets are untouched (formats only). A paragraph's last line
        gets the same height from its display-only end mark (``paragraphs``).
        """
        text = self.text()
        if len(text) > _MAX_SPACED:
            return
        normal = QFontMetricsF(self.font())
        big = self._paragraph_line_font()
        assert big is not None
        fmt = QTextCharFormat()
        fmt.setFont(big)
        fmt.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
        fmt.setFontLetterSpacing(normal.horizontalAdvance(" ")
                                 - QFontMetricsF(big).horizontalAdvance(" "))
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        to_utf16 = self.offsets.to_utf16_many
        spaces = [i for i, ch in enumerate(text) if ch == " "]
        for start, end in zip(to_utf16(spaces), to_utf16([i + 1 for i in spaces]),
                              strict=True):
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
        cursor.endEditBlock()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _paragraph_line_font(self) -> QFont | None:
        # A last line may have no space (one word): its end mark gets the opened height.
        if len(self.text()) > _MAX_SPACED:
            return None
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * LINE_SPACING)
        return big

    @property
    def pairs(self) -> list[Pair]:
        return list(self._pairs)

    # -- selection of a pair ---------------------------------------------------------------
    @property
    def selected_pair(self) -> int | None:
        return self._selected_pair

    def select_pair(self, index: int | None, *, reveal: bool = False) -> None:
        if index is not None and not 0 <= index < len(self._pairs):
            index = None
        self._selected_pair = index
        self.viewport().update()
        self._gutter.update()
        if reveal and index is not None:
            pair = self._pairs[index]
            self.reveal_range(pair.start, pair.end)

    def reveal_range(self, start: int, end: int) -> None:
        """Scroll so that code points [start, end) are in view (its end first, then its
        start, as ``reveal_span`` does; the text cursor moves there)."""
        cursor = QTextCursor(self.document())
        for pos in (end, start):
            cursor.setPosition(self.offsets.to_utf16(pos))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    def pairs_at(self, pos: QPoint | QPointF) -> list[int]:
        """Indices of the pairs drawn under a viewport point, shortest first."""
        out: list[int] = []
        for item in self.spans_at(pos):
            index = draw.pair_index(item)
            if index not in out:
                out.append(index)
        return out

    def visible_items(self) -> list[tuple[int, int, str]]:
        """(pair index, side, layer) of every item drawn in the visible lines."""
        seen = {(draw.pair_index(s.item), draw.side_of(s.item), draw.layer_of(s.item))
                for s in self.segments()}
        return sorted(seen)

    # -- painting --------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        segments = self.segments()
        dark = self.palette().base().color().lightness() < 128
        painter = QPainter(self.viewport())
        painter.setClipRect(event.rect())
        draw.paint_fills(painter, segments, self._look, self._metrics(), dark)
        painter.end()
        QPlainTextEdit.paintEvent(self, event)
        painter = QPainter(self.viewport())
        painter.setClipRect(event.rect())
        draw.paint_marks(painter, segments, self._look, self._metrics(), self._selected_pair,
                         self.palette().highlight().color())
        painter.end()

    def _metrics(self) -> draw.Metrics:
        fm = QFontMetricsF(self.font())
        return draw.Metrics(fm.ascent(), fm.descent(), fm.capHeight())

    def _paint_gutter(self, painter: QPainter, width: int) -> None:
        top = self.viewport().geometry().top() - self._gutter.geometry().top()
        painter.translate(0, top)
        draw.paint_gutter(painter, width, draw.narrative_extents(self.segments()), self._look,
                          self._selected_pair, self.palette().highlight().color())

    # -- pointer ---------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._click_from = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        QPlainTextEdit.mouseReleaseEvent(self, event)
        pos = event.position().toPoint()
        if (event.button() != Qt.MouseButton.LeftButton or self._click_from is None
                or (pos - self._click_from).manhattanLength() > 4
                or self.textCursor().hasSelection()):
            return
        hits = self.pairs_at(pos)
        if not hits:
            self.pair_clicked.emit(None)
            return
        current = self._selected_pair
        nxt = hits[(hits.index(current) + 1) % len(hits)] if current in hits else hits[0]
        self.pair_clicked.emit(nxt)

    def _tooltip(self, hits: list[SpanItem]) -> str:
        rows = []
        seen: set[int] = set()
        for item in hits:
            index = draw.pair_index(item)
            if index in seen:
                continue
            seen.add(index)
            pair = self._pairs[index]
            color = state_color(pair.state).name()
            head = (f"<span style='color:{color}'>■</span> <b>{STATE_NAMES[pair.state]}</b> "
                    f"<span style='color:gray'>{pair.layer}</span>")
            settled = resolution_text(pair)
            lines = [head + (f" · {html.escape(settled)}" if settled else "")]
            for side, span in ((0, pair.a), (1, pair.b)):
                lines.append(f"&nbsp;&nbsp;{'AB'[side]} ({html.escape(self._sides[side])}): "
                             + self._describe(span))
            rows.append("<br>".join(lines))
        return "<p style='white-space:pre'>" + "<br>".join(rows) + "</p>"

    def _describe(self, span: Span | None) -> str:
        if span is None:
            return "<i>no span</i>"
        text = span.text if len(span.text) <= 60 else span.text[:59] + "…"
        return (f"<b>{html.escape(self._label_name(span.label_id))}</b> "
                f"“{html.escape(text)}”")
