"""Analysis → Charts…: spans per label, outlet, month and annotator, and their export."""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import Document, Span
from annotator.store import Project
from annotator.ui.charts import open_charts

from .conftest import OpenWindow


def test_bars_per_dimension_and_export(qtbot: object, project_file: Path,
                                       open_window: OpenWindow, tmp_path: Path) -> None:
    with Project.open(project_file) as p:
        labels = {lab.name: lab.id for lab in p.labels()}
        dana, omid = p.annotator("Dana"), p.annotator("Omid")
        for title, meta, who, names in (
                ("a", {"outlet": "TASS", "date": "2026-01-05"}, dana, ["Media", "Media"]),
                ("b", {"outlet": "BBC", "date": "2026-02-01"}, omid, ["Media"]),
                ("c", {}, dana, ["Supports"])):
            doc, _ = p.add_document(Document(title=title, text=f"Putin said so, {title}. " * 3,
                                             meta=meta))
            for i, name in enumerate(names):
                p.insert_span(Span(doc_id=doc.id or 0, annotator_id=who.id or 0,
                                   label_id=labels[name] or 0, start=18 * i,
                                   end=18 * i + 5, text="Putin"))
    window = open_window(project_file)
    dialog = open_charts(window)
    assert dialog is not None
    assert dialog.figures == [("actor · Media", 3), ("stance · Supports", 1)]
    dialog.by.setCurrentIndex(1)
    assert dialog.figures == [("TASS", 2), ("(no outlet)", 1), ("BBC", 1)]
    dialog.by.setCurrentIndex(2)
    assert dialog.figures == [("(undated)", 1), ("2026-01", 2), ("2026-02", 1)]
    dialog.by.setCurrentIndex(3)
    assert dialog.figures == [("Dana", 3), ("Omid", 1)]
    assert dialog.status.text() == "4 spans · 2 bars"
    png, svg, table = (dialog.export_png(tmp_path / "c.png"), dialog.export_svg(tmp_path / "c.svg"),
                       dialog.export_csv(tmp_path / "c.csv"))
    assert png is not None and png.stat().st_size > 500
    assert svg is not None and "<svg" in svg.read_text()
    assert table is not None and table.read_text().splitlines() == ["annotator,spans",
                                                                    "Dana,3", "Omid,1"]
    dialog.close()
