"""OpenDocument text files (``.odt``, LibreOffice's own format): one document per file
(issue 10, item 2, "if cheap": the format is a zip of XML, read here with the standard
library and no new dependency).

The text is the body's paragraphs and headings in order, one line each (those in tables
and lists where they stand), as LibreOffice shows them: ``<text:s text:c="3"/>`` is three
spaces, a tab is kept, a line break ends the line; footnotes and annotations (comments)
are left out of the running text. The title, author, date and language of ``meta.xml``
go to ``meta``. A zip bomb is refused as for Word files; expat refuses entity expansion
beyond a small factor (billion laughs), and no external entity is ever loaded.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from annotator.core.errors import InputError
from annotator.core.model import Document
from annotator.formats.docx_import import refuse_zip_bomb
from annotator.formats.text_import import title_from

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_DC = "http://purl.org/dc/elements/1.1/"
_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
_BLOCKS = {f"{{{_TEXT}}}p", f"{{{_TEXT}}}h"}
_SKIPPED = {f"{{{_TEXT}}}note", f"{{{_OFFICE}}}annotation", f"{{{_TEXT}}}tracked-changes"}


def read_odt(path: Path, *, source: str) -> Document:
    """One ``.odt`` file as a (not yet stored) document."""
    if not zipfile.is_zipfile(path):
        raise InputError("not an OpenDocument .odt file (not a zip archive; an encrypted "
                         "file is not read)", path=str(path))
    refuse_zip_bomb(path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "content.xml" not in names:
                raise InputError("not an OpenDocument text file (no content.xml)",
                                 path=str(path))
            if "META-INF/manifest.xml" in names and b"encryption-data" in archive.read(
                    "META-INF/manifest.xml"):
                raise InputError("the file is encrypted (password-protected)",
                                 path=str(path))
            content = ElementTree.fromstring(archive.read("content.xml"))
            meta_xml = (ElementTree.fromstring(archive.read("meta.xml"))
                        if "meta.xml" in names else None)
    except (zipfile.BadZipFile, ElementTree.ParseError) as exc:
        raise InputError(f"not a readable OpenDocument file ({exc})", path=str(path)) from None
    lines = [line for block in _blocks(content) for line in _block_lines(block)
             if line.strip()]
    if not lines:
        raise InputError("the OpenDocument file has no text", path=str(path))
    text = "\n".join(lines)
    meta: dict[str, Any] = {"filename": path.name}
    title = ""
    if meta_xml is not None:
        title = _first(meta_xml, f"{{{_DC}}}title")
        for key, tag in (("author", f"{{{_DC}}}creator"), ("author", f"{{{_META}}}initial-creator"),
                         ("date", f"{{{_META}}}creation-date"), ("date", f"{{{_DC}}}date"),
                         ("language", f"{{{_DC}}}language")):
            value = _first(meta_xml, tag)
            if value and key not in meta:
                meta[key] = value
    return Document(title=title or title_from(text, path.name), text=text, source=source,
                    meta=meta)


def _first(root: ElementTree.Element, tag: str) -> str:
    found = root.find(f".//{tag}")
    return " ".join("".join(found.itertext()).split()) if found is not None else ""


def _blocks(root: ElementTree.Element) -> Iterator[ElementTree.Element]:
    """Paragraphs and headings of the body in document order, outside notes."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag in _SKIPPED:
            continue
        if node.tag in _BLOCKS:
            yield node
            continue
        stack.extend(reversed(list(node)))


def _block_lines(block: ElementTree.Element) -> list[str]:
    parts: list[str] = []
    _inline(block, parts)
    return [line.strip(" ") for line in "".join(parts).split("\n")]


def _inline(node: ElementTree.Element, parts: list[str]) -> None:
    if node.text:
        parts.append(node.text)
    for child in node:
        tag = child.tag
        if tag == f"{{{_TEXT}}}s":
            parts.append(" " * int(child.get(f"{{{_TEXT}}}c", "1") or 1))
        elif tag == f"{{{_TEXT}}}tab":
            parts.append("\t")
        elif tag == f"{{{_TEXT}}}line-break":
            parts.append("\n")
        elif tag not in _SKIPPED:
            _inline(child, parts)
        if child.tail:
            parts.append(child.tail)
