"""QA findings in the main window, each a test that failed before its fix."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from annotator.core.commands import UpdateLabel
from annotator.core.model import Document, Span
from annotator.store import Project
from annotator.ui.app import make_application
from annotator.ui.dialogs import ExportDialog
from annotator.ui.label_dialog import LabelDialog
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings
from tests.ui.conftest import OpenWindow, put_cursor, settle, workspace


def _shown_title(title: str) -> str:
    """The title bar's text: Qt's platform windows append the application display name
    (QPlatformWindow::formatWindowTitle) unless the title already ends with it."""
    name = QApplication.applicationDisplayName()
    if not title:
        return name
    return title if title.endswith(name) else f"{title} — {name}"


def test_title_bar_names_the_app_once(open_window: OpenWindow, mixed_project: Path,
                                      settings: Settings, qtbot: object) -> None:
    make_application()  # sets the display name "Annotator", as `annotator` does
    window = open_window(mixed_project)
    shown = _shown_title(window.windowTitle())
    assert shown.split(" — ").count("Annotator") == 1, shown
    assert shown.startswith(mixed_project.name)
    empty = MainWindow(settings)  # no project open yet
    qtbot.addWidget(empty)  # type: ignore[attr-defined]
    assert _shown_title(empty.windowTitle()) == "Annotator"


def _gutter_pixels(window: object, ws: object) -> QImage:
    """What is on screen now in the narrative margin (no repaint forced)."""
    gutter = ws.view._gutter  # type: ignore[attr-defined]
    top_left = gutter.mapToGlobal(gutter.rect().topLeft())
    screen = QApplication.primaryScreen()
    shot = screen.grabWindow(0, top_left.x(), top_left.y(), gutter.width(), gutter.height())
    return shot.toImage()


def _has_color_near(image: QImage, color: QColor) -> bool:
    for y in range(0, image.height(), 2):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if (abs(pixel.red() - color.red()) + abs(pixel.green() - color.green())
                    + abs(pixel.blue() - color.blue())) < 40:
                return True
    return False


def test_narrative_margin_bar_goes_away_with_its_document(
        open_window: OpenWindow, project_file: Path, qtbot: object) -> None:
    """A narrative's margin bar stayed on screen after moving to a document without one."""
    text = "A narrative sentence here.\n" * 3
    with Project.open(project_file) as p:
        p.add_document(Document(title="With narrative", text=text))
        p.add_document(Document(title="Plain", text="Nothing tagged here at all.\n" * 3))
    window = open_window(project_file)
    ws = workspace(window)
    label = next(lab for lab in ws.labels.labels("narrative") if lab.shortcut)
    ws.view.select_range(0, len(text) - 1)
    ws.apply_label(label.id)  # type: ignore[arg-type]
    put_cursor(ws, 0)
    qtbot.wait(50)  # type: ignore[attr-defined]
    color = QColor(label.color)
    assert _has_color_near(_gutter_pixels(window, ws), color)  # the bar is drawn
    ws.open_document(ws.documents.next_id(ws.doc_id))  # type: ignore[arg-type]
    settle()
    qtbot.wait(50)  # type: ignore[attr-defined]
    assert ws.doc is not None and ws.doc.title == "Plain"
    assert not _has_color_near(_gutter_pixels(window, ws), color)


def test_label_key_clash_keeps_the_dialog_and_what_was_typed(
        open_window: OpenWindow, mixed_project: Path, qtbot: object,
        messages: list[tuple[str, str, str]]) -> None:
    """A taken key closed the edit dialog and threw away the new name and colour too."""
    window = open_window(mixed_project)
    ws = workspace(window)
    media = ws.labels.by_shortcut("6")
    assert media is not None
    seen: list[LabelDialog] = []

    def fill_in() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, LabelDialog) and w.isVisible())
        seen.append(dialog)
        dialog.name.setText("Media outlets")
        dialog.shortcut.setText("1")  # Head of state/government's key
        dialog.accept()
        assert dialog.isVisible(), "the dialog closed on a taken key"
        assert dialog.name.text() == "Media outlets"
        assert messages and "already used" in messages[-1][2]
        dialog.shortcut.setText("9")
        dialog.accept()

    QTimer.singleShot(0, fill_in)
    assert ws.panel.labels_panel.edit_label(media)
    assert seen
    edited = ws.labels.by_shortcut("9")
    assert edited is not None and edited.name == "Media outlets"
    assert ws.labels.by_shortcut("6") is None


def test_nameless_label_is_refused_with_a_message(
        open_window: OpenWindow, mixed_project: Path, qtbot: object,
        messages: list[tuple[str, str, str]]) -> None:
    """OK with an empty name closed the dialog and silently added nothing."""
    window = open_window(mixed_project)
    ws = workspace(window)
    before = len(ws.labels.labels())

    def fill_in() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, LabelDialog) and w.isVisible())
        dialog.accept()
        assert dialog.isVisible()
        assert messages and "name" in messages[-1][2].lower()
        dialog.name.setText("Clergy")
        dialog.accept()

    QTimer.singleShot(0, fill_in)
    assert ws.panel.labels_panel.add_label("actor")
    assert len(ws.labels.labels()) == before + 1


def test_retired_label_key_says_why_it_tags_nothing(
        open_window: OpenWindow, mixed_project: Path, qtbot: object) -> None:
    """A retired label's key did nothing at all: no span, no word why."""
    window = open_window(mixed_project)
    ws = workspace(window)
    other = ws.labels.by_shortcut("8")
    assert other is not None and other.id is not None
    ws.controller.push(UpdateLabel(other.id, "Retire", retired=True))
    said: list[str] = []
    ws.message.connect(said.append)
    ws.view.setFocus()
    ws.view.select_range(0, 4)
    qtbot.keyClick(ws.view, Qt.Key.Key_8)  # type: ignore[attr-defined]
    assert ws.spans.rowCount() == 0
    assert said and "retired" in said[-1]
    # an active label that took the key over still tags with it
    media = ws.labels.by_shortcut("6")
    assert media is not None and media.id is not None
    ws.controller.push(UpdateLabel(media.id, "Key", shortcut="8"))
    ws.view.select_range(0, 4)
    qtbot.keyClick(ws.view, Qt.Key.Key_8)  # type: ignore[attr-defined]
    assert ws.spans.rowCount() == 1


def test_export_dialog_file_label_is_a_mnemonic_not_a_literal_ampersand(
        qtbot: object, tmp_path: Path) -> None:
    """The export dialog read "&File": a row label without a buddy shows its ampersand."""
    dialog = ExportDialog(None, ["Dana"], tmp_path / "corpus.jsonl")
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    for label in dialog.findChildren(QLabel):
        if "&" in label.text().replace("&&", ""):
            assert label.buddy() is not None, f"{label.text()!r} shows its '&'"
    dialog.show()
    qtbot.waitExposed(dialog)  # type: ignore[attr-defined]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # type: ignore[attr-defined]
    dialog.format.setFocus()
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # type: ignore[attr-defined]
    assert dialog.path.hasFocus()


def test_label_panel_rebuild_hides_the_old_buttons_at_once(
        open_window: OpenWindow, mixed_project: Path) -> None:
    """After a merge added a label, the old and new label buttons were drawn over each
    other while the "Merge finished" box was up: deleteLater waits for the outer loop."""
    window = open_window(mixed_project)
    panel = workspace(window).panel.labels_panel
    old = [w for w in panel.findChildren(QWidget) if w.parent() is panel and w.isVisible()]
    assert old
    panel.rebuild()  # no event processing: a modal box's loop would not delete them
    assert not [w for w in old if w.isVisible()]


def test_review_windows_fit_a_laptop_screen(open_window: OpenWindow, mixed_project: Path,
                                           qtbot: object) -> None:
    """Compare opened 1500×900 and, on a document one side had not coded, at least
    3,300 px wide: each figure's "not defined: <why>" sat on one line, so the pair list
    and the adjudication buttons were off screen. The report opened 1400×900."""
    from annotator.ui import review

    with Project.open(mixed_project) as p:
        first = p.get_document(p.document_ids()[0])
        ana, ben = p.annotator("Ana"), p.annotator("Ben")
        label = next(lab for lab in p.labels() if lab.shortcut == "1")
        assert first.id and ana.id and ben.id and label.id
        with p.transaction():  # only Ana coded the first article
            p.insert_spans([Span(doc_id=first.id, annotator_id=ana.id, label_id=label.id,
                                 start=0, end=4, text=first.text[:4])])
    window = open_window(mixed_project)
    free = window.screen().availableGeometry()  # the offscreen screen: 800 px high
    compare = review.open_compare(window)
    report = review.open_report(window)
    assert compare is not None and report is not None
    report.job.cancel(wait=True)
    compare.set_annotators(ana.id, ben.id)
    assert "not defined" in compare.header.figures["span_f1_exact"].text()
    for shown in (compare, report):
        assert shown.minimumSizeHint().width() <= 1280 - 40, type(shown).__name__
        assert shown.height() <= free.height(), (type(shown).__name__, shown.size(), free)


def test_first_window_fits_a_small_screen(settings: Settings, qtbot: object) -> None:
    window = MainWindow(settings)  # no saved geometry: the first run
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    free = window.screen().availableGeometry()
    assert window.width() <= free.width() and window.height() <= free.height()


def test_newer_project_is_explained_once(open_window: OpenWindow, mixed_project: Path,
                                         tmp_path: Path,
                                         messages: list[tuple[str, str, str]]) -> None:
    """The newer-schema dialog said "The file was not changed." twice."""
    import sqlite3

    window = open_window(mixed_project)
    newer = tmp_path / "from-the-future.annotator"
    with Project.open(newer) as p:
        p.add_document(Document(title="t", text="text"))
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    assert not window.open_project(newer)
    kind, title, text = messages[-1]
    assert (kind, title) == ("error", "Cannot open the project")
    assert "newer Annotator" in text and "from-the-future.annotator" in text
    assert text.count("not changed") == 1, text
    assert window.project is not None and window.project.path == mixed_project
