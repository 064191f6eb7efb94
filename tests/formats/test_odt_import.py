"""OpenDocument text (issue 10, item 2): paragraphs, headings, lists and tables as lines,
spaces and tabs as LibreOffice shows them, footnotes and comments left out; bad files
are refused by name and change nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.formats.importer import ImportOptions, import_paths
from annotator.store import Project

from .conftest import dump

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')

BODY = """
<text:h text:outline-level="1">Кремль осуждает «вмешательство Запада»</text:h>
<text:p>مردم می‌خواهند<text:note><text:note-citation>1</text:note-citation>
<text:note-body><text:p>A footnote.</text:p></text:note-body></text:note> صدای خود 🇮🇷</text:p>
<text:p/>
<text:p>Two<text:s text:c="3"/>spaces<text:tab/>and a tab<text:line-break/>then a new line
<office:annotation><text:p>a reviewer's comment</text:p></office:annotation></text:p>
<text:list><text:list-item><text:p>first item 👨‍👩‍👧</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>left</text:p></table:table-cell>
<table:table-cell><text:p><text:span>right</text:span> cell</text:p></table:table-cell>
</table:table-row></table:table>
"""


def odt(path: Path, body: str = BODY, *, meta: bool = True, doctype: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
                         f'<office:document-content {NS}><office:body><office:text>'
                         f'{body}</office:text></office:body></office:document-content>')
        if meta:
            archive.writestr("meta.xml", f'<office:document-meta {NS}><office:meta>'
                             "<dc:title>Kremlin line</dc:title><dc:creator>Иван Петров"
                             "</dc:creator><meta:creation-date>2026-02-01T07:00:00"
                             "</meta:creation-date><dc:language>ru-RU</dc:language>"
                             "</office:meta></office:document-meta>")
    return path


def test_paragraphs_as_libreoffice_shows_them(project: Project, tmp_path: Path) -> None:
    assert import_paths(project, [odt(tmp_path / "tass.odt")]).documents_added == 1
    (doc,) = [project.get_document(i) for i in project.document_ids()]
    assert doc.text == "\n".join([
        "Кремль осуждает «вмешательство Запада»", "مردم می‌خواهند صدای خود 🇮🇷",
        "Two   spaces\tand a tab", "then a new line", "first item 👨‍👩‍👧", "left",
        "right cell"])
    assert doc.title == "Kremlin line"
    assert doc.meta == {"filename": "tass.odt", "author": "Иван Петров",
                        "date": "2026-02-01T07:00:00", "language": "ru-RU"}


def test_without_metadata_the_first_line_is_the_title(project: Project,
                                                      tmp_path: Path) -> None:
    import_paths(project, [odt(tmp_path / "a.odt", meta=False)])
    (doc,) = [project.get_document(i) for i in project.document_ids()]
    assert doc.title == "Кремль осуждает «вмешательство Запада»"


@pytest.mark.parametrize(("kind", "reason"), [
    ("not a zip", "not an OpenDocument .odt file"),
    ("empty", "has no text"),
    ("laughs", "not a readable OpenDocument file"),
])
def test_a_bad_file_is_named_and_changes_nothing(project: Project, tmp_path: Path,
                                                 kind: str, reason: str) -> None:
    bad = tmp_path / "bad.odt"
    if kind == "not a zip":
        bad.write_bytes(b"PK? no")
    elif kind == "empty":
        odt(bad, "<text:p> </text:p>")
    else:
        entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
        odt(bad, "<text:p>&l9;</text:p>",
            doctype=f'<!DOCTYPE office:document-content [<!ENTITY l0 "lol">{entities}]>')
    good = odt(tmp_path / "good.odt")
    before = dump(project)
    with pytest.raises(InputError, match=reason) as err:
        import_paths(project, [good, bad])
    assert err.value.path == str(bad) and dump(project) == before
    summary = import_paths(project, [good, bad], ImportOptions(skip_bad=True))
    assert summary.documents_added == 1 and [p for p, _ in summary.bad_files] == [str(bad)]
