"""PDF intake: the article's text, not the printed page's (issue 10, item 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from annotator.core.errors import InputError
from annotator.formats.importer import ImportOptions, import_paths
from annotator.formats.pdf_import import pdf_text, read_pdf
from annotator.store import Project
from tests.formats.pdf_fixture import make_pdf

BODY = [
    "Protests spread from the bazaar to the universities as the rial fell again and the",
    "authorities answered with force, according to witnesses in several cities across the",
    "country.",
    "The Kremlin said it would not tolerate foreign interference in the internal affairs of",
    "Iran, and the inter-",
    "national community called for restraint.",
]


def _pages() -> list[list[str]]:
    """Four pages: a running header and footer with the page number, the body split."""
    chunks = [BODY[:2], BODY[2:3], BODY[3:5], BODY[5:]]
    return [[f"The Daily Planet - {i + 1} January 2026", *chunk, f"Page {i + 1} of 4"]
            for i, chunk in enumerate(chunks)]


def test_headers_footers_hyphens_and_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "planet.pdf"
    path.write_bytes(make_pdf(_pages(), title="Unrest spreads", author="A. Reporter",
                              date="D:20260115093000Z"))
    doc = read_pdf(path, source="planet.pdf")
    assert doc.text == (
        "Protests spread from the bazaar to the universities as the rial fell again and the "
        "authorities answered with force, according to witnesses in several cities across "
        "the country.\n"
        "The Kremlin said it would not tolerate foreign interference in the internal affairs "
        "of Iran, and the international community called for restraint.")
    assert doc.title == "Unrest spreads"
    assert doc.meta == {"filename": "planet.pdf", "pages": 4, "author": "A. Reporter",
                        "date": "2026-01-15T09:30:00Z"}


def test_short_lines_stay_lines_and_two_pages_keep_their_first_lines() -> None:
    assert pdf_text(["Title of the piece\nBy A. Reporter\n3\n", "Short line.\nAnother."]) == \
        "Title of the piece\nBy A. Reporter\nShort line.\nAnother."


def test_a_scan_an_encrypted_file_and_a_fake_are_refused(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_pdf([[], []]))
    with pytest.raises(InputError, match=r"no text layer \(2 pages.*no OCR") as info:
        read_pdf(scan, source="scan.pdf")
    assert info.value.path == str(scan)
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(make_pdf(_pages()))
    writer = PdfWriter(clone_from=PdfReader(str(plain)))
    writer.encrypt("secret")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(InputError, match="encrypted"):
        read_pdf(locked, source="locked.pdf")
    fake = tmp_path / "fake.pdf"
    fake.write_text("not a pdf at all", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable PDF"):
        read_pdf(fake, source="fake.pdf")


def test_a_folder_with_a_bad_pdf_changes_nothing_unless_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.pdf").write_bytes(make_pdf(_pages()))
    (folder / "scan.pdf").write_bytes(make_pdf([[]]))
    (folder / "note.txt").write_text("A plain article.\n", encoding="utf-8")
    project = Project.memory()
    with pytest.raises(InputError, match=r"scan\.pdf"):
        import_paths(project, [folder], ImportOptions())
    assert project.document_count() == 0
    summary = import_paths(project, [folder], ImportOptions(skip_bad=True))
    assert project.document_count() == 2
    assert [Path(p).name for p, _ in summary.bad_files] == ["scan.pdf"]
