"""The report window's Labels tab lists each parent label with its sub-labels pooled."""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import Document, Span
from annotator.store import Project
from annotator.ui import review
from annotator.ui.review.report_models import MEASURE, RULE, SCOPE, VALUE

from ..conftest import OpenWindow

TEXT = "Officials blamed a colour revolution plot and Western meddling for the unrest.\n"
# (annotator, narrative label, phrase): the default scheme's sub-labels of Foreign
# interference; Ana and Ben agree on the parent, never on the sub-label.
SPANS = [("Ana", "Colour revolution", "colour revolution plot"),
         ("Ben", "Western-backed unrest", "colour revolution plot"),
         ("Ana", "Foreign interference", "Western meddling"),
         ("Ben", "Western-backed unrest", "Western meddling")]


def test_the_labels_tab_shows_the_pooled_parent_after_the_leaf_labels(
        qtbot: object, project_file: Path, open_window: OpenWindow) -> None:
    with Project.open(project_file) as p:
        doc, _ = p.add_document(Document(title="Unrest", text=TEXT))
        assert doc.id is not None
        for who, name, phrase in SPANS:
            label, person = p.find_label("narrative", name), p.annotator(who)
            assert label is not None and label.id is not None and person.id is not None
            start = TEXT.index(phrase)
            p.insert_span(Span(doc.id, person.id, label.id, start, start + len(phrase),
                               phrase))
    report = review.open_report(open_window(project_file))
    assert report is not None
    qtbot.waitUntil(lambda: report.report is not None, timeout=10_000)  # type: ignore[attr-defined]
    model = report.labels
    rows = [{c: model.index(r, c).data() for c in (SCOPE, MEASURE, VALUE, RULE)}
            for r in range(model.rowCount())]
    exact = [r for r in rows if r[MEASURE] == "Span F1 (exact)"]
    assert [(r[SCOPE], r[VALUE]) for r in exact] == [
        ("narrative: Foreign interference", "0.000"),
        ("narrative: Colour revolution", "0.000"),
        ("narrative: Western-backed unrest", "0.000"),
        ("narrative: Foreign interference (+ sub-labels)", "1.000")]
    assert "every span of a sub-label counted as a span of the parent" in exact[-1][RULE]
