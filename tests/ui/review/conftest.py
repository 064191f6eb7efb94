"""A project where Ana and Ben disagree in every way the compare view distinguishes."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import MIXED_TEXT  # the root conftest (tests/ is on sys.path)
from PySide6.QtWidgets import QApplication

from annotator.core.model import Document, Span
from annotator.store import Project
from annotator.ui import review
from annotator.ui.main_window import MainWindow
from annotator.ui.review.compare_view import CompareWindow

SECOND = "Moscow said it backs Tehran.\nThe rial fell again as strikes spread.\n"
THIRD = "Tehran cut the internet again.\n"
FOURTH = "Russia offered Khamenei sanctuary.\n"

# (document, annotator, phrase, label, occurrence); together they make every state once
# in the mixed-script document, one label conflict in the second document, nothing to
# review in the third and one span only Ben marked in the fourth.
SPANS = [
    (0, "Ana", "Путин", "Head of state/government", 0),  # agreed
    (0, "Ben", "Путин", "Head of state/government", 0),
    (0, "Ana", "protests", "Protesters/Civil society", 0),  # label conflict
    (0, "Ben", "protests", "Media", 0),
    (0, "Ana", "death to the dictator", "Opposes", 0),  # boundary mismatch
    (0, "Ben", "to the dictator", "Opposes", 0),
    (0, "Ana", "تهران", "State/Government", 0),  # boundary and label
    (0, "Ben", "در تهران", "Security forces", 0),
    (0, "Ana", "مردم", "Protesters/Civil society", 0),  # only in A
    (0, "Ben", "Ираном", "State/Government", 0),  # only in B
    (1, "Ana", "Moscow", "State/Government", 0),  # label conflict
    (1, "Ben", "Moscow", "Head of state/government", 0),
    (1, "Ana", "Tehran", "State/Government", 0),  # agreed
    (1, "Ben", "Tehran", "State/Government", 0),
    (2, "Ana", "Tehran", "State/Government", 0),  # agreed
    (2, "Ben", "Tehran", "State/Government", 0),
    (3, "Ben", "Khamenei", "Head of state/government", 0),  # only in B
]
TEXTS = [MIXED_TEXT, SECOND, THIRD, FOURTH]
TITLES = ["Mixed scripts", "Second article", "Third article", "Fourth article"]


@dataclass
class ReviewIds:
    docs: list[int]
    ana: int
    ben: int


def _find(text: str, phrase: str, occurrence: int) -> int:
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(phrase, at + 1)
    return at


@pytest.fixture
def review_project(project_file: Path) -> tuple[Path, ReviewIds]:
    with Project.open(project_file) as p:
        docs = []
        for title, text in zip(TITLES, TEXTS, strict=True):
            doc, _ = p.add_document(Document(title=title, text=text))
            assert doc.id is not None
            docs.append(doc.id)
        people = {name: p.annotator(name).id for name in ("Ana", "Ben")}
        labels = {lab.name: lab.id for lab in p.labels()}
        spans = []
        for d, who, phrase, label, occurrence in SPANS:
            start = _find(TEXTS[d], phrase, occurrence)
            spans.append(Span(doc_id=docs[d], annotator_id=people[who] or 0,
                              label_id=labels[label] or 0, start=start,
                              end=start + len(phrase), text=phrase))
        with p.transaction():
            p.insert_spans(spans)
    return project_file, ReviewIds(docs, people["Ana"] or 0, people["Ben"] or 0)


def open_compare(window: MainWindow, ids: ReviewIds, doc_index: int = 0) -> CompareWindow:
    """The compare view on Ana vs Ben, on one of the documents, active (so its keys work)."""
    assert window.workspace is not None
    window.workspace.open_document(ids.docs[doc_index])
    compare = review.open_compare(window)
    assert compare is not None
    compare.set_annotators(ids.ana, ids.ben)
    compare.activateWindow()
    deadline = time.monotonic() + 5
    while not compare.isActiveWindow() and time.monotonic() < deadline:
        QApplication.processEvents()
    assert compare.isActiveWindow()
    return compare
