"""Choosing documents by their metadata: outlet, date and any other ``meta`` key.

Usage::

    filt = DocumentFilter.build(where=["outlet=Reuters", "language=fa"],
                                date_from="2026-01", date_to="2026-02")
    if filt.matches(document.meta): ...

Every analysis in the field is by outlet and over time, so exports, the agreement report
and the networks take the same filter (``--where KEY=VALUE --from DATE --to DATE`` on the
command line). The rules, stated once:

- ``KEY=VALUE`` compares ``meta[KEY]`` with VALUE ignoring case (Unicode case folding, so
  ``outlet=РИА Новости`` matches ``риа новости``) and surrounding spaces; a list value
  matches when one of its items does. Conditions on different keys must all hold; the
  same key given twice matches either value (``--where outlet=BBC --where outlet=TASS``).
  ``KEY=`` (nothing after ``=``) chooses documents without that key (or with it empty).
- Dates are ISO 8601 in ``meta["date"]`` (``2026-01-15``, or a timestamp that starts with
  that). ``--from`` and ``--to`` take a year, a month or a day, both inclusive:
  ``--from 2026-01 --to 2026-02`` is 1 January to 28 February 2026. A document without a
  readable date is left out whenever a date bound is given.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from annotator.core.errors import InputError

DATE_KEY = "date"
_FORMS = "write 2026, 2026-01 or 2026-01-15"
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def period_bounds(text: str) -> tuple[str, str]:
    """The first and last day (ISO ``YYYY-MM-DD``) of a year, month or day.

    >>> period_bounds("2026-02")
    ('2026-02-01', '2026-02-28')
    """
    match = _PERIOD.match(text.strip())
    if match is None:
        raise InputError(f"not a date: {text!r} ({_FORMS})")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return f"{year:04d}-01-01", f"{year:04d}-12-31"
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
        return (date(year, month, day).isoformat(),) * 2
    except (ValueError, calendar.IllegalMonthError) as exc:
        raise InputError(f"not a date: {text!r} ({exc}; {_FORMS})") from exc


def parse_date_range(text: str) -> tuple[str | None, str | None]:
    """``2026-01..2026-02``, ``2026-01..`` or ``..2026-02`` (either end open), or one
    period (``2026-01``: that whole month): (first day, last day), ``None`` where open."""
    first, sep, last = text.partition("..")
    if not sep:
        return period_bounds(first)
    lower = period_bounds(first)[0] if first.strip() else None
    upper = period_bounds(last)[1] if last.strip() else None
    if lower is None and upper is None:
        raise InputError(f"not a date range: {text!r} (write 2026-01..2026-02)")
    return lower, upper


def document_day(meta: Mapping[str, Any]) -> str | None:
    """The ISO day (``YYYY-MM-DD``) of ``meta["date"]``, or None if it has none."""
    value = meta.get(DATE_KEY)
    if not isinstance(value, str):
        return None
    match = _ISO_DAY.match(value.strip())
    return match.group(0) if match else None


def _fold(value: object) -> str:
    return str(value).strip().casefold()


@dataclass(frozen=True)
class DocumentFilter:
    """Which documents, by metadata; the empty filter chooses every document.

    ``where`` maps a key to the accepted values (already case-folded); ``date_from`` and
    ``date_to`` are inclusive ISO days.
    """

    where: tuple[tuple[str, tuple[str, ...]], ...] = ()
    date_from: str | None = None
    date_to: str | None = None

    @classmethod
    def build(cls, *, where: Iterable[str] = (), date_from: str | None = None,
              date_to: str | None = None) -> DocumentFilter:
        """From ``KEY=VALUE`` strings and periods as a person types them; bad ones raise
        ``InputError`` saying what is expected."""
        accepted: dict[str, list[str]] = {}
        for condition in where:
            key, sep, value = condition.partition("=")
            if not sep or not key.strip():
                raise InputError(f"--where needs KEY=VALUE (e.g. outlet=Reuters), not "
                                 f"{condition!r}")
            accepted.setdefault(key.strip(), []).append(_fold(value))
        lower = period_bounds(date_from)[0] if date_from else None
        upper = period_bounds(date_to)[1] if date_to else None
        if lower is not None and upper is not None and lower > upper:
            raise InputError(f"the date range is empty: from {lower} to {upper}")
        return cls(tuple((k, tuple(dict.fromkeys(v))) for k, v in accepted.items()),
                   lower, upper)

    @property
    def is_empty(self) -> bool:
        return not self.where and self.date_from is None and self.date_to is None

    def matches(self, meta: Mapping[str, Any]) -> bool:
        for key, values in self.where:
            if not _value_matches(meta.get(key), values):
                return False
        if self.date_from is None and self.date_to is None:
            return True
        day = document_day(meta)
        if day is None:
            return False
        return ((self.date_from is None or day >= self.date_from)
                and (self.date_to is None or day <= self.date_to))

    def describe(self) -> str:
        """The filter in words, for summaries and report headers ('' when empty)."""
        parts = [f"{key} = {' or '.join(v or '(none)' for v in values)}"
                 for key, values in self.where]
        if self.date_from or self.date_to:
            parts.append(f"date {self.date_from or '…'} to {self.date_to or '…'}")
        return "; ".join(parts)


def _value_matches(value: object, accepted: tuple[str, ...]) -> bool:
    items = value if isinstance(value, list) else [value]
    folded = {"" if item is None else _fold(item) for item in items} or {""}
    return any(v in folded for v in accepted)


# -- the window's filter box ------------------------------------------------------------

_TERM = re.compile(r'(?<!\S)([A-Za-z][A-Za-z0-9_]*):(?!//)(?:"([^"]*)"?|([^\s"]+))')
OUTLET_KEY = "outlet"


def outlet_text(meta: Mapping[str, Any]) -> str:
    """``meta["outlet"]`` as the document list shows it ("" when absent; a list of
    outlets joined with "; ")."""
    outlet = meta.get(OUTLET_KEY)
    if isinstance(outlet, list):
        return "; ".join(str(item).strip() for item in outlet)
    return "" if outlet is None else str(outlet).strip()


@dataclass(frozen=True)
class BoxQuery:
    """What the document list's filter box asks for.

    ``outlet:Reuters date:2026-01..2026-02 protest`` is two conditions on metadata and
    the free words "protest", searched in titles and texts. ``KEY:VALUE`` holds when
    ``meta[KEY]`` contains VALUE in any case (so it narrows as one types; a list value
    when one item does); ``KEY:"two words"`` quotes. ``date:`` takes a period or a range
    (``2026``, ``2026-01``, ``2026-01-15``, ``2026-01..2026-02``, ``2026-01..``) and
    leaves out documents without a readable ISO date. A free word with a colon is
    searched as text when quoted: ``"re:Putin"``.
    """

    text: str = ""
    terms: tuple[tuple[str, str], ...] = ()
    date_from: str | None = None
    date_to: str | None = None

    @classmethod
    def parse(cls, typed: str) -> BoxQuery:
        """Raises ``InputError`` for a ``date:`` that is no period or range."""
        terms: list[tuple[str, str]] = []
        lower = upper = None
        for match in _TERM.finditer(typed):
            key, value = match.group(1).lower(), match.group(2) or match.group(3) or ""
            if key == DATE_KEY:
                if value.strip():
                    lower, upper = parse_date_range(value)
            elif value.strip():
                terms.append((key, _fold(value)))
        words = _TERM.sub(" ", typed)
        quoted = re.fullmatch(r'\s*"([^"]*)"\s*', words)
        text = quoted.group(1) if quoted else " ".join(words.split())
        return cls(text.strip(), tuple(terms), lower, upper)

    @property
    def on_metadata(self) -> bool:
        return bool(self.terms) or self.date_from is not None or self.date_to is not None

    @property
    def needs_meta(self) -> bool:
        """True when a condition reads ``meta`` itself, beyond outlet and day."""
        return any(key != OUTLET_KEY for key, _ in self.terms)

    def matches_meta(self, meta: Mapping[str, Any]) -> bool:
        """The metadata conditions (not the free words) on a document's ``meta``."""
        return self.matches(outlet_text(meta), document_day(meta) or "", meta)

    def matches(self, outlet: str, day: str, meta: Mapping[str, Any] | None = None) -> bool:
        """``outlet`` and ``day`` as the document list holds them; ``meta`` is needed
        only when ``needs_meta``."""
        for key, value in self.terms:
            found = outlet if key == OUTLET_KEY else (meta or {}).get(key)
            items = found if isinstance(found, list) else [found]
            if not any(item is not None and value in _fold(item) for item in items):
                return False
        if self.date_from is None and self.date_to is None:
            return True
        if not day:
            return False
        return ((self.date_from is None or day >= self.date_from)
                and (self.date_to is None or day <= self.date_to))
