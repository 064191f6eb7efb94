"""Fixtures for import/export tests: a richly annotated project and a project snapshot."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotator.core.model import Document, Entity, Link, Span, Status
from annotator.formats.default_project import DATA_DIR_ENV
from annotator.formats.jsonl_export import export_jsonl
from annotator.paths import default_scheme_path
from annotator.store import Project

# Emoji, a flag, curly quotes, Cyrillic, Persian with ZWNJ, a ZWJ family, a combining mark.
MIXED_TEXT = (
    "Iran 🇮🇷 protests — “death to the dictator” café\n"
    "Путин наблюдает за Ираном 👀.\n"
    "اعتراض‌ها در تهران ادامه دارد؛ مردم می‌خواهند.\n"
    "Family: 👨‍👩‍👧 and e\u0301 combining.\n"
)

Snapshot = Callable[[Project], object]


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user data folder."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path_factory.mktemp("data")))


def dump(project: Project) -> object:
    """Everything a user could see change: the full export plus names, counts, statuses."""
    out = io.BytesIO()
    export_jsonl(project, out)
    return (
        out.getvalue(),
        [(lab.layer, lab.name, lab.parent_id) for lab in project.labels()],
        [a.name for a in project.annotators()],
        [(e.uuid, e.name) for e in project.entities()],
        project.document_count(), project.span_count(),
    )


@pytest.fixture
def snapshot() -> Snapshot:
    return dump


def annotate(project: Project) -> list[Document]:
    """Two documents with spans on all layers, a sub-label, an entity, attributes, a
    note, span and entity links, and statuses (what the native JSONL must carry)."""
    doc1, _ = project.add_document(Document(title="Mixed", text=MIXED_TEXT, source="a.txt",
                                            meta={"url": "https://x.example", "lang": "en"}))
    doc2, _ = project.add_document(Document(title="Second", text="Россия поддерживает Иран.\n"))
    assert doc1.id is not None and doc2.id is not None
    dana, omid = project.annotator("Dana"), project.annotator("Omid")
    gold = project.gold()
    assert dana.id and omid.id and gold.id

    def label_id(layer: str, name: str) -> int:
        lab = project.find_label(layer, name)
        assert lab is not None and lab.id is not None
        return lab.id

    khamenei = project.insert_entity(Entity(name="Iran", type="state", aliases=("Tehran",)))

    def span(doc: Document, who: int, layer: str, name: str, sub: str, **kw: object) -> Span:
        start = doc.text.index(sub)
        assert doc.id is not None
        return project.insert_span(Span(doc_id=doc.id, annotator_id=who,
                                        label_id=label_id(layer, name), start=start,
                                        end=start + len(sub), text=sub, **kw))  # type: ignore[arg-type]

    iran = span(doc1, dana.id, "actor", "State/Government", "Iran 🇮🇷", entity_id=khamenei.id)
    stance = span(doc1, dana.id, "stance", "Opposes", "“death to the dictator”",
                  note="chant", attributes={"intensity": 3, "quoted": True})
    span(doc1, omid.id, "narrative", "Colour revolution", "Путин наблюдает за Ираном 👀")
    span(doc1, gold.id, "actor", "Protesters/Civil society", "مردم می‌خواهند")
    span(doc1, omid.id, "actor", "Media", "👨‍👩‍👧")
    span(doc2, omid.id, "actor", "State/Government", "Россия")
    assert iran.id and stance.id
    project.insert_link(Link(source_id=stance.id, type="holder", target_id=iran.id))
    project.insert_link(Link(source_id=stance.id, type="target", target_entity_id=khamenei.id))
    project.set_status(doc1.id, dana.id, Status.DONE)
    project.set_status(doc2.id, omid.id, Status.IN_PROGRESS)
    return [doc1, doc2]


@pytest.fixture
def annotated(project: Project) -> Iterator[Project]:
    annotate(project)
    yield project


def export_bytes(project: Project, **filters: object) -> bytes:
    from annotator.formats.jsonl_export import ExportFilter

    out = io.BytesIO()
    export_jsonl(project, out, ExportFilter(**filters))  # type: ignore[arg-type]
    return out.getvalue()


@pytest.fixture
def fresh_file(tmp_path: Path) -> Callable[[], Project]:
    """Factory of empty file projects with the default scheme."""
    count = 0

    def make() -> Project:
        nonlocal count
        count += 1
        return Project.open(tmp_path / f"p{count}.annotator", scheme=default_scheme_path())

    return make
