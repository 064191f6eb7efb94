"""Saved web pages (``.html``/``.htm``): the article's main text and its metadata
(issue 10, item 1).

The main text (without navigation, cookie banners, share buttons, related links and
footers) is found by trafilatura, a well-kept extractor made for news pages, whose
metadata (title, author, date via htmldate, site name, canonical URL) goes to ``meta``;
the language comes from the page's ``lang`` attribute. Each paragraph, heading or list
item becomes one line, and the headline is the first line unless the text already starts
with it. Only that plain text is stored: markup is never interpreted in the window
(PRODUCT §3).

Two things trafilatura does not do are done here:

- It deletes every character Python calls non-printable, which would turn Persian
  ``می‌خواهم`` (with a zero-width non-joiner) into ``میخواهم``, break emoji ZWJ
  sequences and drop bidi marks. Format characters (Unicode category Cf: ZWNJ, ZWJ,
  LRM/RLM, bidi isolates, ZWSP, tag characters) and private-use characters are
  therefore escaped as a printable token before extraction and restored after. The soft
  hyphen, a hyphenation hint, is left to be dropped.
- Nothing is fetched: the page is parsed from the file with lxml's HTML parser, which
  loads no DTD, entity, image or URL (trafilatura fetches only when given a URL).

Imported only when a web page is imported (about 250 ms, most of it lxml and htmldate).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import regex

from annotator.core.errors import InputError
from annotator.core.model import Document
from annotator.formats.text_import import decode_bytes, title_from

# A saved page is rarely above a few MB; past this it is no article page.
MAX_HTML_BYTES = 64 * 1024 * 1024
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Printable characters, none of which may occur in the page, framing an escaped one's
# hexadecimal code point: letters of CJK Extension B, so text heuristics see a word.
_SENTINELS = ("\U0002a6d6", "\U0002a6d5", "\U0002a6d4", "\U0002a6d3")


def read_html(path: Path, *, source: str) -> Document:
    """One saved web page as a (not yet stored) document."""
    try:
        size = path.stat().st_size
        if size > MAX_HTML_BYTES:
            raise InputError(f"is {size // 2**20} MB, too large for a web page "
                             f"(at most {MAX_HTML_BYTES // 2**20} MB)", path=str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})", path=str(path)) from None
    page = _decode(data, str(path))
    return html_document(page, path.name, source=source, path=str(path))


def html_document(page: str, filename: str, *, source: str, path: str = "") -> Document:
    """The article in ``page`` (HTML markup) as a document; ``InputError`` if none."""
    import lxml.html  # only for web pages: not part of start-up
    import trafilatura
    from lxml.etree import ParserError

    escape = _Escape(page)
    try:
        tree = lxml.html.document_fromstring(escape.apply(page), parser=_parser())
    except (ParserError, ValueError) as exc:
        raise InputError(f"not a readable web page ({exc})", path=path or filename) from None
    language = _language(tree)
    found: Any = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, include_links=False, deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True})
    text = escape.undo(found.text or "") if found is not None else ""
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        raise InputError("no article text found in the web page (empty after extraction)",
                         path=path or filename)
    title = escape.undo(found.title or "").strip()
    if title and lines[0] != title:
        lines.insert(0, title)
    body = "\n".join(lines)
    meta: dict[str, Any] = {"filename": filename}
    for key, value in (("author", found.author), ("date", found.date),
                       ("outlet", found.sitename or found.hostname), ("url", found.url),
                       ("language", language)):
        if isinstance(value, str) and value.strip():
            meta[key] = escape.undo(value).strip()
    return Document(title=title or title_from(body, filename), text=body, source=source,
                    meta=meta)


def _parser() -> Any:
    import lxml.html

    # No network, no DTD: the libxml2 HTML parser expands no custom entities anyway.
    return lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                default_doctype=False)


def _language(tree: Any) -> str | None:
    value = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not value:
        for meta in tree.iter("meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                value = meta.get("content")
                break
    return value.strip() if isinstance(value, str) and value.strip() else None


def _decode(data: bytes, path: str) -> str:
    """Bytes to text: a byte-order mark, else the page's declared charset, else as any
    text file (strict UTF-8, then confident detection, PRODUCT §3)."""
    declared = None if data[:4] in (b"\xef\xbb\xbf<", b"\xff\xfe<\x00") else _CHARSET.search(
        data[:4096])
    if declared is not None:
        name = declared.group(1).decode("ascii").lower()
        # Browsers read a page declared as Latin-1 as Windows-1252 (WHATWG encoding).
        name = {"iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252"}.get(
            name, name)
        try:
            return decode_bytes(data, path=path, encoding=name).text
        except InputError:
            if name not in ("utf-8", "utf8"):
                raise
            # A page that claims UTF-8 but is not: decide as for any text file.
    return decode_bytes(data, path=path).text


class _Escape:
    """Escapes the characters trafilatura would delete as a printable token, and back."""

    def __init__(self, page: str) -> None:
        self.mark = next((s for s in _SENTINELS if s not in page), "")
        if not self.mark:
            raise InputError("holds every escape character this importer uses")
        self._token = re.compile(f"{self.mark}([0-9a-f]{{1,6}}){self.mark}")

    def apply(self, page: str) -> str:
        # Entities (&zwnj; &#8204;) are resolved first so that they are escaped too.
        page = _ENTITY.sub(_entity_char, page)
        return str(_KEPT.sub(lambda m: f"{self.mark}{ord(m.group(0)):x}{self.mark}", page))

    def undo(self, text: str) -> str:
        return str(self._token.sub(lambda m: chr(int(m.group(1), 16)), text))


_KEPT = regex.compile(r"[\p{Cf}\p{Co}--\xad]", regex.V1)
# Only the entities of format characters; every other entity is the parser's business.
_NAMED = {"zwnj": "\u200c", "zwj": "\u200d", "lrm": "\u200e", "rlm": "\u200f"}
_ENTITY = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(zwnj|zwj|lrm|rlm));")


def _entity_char(match: re.Match[str]) -> str:
    decimal, hexadecimal, name = match.groups()
    code = int(decimal) if decimal else int(hexadecimal, 16) if hexadecimal else None
    if code is None:
        return _NAMED[name]
    if code > 0x10FFFF:
        return match.group(0)
    char = chr(code)
    return char if _KEPT.fullmatch(char) else match.group(0)
