"""What a team's lead does besides syncing: members and their roles, assignments,
opening documents for review, and the progress view (``annotator team …``).

Usage::

    add_member(project, "dana", member="Dana", role="coder")   # or member_statements()
    assign(project, coders=["Ana", "Ben"], overlap=0.2, seed=1)
    open_for_review(project, doc_ids=None)                     # None: every document
    print("\\n".join(progress(project)))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from annotator.core.assign import plan
from annotator.core.errors import InputError
from annotator.core.model import Status
from annotator.core.team import GREY, HIDE, ROLES, UNASSIGNED, TeamError
from annotator.store.project import Project
from annotator.team.server import TeamServer, describe
from annotator.team.sync import settings, sync


def _server(project: Project) -> TeamServer:
    return TeamServer(settings(project)["url"])


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InputError(f"--role is one of {', '.join(ROLES)}, not {role!r}")


def member_statements(project: Project, login: str, *, member: str, role: str) -> list[str]:
    """The SQL that makes ``login`` a member (for a database administrator to run)."""
    _check_role(role)
    with _server(project) as server:
        return server.member_statements(login, member, role)


def add_member(project: Project, login: str, *, member: str, role: str) -> None:
    _check_role(role)
    with _server(project) as server:
        server.add_member(login, member, role)


def remove_member(project: Project, member: str) -> None:
    with _server(project) as server:
        server.remove_member(member)


def _documents(project: Project, doc_ids: Sequence[int] | None) -> list[tuple[int, str]]:
    ids = list(doc_ids) if doc_ids is not None else project.document_ids()
    known = set(project.document_ids())
    missing = [i for i in ids if i not in known]
    if missing:
        raise InputError(f"no document with id {', '.join(map(str, missing))} in "
                         f"{project.path}")
    return [(i, project.get_document(i).uuid) for i in ids]


def assign(project: Project, *, coders: Sequence[str], per_document: int = 1,
           overlap: float = 0.0, seed: int = 1, doc_ids: Sequence[int] | None = None,
           others: str | None = None) -> dict[str, int]:
    """Assign the documents (all, or ``doc_ids``) to ``coders``; work already started (a
    coder's spans or status on a document) keeps its coder. ``others`` (grey or hide) is
    how coders' windows show the documents not assigned to them. Returns documents per
    coder."""
    if others not in (None, GREY, HIDE):
        raise InputError(f"--others is {GREY} or {HIDE}, not {others!r}")
    state = settings(project)
    docs = _documents(project, doc_ids)
    names = {a.id: a.name for a in project.annotators()}
    started = {(d, names[a]) for i, d in docs for a in project.statuses(i)
               if names.get(a) in coders}
    for i, d in docs:
        started |= {(d, names[s.annotator_id]) for s in project.spans_of_document(i)
                    if names.get(s.annotator_id) in coders}
    chosen = plan([d for _, d in docs], list(coders), per_document=per_document,
                  overlap=overlap, seed=seed, keep=started)
    with _server(project) as server:
        server.write_assignments(f"{state['replica']}:assign",
                                 [(d, c) for d, cs in chosen.items() for c in cs], keep=False)
        if others is not None:
            server.set_info(UNASSIGNED, others)
        sync(project, server)
    load = dict.fromkeys(coders, 0)
    for cs in chosen.values():
        for c in cs:
            load[c] += 1
    return load


def open_for_review(project: Project, doc_ids: Sequence[int] | None = None, *,
                    close: bool = False) -> int:
    """Let everyone see everyone's spans on these documents (all: None), or stop."""
    docs = [d for _, d in _documents(project, doc_ids)]
    with _server(project) as server:
        return server.open_documents(docs, close=close)


@dataclass(frozen=True)
class MemberProgress:
    name: str
    role: str            # "-" for someone with spans who is no member (a shared login)
    assigned: int
    started: int
    done: int
    spans: int
    last_sync: datetime | None


@dataclass(frozen=True)
class TeamProgress:
    server: str
    members: list[MemberProgress]
    documents: int
    assigned: int
    doubled: int
    agreement: list[str]
    by_document: list[tuple[int, str, list[str]]]   # id, title, who has it


def team_progress(project: Project) -> TeamProgress:
    """Sync, then count per member: documents assigned / in progress / done, spans and
    last sync; the double-coded sample and its agreement so far."""
    state = settings(project)
    with _server(project) as server:
        sync(project, server)
        counts, members, synced = server.progress_rows()
    table: dict[str, dict[str, int]] = {}
    for owner, kind, status, n in counts:
        key = status if kind == "doc_status" else kind
        row = table.setdefault(owner, {})
        row[key] = row.get(key, 0) + n
    roles = {m: (r if active else f"{r}, removed") for m, r, active in members}
    people = sorted(set(table) | set(roles), key=str.casefold)
    rows = [MemberProgress(p, roles.get(p, "-"), table.get(p, {}).get("assignment", 0),
                           table.get(p, {}).get(str(Status.IN_PROGRESS), 0),
                           table.get(p, {}).get(str(Status.DONE), 0),
                           table.get(p, {}).get("span", 0), synced.get(p))
            for p in people]
    who = project.assignments()
    doubled = [d for d, cs in who.items() if len(cs) >= 2]
    titles = {d: project.get_document(d).title for d in who}
    return TeamProgress(describe(state["url"]), rows, project.document_count(), len(who),
                        len(doubled), _agreement(project, sorted(
                            {c for d in doubled for c in who[d]})),
                        [(d, titles[d], who[d]) for d in sorted(who)])


def progress(project: Project, *, by_document: bool = False) -> list[str]:
    """``team_progress`` as the lines `annotator team progress` prints."""
    report = team_progress(project)
    lines = [f"team database: {report.server}",
             f"{'member':<16} {'role':<16} {'assigned':>8} {'started':>8} {'done':>6} "
             f"{'spans':>7}  last sync"]
    for m in report.members:
        when = m.last_sync.strftime("%Y-%m-%d %H:%M") if m.last_sync else "never"
        lines.append(f"{m.name:<16} {m.role:<16} {m.assigned:>8} {m.started:>8} "
                     f"{m.done:>6} {m.spans:>7}  {when}")
    lines.append(f"documents: {report.documents}, assigned {report.assigned}, "
                 f"double-coded sample {report.doubled}")
    lines += report.agreement
    if by_document:
        for doc_id, title, who in report.by_document:
            lines.append(f"  {doc_id:>6}  {title[:50]:<50}  {', '.join(who)}")
    return lines


def _agreement(project: Project, coders: list[str]) -> list[str]:
    if len(coders) < 2:
        return ["agreement so far: no document is assigned to two coders yet"]
    from annotator.core.agreement import build_report
    from annotator.core.wording import decimal
    from annotator.formats.agreement_data import load_agreement_input

    have = {a.name for a in project.annotators()}
    try:
        report = build_report(load_agreement_input(
            project, annotators=[c for c in coders if c in have]))
    except (InputError, TeamError) as exc:
        return [f"agreement so far: {exc}"]
    out = [f"agreement so far (documents coded by two or more: "
           f"{report.documents_compared}):"]
    for measure in ("span_f1_exact", "unitizing_alpha"):
        figure = report.get(measure)
        if figure is None:
            continue
        value = decimal(figure.value) if figure.value is not None else f"n/d ({figure.reason})"
        out.append(f"  {measure}: {value} (unit: {figure.unit}; {figure.matching})")
    return out


__all__ = ["MemberProgress", "TeamProgress", "add_member", "assign", "member_statements",
           "open_for_review", "progress", "remove_member", "team_progress"]
