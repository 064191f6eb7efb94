"""Paragraph layout that Qt's plain-text layout lacks: alignment by direction, a gap
between paragraphs, and last lines as tall as the others.

``QPlainTextEdit`` (chosen for long documents) ignores block margins, line heights and
per-block alignment. Two things it does honour are used here, neither of which changes
the document's text, so positions and offsets are untouched:

* the default text option's alignment, one for the whole document: ragged-right
  (``AlignLeft``) when every paragraph runs left to right, ragged-left when every one
  runs right to left; a document that mixes both is justified, the one alignment Qt's
  plain layout resolves per paragraph (its last line follows the paragraph's direction);
* a block layout's input-method "preedit" text, which is drawn but is no part of the
  document: a line separator after a paragraph followed by another opens an empty
  line, whose height is that of the block's character format, here a fraction of a
  line. A view that opens its lines (the compare view) gives that character its larger
  font, so a paragraph's last line is as tall as the rest even with no space in it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextDocument, QTextLayout

PARAGRAPH_GAP = 0.5  # the gap between paragraphs, in lines of the reading font
_BREAK = "\u2028"  # ends the paragraph's last line: the empty line after it is the gap
_HOLD = "\u200b"  # no break, no width: only gives a last line the taller font


def alignment_for(doc: QTextDocument) -> Qt.AlignmentFlag:
    """Ragged-right, ragged-left or (for mixed directions) justified; see the module."""
    ltr = rtl = False
    block = doc.firstBlock()
    while block.isValid() and not (ltr and rtl):
        if block.text().strip():
            if block.textDirection() == Qt.LayoutDirection.RightToLeft:
                rtl = True
            else:
                ltr = True
        block = block.next()
    if ltr and rtl:
        return Qt.AlignmentFlag.AlignJustify
    return Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft


def set_alignment(doc: QTextDocument) -> None:
    option = doc.defaultTextOption()
    option.setAlignment(alignment_for(doc))
    doc.setDefaultTextOption(option)


def open_paragraphs(doc: QTextDocument, font: QFont, *, gap: float = PARAGRAPH_GAP,
                    line_font: QFont | None = None) -> None:
    """Put a gap of ``gap`` lines after each paragraph that another follows; with
    ``line_font``, give every paragraph's last line that font's height (see the module).
    Blank lines in the text are ``gap`` lines high too, so "\\n\\n" between paragraphs
    reads the same as "\\n". Call again after a font change."""
    small = QFont(font)
    small.setPointSizeF(max(1.0, font.pointSizeF() * gap))
    blank = QTextCharFormat()
    blank.setFont(small)
    cursor = QTextCursor(doc)
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.setBlockCharFormat(blank)  # the height of empty lines, ours and the text's
    end = QTextCharFormat()
    end.setFont(line_font or font)
    block = doc.firstBlock()
    while block.isValid():  # the hot loop of opening a long document: no more than needed
        following = block.next()
        layout = block.layout()
        length = block.length()
        if layout is not None and length > 1:
            at = length - 1
            if following.isValid() and following.length() > 1:
                mark = _BREAK
            else:
                mark = _HOLD if line_font is not None else ""
            layout.setPreeditArea(at if mark else -1, mark)
            if line_font is not None:  # else the mark takes the text's own format
                mark_range = QTextLayout.FormatRange()
                mark_range.start, mark_range.length, mark_range.format = at, len(mark), end
                layout.setFormats([mark_range] if mark else [])
        block = following
    doc.markContentsDirty(0, doc.characterCount())
