"""Every QSettings key the window uses, declared once with its type and default.

Only window state lives here (geometry, splitters, projects, the annotator's name,
the reading size). Project data (labels, annotators, spans) lives in the project file.

Usage::

    settings = Settings()                       # the user's settings
    settings = Settings(QSettings(path, QSettings.Format.IniFormat))   # tests
    size = settings.get(FONT_POINT_SIZE)
    settings.set(RECENT_PROJECTS, ["/data/a.annotator"])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

ORGANIZATION = "Annotator"
APPLICATION = "Annotator"
MAX_RECENT = 8


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type
    default: T
    help: str


GEOMETRY: Setting[QByteArray] = Setting(
    "window/geometry", QByteArray, QByteArray(), "main window geometry (saveGeometry)")
MAIN_SPLITTER: Setting[QByteArray] = Setting(
    "window/main_splitter", QByteArray, QByteArray(),
    "widths of document list, article and panel (QSplitter.saveState)")
PANEL_SPLITTER: Setting[QByteArray] = Setting(
    "window/panel_splitter", QByteArray, QByteArray(),
    "heights of labels, span table and span editor (QSplitter.saveState)")
LAST_PROJECT: Setting[str] = Setting(
    "projects/last", str, "", "the project open when the window last closed")
RECENT_PROJECTS: Setting[list[str]] = Setting(
    "projects/recent", list, [], "most recent first, at most MAX_RECENT")
ANNOTATOR: Setting[str] = Setting(
    "annotator/name", str, "", "the current annotator's name (empty: the login name)")
FONT_POINT_SIZE: Setting[float] = Setting(
    "view/font_point_size", float, 0.0, "article font size in points (0: automatic)")

ALL: tuple[Setting[Any], ...] = (GEOMETRY, MAIN_SPLITTER, PANEL_SPLITTER, LAST_PROJECT,
                                 RECENT_PROJECTS, ANNOTATOR, FONT_POINT_SIZE)


class Settings:
    """Typed access to the declared settings."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = qsettings if qsettings is not None else QSettings(ORGANIZATION,
                                                                           APPLICATION)

    def get(self, setting: Setting[T]) -> T:
        raw = self.qsettings.value(setting.key, None)
        if raw is None:
            return _copy(setting.default)
        try:
            return _convert(raw, setting)
        except (TypeError, ValueError):
            # A hand-edited or foreign value: fall back rather than fail to start.
            return _copy(setting.default)

    def set(self, setting: Setting[T], value: T) -> None:
        self.qsettings.setValue(setting.key, value)

    def sync(self) -> None:
        self.qsettings.sync()

    def remember_project(self, path: str) -> None:
        recent = [p for p in self.get(RECENT_PROJECTS) if p != path]
        self.set(RECENT_PROJECTS, [path, *recent][:MAX_RECENT])
        self.set(LAST_PROJECT, path)


def _copy(value: T) -> T:
    return list(value) if isinstance(value, list) else value  # type: ignore[return-value]


def _convert(raw: Any, setting: Setting[T]) -> T:
    default = setting.default
    if setting.type is QByteArray:
        return raw if isinstance(raw, QByteArray) else QByteArray(raw)  # type: ignore[return-value]
    if setting.type is list:
        # INI files hand back a str for one-element lists and str items for ints.
        items = [raw] if isinstance(raw, str) else list(raw)
        return [str(x) for x in items if str(x)]  # type: ignore[return-value]
    if setting.type is float:
        return float(raw)  # type: ignore[return-value]
    if setting.type is str:
        return str(raw)  # type: ignore[return-value]
    return raw if isinstance(raw, type(default)) else default
