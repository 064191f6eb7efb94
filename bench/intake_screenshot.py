"""The document list after an intake, for the README: ``python -m bench.intake_screenshot
docs``.

Writes saved web pages from four outlets (the tests' page, with navigation, banner and
share buttons around the article) and a Nexis export of three articles, imports them with
``annotator import``'s code, opens the real window, types ``outlet:…`` and ``date:…`` in
the filter box and saves ``docs/document-list.png`` (the list and the article) and
``docs/document-details.png`` (Document → Details…), then searches the corpus, tags
the first hits from the results and saves ``docs/corpus-search.png`` and the
consistency check that follows (``docs/consistency.png``). Run it under a
real display (``xvfb-run``).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from annotator.formats.importer import import_paths
from annotator.paths import default_scheme_path
from annotator.store import Project
from bench.bench_intake import nexis_export
from bench.corpus import corpus
from tests.formats.html_fixture import saved_page

PAGES = [
    ("Strikes spread from the bazaar", "Radio Farda", "2026-01-06T09:30:00+03:30", "fa"),
    ("Kremlin warns against interference", "TASS", "2026-01-12T12:00:00+03:00", "ru"),
    ("Rial falls to a new low", "Reuters", "2026-01-19T07:15:00Z", "en"),
    ("Khamenei addresses the nation", "Radio Farda", "2026-02-02T18:00:00+03:30", "fa"),
    ("Moscow and Tehran sign a deal", "Reuters", "2026-02-10T10:00:00Z", "en"),
]


def build(folder: Path) -> Path:
    pages = folder / "saved-pages"
    pages.mkdir()
    texts = corpus(len(PAGES), seed=5, chars=1500)
    for i, ((title, outlet, date, lang), (_, text)) in enumerate(zip(PAGES, texts,
                                                                       strict=True)):
        paragraphs = [p for p in text.split("\n") if p.strip()]
        (pages / f"page{i}.html").write_text(saved_page(
            paragraphs, title=title, lang=lang, outlet=outlet, date=date,
            author=f"Staff reporter {i + 1}"), encoding="utf-8")
    (folder / "nexis.txt").write_text(nexis_export(3), encoding="utf-8")
    path = folder / "intake.annotator"
    with Project.open(path, scheme=default_scheme_path()) as project:
        import_paths(project, [pages, folder / "nexis.txt"])
    return path


def main(out: Path) -> int:
    from annotator.ui.app import make_application
    from annotator.ui.details_dialog import DocumentDetailsDialog
    from annotator.ui.models.id_model import ID_ROLE
    from annotator.ui.throwaway_window import throwaway_window

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp))
        window = throwaway_window(path, Path(tmp), annotator="Dana", size=(1600, 1000))
        ws = window.workspace
        assert ws is not None
        ws.setSizes([560, 700, 340])
        ws.doc_list.filter.setText("outlet:re date:2026-01..2026-02")
        for _ in range(5):
            app.processEvents()
        ws.open_document(ws.doc_list.proxy.index(0, 0).data(ID_ROLE))
        for _ in range(5):
            app.processEvents()
        ok = window.grab().save(str(out / "document-list.png"))
        assert ws.doc_id is not None
        title, meta = window.project.document_details(ws.doc_id)  # type: ignore[union-attr]
        dialog = DocumentDetailsDialog(window, title, meta)
        dialog.show()
        for _ in range(5):
            app.processEvents()
        ok = dialog.grab().save(str(out / "document-details.png")) and ok
        dialog.close()
        ok = _search_picture(app, window, out / "corpus-search.png") and ok
        window.close()
    return 0 if ok else 1


def _search_picture(app: Any, window: Any, out: Path) -> bool:
    from PySide6.QtCore import QItemSelectionModel

    from annotator.ui.corpus_search import open_search

    window.workspace.doc_list.filter.clear()
    open_search(window)
    search = window._corpus_search
    search.query.setText("Путин")
    search.run(everything=True)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in range(3):
        search.table.selectionModel().select(search.model.index(row, 0), flags)
    search.tag_with_key("1")  # Head of state/government
    for row in range(3, 5):
        search.table.selectionModel().select(search.model.index(row, 0), flags)
    for _ in range(5):
        app.processEvents()
    ok = bool(search.grab().save(str(out)))
    search.close()
    from annotator.ui.consistency_dialog import open_consistency

    check = open_consistency(window)
    first = check.tree.topLevelItem(0)
    if first is not None:
        first.setExpanded(True)
    for _ in range(5):
        app.processEvents()
    ok = bool(check.grab().save(str(out.with_name("consistency.png")))) and ok
    check.close()
    return ok


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")))
