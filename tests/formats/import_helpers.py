"""Round-trip helpers for importing other tools' exports: a project with every kind of
text (emoji, flags, Persian, Russian, a CRLF file) and a comparison of two projects by
what a format can carry, documents matched by text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.core.model import text_sha256
from annotator.formats.importer import ImportOptions, import_paths
from annotator.formats.summary import ImportSummary
from annotator.store import Project

from .export_helpers import add, native, rich_project

CRLF_BYTES = "Первая строка 🇷🇺\r\nسطر دوم در تهران\r\nThird line.\r\n".encode()


def full_project(project: Project, tmp_path: Path) -> Project:
    """``rich_project`` plus a document imported from a CRLF file (stored with ``\\n``)
    with a span across its line break."""
    rich_project(project)
    path = tmp_path / "crlf.txt"
    path.write_bytes(CRLF_BYTES)
    import_paths(project, [path])
    (doc,) = [d for d in project.iter_documents() if d.title.startswith("Первая")]
    assert "\r" not in doc.text
    omid = project.annotator("Omid")
    add(project, doc, omid.id, "actor", "State/Government", "строка 🇷🇺\nسطر")
    add(project, doc, omid.id, "actor", "Media", "تهران")
    return project


def content(project: Project, *, uuids: bool, extras: bool) -> dict[str, Any]:
    """Per document (by text hash): spans (with their ids when the format carries them,
    with entity and attributes when ``extras``) and links between them by content."""
    out: dict[str, Any] = {}
    for rec in native(project):
        by_id = {s["id"]: s for s in rec["spans"]}

        def key(span: dict[str, Any]) -> tuple[Any, ...]:
            base: tuple[Any, ...] = (
                span["annotator"], span["layer"], span["label"], span.get("parent"),
                span["start"], span["end"], span["text"], span.get("note", ""))
            if extras:
                base += (span.get("entity", {}).get("name"),
                         tuple(sorted((span.get("attributes") or {}).items())))
            return (span["id"], *base) if uuids else base

        links = set()
        for link in rec["links"]:
            if "target" in link:
                links.add((key(by_id[link["source"]]), link["type"],
                           key(by_id[link["target"]])))
            elif extras:
                links.add((key(by_id[link["source"]]), link["type"],
                           link["entity"]["name"]))
        out[text_sha256(rec["text"])] = {"spans": sorted(map(key, rec["spans"])),
                                         "links": links}
    return out


def used_labels(project: Project) -> set[tuple[str, str]]:
    return {(s["layer"], s["label"]) for rec in native(project) for s in rec["spans"]}


def coders(project: Project) -> set[str]:
    return {s["annotator"] for rec in native(project) for s in rec["spans"]}


def run_import(project: Project, *paths: Path, **options: Any) -> ImportSummary:
    return import_paths(project, list(paths), ImportOptions(**options))
