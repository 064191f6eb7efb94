"""Publishing a project to a team database, joining it, and syncing: push, then pull.

Usage::

    counts = publish(project, "postgresql://db.example.org/media", member="Lead")
    join("postgresql://db.example.org/media", Path("dana.annotator"), member="Dana")
    counts = sync(project)            # push what is queued, then pull what is new
    print("\\n".join(counts.lines()))

Every step is safe to interrupt and to run again: a push is one server transaction per
batch and its queue entries are dropped only after it committed (a repeated push of an
unchanged row changes nothing on the server); a pull applies one batch and moves the
cursor in one local transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.core.model import GOLD, new_uuid, now_iso
from annotator.core.team import (
    GREY,
    OWNED,
    UNASSIGNED,
    Cursor,
    RowChange,
    SyncCounts,
    TeamError,
    counted,
)
from annotator.store.project import Project
from annotator.team.server import PushResult, TeamServer, check_url, describe

PUSH_BATCH = 5_000
PULL_BATCH = 5_000
LEAD = "lead"
REVIEWER = "reviewer"
CODER = "coder"


def settings(project: Project) -> dict[str, Any]:
    state = project.sync_settings()
    if state is None:
        raise TeamError(f"{project.path}: not a team project (publish it with `annotator team "
                        "publish`, or join a team with `annotator team join`)")
    return state


def publish(project: Project, url: str, *, member: str,
            server: TeamServer | None = None) -> SyncCounts:
    """Create the team database from ``project`` (documents, scheme, actors, everyone's
    spans) and make the file its first replica. Running it again pushes what differs."""
    own = server is None
    check_url(url)
    server = server or TeamServer(url)
    try:
        state = project.sync_settings()
        mine = state["project"] if state else new_uuid()
        team = server.create_schema(mine, lead=member)
        if team != mine:
            if server.row_count():
                raise TeamError(f"{describe(url)} already holds another team project; join "
                                "it with `annotator team join` instead of publishing to it")
            mine = team  # an earlier publish stopped before this file was marked
        replica = state["replica"] if state else new_uuid()
        project.enable_sync(url=url, replica=replica, member=member, project=mine, role=LEAD)
        project.annotator(member)
        server.register(replica, member)
        project.queue_everything()
        return _sync(project, server, None)
    finally:
        if own:
            server.close()


def create_replica(url: str, path: Path, *, member: str) -> Project:
    """Create ``path`` as ``member``'s (still empty) replica of the team database at
    ``url``; ``finish_join`` fills it. Refuses an existing file."""
    if path.exists():
        raise TeamError(f"{path}: the file exists; choose a new file to join into (or run "
                        "`annotator sync` on it if it is already a replica)")
    if not member.strip():
        raise TeamError("say who you are: --as NAME")
    check_url(url)
    with TeamServer(url) as server:
        team = server.project()
        role = _role_of(server, member)
        project = Project.open(path)
        try:
            replica = new_uuid()
            project.enable_sync(url=url, replica=replica, member=member, project=team,
                                role=role)
            server.register(replica, member)
        except BaseException:
            project.close()
            path.unlink(missing_ok=True)
            raise
    return project


def _role_of(server: TeamServer, member: str) -> str:
    """The role this login has in the team: its membership's (checked against ``member``),
    or coder for a login that owns the team tables (a team sharing one login, where the
    database enforces no roles)."""
    name, role, owner = server.whoami()
    if owner:
        return CODER
    if role is None or name is None:
        raise TeamError("this database login is not a member of the team: ask its lead to "
                        f"run `annotator team add-member PROJECT {member} --login LOGIN`")
    if name != member:
        raise TeamError(f"this database login is the team member {name}, not {member}; join "
                        f"--as {name}")
    return role


def finish_join(project: Project) -> SyncCounts:
    """Download the team project into a new replica, then announce its member."""
    counts = sync(project)
    project.annotator(settings(project)["member"])
    counts.merge(sync(project))
    return counts


def join(url: str, path: Path, *, member: str) -> tuple[Project, SyncCounts]:
    """Create ``path`` as ``member``'s replica of the team database at ``url`` and fill it.
    Refuses an existing file; an interrupted join goes on with `annotator sync`."""
    project = create_replica(url, path, member=member)
    try:
        return project, finish_join(project)
    except BaseException:
        project.close()
        raise


def sync(project: Project, server: TeamServer | None = None, *,
         batch: int | None = None) -> SyncCounts:
    """Push what is queued, then pull what is new, ``batch`` rows per transaction.
    ``TeamError`` says why it could not."""
    state = settings(project)
    if server is not None:
        return _sync(project, server, batch)
    try:
        with TeamServer(state["url"]) as own:
            return _sync(project, own, batch)
    except TeamError as exc:
        project.set_sync_result(when=now_iso(), error=str(exc))
        raise


def _sync(project: Project, server: TeamServer, batch: int | None = None) -> SyncCounts:
    state = settings(project)
    if server.project() != state["project"]:
        raise TeamError(f"{describe(state['url'])} holds another team project than this file; "
                        "nothing was synced")
    unassigned = server.info.get(UNASSIGNED, GREY)
    if project.info(UNASSIGNED, GREY) != unassigned:
        project.set_info(UNASSIGNED, unassigned)
    counts = SyncCounts()
    try:
        _push(project, server, counts, batch or PUSH_BATCH)
        _pull(project, server, counts, batch or PULL_BATCH)
    except TeamError as exc:
        project.set_sync_result(when=now_iso(), error=str(exc))
        raise
    project.set_sync_result(when=now_iso(), error="")
    return counts


def _push(project: Project, server: TeamServer, counts: SyncCounts, batch: int) -> None:
    state = settings(project)
    while True:
        pending = project.pending(batch)
        if not pending:
            return
        rows = project.queued_rows(pending)
        allowed, refused = _owned_by(rows, state)
        for kind, owner, n in _tally(refused):
            whose = f" of {owner}" if owner and kind in OWNED else ""
            why = (f"only {owner}'s replica writes them" if whose else
                   f"a {state['role']} may not write them; a lead does")
            counts.dropped.append(f"{counted(kind, n)}{whose} ({why})")
        if allowed:
            result = server.push(state["replica"], allowed, project.sync_cursor())
            _report(result, allowed, counts)
            for row in allowed:
                counts.add(counts.pushed, row.kind)
        project.unqueue(pending)


def _owned_by(rows: list[RowChange], state: dict[str, Any]
              ) -> tuple[list[RowChange], list[RowChange]]:
    """The rows this replica may write: a lead's, all; a coder's, their own spans, links,
    comments and statuses and their annotator; a reviewer's, gold rows, review decisions
    and their own comments. The team database enforces the same (team.policies) where
    members have logins of their own; here it keeps one refused row from failing a push.
    A deletion is sent as the member's (the server knows whose row it was)."""
    role, me = state["role"], state["member"]
    if role == LEAD:
        return rows, []
    allowed: list[RowChange] = []
    refused: list[RowChange] = []
    for row in rows:
        if row.deleted and row.kind in OWNED:
            row = RowChange(row.kind, row.key, None, me, row.parent)
        (allowed if _may_write(row, role, me) else refused).append(row)
    return allowed, refused


def _may_write(row: RowChange, role: str, me: str) -> bool:
    if row.kind == "annotator":
        return row.deleted or (row.data or {}).get("name") in (me, GOLD)
    if row.kind not in OWNED:
        return False
    if row.deleted:
        return True
    if row.kind == "review_decision":
        return role == REVIEWER and row.owner == me
    if row.kind == "comment":
        return row.owner == me
    return row.owner == (GOLD if role == REVIEWER else me)


def _tally(rows: list[RowChange]) -> list[tuple[str, str, int]]:
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        seen[(row.kind, row.owner)] = seen.get((row.kind, row.owner), 0) + 1
    return [(k, o, n) for (k, o), n in sorted(seen.items())]


def _report(result: PushResult, rows: list[RowChange], counts: SyncCounts) -> None:
    by_key = {(r.kind, r.key): r for r in rows}
    for kind, key, who in result.conflicts:
        row = by_key.get((kind, key))
        what = _what(row) if row else f"{counted(kind, 1)[2:]} {key}"
        verb = "deletion" if row is not None and row.deleted else "edit"
        counts.conflicts.append(f"{what}: your {verb} replaced {who}'s (the later write in "
                                "the server's order wins)")
    refused: dict[str, int] = {}
    for kind, _key in result.refused:
        refused[kind] = refused.get(kind, 0) + 1
    for kind, n in refused.items():
        counts.dropped.append(f"{counted(kind, n)} (the team database refused them: your "
                              "role may not write them)")
    for kind, key, parent in result.orphans:
        row = by_key.get((kind, key))
        what = _what(row) if row else f"{counted(kind, 1)[2:]} {key}"
        counts.conflicts.append(f"{what}: its {counted(parent, 1)[2:]} was deleted by someone "
                                "else, so it was not kept")


def _what(row: RowChange) -> str:
    noun = counted(row.kind, 1)[2:]
    data = row.data or {}
    name = data.get("name") or data.get("title") or data.get("text") or row.key
    return f"{noun} “{str(name)[:40]}”"


def _pull(project: Project, server: TeamServer, counts: SyncCounts, batch: int) -> None:
    replica = settings(project)["replica"]
    while True:
        cursor = project.sync_cursor()
        rows = server.pull(replica, cursor, batch)
        if not rows:
            return
        applied = project.apply_server_rows(rows, Cursor(rows[-1].xid, rows[-1].seq))
        for kind, n in applied.items():
            counts.add(counts.pulled, kind, n)
        if len(rows) < batch:
            return


def status(project: Project) -> list[str]:
    """What `annotator team status` prints: server, last sync, the queue, the members."""
    state = settings(project)
    lines = [f"team database: {describe(state['url'])}",
             f"you are: {state['member']} ({state['role']}), replica {state['replica'][:8]}",
             f"last sync: {state['last_sync'] or 'never'}"]
    if state["last_error"]:
        lines.append(f"last error: {state['last_error']}")
    waiting = project.pending_by_kind()
    lines.append("waiting to be pushed: " + (", ".join(
        counted(k, n) for k, n in sorted(waiting.items())) or "nothing"))
    try:
        with TeamServer(state["url"]) as server:
            members = server.members()
    except TeamError as exc:
        lines.append(f"server: offline ({exc})")
        return lines
    lines.append("members:")
    for member, replica, pushed, pulled in members:
        lines.append(f"  {member} (replica {replica[:8]}): last push {_when(pushed)}, "
                     f"last pull {_when(pulled)}")
    return lines


def _when(moment: Any) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment is not None else "never"
