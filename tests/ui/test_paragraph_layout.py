"""Paragraphs in the article (issue 7, item 7): ragged-right (ragged-left for right-to-left
text), a gap between paragraphs, last lines as tall as the others in the compare view;
display only, so the text and every position stay as they were."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.ui.article_view import ArticleView
from annotator.ui.paragraphs import PARAGRAPH_GAP
from annotator.ui.review.compare_text import CompareText

from .conftest import settle

LONG = ("Кремль осуждает «вмешательство Запада» и обещает поддержку союзникам в регионе, "
        "несмотря на санкции и давление. ") * 3
PERSIAN = "اعتراض‌ها در تهران ادامه دارد؛ مردم می‌خواهند صدای خود را به گوش جهان برسانند. " * 3
# A word over half a line wide ends the paragraph: its line holds no other word.
WORDS = LONG + "контрреволюционно-management-and-more."
TEXT = f"{LONG}\n{WORDS}\nIran 🇮🇷 👨‍👩‍👧 end."


def shown(view: ArticleView, text: str, qtbot: object) -> ArticleView:
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    view.resize(520, 700)
    view.show()
    view.show_document(text, [])
    settle()
    return view


def line_tops(view: ArticleView, block_number: int) -> list[float]:
    block = view.document().findBlockByNumber(block_number)
    top = view.blockBoundingGeometry(block).top()
    layout = block.layout()
    return [top + layout.lineAt(i).y() for i in range(layout.lineCount())]


def test_alignment_follows_the_direction_of_the_paragraphs(qtbot: object) -> None:
    align = {name: shown(ArticleView(), text, qtbot).document().defaultTextOption().alignment()
             for name, text in (("ltr", TEXT), ("rtl", f"{PERSIAN}\n{PERSIAN}"),
                                ("mixed", f"{LONG}\n{PERSIAN}"))}
    assert align == {"ltr": Qt.AlignmentFlag.AlignLeft, "rtl": Qt.AlignmentFlag.AlignRight,
                     "mixed": Qt.AlignmentFlag.AlignJustify}


def test_a_gap_between_paragraphs_changes_no_position(qtbot: object) -> None:
    view = shown(ArticleView(), TEXT, qtbot)
    assert view.document().toPlainText() == TEXT  # nothing added to the document
    first, second = line_tops(view, 0), line_tops(view, 1)
    step = first[1] - first[0]
    gap = second[0] - first[-1]  # a paragraph's last "line" is the gap's empty line
    assert len(first) >= 3 and abs(gap - step * PARAGRAPH_GAP) <= 2
    # Positions map to the same characters: a selection is the same text.
    start = TEXT.index("management")
    view.select_range(start, start + len("management"))
    assert view.textCursor().selectedText() == "management"
    end = TEXT.index("🇮🇷")
    view.select_range(end, end + len("🇮🇷"))  # two code points, four UTF-16 units
    assert view.textCursor().selectedText() == "🇮🇷"


def test_blank_lines_read_like_the_gap(qtbot: object) -> None:
    plain = shown(ArticleView(), "One paragraph.\nTwo paragraph.", qtbot)
    blank = shown(ArticleView(), "One paragraph.\n\nTwo paragraph.", qtbot)
    single = line_tops(plain, 1)[0] - line_tops(plain, 0)[0]
    double = line_tops(blank, 2)[0] - line_tops(blank, 0)[0]
    assert abs(single - double) <= 2


def test_a_one_word_last_line_is_as_tall_as_the_others_in_the_compare_view(
        qtbot: object) -> None:
    view = CompareText()
    view.set_names("A", "B", lambda _id: None)
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    view.resize(520, 700)
    view.show()
    view.show_pairs(TEXT, [], new_document=True)
    settle()
    block = view.document().findBlockByNumber(1)
    layout = block.layout()
    text_lines = [layout.lineAt(i) for i in range(layout.lineCount())
                  if layout.lineAt(i).textStart() < len(block.text())]  # not the gap's
    assert len(text_lines) > 2 and " " not in block.text()[text_lines[-1].textStart():]
    heights = {line.height() for line in text_lines}
    assert len(heights) == 1  # the one-word last line is as tall as the opened ones


def test_zooming_keeps_the_gap_in_proportion(qtbot: object) -> None:
    view = shown(ArticleView(), TEXT, qtbot)
    before = line_tops(view, 1)[0] - line_tops(view, 0)[-1]
    view.set_point_size(view.point_size() * 2)
    settle()
    after = line_tops(view, 1)[0] - line_tops(view, 0)[-1]
    assert after > before * 1.6
    assert view.document().toPlainText() == TEXT
