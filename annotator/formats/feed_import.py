"""RSS and Atom feeds (``.rss``, ``.atom``, ``.xml``): one document per entry.

A researcher following outlets saves their feeds; each entry becomes a document whose
text is the entry's content (else its summary) as plain text, with the metadata every
analysis by outlet and over time needs (issue 10, item 4):

* ``outlet``: the feed's title; ``url``: the entry's link; ``date``: ISO 8601 in UTC,
  from the entry's published (else updated) date, as ``docfilter`` reads it;
  ``author``, ``language`` (the entry's, else the feed's), ``guid`` (the entry's id),
  ``feed`` (the feed's own link) and ``filename``, where the feed gives them.
* Markup is never kept (PRODUCT §3): the entry's HTML is read for its text only, block
  elements (paragraphs, line breaks, list items, headings) ending lines and entities
  decoded; runs of spaces inside a line become one space.
* Nothing is fetched: feedparser reads the file's bytes, never a URL.

The feed is parsed with feedparser (well kept, made for exactly this, lenient about the
many dialects of RSS). Malformed XML is refused by file and line, changing nothing;
an entry with no text is left out and counted; an XML file that is no feed is refused.
Documents are matched by text as any import, so importing a feed again (or a later copy
that repeats entries) adds only the new entries.
"""

from __future__ import annotations

import calendar
import re
import time
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import Document, utc_stamp
from annotator.core.wording import count
from annotator.formats.summary import ImportSummary, Progress, no_progress
from annotator.formats.text_import import title_from
from annotator.store import Project

FEED_SUFFIXES = (".rss", ".atom", ".xml")
_BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                     "blockquote", "pre", "tr", "table", "section", "article", "figure",
                     "figcaption", "hr", "header", "footer"})
_SKIPPED = frozenset({"script", "style", "template", "noscript"})
_TAG = re.compile(r"<(?:[a-zA-Z][\w-]*|/[a-zA-Z]|!--)")


def import_feed(project: Project, path: Path, summary: ImportSummary, *,
                progress: Progress = no_progress) -> None:
    """Import one feed file in the caller's transaction (see the module docstring)."""
    docs, empty = read_feed(path)
    for done, doc in enumerate(docs, start=1):
        summary.count_document(project.add_document(doc)[1])
        progress(done, len(docs))
    if empty:
        summary.notes.append(f"{path.name}: left out {count(empty, 'entry', 'entries')} "
                             "with no text")


def read_feed(path: Path) -> tuple[list[Document], int]:
    """The feed's entries as (not yet stored) documents, and how many had no text."""
    import feedparser  # only when a feed is imported: not part of start-up

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})", path=str(path)) from None
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    _check(parsed, path)
    feed = parsed.get("feed", {})
    docs: list[Document] = []
    empty = 0
    for number, entry in enumerate(parsed.get("entries", []), start=1):
        text = _entry_text(entry)
        if not text:
            empty += 1
            continue
        title = plain_text(str(entry.get("title") or "")).replace("\n", " ").strip()
        docs.append(Document(title=title or title_from(text, path.name), text=text,
                             source=f"{path.name}#{number}",
                             meta=_meta(entry, feed, path.name)))
    return docs, empty


def _check(parsed: Any, path: Path) -> None:
    """Refuse malformed XML (by line) and XML that is no feed."""
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    line = getattr(problem, "getLineNumber", None)
    if problem is not None and callable(line):  # an XML syntax error (SAX)
        message = getattr(problem, "getMessage", lambda: str(problem))()
        raise InputError(f"malformed XML: {message}", path=str(path), line=line())
    if not parsed.get("version"):
        raise InputError("not an RSS or Atom feed", path=str(path))


def _entry_text(entry: Any) -> str:
    """The entry's longest content, else its summary, as plain text."""
    contents = [str(c.get("value") or "") for c in entry.get("content") or []]
    best = max(contents, key=len, default="")
    return plain_text(best) or plain_text(str(entry.get("summary") or ""))


def _meta(entry: Any, feed: Any, filename: str) -> dict[str, Any]:
    meta: dict[str, Any] = {"filename": filename}
    for key, value in (("outlet", feed.get("title")), ("url", entry.get("link")),
                       ("date", _iso(entry.get("published_parsed")
                                     or entry.get("updated_parsed"))),
                       ("author", entry.get("author")),
                       ("language", entry.get("language") or feed.get("language")),
                       ("guid", entry.get("id")), ("feed", feed.get("link"))):
        if isinstance(value, str) and value.strip():
            meta[key] = plain_text(value) if key in ("outlet", "author") else value.strip()
    return meta


def _iso(parsed: time.struct_time | None) -> str | None:
    """A feedparser date (a UTC ``struct_time``) as ISO 8601."""
    if parsed is None:
        return None
    return utc_stamp(datetime.fromtimestamp(calendar.timegm(parsed), UTC))


def plain_text(markup: str) -> str:
    """The text of an HTML fragment: block elements end lines, entities decoded, runs of
    spaces in a line one space, blank lines dropped; in HTML a line break of the source
    is a space. Plain text keeps its lines."""
    reader = _TextReader(html=bool(_TAG.search(markup)))
    reader.feed(markup)
    reader.close()
    lines = (" ".join(line.split()) for line in "".join(reader.parts).split("\n"))
    return "\n".join(line for line in lines if line)


class _TextReader(HTMLParser):
    def __init__(self, *, html: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._html = html  # in HTML a line break of the source is a space
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data.replace("\n", " ") if self._html else data)
