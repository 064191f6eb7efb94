"""Adjudication from the compare view: accept A, accept B, edit, reject, comment.

``Adjudicator`` turns a decision on a pair into one of the core review commands and
pushes it through the controller, so every decision is one step on the window's single
undo stack and every view refreshes from ``changed``. ``AdjudicationPanel`` is the
widget: the selected pair, its buttons, the label for an edit, and the comments.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.commands import AddComment, Command
from annotator.core.model import Comment, Label, Span
from annotator.core.review.adjudicate import (
    AcceptAllAgreed,
    AcceptEdited,
    AcceptSpan,
    Reject,
)
from annotator.core.review.compare import Pair
from annotator.ui.controller import Controller
from annotator.ui.gestures import snapped
from annotator.ui.review.states import STATE_NAMES, resolution_text

A, B = 0, 1


class Adjudicator:
    """Builds the command for a decision and pushes it; False if refused."""

    def __init__(self, controller: Controller, initiator: object) -> None:
        self.controller = controller
        self.initiator = initiator
        self.side_ids: tuple[int, int] = (0, 0)

    @property
    def project_writable(self) -> bool:
        return not self.controller.project.read_only

    def gold_id(self) -> int:
        """The gold annotator (created on the first decision)."""
        gold = self.controller.project.gold()
        assert gold.id is not None
        return gold.id

    def side_is_gold(self, side: int) -> bool:
        return self.side_ids[side] == self.controller.project.gold_id()

    def _push(self, command: Command) -> bool:
        return self.controller.push(command, initiator=self.initiator)

    def accept(self, pair: Pair, side: int) -> bool:
        span = (pair.a, pair.b)[side]
        if span is None or self.side_is_gold(side):
            return False
        return self._push(AcceptSpan(span, self.gold_id(), pair=pair,
                                     reviewer=self.controller.annotator.name))

    def accept_edit(self, pair: Pair, start: int, end: int, label_id: int) -> bool:
        return self._push(AcceptEdited(pair, self.gold_id(), start=start, end=end,
                                       label_id=label_id,
                                       reviewer=self.controller.annotator.name))

    def reject(self, pair: Pair) -> bool:
        return self._push(Reject(pair, self.gold_id(), reviewer=self.controller.annotator.name))

    def comment(self, span_id: int, text: str) -> bool:
        return self._push(AddComment(Comment(span_id=span_id,
                                             author=self.controller.annotator.name, text=text)))

    def accept_agreed(self, doc_id: int) -> AcceptAllAgreed | None:
        """Accept what A and B agree on in one document (one undo step)."""
        if self.side_is_gold(A) or self.side_is_gold(B):
            return None
        command = AcceptAllAgreed([doc_id], list(self.side_ids), self.gold_id(),
                                  reviewer=self.controller.annotator.name)
        return command if self._push(command) else None


def describe(span: Span | None, label_name: Callable[[int], str], limit: int = 70) -> str:
    if span is None:
        return "— no span"
    text = " ".join(span.text.split())
    text = text if len(text) <= limit else text[:limit - 1] + "…"
    return f"{label_name(span.label_id)}: “{text}” [{span.start}–{span.end})"


class AdjudicationPanel(QWidget):
    """Decisions on the selected pair. Buttons only ask; the compare window acts."""

    decided = Signal(str)  # "accept_a", "accept_b", "edit", "accept_edit", "reject", "comment"
    agreed_requested = Signal(str)  # "document" or "corpus"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        pair_box = QGroupBox("Selected pair")
        form = QFormLayout(pair_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.state = self._plain()
        self.side_labels = (self._plain(), self._plain())
        self.gold = self._plain()
        self.comments = self._plain()
        self.comments.setStyleSheet("color: palette(placeholder-text)")
        self.side_titles = (QLabel("A"), QLabel("B"))
        form.addRow("State", self.state)
        form.addRow(self.side_titles[A], self.side_labels[A])
        form.addRow(self.side_titles[B], self.side_labels[B])
        form.addRow("Gold", self.gold)
        form.addRow("Comments", self.comments)
        box.addWidget(pair_box)
        row = QHBoxLayout()
        self.accept_a = self._button("Accept &A  [1]", "Copy A's span into gold (key 1)",
                                     "accept_a")
        self.accept_b = self._button("Accept &B  [2]", "Copy B's span into gold (key 2)",
                                     "accept_b")
        self.reject = self._button("Re&ject  [X]", "Nothing of this pair goes to gold (key X)",
                                   "reject")
        self.comment = self._button("&Comment…  [C]", "Attach a reviewer's comment to a span "
                                    "(key C)", "comment")
        for button in (self.accept_a, self.accept_b, self.reject, self.comment):
            row.addWidget(button)
        box.addLayout(row)
        edit_box = QGroupBox("Edit, then accept into gold")
        edit = QVBoxLayout(edit_box)
        hint = QLabel("Select the right words in the text (mouse or Shift+arrows; E selects "
                      "the pair to start from), pick the label, press Enter.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text)")
        edit.addWidget(hint)
        edit_row = QHBoxLayout()
        self.label_combo = QComboBox()
        self.label_combo.setToolTip("Label of the gold span (labels of the pair's layer)")
        edit_row.addWidget(self.label_combo, 1)
        self.accept_edit = self._button("Accept &edit  [Enter]", "Put the selected text with this "
                                        "label into gold (Enter)", "accept_edit")
        edit_row.addWidget(self.accept_edit)
        edit.addLayout(edit_row)
        self.preview = self._plain()
        edit.addWidget(self.preview)
        box.addWidget(edit_box)
        agreed_box = QGroupBox("Accept everything A and B agree on")
        agreed = QHBoxLayout(agreed_box)
        self.agreed_doc = QPushButton("This &document  [Ctrl+Shift+A]")
        self.agreed_doc.setToolTip("Copy into gold every span both marked with the same "
                                   "start, end and label here (Ctrl+Shift+A)")
        self.agreed_doc.clicked.connect(lambda: self.agreed_requested.emit("document"))
        self.agreed_corpus = QPushButton("Whole c&orpus…")
        self.agreed_corpus.setToolTip("The same in every document, in the background, as "
                                      "one undoable step")
        self.agreed_corpus.clicked.connect(lambda: self.agreed_requested.emit("corpus"))
        agreed.addWidget(self.agreed_doc)
        agreed.addWidget(self.agreed_corpus)
        box.addWidget(agreed_box)
        box.addStretch(1)
        self._pair_key: str | None = None

    def _plain(self) -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A squeezed panel must not cut the descenders of g, p, y: at least one whole line.
        label.setMinimumHeight(label.fontMetrics().height() + 2)
        return label

    def _button(self, text: str, tip: str, what: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the text and list
        button.clicked.connect(lambda: self.decided.emit(what))
        return button

    # -- showing a pair --------------------------------------------------------------------
    def show_names(self, name_a: str, name_b: str) -> None:
        self.side_titles[A].setText(f"A: {name_a}")
        self.side_titles[B].setText(f"B: {name_b}")

    def show_pair(self, pair: Pair | None, label_name: Callable[[int], str],
                  layer_labels: list[Label], comments: list[str], *, writable: bool,
                  gold_sides: tuple[bool, bool]) -> None:
        if pair is None:
            self.state.setText("Click a pair in the text or the list (F8: next disagreement).")
            for label in (*self.side_labels, self.gold, self.comments, self.preview):
                label.setText("")
        else:
            settled = resolution_text(pair)
            self.state.setText(f"{STATE_NAMES[pair.state]} · {pair.layer}"
                               + (f" · {settled}" if settled else ""))
            self.side_labels[A].setText(describe(pair.a, label_name))
            self.side_labels[B].setText(describe(pair.b, label_name))
            self.gold.setText(describe(pair.gold, label_name) if pair.gold is not None
                              else ("rejected" if pair.resolved else "—"))
            self.comments.setText("\n".join(comments) or "none")
        self._fill_labels(pair, layer_labels)
        has = pair is not None and writable
        self.accept_a.setEnabled(has and pair is not None and pair.a is not None
                                 and not gold_sides[A])
        self.accept_b.setEnabled(has and pair is not None and pair.b is not None
                                 and not gold_sides[B])
        for button in (self.reject, self.comment, self.accept_edit, self.label_combo):
            button.setEnabled(has)
        self.agreed_doc.setEnabled(writable and not any(gold_sides))
        self.agreed_corpus.setEnabled(writable and not any(gold_sides))

    def _fill_labels(self, pair: Pair | None, labels: list[Label]) -> None:
        """The pair's layer's labels; a newly selected pair starts from its own label
        (A's if it has one), a refreshed one keeps what the reviewer picked."""
        key = pair.key if pair is not None else None
        wanted = self.label_combo.currentData() if key == self._pair_key else None
        if wanted is None and pair is not None:
            wanted = pair.sources[0].label_id
        self._pair_key = key
        self.label_combo.blockSignals(True)
        self.label_combo.clear()
        for label in labels:
            self.label_combo.addItem(label.name, label.id)
        self.label_combo.setCurrentIndex(max(self.label_combo.findData(wanted), 0))
        self.label_combo.blockSignals(False)

    def chosen_label(self) -> int | None:
        data = self.label_combo.currentData()
        return int(data) if data is not None else None

    def show_preview(self, text: str, selection: tuple[int, int] | None,
                     label_name: str) -> None:
        """What "Accept edit" would put into gold, snapped like a fresh selection."""
        if selection is None:
            self.preview.setText("")
            return
        bounds = snapped(text, *selection)
        if bounds is None:
            self.preview.setText("Gold would get nothing: only spaces or punctuation "
                                 "are selected.")
            return
        piece = " ".join(text[bounds[0]:bounds[1]].split())
        piece = piece if len(piece) <= 80 else piece[:79] + "…"
        self.preview.setText(f"Gold gets {label_name}: “{piece}” [{bounds[0]}–{bounds[1]})")
