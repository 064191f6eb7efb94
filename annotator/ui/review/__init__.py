"""Review of colleagues' labels in the window: compare, adjudicate, agreement report.

Usage (the Review menu)::

    compare = open_compare(main_window)      # Review → Compare annotators… (Ctrl+Shift+C)
    compare.step(backward=False)             # F8: next disagreement across the corpus
    report = open_report(main_window)        # Review → Agreement report… (Ctrl+Shift+R)

Each window is a child of the main window, found again rather than opened twice, and
closes itself when another project is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow
    from annotator.ui.review.compare_view import CompareWindow
    from annotator.ui.review.report_window import ReportWindow


def open_compare(window: MainWindow) -> CompareWindow | None:
    from annotator.ui.review.compare_view import CompareWindow

    if window.controller is None or window.workspace is None:
        return None
    return _show_one(window, CompareWindow,
                     lambda found: found.controller is window.controller)


def step_disagreement(window: MainWindow, *, backward: bool) -> bool:
    """F8 / Shift+F8 in the main window: open the compare view and jump."""
    compare = open_compare(window)
    return compare.step(backward=backward) if compare is not None else False


def open_report(window: MainWindow) -> ReportWindow | None:
    from annotator.ui.review.report_window import ReportWindow

    if window.project is None:
        return None
    return _show_one(window, ReportWindow, lambda found: found.project is window.project)


_W = TypeVar("_W", "CompareWindow", "ReportWindow")


def _show_one(window: MainWindow, cls: type[_W], current: Callable[[_W], bool]) -> _W:
    """The window's one ``cls`` for its current project (made anew after a project
    change or once it is closing), shown and raised."""
    found = window.findChild(cls)
    if found is None or not current(found) or found.closing:
        found = cls(window)
    found.show()
    found.raise_()
    found.activateWindow()
    return found
