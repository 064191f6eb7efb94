"""Importing .txt/.md files and folders: decoding (PRODUCT §3), titles, order, refusals."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.formats.importer import ImportOptions, import_paths
from annotator.formats.text_import import TITLE_MAX, decode_bytes, title_from
from annotator.paths import seeds_dir
from annotator.store import Project

from .conftest import MIXED_TEXT, Snapshot

RUSSIAN = ("Путин внимательно следит за событиями в Иране. Москва заявила о поддержке "
           "Тегерана. Эксперты сомневаются в устойчивости режима.\n")


@pytest.mark.parametrize("data", [
    MIXED_TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + MIXED_TEXT.encode("utf-8"),
    MIXED_TEXT.encode("utf-16"),  # with BOM, native order
    codecs.BOM_UTF16_LE + MIXED_TEXT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + MIXED_TEXT.encode("utf-16-be"),
    MIXED_TEXT.encode("utf-32"),
], ids=["utf8", "utf8-bom", "utf16", "utf16-le", "utf16-be", "utf32"])
def test_unicode_encodings_decode_to_the_same_text_without_bom(data: bytes) -> None:
    decoded = decode_bytes(data, path="a.txt")
    assert decoded.text == MIXED_TEXT
    assert not decoded.text.startswith("\ufeff")
    assert not decoded.detected


def test_crlf_and_lone_cr_become_newlines_and_nothing_else_changes() -> None:
    raw = "Iran 🇮🇷\r\nline two\rline three\n e\u0301 "
    assert decode_bytes(raw.encode("utf-8")).text == "Iran 🇮🇷\nline two\nline three\n e\u0301 "
    utf16 = raw.encode("utf-16")
    assert decode_bytes(utf16).text == "Iran 🇮🇷\nline two\nline three\n e\u0301 "


def test_text_is_not_unicode_normalised() -> None:
    nfd = "cafe\u0301 and caf\u00e9"
    assert decode_bytes(nfd.encode("utf-8")).text == nfd


def test_a_legacy_encoding_is_detected_when_unambiguous() -> None:
    decoded = decode_bytes(RUSSIAN.encode("cp1251"), path="ru.txt")
    assert decoded.text == RUSSIAN
    assert decoded.detected and decoded.encoding == "cp1251"


@pytest.mark.parametrize("data, reason", [
    ("Le café était fermé à cause des grèves à Téhéran, selon les témoins. "
     "Les manifestants réclamaient la fin du régime.".encode("latin-1") * 3, "ambiguous"),
    ("Путин".encode("cp1251"), "too short"),
], ids=["latin1-vs-cp1250", "short"])
def test_an_encoding_that_cannot_be_told_for_sure_is_refused_by_name(data: bytes,
                                                                     reason: str) -> None:
    with pytest.raises(InputError) as err:
        decode_bytes(data, path="folder/article.txt")
    assert str(err.value).startswith("folder/article.txt: ")
    assert "--encoding" in str(err.value)


def test_a_named_encoding_is_used_as_given() -> None:
    text = "Le café était fermé à Téhéran.\n"
    assert decode_bytes(text.encode("latin-1"), encoding="latin-1").text == text
    with pytest.raises(InputError, match="unknown encoding"):
        decode_bytes(b"x", encoding="klingon")
    with pytest.raises(InputError, match="cannot be decoded as utf-8"):
        decode_bytes("é".encode("latin-1") + b" text", path="a.txt", encoding="utf-8")


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b" \n\t\r\n ", "only whitespace"),
    ("  \n".encode("utf-16"), "only whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (bytes(range(1, 32)) * 10, "binary"),
    (codecs.BOM_UTF8 + b"ok \xff\xfe broken", "not valid"),
], ids=["empty", "whitespace", "utf16-whitespace", "png", "controls", "bad-after-bom"])
def test_bad_files_are_refused_naming_the_file(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as err:
        decode_bytes(data, path="in/bad.txt")
    assert err.value.path == "in/bad.txt"


def test_title_is_the_first_non_empty_line_capped_without_splitting_graphemes() -> None:
    assert title_from("\n\n  Iran protests  \nbody", "a.txt") == "Iran protests"
    assert title_from("# Heading\nbody", "a.md", markdown=True) == "Heading"
    assert title_from("# Heading", "a.txt") == "# Heading"
    long = "👨‍👩‍👧" * 150
    title = title_from(long, "a.txt")
    assert title.endswith("…") and len(title) <= TITLE_MAX + 1
    assert title[:-1] == "👨‍👩‍👧" * (len(title[:-1]) // len("👨‍👩‍👧"))
    assert title_from("a" * 300, "a.txt") == "a" * TITLE_MAX + "…"
    # The cut falls between the two halves of a flag: the whole flag goes.
    assert title_from("x" * 199 + "🇮🇷 and more" * 3, "a.txt") == "x" * 199 + "…"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_folder_import_is_recursive_sorted_and_skips_other_files(project: Project,
                                                                 tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "b.txt", "Second article\nbody")
    write(root / "a" / "z.md", "# Nested markdown\nbody")
    write(root / "a.txt", "\n\nFirst article\r\nbody")
    write(root / "notes.xlsx", b"PK\x03\x04")
    write(root / ".hidden.txt", "not imported")
    write(root / "C.TXT", "Upper-case suffix")
    summary = import_paths(project, [root])
    rows = [(d.title, d.source, d.meta) for d in project.iter_documents()]
    assert rows == [
        ("Upper-case suffix", "C.TXT", {"filename": "C.TXT"}),
        ("Nested markdown", "a/z.md", {"filename": "z.md"}),
        ("First article", "a.txt", {"filename": "a.txt"}),
        ("Second article", "b.txt", {"filename": "b.txt"}),
    ]
    assert summary.documents_added == 4
    assert sorted(Path(p).name for p in summary.files_skipped) == [".hidden.txt", "notes.xlsx"]
    first = project.find_document(sha256=project.get_document(3).sha256)
    assert first is not None and first.text == "\n\nFirst article\nbody"


def test_reimporting_the_same_texts_adds_nothing(project: Project, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "a.txt", MIXED_TEXT)
    write(root / "copy.txt", MIXED_TEXT.replace("\n", "\r\n"))  # same text once normalised
    first = import_paths(project, [root])
    again = import_paths(project, [root, root / "a.txt"])
    assert (first.documents_added, first.documents_matched) == (1, 1)
    assert (again.documents_added, again.documents_matched) == (0, 3)
    assert project.document_count() == 1


def test_one_bad_file_aborts_the_whole_import_and_names_it(project: Project, tmp_path: Path,
                                                           snapshot: Snapshot) -> None:
    import_paths(project, [write(tmp_path / "old.txt", "Already here")])
    before = snapshot(project)
    root = tmp_path / "corpus"
    write(root / "a.txt", "fine")
    write(root / "b.txt", b"")
    write(root / "c.txt", "also fine")
    with pytest.raises(InputError, match="empty") as err:
        import_paths(project, [root])
    assert err.value.path == str(root / "b.txt")
    assert snapshot(project) == before


def test_a_missing_or_unknown_path_fails_before_anything_is_read(project: Project,
                                                                 tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", "fine")
    with pytest.raises(InputError, match="no such file") as err:
        import_paths(project, [good, tmp_path / "missing.txt"])
    assert err.value.path == str(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="cannot import this kind of file"):
        import_paths(project, [write(tmp_path / "x.xlsx", b"PK")])
    assert project.document_count() == 0


def test_detected_encodings_are_reported(project: Project, tmp_path: Path) -> None:
    path = write(tmp_path / "ru.txt", RUSSIAN.encode("cp1251"))
    summary = import_paths(project, [path])
    assert summary.notes == [f"{path}: decoded as cp1251 (detected)"]
    forced = import_paths(project, [write(tmp_path / "fr.txt", "café à Paris".encode("latin-1"))],
                          ImportOptions(encoding="latin-1"))
    assert forced.documents_added == 1 and not forced.notes


def test_the_seed_articles_import_with_titles(project: Project) -> None:
    summary = import_paths(project, [seeds_dir()])
    docs = list(project.iter_documents())
    assert summary.documents_added == len(docs) == len(list(seeds_dir().glob("*.txt")))
    assert all(d.title and len(d.title) <= TITLE_MAX + 1 for d in docs)
    assert all("\r" not in d.text for d in docs)
    assert [d.source for d in docs] == sorted(p.name for p in seeds_dir().glob("*.txt"))


def test_raising_from_progress_cancels_and_rolls_back(project: Project, tmp_path: Path,
                                                      snapshot: Snapshot) -> None:
    """How the window's Cancel button stops a long import."""
    root = tmp_path / "corpus"
    for i in range(5):
        write(root / f"{i}.txt", f"article {i}")
    before = snapshot(project)
    seen: list[tuple[int, int]] = []

    class Cancelled(Exception):
        pass

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 3:
            raise Cancelled

    with pytest.raises(Cancelled):
        import_paths(project, [root], progress=progress)
    assert seen == [(1, 5), (2, 5), (3, 5)]
    assert snapshot(project) == before
