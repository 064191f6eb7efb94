"""Plain-text articles (.txt, .md): decoding, titles, single files and whole folders.

Decoding follows PRODUCT §3: a byte-order mark decides (UTF-8, UTF-16, UTF-32); without
one, strict UTF-8; anything else is detected with charset-normalizer only when the
detection is unambiguous, otherwise the file is refused by name (``--encoding`` forces
one). Line endings become ``\\n``; nothing else is changed, since offsets will refer to
exactly this text.

A folder is one transaction with its caller: one bad file aborts the whole import and
names the file, and the project is left as it was (PRODUCT §8).
"""

from __future__ import annotations

import codecs
import importlib
import re
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from annotator.core.errors import InputError
from annotator.core.model import Document
from annotator.core.spans import GraphemeIndex
from annotator.formats.summary import ImportSummary, Progress, no_progress
from annotator.store import Project

DOCX_SUFFIXES = (".docx",)  # a Word file is one article too (docx_import)
PDF_SUFFIXES = (".pdf",)  # and so is a PDF with a text layer (pdf_import)
RTF_SUFFIXES = (".rtf",)  # and an RTF file (its plain text, via striprtf)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")  # and a saved web page (html_import)
ODT_SUFFIXES = (".odt",)  # and an OpenDocument text (odt_import)
TEXT_SUFFIXES = (".txt", ".md", *DOCX_SUFFIXES, *PDF_SUFFIXES, *RTF_SUFFIXES,
                 *HTML_SUFFIXES, *ODT_SUFFIXES)
# Files that may hold a news database's export of many articles (news_exports).
EXPORT_SUFFIXES = (".txt", *DOCX_SUFFIXES, *RTF_SUFFIXES)
TITLE_MAX = 200

# Longest BOMs first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Detection below this many non-ASCII bytes is guesswork ("Путин" in cp1251 reads as
# Shift-JIS with full confidence).
_MIN_DETECT_BYTES = 16
_MAX_CHAOS = 0.1
# Rival guesses this close to the best one, decoding to a different text, make it a coin
# toss (Latin-1 French scores the same as cp1250, which turns "à" into "ŕ").
_RIVAL_CHAOS = 0.05
_RIVAL_COHERENCE = 0.1
# Control characters other than tab, line feed, CR, VT and FF. A stray one (a DOS
# end-of-file ^Z) is tolerated and kept; many of them mean a binary file.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    detected: bool  # True when guessed by charset-normalizer


def decode_bytes(data: bytes, *, path: str = "", encoding: str | None = None) -> Decoded:
    """Decode a text file's bytes per PRODUCT §3, or raise ``InputError`` naming ``path``."""
    if not data.strip():
        raise InputError("the file is empty" if not data else "the file has only whitespace",
                         path=path)
    decoded = _decode_auto(data, path) if encoding is None else _decode_as(data, encoding, path)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("the file has only whitespace", path=path)
    if len(_CONTROLS.findall(text)) > 1 + len(text) // 1000:
        raise InputError("looks like a binary file (control characters), not text", path=path)
    return Decoded(text, decoded.encoding, decoded.detected)


def _decode_as(data: bytes, encoding: str, path: str) -> Decoded:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path=path) from None
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8") and data.startswith(
            codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    try:
        return Decoded(data.decode(encoding), encoding, False)
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot be decoded as {encoding} (byte {exc.start})",
                         path=path) from None


def _decode_auto(data: bytes, path: str) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec.removesuffix("-sig"), False)
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {codec.removesuffix('-sig').upper()} "
                                 f"byte-order mark but is not valid {codec} "
                                 f"(byte {exc.start})", path=path) from None
    if b"\x00" in data:
        raise InputError("looks like a binary file (NUL bytes), not text; UTF-16 text needs "
                         "a byte-order mark", path=path)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        pass
    guess = _detect(data)
    if guess is None:
        raise InputError("is not UTF-8 and its encoding cannot be detected with confidence; "
                         "save it as UTF-8 or name the encoding (--encoding)", path=path)
    return Decoded(data.decode(guess), guess, True)


def _detect(data: bytes) -> str | None:
    """The encoding charset-normalizer is sure of, or None."""
    if sum(1 for b in data if b >= 0x80) < _MIN_DETECT_BYTES:
        return None
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    if best.chaos > _MAX_CHAOS:
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    for rival in matches:
        if rival is best:
            continue
        close = (rival.chaos <= best.chaos + _RIVAL_CHAOS
                 and rival.coherence >= best.coherence - _RIVAL_COHERENCE)
        if close and _decodes_differently(data, rival.encoding, text):
            return None
    return str(best.encoding)


def _decodes_differently(data: bytes, encoding: str, text: str) -> bool:
    try:
        return data.decode(encoding) != text
    except (UnicodeDecodeError, LookupError):
        return False


def title_from(text: str, filename: str, *, markdown: bool = False) -> str:
    """The first non-empty line (Markdown heading marks removed), capped at ``TITLE_MAX``
    code points without splitting a grapheme; the file name when there is none."""
    for line in text.split("\n"):
        title = line.strip()
        if markdown:
            title = title.lstrip("#").strip()
        if title:
            break
    else:
        return filename
    if len(title) > TITLE_MAX:
        head = title[:TITLE_MAX + 1]
        cut = TITLE_MAX
        # Between two ASCII characters there is always a grapheme boundary (CR LF aside,
        # and lines hold no CR); only elsewhere is the costlier segmentation needed.
        if not head[cut - 1:].isascii():
            cut = GraphemeIndex(head).floor(TITLE_MAX)
        title = head[:cut].rstrip() + "…"
    return title


# Files read by their own module (which reads titles from here): suffix -> (module,
# function, what ``Decoded.encoding`` says).
_READERS = {
    **{suffix: ("docx_import", "read_docx", "docx") for suffix in DOCX_SUFFIXES},
    **{suffix: ("pdf_import", "read_pdf", "pdf") for suffix in PDF_SUFFIXES},
    **{suffix: ("odt_import", "read_odt", "odt") for suffix in ODT_SUFFIXES},
    **{suffix: ("html_import", "read_html", "html") for suffix in HTML_SUFFIXES},
}


def read_text_document(path: Path, *, source: str, encoding: str | None = None
                       ) -> tuple[Document, Decoded]:
    """Read one article file (text, Markdown, RTF, Word, OpenDocument, PDF, web page)
    into a (not yet stored) ``Document``."""
    reader = _READERS.get(path.suffix.lower())
    if reader is not None:
        # Each imports its library only when its kind of file comes (not at start-up).
        module, function, kind = reader
        read = getattr(importlib.import_module(f"annotator.formats.{module}"), function)
        doc = read(path, source=source)
        return doc, Decoded(doc.text, kind, detected=False)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})", path=str(path)) from None
    if path.suffix.lower() in RTF_SUFFIXES:
        data = _rtf_text(data, str(path)).encode("utf-8")
        encoding = "utf-8"
    decoded = decode_bytes(data, path=str(path), encoding=encoding)
    title = title_from(decoded.text, path.name, markdown=path.suffix.lower() == ".md")
    doc = Document(title=title, text=decoded.text, source=source, meta={"filename": path.name})
    return doc, decoded


def _rtf_text(data: bytes, path: str) -> str:
    """The plain text of an RTF file (7-bit: non-ASCII comes as \\uN and \\'hh escapes,
    which striprtf decodes; pictures and fields are dropped). Small and pure Python,
    imported only for an RTF file (3 ms)."""
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip().startswith(b"{\\rtf"):
        raise InputError("not an RTF file (it does not start with {\\rtf)", path=path)
    try:
        text = str(rtf_to_text(data.decode("latin-1"), errors="strict"))  # type: ignore[no-untyped-call]
        # Characters beyond U+FFFF (emoji, flags) come as two \\u escapes, UTF-16
        # surrogates: joined here into one code point each (PRODUCT §3).
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except (UnicodeError, ValueError, IndexError) as exc:
        raise InputError(f"not a readable RTF file ({exc})", path=path) from None
    return "\n".join(line.rstrip() for line in text.splitlines())


def is_hidden(relative: Path) -> bool:
    """A path inside a folder that is hidden (``.git/…``, ``.DS_Store``)."""
    return any(part.startswith(".") for part in relative.parts)


def collect_text_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """(article files under ``folder``, everything else), both sorted by relative path.

    Hidden files and folders (``.git``, ``.DS_Store``) count as skipped, and so does a
    saved web page's folder of parts (``page_files/`` beside ``page.html``).
    """
    files: list[Path] = []
    skipped: list[Path] = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        if is_hidden(path.relative_to(folder)) or _in_page_parts(path, folder):
            skipped.append(path)
        elif path.suffix.lower() in TEXT_SUFFIXES:
            files.append(path)
        else:
            skipped.append(path)
    key = lambda p: p.relative_to(folder).parts  # noqa: E731
    return sorted(files, key=key), sorted(skipped, key=key)


def _in_page_parts(path: Path, folder: Path) -> bool:
    """Inside ``X_files/`` (or ``X-Dateien``...) saved by a browser beside ``X.html``."""
    for parent in path.relative_to(folder).parents:
        name = parent.name
        for marker in ("_files", "-Dateien", "_fichiers", "_archivos"):
            if name.endswith(marker) and any(
                    (folder / parent.parent / (name[:-len(marker)] + suffix)).exists()
                    for suffix in HTML_SUFFIXES):
                return True
    return False


def import_text_files(project: Project, files: list[tuple[Path, str]],
                      summary: ImportSummary, *, encoding: str | None = None,
                      progress: Progress = no_progress, skip_bad: bool = False) -> None:
    """Add each (file, source) as a document, in the caller's transaction.

    A text already in the project (same SHA-256) is counted as matched, not added twice.
    With ``skip_bad`` a file that cannot be read as text is listed in
    ``summary.bad_files`` instead of stopping the import.
    """
    from annotator.formats.news_exports import split_export

    total = len(files)
    for done, (path, source) in enumerate(files, start=1):
        try:
            doc, decoded = read_text_document(path, source=source, encoding=encoding)
            # A Nexis or Factiva export is many articles in one file.
            articles = (split_export(doc.text, str(path))
                        if path.suffix.lower() in EXPORT_SUFFIXES else None)
        except InputError as exc:
            if not skip_bad:
                raise
            summary.bad_files.append((str(path), exc.reason))
            progress(done, total)
            continue
        if decoded.detected:
            summary.notes.append(f"{path}: decoded as {decoded.encoding} (detected)")
        if articles is None:
            summary.count_document(project.add_document(doc)[1])
        else:
            for number, article in enumerate(articles, start=1):
                summary.count_document(project.add_document(Document(
                    title=article.title, text=article.text, source=f"{source}#{number}",
                    meta={"filename": path.name, "export_index": number,
                          **article.meta}))[1])
            summary.notes.append(f"{path}: a {articles[0].meta['export'].capitalize()} "
                                 f"export of {len(articles)} articles, one document each"
                                 if articles else f"{path}: an export without articles")
        progress(done, total)
