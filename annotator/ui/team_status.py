"""A team project in the window: the status-bar indicator, the live sync behind it, and
File → Team → Publish… / Join….

While a team replica is open, ``team.live.LiveSync`` runs on its own thread with its own
connections: it pushes within a fraction of a second of an edit and pulls when the
server announces a colleague's push. What it pulls reaches the screen the way any other
program's change does (``ProjectWatch.check``), asked for at once instead of at the
next tick. The indicator says synced · N waiting · offline · error, the reason on hover.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QWidget

from annotator.core.team import TeamError
from annotator.store import Project
from annotator.ui.dialogs import FileAsk
from annotator.ui.jobs import Cancelled, Progress, run_job
from annotator.ui.messages import Message

if TYPE_CHECKING:
    from annotator.team.live import LiveState, LiveSync
    from annotator.ui.main_window import MainWindow

_LOOK = {  # status: (dot colour, words)
    "connecting": ("#9e9e9e", "connecting…"),
    "synced": ("#2e7d32", "synced"),
    "waiting": ("#f9a825", "{waiting} waiting"),
    "offline": ("#9e9e9e", "offline, {waiting} waiting"),
    "error": ("#c62828", "sync error"),
}


def indicator_text(state: LiveState) -> tuple[str, str]:
    """(rich text of the indicator, its hover text) for ``state``."""
    colour, words = _LOOK.get(state.status, _LOOK["error"])
    if state.status == "offline" and not state.waiting:
        words = "offline"
    text = f'<span style="color:{colour}">●</span> Team: {words.format(waiting=state.waiting)}'
    hover = {
        "connecting": "Connecting to the team database.",
        "synced": "Everything you did is on the team database; colleagues' work arrives "
                  "as they save it.",
        "waiting": "Your latest edits are being sent to the team database.",
        "offline": "The team database cannot be reached; your edits are saved here and "
                   "will be sent when it is back (retrying).",
        "error": "The last sync failed; nothing was lost.",
    }[state.status if state.status in _LOOK else "error"]
    if state.reason:
        hover += f"\n\n{state.reason}"
    return text, hover


class TeamStatus(QObject):
    """The indicator and the live sync of the open project (if it is a team replica)."""

    changed = Signal(object)  # LiveState, from the sync thread, queued to this one

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        window.statusBar().addPermanentWidget(self.label)
        self.label.hide()
        self.live: LiveSync | None = None
        self.state: LiveState | None = None
        self._pulled: Callable[[], object] = lambda: None
        self.changed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def follow(self, project: Project | None, pulled: Callable[[], object]) -> None:
        """Sync ``project`` while it is open (None, or not a team replica: stop)."""
        self.stop()
        if (project is None or project.path is None or project.read_only
                or project.sync_settings() is None):
            return
        from annotator.team.live import LiveState, LiveSync

        self._pulled = pulled
        self._show(LiveState("connecting", project.pending_count()))
        self.label.show()
        self.live = LiveSync(project.path, self.changed.emit)
        self.live.start()

    def stop(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None
        self.label.hide()
        self.state = None

    def _show(self, state: Any) -> None:
        if self.live is None and state.status != "connecting":
            return  # a last word from a sync that was stopped
        self.state = state
        text, hover = indicator_text(state)
        self.label.setText(text)
        self.label.setToolTip(hover)
        if state.pulled:
            self._pulled()


# -- File → Team ------------------------------------------------------------------------------
def _ask_url(parent: QWidget, title: str) -> str | None:
    url, ok = QInputDialog.getText(
        parent, title, "Team database (a postgresql:// URL or libpq connection string; the "
        "password comes from ~/.pgpass or PGPASSWORD and is never stored):",
        QLineEdit.EchoMode.Normal, "postgresql://")
    url = url.strip()
    return url if ok and url and url != "postgresql://" else None


def publish(window: MainWindow, url: str | None = None) -> bool:
    """File → Team → Publish…: make the open project a team project on a server."""
    from annotator.team.sync import publish as publish_project

    project, controller = window.project, window.controller
    if project is None or controller is None:
        return False
    url = url or _ask_url(window, "Publish to a team database")
    if url is None:
        return False
    member = controller.annotator.name

    def job(p: Project, progress: Progress, cancelled: Cancelled) -> Any:
        return publish_project(p, url, member=member)

    outcome = run_job(window, "Publishing to the team database…", project.path, job, project)
    if outcome.error:
        Message.error(window, "Publish", outcome.error)
        return False
    window.team.follow(project, window.watch.check)
    Message.info(window, "Published", "\n".join(outcome.result.lines()))
    return True


def join(window: MainWindow, url: str | None = None, member: str | None = None,
         path: Path | None = None) -> bool:
    """File → Team → Join…: a new local replica of a team project, then open it."""
    from annotator.team.sync import create_replica, finish_join

    url = url or _ask_url(window, "Join a team project")
    if url is None:
        return False
    if member is None:
        member, ok = QInputDialog.getText(window, "Join a team project",
                                          "Your name in the team (your spans go under it):")
        if not ok or not member.strip():
            return False
    path = path or FileAsk.new_project(window)
    if path is None:
        return False
    try:
        create_replica(url, path, member=member.strip()).close()
    except TeamError as exc:
        Message.error(window, "Join", str(exc))
        return False

    def job(p: Project, progress: Progress, cancelled: Cancelled) -> Any:
        return finish_join(p)

    outcome = run_job(window, "Downloading the team project…", path, job)
    if outcome.error:
        Message.error(window, "Join", f"{outcome.error}\n\nThe file {path} is a replica; "
                      "open it to go on (it syncs by itself).")
    return window.open_project(path)
