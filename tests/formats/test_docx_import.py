"""Word files (issue 10, item 2): paragraphs as lines, tables in place, the file's title,
author, date and language in ``meta``; a file that is no Word document changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest

from annotator.core.errors import InputError
from annotator.formats.importer import ImportOptions, import_paths
from annotator.store import Project

from .conftest import dump

PERSIAN = "مردم می‌خواهند صدای خود را برسانند."
FAMILY = "Family: 👨‍👩‍👧 and Iran 🇮🇷."


def word_file(path: Path, *, title: str = "Кремль осуждает") -> Path:
    word = docx.Document()
    word.add_paragraph("Кремль осуждает «вмешательство Запада».")
    word.add_paragraph("")
    word.add_paragraph(PERSIAN)
    table = word.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Merged head"
    table.cell(1, 0).text, table.cell(1, 1).text = "left", "right"
    broken = word.add_paragraph("Line one")
    broken.add_run().add_break()
    broken.add_run("line two\tafter a tab")
    word.add_paragraph(FAMILY)
    props = word.core_properties
    props.title, props.author, props.language = title, "Иван Петров", "ru-RU"
    props.created = datetime(2026, 2, 1, 7, 0, tzinfo=UTC)
    word.save(str(path))
    return path


def test_paragraphs_tables_and_properties(project: Project, tmp_path: Path) -> None:
    summary = import_paths(project, [word_file(tmp_path / "tass.docx")])
    assert summary.documents_added == 1
    (doc,) = [project.get_document(i) for i in project.document_ids()]
    assert doc.text == "\n".join(["Кремль осуждает «вмешательство Запада».", PERSIAN,
                                  "Merged head", "left", "right", "Line one",
                                  "line two\tafter a tab", FAMILY])
    assert doc.title == "Кремль осуждает" and doc.source == "tass.docx"
    assert doc.meta == {"filename": "tass.docx", "author": "Иван Петров",
                        "date": "2026-02-01T07:00:00Z", "language": "ru-RU"}
    assert import_paths(project, [tmp_path / "tass.docx"]).documents_matched == 1


def test_a_folder_with_word_and_text_files(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    word_file(folder / "a.docx", title="")
    (folder / "b.txt").write_text("A plain article.\n", encoding="utf-8")
    summary = import_paths(project, [folder])
    assert summary.documents_added == 2
    titles = sorted(project.get_document(i).title for i in project.document_ids())
    assert titles == ["A plain article.", "Кремль осуждает «вмешательство Запада»."]


@pytest.mark.parametrize(("content", "reason"), [
    (b"{\\rtf1 not a zip}", "not a Word .docx file"),
    (None, "the Word file has no text"),
])
def test_a_bad_word_file_is_named_and_changes_nothing(
        project: Project, tmp_path: Path, content: bytes | None, reason: str) -> None:
    path = tmp_path / "bad.docx"
    if content is None:
        docx.Document().save(str(path))
    else:
        path.write_bytes(content)
    good = word_file(tmp_path / "good.docx")
    before = dump(project)
    with pytest.raises(InputError, match=reason) as err:
        import_paths(project, [good, path])
    assert err.value.path == str(path)
    assert dump(project) == before
    summary = import_paths(project, [good, path], ImportOptions(skip_bad=True))
    assert summary.documents_added == 1 and [p for p, _ in summary.bad_files] == [str(path)]


def test_a_zip_bomb_is_refused_unread(tmp_path: Path) -> None:
    import zipfile

    from annotator.formats.docx_import import read_docx

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (64 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(InputError, match="zip bomb"):
        read_docx(bomb, source="bomb.docx")
