"""Word files (``.docx``): one document per file (issue 10, item 2).

The text is the body's paragraphs in order, one line each, with the paragraphs inside
tables (cell by cell, row by row) where the table stands; empty paragraphs are dropped.
Runs are joined as Word shows them: a tab is kept, a line break inside a paragraph
ends the line. Nothing else is changed, so offsets refer to exactly this text. The
title is the document's title property, else its first line; the author, the date
(``meta.date``, ISO 8601) and the language from the file's core properties go to
``meta``.

Read with python-docx (well kept, made for the format; imported only when a Word file
is imported). A file that is no Word document, an encrypted one, or one with no text is
refused by name, changing nothing.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import Document, utc_stamp
from annotator.formats.text_import import title_from


def read_docx(path: Path, *, source: str) -> Document:
    """One ``.docx`` file as a (not yet stored) document."""
    import docx  # only when a Word file is imported: not part of start-up

    if not zipfile.is_zipfile(path):
        raise InputError("not a Word .docx file (an encrypted or old .doc file is not "
                         "read: save it as .docx)", path=str(path))
    refuse_zip_bomb(path)
    try:
        word = docx.Document(str(path))
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"not a Word .docx file ({exc})", path=str(path)) from None
    lines = [line for line in _lines(word) if line.strip()]
    if not lines:
        raise InputError("the Word file has no text", path=str(path))
    text = "\n".join(lines)
    props = word.core_properties
    meta: dict[str, Any] = {"filename": path.name}
    created = utc_stamp(props.created) if props.created else None
    for key, value in (("author", props.author), ("date", created),
                       ("language", props.language)):
        if isinstance(value, str) and value.strip():
            meta[key] = value.strip()
    title = (props.title or "").strip()
    return Document(title=title or title_from(text, path.name), text=text, source=source,
                    meta=meta)


# A Word file's parts unpack to at most this much, and at most this many times their
# packed size (ordinary files: 2-10 times): beyond, a "zip bomb" is refused unread.
MAX_UNPACKED = 512 * 1024 * 1024
MAX_RATIO = 200


def refuse_zip_bomb(path: Path) -> None:
    """Refuse, unread, a zip archive (Word, OpenDocument) that unpacks far too big."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"not a readable zip archive ({exc})", path=str(path)) from None
    unpacked = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if unpacked > MAX_UNPACKED or (unpacked > 10 * 1024 * 1024 and
                                   unpacked / packed > MAX_RATIO):
        raise InputError(f"refused: its parts would unpack to {unpacked / 1e6:,.0f} MB from "
                         f"{packed / 1e6:,.1f} MB (a zip bomb?)", path=str(path))


def _lines(word: Any) -> Iterator[str]:
    """The body's paragraphs, tables' cells in place, as lines."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in word.iter_inner_content():
        if isinstance(block, Paragraph):
            yield from block.text.replace("\r", "\n").split("\n")
        elif isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()  # a merged cell is listed once per grid column
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    for paragraph in cell.paragraphs:
                        yield from paragraph.text.replace("\r", "\n").split("\n")


