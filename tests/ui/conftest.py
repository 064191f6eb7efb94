"""Window fixtures: isolated settings and data folder, a project file with mixed scripts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import MIXED_TEXT  # the root conftest (tests/ is on sys.path)
from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.core.model import Document
from annotator.formats.default_project import DATA_DIR_ENV
from annotator.store import Project
from annotator.ui.main_window import MainWindow
from annotator.ui.messages import Message
from annotator.ui.settings import Settings
from annotator.ui.workspace import Workspace

SECOND_TEXT = "Moscow said it backs Tehran.\nThe rial fell again as strikes spread.\n"


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
              ) -> None:
    """Never read or write the real user settings or data folder."""
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """Messages the window would show, instead of modal boxes; questions answer yes."""
    seen: list[tuple[str, str, str]] = []
    monkeypatch.setattr(Message, "error", classmethod(
        lambda cls, parent, title, text: seen.append(("error", title, text))))
    monkeypatch.setattr(Message, "info", classmethod(
        lambda cls, parent, title, text: seen.append(("info", title, text))))
    monkeypatch.setattr(Message, "question", classmethod(
        lambda cls, parent, title, text: seen.append(("question", title, text)) or True))
    return seen


@pytest.fixture
def mixed_project(project_file: Path) -> Path:
    """A project file holding the mixed-script article and a second, plain one."""
    with Project.open(project_file) as p:
        p.add_document(Document(title="Mixed scripts", text=MIXED_TEXT))
        p.add_document(Document(title="Second article", text=SECOND_TEXT))
    return project_file


OpenWindow = Callable[..., MainWindow]


@pytest.fixture
def open_window(qtbot: object, settings: Settings, messages: list[object]
                ) -> Iterator[OpenWindow]:
    """Open a shown, active main window on a project file."""
    windows: list[MainWindow] = []

    def make(path: Path, settings_: Settings | None = None) -> MainWindow:
        window = MainWindow(settings_ or settings)
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.resize(1300, 800)
        window.show()
        assert window.open_project(path)
        window.activateWindow()
        qtbot.waitExposed(window)  # type: ignore[attr-defined]
        qtbot.waitUntil(window.isActiveWindow)  # type: ignore[attr-defined]
        windows.append(window)
        return window

    yield make
    for window in windows:
        if window.project is not None:
            window.close()


def workspace(window: MainWindow) -> Workspace:
    assert window.workspace is not None
    return window.workspace


def put_cursor(ws: Workspace, code_point: int) -> None:
    """Put the text cursor at a code point (a test helper; the app never saves cursors)."""
    cursor = QTextCursor(ws.view.document())
    cursor.setPosition(len(ws.view.text()[:code_point].encode("utf-16-le")) // 2)
    ws.view.setTextCursor(cursor)


def u16(text: str, cp: int) -> int:
    """UTF-16 position of code point ``cp``, computed independently of OffsetMap."""
    return len(text[:cp].encode("utf-16-le")) // 2


def settle() -> None:
    QApplication.processEvents()
