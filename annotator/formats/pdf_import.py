"""PDF files with a text layer: one document per file (issue 10, item 2, PDF part).

The text layer is read page by page with pypdf (pure Python, well kept, made for the
job; imported only when a PDF is imported). Then, so that the text reads as the article
and not as the printed page:

- lines that repeat at the top or bottom of most pages (running headers and footers,
  "Page 3 of 12" with its number counted as any number) and lines that are only a page
  number are dropped;
- a word hyphenated at a line end is joined ("inter-" + "national" → "international");
- the lines of one paragraph are joined: a line that fills the column and does not end
  a sentence continues on the next one. A paragraph is one line of the text, as for
  Word files.

A scanned PDF (pages without text: there is no OCR here), an encrypted one that does not
open without a password, and a file that is no PDF are refused by name, changing
nothing. Title, author, date and page count from the file's information go to ``meta``.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import Document, utc_stamp
from annotator.formats.text_import import title_from

# A running header or footer appears on at least this share of the pages (and on 3+).
_REPEATED = 0.6
_NUMBER = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?[-–—]?\s*\d+\s*(?:(?:/|of)\s*\d+)?\s*[-–—]?\s*$",
                          re.IGNORECASE)
_ENDS_SENTENCE = tuple(".!?:;»\"”'’)…")
_HYPHENATED = re.compile(r"\w-$")
# A line this close to the longest line of its page fills the column, if that page is
# set in columns of prose at all (its longest line is this long).
_FULL = 0.8
_COLUMN = 50


def read_pdf(path: Path, *, source: str) -> Document:
    """One ``.pdf`` file as a (not yet stored) document."""
    import pypdf  # only when a PDF is imported: not part of start-up
    from pypdf.errors import PdfReadError

    where = str(path)
    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("the PDF is encrypted (open it, print it to a new PDF, and "
                             "import that)", path=where)
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise InputError(f"not a readable PDF ({exc})", path=where) from None
    except Exception as exc:  # pypdf raises many kinds on damaged files
        if type(exc).__module__.startswith("pypdf"):
            raise InputError(f"not a readable PDF ({exc})", path=where) from None
        raise
    if not any(page.strip() for page in pages):
        raise InputError(f"the PDF has no text layer ({len(pages)} pages of images: a "
                         "scan?); Annotator does no OCR, so run one first", path=where)
    text = pdf_text(pages)
    meta: dict[str, Any] = {"filename": path.name, "pages": len(pages)}
    title = ""
    if info is not None:
        title = str(info.title or "").strip()
        if info.author and str(info.author).strip():
            meta["author"] = str(info.author).strip()
        try:
            created = info.creation_date
        except (ValueError, TypeError):
            created = None
        if created is not None:
            meta["date"] = utc_stamp(created)
    return Document(title=title or title_from(text, path.name), text=text, source=source,
                    meta=meta)


def pdf_text(pages: list[str]) -> str:
    """The article's text from the text of each page (see the module's rules)."""
    lines_of = [[line.rstrip() for line in page.replace("\r", "\n").split("\n")]
                for page in pages]
    lines_of = [[line for line in lines if line.strip()] for lines in lines_of]
    running = _running_lines(lines_of)
    paragraphs: list[str] = []
    # The last line filled the column without ending a sentence, or ended in a hyphen:
    # the next line (on this page or the next) continues its paragraph.
    open_end = False
    for lines in lines_of:
        kept = [line.strip() for i, line in enumerate(lines)
                if not _PAGE_NUMBER.match(line)
                and not ((i < 2 or i >= len(lines) - 2) and _shape(line) in running)]
        widest = max((len(line) for line in kept), default=0)
        for line in kept:
            if paragraphs and open_end:
                paragraphs[-1] = _join(paragraphs[-1], line)
            else:
                paragraphs.append(line)
            open_end = bool(_HYPHENATED.search(line)) or (
                widest >= _COLUMN and len(line) >= _FULL * widest
                and not line.endswith(_ENDS_SENTENCE))
    return "\n".join(paragraphs)


def _shape(line: str) -> str:
    return _NUMBER.sub("#", line.strip().casefold())


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Shapes of the lines at the top or bottom (two lines each) of most pages."""
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_shape(line) for line in lines[:2] + lines[-2:]})
    return {shape for shape, n in seen.items() if n >= max(3, _REPEATED * len(pages))}


def _join(paragraph: str, line: str) -> str:
    if _HYPHENATED.search(paragraph) and line[:1].islower():
        return paragraph[:-1] + line  # "inter-" + "national"
    return f"{paragraph} {line}"
