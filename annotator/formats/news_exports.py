"""News-database exports: one file holding many articles, split into one document each
with its metadata (issue 10, item 3).

- **Nexis Uni / LexisNexis** (``.docx`` or ``.txt``): articles end with a line "End of
  Document"; each starts with its headline, the outlet and the date, then fields
  ("Section:", "Length: 834 words", "Byline:", "Dateline:", "Highlight:"), "Body", the
  text, and after it "Classification" with "Language:" and "Load-Date:". Older exports
  put "3 of 120 DOCUMENTS" above each article.
- **Factiva** (a ``.txt`` or ``.rtf`` saved as text, "Full Article/Report plus Indexing"):
  fields under two-letter codes at the start of a line (HD headline, BY byline, WC word
  count, PD date, SN source, SE section, LA language, LP lead paragraph, TD text), each
  article ending with "AN Document …" (its accession number).

The stored text is the headline, then the body's paragraphs, one per line (offsets
refer to exactly that). ``meta`` gets outlet, date (ISO 8601), author, length (words),
section, language and the export's own id where it has one. A file that is not such an
export (no article end marker) is left to be read as one article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from annotator.core.errors import InputError

_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"), start=1)}
_MONTH = "(" + "|".join(_MONTHS) + ")"
_US_DATE = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)
_EU_DATE = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})\b", re.IGNORECASE)
_NEXIS_END = "end of document"
_NEXIS_COUNTER = re.compile(r"^\s*\d+\s+of\s+\d+\s+documents?\s*$", re.IGNORECASE)
_NEXIS_FIELD = re.compile(r"^(Section|Length|Byline|Dateline|Highlight|Edition|"
                          r"Copyright|Language|Load-Date|Publication-Type|Subject|"
                          r"Geographic|Graphic|Notes|Correction|Type):\s*(.*)$")
_FACTIVA_CODE = re.compile(r"^([A-Z]{2})(?:\s{2,}|\t|\s*$)(.*)$")
_FACTIVA_END = re.compile(r"^(?:AN\s+)?Document\s+([A-Za-z0-9]{10,})\s*$")


@dataclass
class Article:
    title: str
    paragraphs: list[str]
    meta: dict[str, Any] = field(default_factory=dict)
    line: int = 0  # where it starts in the file, for messages

    @property
    def text(self) -> str:
        return "\n".join([self.title, *self.paragraphs])


def split_export(text: str, path: str = "") -> list[Article] | None:
    """The articles of a Nexis or Factiva export, or None when ``text`` is neither.
    Every imported .txt is asked: an article without the word is told apart by a
    substring search, without splitting it into lines (both end markers say
    "Document"; a line-anchored regular expression took 5 times as long)."""
    if "ocument" not in text and "OCUMENT" not in text:
        return None
    lines = text.split("\n")
    stripped = [line.strip() for line in lines]
    if any(s.casefold() == _NEXIS_END for s in stripped):
        return _nexis(stripped, path)
    if sum(1 for s in stripped if _FACTIVA_END.match(s)) and any(
            s.startswith("HD ") or s == "HD" for s in stripped):
        return _factiva(stripped, path)
    return None


def iso_day(text: str) -> str | None:
    """"January 15, 2026 Thursday" or "15 January 2026" as "2026-01-15"."""
    for pattern, order in ((_US_DATE, (3, 1, 2)), (_EU_DATE, (3, 2, 1))):
        m = pattern.search(text)
        if m:
            year, month, day = (m.group(i) for i in order)
            try:
                return date(int(year), _MONTHS[month.lower()], int(day)).isoformat()
            except ValueError:
                return None
    return None


def _words(text: str) -> int | None:
    m = re.search(r"(\d[\d,.]*)\s*words?", text, re.IGNORECASE)
    return int(re.sub(r"[,.]", "", m.group(1))) if m else None


# -- Nexis -----------------------------------------------------------------------------------
def _nexis(lines: list[str], path: str) -> list[Article]:
    articles: list[Article] = []
    block: list[str] = []
    start = 1
    for number, line in enumerate(lines, start=1):
        if line.casefold() == _NEXIS_END:
            if any(block):
                articles.append(_nexis_article(block, start, path))
            block, start = [], number + 1
        else:
            block.append(line)
    if any(b for b in block if b and not _NEXIS_COUNTER.match(b)):
        start += next(i for i, b in enumerate(block) if b)
        raise InputError(f"the Nexis export ends without “End of Document” after the article "
                         f"starting on line {start} (a cut-off file?)", path=path, line=start)
    return articles


def _nexis_article(block: list[str], start: int, path: str) -> Article:
    lines = [b for b in block if not _NEXIS_COUNTER.match(b)]
    offset = start + next((i for i, b in enumerate(block) if b), 0)
    body_at = next((i for i, b in enumerate(lines) if b.casefold() == "body"), None)
    if body_at is None:
        raise InputError("a Nexis article without its “Body” line", path=path, line=offset)
    head = [b for b in lines[:body_at] if b]
    meta: dict[str, Any] = {"export": "nexis"}
    header: list[str] = []
    for line in head:
        m = _NEXIS_FIELD.match(line)
        if m:
            _nexis_field(meta, m.group(1), m.group(2))
        elif not any(k in meta for k in ("section", "length", "author")):
            header.append(line)
    if not header:
        raise InputError("a Nexis article without a headline", path=path, line=offset)
    title, rest = header[0], header[1:]
    for line in rest:
        day = iso_day(line)
        if day and "date" not in meta:
            meta["date"] = day
        elif "outlet" not in meta and not line.lower().startswith("copyright"):
            meta["outlet"] = line
    paragraphs: list[str] = []
    for line in lines[body_at + 1:]:
        if line.casefold() in ("classification", "graphic"):
            break
        m = _NEXIS_FIELD.match(line)
        if m and m.group(1) in ("Load-Date", "Language"):
            break
        if line:
            paragraphs.append(line)
    for line in lines[body_at + 1:]:
        m = _NEXIS_FIELD.match(line)
        if m and m.group(1) in ("Load-Date", "Language"):
            _nexis_field(meta, m.group(1), m.group(2))
    if "date" not in meta and meta.get("load_date"):
        meta["date"] = meta["load_date"]
    return Article(title, paragraphs, meta, offset)


def _nexis_field(meta: dict[str, Any], name: str, value: str) -> None:
    value = value.strip()
    if not value:
        return
    if name == "Length":
        words = _words(value)
        if words is not None:
            meta["length"] = words
    elif name == "Byline":
        meta["author"] = value
    elif name == "Section":
        meta["section"] = value
    elif name == "Language":
        meta["language"] = value.lower()
    elif name == "Load-Date":
        day = iso_day(value)
        if day:
            meta["load_date"] = day
    elif name == "Dateline":
        meta["dateline"] = value


# -- Factiva ---------------------------------------------------------------------------------
_FACTIVA_META = {"SN": "outlet", "BY": "author", "SE": "section", "LA": "language"}


def _factiva(lines: list[str], path: str) -> list[Article]:
    articles: list[Article] = []
    fields: dict[str, list[str]] = {}
    code, start = "", 1
    for number, line in enumerate(lines, start=1):
        end = _FACTIVA_END.match(line)
        if end:
            if fields:
                articles.append(_factiva_article(fields, end.group(1), start, path))
            fields, code, start = {}, "", number + 1
            continue
        m = _FACTIVA_CODE.match(line)
        if m and (m.group(1) in ("HD", "BY", "WC", "PD", "SN", "SC", "SE", "LA", "CY", "LP",
                                 "TD", "ET", "ED", "PG", "CR", "CO", "IN", "NS", "RE",
                                 "IPD", "PUB")):
            code = m.group(1)
            fields.setdefault(code, [])
            if m.group(2).strip():
                fields[code].append(m.group(2).strip())
        elif code and line:
            fields[code].append(line)
        elif not fields and line:
            start = number
    if any(fields.values()):
        raise InputError(f"the Factiva export ends without “Document …” after the article "
                         f"starting on line {start} (a cut-off file?)", path=path, line=start)
    return articles


def _factiva_article(fields: dict[str, list[str]], accession: str, start: int,
                     path: str) -> Article:
    title = " ".join(fields.get("HD", [])).strip()
    if not title:
        raise InputError("a Factiva article without its headline (HD)", path=path,
                         line=start)
    meta: dict[str, Any] = {"export": "factiva", "accession": accession}
    for code, key in _FACTIVA_META.items():
        value = " ".join(fields.get(code, [])).strip()
        if value:
            meta[key] = value.lower() if key == "language" else value
    day = iso_day(" ".join(fields.get("PD", [])))
    if day:
        meta["date"] = day
    words = _words(" ".join(fields.get("WC", [])))
    if words is not None:
        meta["length"] = words
    paragraphs = [p for p in fields.get("LP", []) + fields.get("TD", []) if p]
    return Article(title, paragraphs, meta, start)
