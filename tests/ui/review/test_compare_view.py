"""The compare view: every state shown in the text, the list and the legend; the header's
figures with their units; F8 / Shift+F8 jump across documents."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from annotator.core.review.compare import PairState
from annotator.store import Project
from annotator.ui.review.compare_view import CompareWindow
from annotator.ui.review.pair_model import STATE
from annotator.ui.review.states import STATE_NAMES, state_color

from ..conftest import OpenWindow, settle, workspace
from .conftest import ReviewIds, open_compare


def _state_of(compare: CompareWindow, text: str) -> PairState:
    return next(p.state for p in compare.pairs
                if any(s.text == text for s in p.sources))


def _pixels(compare: CompareWindow, index: int) -> list[QColor]:
    """Colours painted inside pair ``index``'s upper half on screen (A's side)."""
    view = compare.text
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    out = []
    for seg in view.segments():
        if seg.item.id // 2 != index:
            continue
        top = int(seg.baseline - view.fontMetrics().ascent()) + 2
        for x in range(int(seg.rect.left()) + 1, int(seg.rect.right()) - 1, 2):
            out.append(QColor(image.pixel(x, top)))
    return out


def test_each_state_is_listed_drawn_and_counted(
        qtbot: object, review_project: tuple[Path, ReviewIds], open_window: OpenWindow
) -> None:
    path, ids = review_project
    window = open_window(path)
    compare = open_compare(window, ids)
    assert compare.title.full_text() == "Mixed scripts"
    expected = {"Путин": PairState.AGREED, "protests": PairState.LABEL_CONFLICT,
                "death to the dictator": PairState.BOUNDARY,
                "تهران": PairState.BOUNDARY_AND_LABEL, "مردم": PairState.ONLY_A,
                "Ираном": PairState.ONLY_B}
    assert {text: _state_of(compare, text) for text in expected} == expected
    # The list: one row per pair, its state by name and colour.
    model = compare.model
    names = {model.index(r, STATE).data() for r in range(model.rowCount())}
    assert names == {STATE_NAMES[s] for s in PairState}
    row = next(r for r in range(model.rowCount()) if model.pair(r).state is PairState.ONLY_B)
    assert model.index(row, STATE).data(Qt.ItemDataRole.DecorationRole) == state_color(
        PairState.ONLY_B)
    # The text: both sides of every pair are drawn, on the layer's side of the line.
    drawn = compare.text.visible_items()
    for i, pair in enumerate(compare.pairs):
        sides = {side for index, side, _ in drawn if index == i}
        assert sides == {side for side, span in enumerate((pair.a, pair.b)) if span}, pair
    # The agreed actor is filled in its state's colour (green), not left plain.
    agreed = next(i for i, p in enumerate(compare.pairs) if p.state is PairState.AGREED)
    base = compare.text.viewport().palette().base().color()
    tinted = [c for c in _pixels(compare, agreed) if c != base]
    assert tinted and all(c.green() > c.red() and c.green() > c.blue() for c in tinted)
    # The legend counts each state once, the header the pairs.
    for state in PairState:
        assert compare.header.legend.counts[state].text() == f"{STATE_NAMES[state]} 1"
    assert "6 pairs · 1 agreed (16.7 % of pairs) · 5 disagreements, 5 still open" in \
        compare.header.summary.text()


def test_header_shows_the_documents_figures_with_units(
        qtbot: object, review_project: tuple[Path, ReviewIds], open_window: OpenWindow
) -> None:
    path, ids = review_project
    compare = open_compare(open_window(path), ids)
    header = compare.header
    # Span F1 exact: one exact match among 5 + 5 spans = 2·1/10.
    assert header.figures["span_f1_exact"].text() == "Span F1 exact  0.200"
    assert header.units["span_f1_exact"].text() == "unit: span · n = 10"
    assert header.units["cohen_kappa"].text().startswith("unit: token × label")
    assert header.units["unitizing_alpha"].text().startswith("unit: code point")
    assert "matching rule:" in header.figures["cohen_kappa"].toolTip()
    # Ben alone on the fourth document: kappa cannot be computed, and says why.
    compare.show_document(ids.docs[3])
    assert header.figures["cohen_kappa"].text().startswith("Cohen's κ  not defined: ")
    assert workspace(compare.main).doc_id == ids.docs[3]  # the main window follows


def test_f8_and_shift_f8_jump_across_documents(
        qtbot: object, review_project: tuple[Path, ReviewIds], open_window: OpenWindow
) -> None:
    path, ids = review_project
    window = open_window(path)
    compare = open_compare(window, ids)
    ws = workspace(window)
    last = max(i for i, p in enumerate(compare.pairs) if p.is_disagreement)
    compare.select(last)
    qtbot.keyClick(compare.text, Qt.Key.Key_F8)  # type: ignore[attr-defined]
    settle()
    assert compare.doc_id == ids.docs[1] and ws.doc_id == ids.docs[1]
    pair = compare.selected_pair()
    assert pair is not None and pair.state is PairState.LABEL_CONFLICT
    assert pair.a is not None and pair.a.text == "Moscow"
    # Next skips the third document (nothing to review) and lands in the fourth.
    qtbot.keyClick(compare.text, Qt.Key.Key_F8)  # type: ignore[attr-defined]
    assert compare.doc_id == ids.docs[3]
    pair = compare.selected_pair()
    assert pair is not None and pair.b is not None and pair.b.text == "Khamenei"
    # Past the last one it goes round to the first document's first disagreement.
    qtbot.keyClick(compare.text, Qt.Key.Key_F8)  # type: ignore[attr-defined]
    assert compare.doc_id == ids.docs[0]
    assert compare.selected == min(i for i, p in enumerate(compare.pairs)
                                   if p.is_disagreement)
    # Shift+F8 goes back across the corpus: the fourth document again.
    qtbot.keyClick(compare.text, Qt.Key.Key_F8,  # type: ignore[attr-defined]
                   Qt.KeyboardModifier.ShiftModifier)
    assert compare.doc_id == ids.docs[3]
    # From the main window, F8 opens (or raises) the compare view and jumps too.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # type: ignore[attr-defined]
    ws.open_document(ids.docs[0])
    assert compare.doc_id == ids.docs[0]  # the compare view follows the main window
    qtbot.keyClick(ws.view, Qt.Key.Key_F8)  # type: ignore[attr-defined]
    pair = compare.selected_pair()
    assert compare.doc_id == ids.docs[0] and pair is not None and pair.is_disagreement


def test_clicking_a_pair_in_the_text_selects_it_in_the_list(
        qtbot: object, review_project: tuple[Path, ReviewIds], open_window: OpenWindow
) -> None:
    path, ids = review_project
    compare = open_compare(open_window(path), ids)
    index = next(i for i, p in enumerate(compare.pairs) if p.state is PairState.ONLY_A)
    settle()
    rect = next(s.rect for s in compare.text.segments() if s.item.id // 2 == index)
    qtbot.mouseClick(compare.text.viewport(), Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                     pos=rect.center().toPoint())
    assert compare.selected == index
    assert compare.table.currentIndex().row() == index
    assert compare.panel.state.text().startswith("only in A · actor · open")
    assert compare.panel.accept_b.isEnabled() is False  # B has no span to accept


def test_a_read_only_project_can_be_compared_but_not_adjudicated(
        qtbot: object, review_project: tuple[Path, ReviewIds], open_window: OpenWindow
) -> None:
    path, ids = review_project
    window = open_window(path)
    window.set_project(Project.open(path, read_only=True))
    compare = open_compare(window, ids)
    assert len(compare.pairs) == 6
    _select_first_disagreement(compare)
    for button in (compare.panel.accept_a, compare.panel.accept_b, compare.panel.reject,
                   compare.panel.accept_edit, compare.panel.agreed_doc,
                   compare.panel.agreed_corpus):
        assert not button.isEnabled()
    qtbot.keyClick(compare.text, Qt.Key.Key_1)  # type: ignore[attr-defined]
    assert compare.project.gold_id() is None  # nothing was written, not even gold
    assert "read-only" in compare.statusBar().currentMessage()
    assert compare.step(backward=False)  # moving around still works


def _select_first_disagreement(compare: CompareWindow) -> None:
    compare.select(next(i for i, p in enumerate(compare.pairs) if p.is_disagreement))
