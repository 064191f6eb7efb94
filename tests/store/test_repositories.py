"""Repository behaviour a user notices: deduplication, the document list, annotators."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.commands import AddSpan, SetStatus
from annotator.core.errors import AnnotatorError
from annotator.core.model import Document, Span, Status
from annotator.store import DocumentRow, Project, repo_documents


def add_spans(project: Project, doc: Document, annotator_id: int, n: int) -> None:
    label = project.labels()[0].id
    assert doc.id is not None and label is not None
    for i in range(n):
        project.apply(AddSpan(Span(doc_id=doc.id, annotator_id=annotator_id, label_id=label,
                                   start=i, end=i + 1, text=doc.text[i])))


def test_same_text_is_one_document(project: Project) -> None:
    first, new = project.add_document(Document(title="A", text="Путин наблюдает 👀"))
    again, new_again = project.add_document(Document(title="Another title",
                                                     text="Путин наблюдает 👀", source="x"))
    assert new and not new_again
    assert again == first
    assert project.document_count() == 1
    assert project.find_document(sha256=first.sha256) == first


def test_same_uuid_is_one_document(project: Project) -> None:
    first, _ = project.add_document(Document(title="A", text="version one"))
    again, new = project.add_document(Document(title="A", text="version two", uuid=first.uuid))
    assert not new and again == first
    assert project.document_count() == 1


def test_text_differing_only_in_normalisation_is_another_document(project: Project) -> None:
    # The stored text is the reference for offsets: NFC and NFD are different texts.
    _, a = project.add_document(Document(title="nfc", text="caf\u00e9"))
    _, b = project.add_document(Document(title="nfd", text="cafe\u0301"))
    assert a and b and project.document_count() == 2


def test_find_document(project: Project) -> None:
    doc, _ = project.add_document(Document(title="t", text="x", meta={"url": "https://e.x"}))
    assert project.find_document(uuid=doc.uuid) == doc
    assert project.get_document(doc.id or 0).meta == {"url": "https://e.x"}
    assert project.find_document(sha256="0" * 64) is None
    assert project.find_document(uuid="nope") is None
    with pytest.raises(ValueError):
        project.find_document()
    with pytest.raises(AnnotatorError, match="no document"):
        project.get_document(999)


def test_document_rows_counts_and_statuses(project: Project) -> None:
    d1, _ = project.add_document(Document(title="First", text="Iran 🇮🇷 protests"))
    d2, _ = project.add_document(Document(title="Second", text="اعتراض‌ها در تهران"))
    d3, _ = project.add_document(Document(title="Third", text="empty of spans"))
    dana, omid = project.annotator("dana"), project.annotator("omid")
    assert dana.id and omid.id and d1.id and d2.id and d3.id
    add_spans(project, d1, dana.id, 3)
    add_spans(project, d1, omid.id, 2)
    add_spans(project, d2, omid.id, 4)
    project.apply(SetStatus(d1.id, dana.id, Status.DONE))
    project.apply(SetStatus(d2.id, dana.id, Status.IN_PROGRESS))
    project.apply(SetStatus(d2.id, omid.id, Status.DONE))

    def summary(annotator_id: int | None) -> list[tuple[str, int, int, Status]]:
        return [(r.title, r.length, r.span_count, r.status)
                for r in project.document_rows(annotator_id)]

    assert summary(dana.id) == [("First", 16, 3, Status.DONE),
                                ("Second", 18, 0, Status.IN_PROGRESS),
                                ("Third", 14, 0, Status.TODO)]
    assert summary(omid.id) == [("First", 16, 2, Status.TODO),
                                ("Second", 18, 4, Status.DONE),
                                ("Third", 14, 0, Status.TODO)]
    # Without an annotator: every span counts, no one's status.
    assert summary(None) == [("First", 16, 5, Status.TODO), ("Second", 18, 4, Status.TODO),
                             ("Third", 14, 0, Status.TODO)]
    rows = project.document_rows(dana.id)
    assert all(isinstance(r, DocumentRow) for r in rows)
    assert [r.id for r in rows] == project.document_ids()
    assert [r.uuid for r in rows] == [d1.uuid, d2.uuid, d3.uuid]


def test_document_rows_of_an_empty_project(project: Project) -> None:
    assert project.document_rows(None) == []


def test_annotator_is_created_once(project: Project) -> None:
    a = project.annotator("dana")
    assert project.annotator(" dana ") == a
    assert project.gold().is_gold and not a.is_gold
    with pytest.raises(AnnotatorError, match="needs a name"):
        project.annotator("  ")


def test_annotator_created_meanwhile_by_another_process_is_reused(
        project_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two windows starting at once both look for "dana", find nobody, and create her."""
    with Project.open(project_file) as mine, Project.open(project_file) as theirs:
        real_find = Project.find_annotator
        raced = []

        def find_then_lose_the_race(self: Project, name: str) -> object:
            found = real_find(self, name)
            if self is mine and not raced:
                raced.append(theirs.annotator(name))  # the other process wins the race
            return found

        monkeypatch.setattr(Project, "find_annotator", find_then_lose_the_race)
        dana = mine.annotator("dana")
        assert dana == raced[0]


@pytest.mark.parametrize("in_sql", [65_536, 0], ids=["short: substr", "long: kept text"])
def test_a_slice_comes_from_the_document_asked_about(project: Project, in_sql: int,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Both ways of slicing give code points, and a document that took a deleted one's
    id is not sliced from the old text."""
    monkeypatch.setattr(repo_documents, "SLICED_IN_SQL", in_sql)
    text = "Путин 👩‍👩‍👧 می‌خواهند\r\nend"
    first, _ = project.add_document(Document(title="a", text=text))
    assert first.id is not None
    assert project.document_slice(first.id, 6, 14) == (len(text), text[6:14])
    assert project.document_slice(first.id, -3, 2) == (len(text), "Пу")
    assert project.document_slice(first.id, 5, 2) == (len(text), "")
    with project.transaction():  # as a team sync deletes a document
        project.conn.execute("DELETE FROM documents WHERE id = ?", (first.id,))
    second, _ = project.add_document(Document(title="b", text="Another text"))
    assert second.id == first.id  # SQLite gave the id again
    assert project.document_slice(second.id, 0, 7) == (12, "Another")
