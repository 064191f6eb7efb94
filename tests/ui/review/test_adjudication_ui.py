"""Adjudication from the compare view: each decision lands in gold in the project file,
is one step on the window's undo stack (Ctrl+Z / Ctrl+Shift+Z), and the view follows."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThread

from annotator.core.review.compare import PairState, Resolution
from annotator.core.review.decisions import Verdict
from annotator.store import Project
from annotator.ui.review import corpus_accept
from annotator.ui.review.background import Stopped
from annotator.ui.review.compare_view import CompareWindow
from annotator.ui.review.review_dialogs import CommentDialog

from ..conftest import OpenWindow
from .conftest import ReviewIds, open_compare

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _gold(path: Path, doc_id: int) -> list[tuple[int, int, str, str]]:
    """Gold spans of a document, read through a connection of its own (what is on disk)."""
    with Project.open(path, read_only=True) as p:
        gold = p.gold_id()
        if gold is None:
            return []
        names = {lab.id: lab.name for lab in p.labels()}
        return [(s.start, s.end, s.text, names[s.label_id])
                for s in p.spans_of_document(doc_id, [gold])]


def _select(compare: CompareWindow, state: PairState) -> int:
    index = next(i for i, p in enumerate(compare.pairs) if p.state is state)
    compare.select(index)
    return index


def _key(qtbot: object, compare: CompareWindow, key: Qt.Key,
         modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(compare.text, key, modifiers)  # type: ignore[attr-defined]


def test_accept_a_lands_in_gold_and_undo_redo_take_it_back_and_forth(
        qtbot: object, review_project: tuple[Path, ReviewIds], open_window: OpenWindow
) -> None:
    path, ids = review_project
    compare = open_compare(open_window(path), ids)
    doc = ids.docs[0]
    start = compare.pairs[_select(compare, PairState.LABEL_CONFLICT)].start
    _key(qtbot, compare, Qt.Key.Key_1)
    assert _gold(path, doc) == [(start, start + 8, "protests", "Protesters/Civil society")]
    pair = next(p for p in compare.pairs if p.state is PairState.LABEL_CONFLICT)
    assert pair.resolution is Resolution.ACCEPTED_A
    assert "4 still open" in compare.header.summary.text()
    _key(qtbot, compare, Qt.Key.Key_Z, CTRL)
    assert _gold(path, doc) == []
    pair = next(p for p in compare.pairs if p.state is PairState.LABEL_CONFLICT)
    assert pair.resolution is None and "5 still open" in compare.header.summary.text()
    _key(qtbot, compare, Qt.Key.Key_Z, CTRL_SHIFT)
    assert _gold(path, doc) == [(start, start + 8, "protests", "Protesters/Civil society")]
    # Accept B instead: gold now says what B said, and only that.
    _select(compare, PairState.LABEL_CONFLICT)
    _key(qtbot, compare, Qt.Key.Key_2)
    assert _gold(path, doc) == [(start, start + 8, "protests", "Media")]
    assert compare.controller.undo_stack.count() == 2


def test_reject_records_the_decision_and_undo_reopens(
        qtbot: object, review_project: tuple[Path, ReviewIds], open_window: OpenWindow
) -> None:
    path, ids = review_project
    compare = open_compare(open_window(path), ids)
    _select(compare, PairState.ONLY_A)
    _key(qtbot, compare, Qt.Key.Key_X)
    with Project.open(path, read_only=True) as p:
        assert [d.verdict for d in p.review_decisions(ids.docs[0])] == [Verdict.REJECT]
    assert _gold(path, ids.docs[0]) == []
    pair = next(p for p in compare.pairs if p.state is PairState.ONLY_A)
    assert pair.resolution is Resolution.REJECTED
    row = compare.pairs.index(pair)
    assert compare.model.index(row, 5).data() == "✗ rejected"
    # After a decision the next open disagreement of the document is selected.
    selected = compare.selected_pair()
    assert selected is not None and selected.needs_review
    _key(qtbot, compare, Qt.Key.Key_Z, CTRL)
    with Project.open(path, read_only=True) as p:
        assert p.review_decisions(ids.docs[0]) == []
    assert next(p for p in compare.pairs if p.state is PairState.ONLY_A).needs_review


def test_edit_then_accept_snaps_the_selection_and_takes_the_chosen_label(
        qtbot: object, review_project: tuple[Path, ReviewIds], open_window: OpenWindow
) -> None:
    path, ids = review_project
    compare = open_compare(open_window(path), ids)
    pair = compare.pairs[_select(compare, PairState.BOUNDARY)]
    _key(qtbot, compare, Qt.Key.Key_E)  # selects the pair's text to start from
    assert compare.text.selected_range() == (pair.start, pair.end)
    # Narrow it by hand to "the dicta" (a word cut short) and pick another stance label.
    text = compare.doc.text if compare.doc else ""
    at = text.index("the dictator")
    compare.text.select_range(at - 1, at + len("the dicta"))
    combo = compare.panel.label_combo
    combo.setCurrentIndex(combo.findText("Supports"))
    assert "“the dictator”" in compare.panel.preview.text()  # snapped to whole words
    _key(qtbot, compare, Qt.Key.Key_Return)
    assert _gold(path, ids.docs[0]) == [(at, at + 12, "the dictator", "Supports")]
    edited = next(p for p in compare.pairs if p.state is PairState.BOUNDARY)
    assert edited.resolution is Resolution.EDITED
    _key(qtbot, compare, Qt.Key.Key_Z, CTRL)
    assert _gold(path, ids.docs[0]) == []


def test_a_reviewer_comment_is_attached_to_a_span_and_undoable(
        qtbot: object, review_project: tuple[Path, ReviewIds], open_window: OpenWindow,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path, ids = review_project
    compare = open_compare(open_window(path), ids)
    pair = compare.pairs[_select(compare, PairState.LABEL_CONFLICT)]
    assert pair.a is not None and pair.a.id is not None
    offered: list[list[tuple[str, int]]] = []

    def ask(cls: object, parent: object, targets: list[tuple[str, int]]) -> tuple[int, str]:
        offered.append(targets)
        return targets[0][1], "Coding manual §2: crowds are civil society."
    monkeypatch.setattr(CommentDialog, "ask", classmethod(ask))
    _key(qtbot, compare, Qt.Key.Key_C)
    assert [t[1] for t in offered[0]] == [pair.a.id, pair.b.id if pair.b else None]
    with Project.open(path, read_only=True) as p:
        comments = p.comments_of_span(pair.a.id)
    assert [(c.author, c.text) for c in comments] == [
        (compare.controller.annotator.name, "Coding manual §2: crowds are civil society.")]
    assert "crowds are civil society" in compare.panel.comments.text()
    _key(qtbot, compare, Qt.Key.Key_Z, CTRL)
    with Project.open(path, read_only=True) as p:
        assert p.comments_of_span(pair.a.id) == []


def test_accept_all_agreed_in_the_document_then_in_the_corpus_on_a_worker(
        qtbot: object, review_project: tuple[Path, ReviewIds], open_window: OpenWindow,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path, ids = review_project
    window = open_window(path)
    compare = open_compare(window, ids)
    _key(qtbot, compare, Qt.Key.Key_A, CTRL_SHIFT)
    assert [g[2] for g in _gold(path, ids.docs[0])] == ["Путин"]
    assert _gold(path, ids.docs[1]) == []
    agreed = next(p for p in compare.pairs if p.state is PairState.AGREED)
    assert agreed.resolution is Resolution.ACCEPTED

    threads: list[bool] = []
    real = corpus_accept.accept_agreed_in

    def spy(*args: object, **kwargs: object) -> corpus_accept.CorpusAccept:
        threads.append(QThread.currentThread() is not window.thread())
        return real(*args, **kwargs)  # type: ignore[arg-type]
    monkeypatch.setattr(corpus_accept, "accept_agreed_in", spy)
    compare.panel.agreed_corpus.click()
    assert threads == [True]
    assert [g[2] for g in _gold(path, ids.docs[1])] == ["Tehran"]
    assert [g[2] for g in _gold(path, ids.docs[2])] == ["Tehran"]
    assert [g[2] for g in _gold(path, ids.docs[0])] == ["Путин"]  # not twice
    assert "Accepted 2 agreed spans into gold in 2 documents (1 already settled)" in \
        compare.statusBar().currentMessage()
    # The whole corpus is one undo step; the document's own accept is the one before.
    _key(qtbot, compare, Qt.Key.Key_Z, CTRL)
    assert _gold(path, ids.docs[1]) == [] and _gold(path, ids.docs[2]) == []
    assert [g[2] for g in _gold(path, ids.docs[0])] == ["Путин"]
    _key(qtbot, compare, Qt.Key.Key_Z, CTRL_SHIFT)
    assert [g[2] for g in _gold(path, ids.docs[2])] == ["Tehran"]


def test_gold_as_one_side_accepts_into_itself_and_offers_no_accept_all(
        qtbot: object, review_project: tuple[Path, ReviewIds], open_window: OpenWindow
) -> None:
    path, ids = review_project
    compare = open_compare(open_window(path), ids)
    gold = compare.adjudicator.gold_id()
    compare.set_annotators(ids.ana, gold)
    assert all(p.state is PairState.ONLY_A for p in compare.pairs)
    assert not compare.panel.agreed_doc.isEnabled()
    index = next(i for i, p in enumerate(compare.pairs)
                 if p.a is not None and p.a.text == "Путин")
    compare.select(index)
    assert not compare.panel.accept_b.isEnabled()
    _key(qtbot, compare, Qt.Key.Key_1)
    assert [g[2] for g in _gold(path, ids.docs[0])] == ["Путин"]
    assert next(p for p in compare.pairs if p.a is not None
                and p.a.text == "Путин").state is PairState.AGREED


def test_a_cancelled_corpus_accept_writes_nothing(
        review_project: tuple[Path, ReviewIds], monkeypatch: pytest.MonkeyPatch) -> None:
    path, ids = review_project
    monkeypatch.setattr(corpus_accept, "CHUNK", 1)
    calls: list[int] = []

    def progress(stage: str, done: int, total: int) -> None:
        calls.append(done)
        if done == 2:  # two documents written inside the transaction, then Cancel
            raise Stopped()
    with Project.open(path) as p:
        gold = p.gold().id or 0
        with pytest.raises(Stopped):
            corpus_accept.accept_agreed_in(p, ids.docs, [ids.ana, ids.ben], gold, "me",
                                           progress)
    assert calls == [0, 1, 2]
    assert all(_gold(path, d) == [] for d in ids.docs)
