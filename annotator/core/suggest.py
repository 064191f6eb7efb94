"""Suggestions from the actors registry (issue 11, item 3): every name and alias of every
registry actor found in a text, on word boundaries, by one Aho–Corasick pass
(ahocorasick-rs: a maintained Rust matcher, a few milliseconds for a 1 MB article).

Matching ignores case (the text and the names are lower-cased; their lengths stay the
same, so offsets are code points of the text). A match must not touch a letter, digit,
combining mark or ZWNJ on either side ("Iran" is not found in "Iranian"); where names
overlap the longest wins ("Ali Khamenei" over "Khamenei"). A suggestion is never a span:
it counts for nothing (agreement, exports) until accepted, which makes an ordinary span
with the actor's usual label and the actor linked.

Usage::

    matcher = Matcher.build(project.entities())
    for s in matcher.find(text): ...   # Suggestion(start, end, entity_id, text)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from annotator.core.commands import AddSpan, Batch, Change, Command, Repository, SetStatus
from annotator.core.model import Entity, Label, Span, Status
from annotator.core.wording import count


class Suggestion(NamedTuple):  # a tuple: 10,000 of them are made per 1 MB article
    start: int
    end: int
    entity_id: int
    text: str


def _inside_word(char: str) -> bool:
    if char.isalnum():
        return True
    if char.isascii() or char.isspace():
        return False
    return char == "\u200c" or unicodedata.category(char) in ("Mn", "Mc")


def lowered(text: str) -> str:
    """``text`` lower-cased with its length kept (a character whose lower case is longer,
    such as İ, stays as it is)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class Matcher:
    """Every name and alias of a registry, ready to be found in texts."""

    def __init__(self, patterns: Sequence[str], owners: Sequence[int]) -> None:
        self._owners = list(owners)
        self._automaton = None
        if patterns:
            import ahocorasick_rs  # only when the registry has names: 2 ms

            self._automaton = ahocorasick_rs.AhoCorasick(
                list(patterns), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)

    @classmethod
    def build(cls, entities: Iterable[Entity]) -> Matcher:
        seen: dict[str, int] = {}
        for entity in entities:
            if entity.id is None:
                continue
            for name in (entity.name, *entity.aliases):
                key = lowered(" ".join(name.split()))
                if len(key) >= 2 and key not in seen:  # one letter would be everywhere
                    seen[key] = entity.id
        return cls(list(seen), list(seen.values()))

    def __bool__(self) -> bool:
        return self._automaton is not None

    def find(self, text: str, low: str | None = None) -> list[Suggestion]:
        """Every match in ``text`` on word boundaries, in order (``low``:
        ``lowered(text)`` if the caller keeps it)."""
        if self._automaton is None:
            return []
        if low is None:
            low = lowered(text)
        out = []
        owners, size, inside = self._owners, len(text), _inside_word
        for pattern, start, end in self._automaton.find_matches_as_indexes(low):
            # Inlined: a space or ASCII punctuation beside a match is the usual case.
            if start:
                c = text[start - 1]
                if c.isalnum() or (not c.isascii() and inside(c)):
                    continue
            if end < size:
                c = text[end]
                if c.isalnum() or (not c.isascii() and inside(c)):
                    continue
            out.append(Suggestion(start, end, owners[pattern], text[start:end]))
        return out


def open_suggestions(found: Iterable[Suggestion], length: int,
                     taken: Iterable[tuple[int, int]],
                     rejected: Iterable[tuple[int, int, int]]) -> list[Suggestion]:
    """``found`` (in a text of ``length`` code points) minus those overlapping a span in
    ``taken`` (start, end) and those rejected there before (start, end, entity id)."""
    covered = bytearray(length + 1)
    ones = memoryview(b"\x01" * (length + 1))
    for start, end in taken:  # slice writes run in C: 20,000 spans in a few ms
        covered[start:end] = ones[:end - start]
    free = [s for s in found if covered.find(1, s[0], s[1]) < 0]
    refused = set(rejected)
    return [s for s in free if s[:3] not in refused] if refused else free


@dataclass
class RejectSuggestion(Command):
    """Never suggest this actor at this place of this document again (for this
    annotator); undo suggests it again."""

    doc_id: int
    annotator_id: int
    suggestion: Suggestion

    @property
    def text(self) -> str:  # type: ignore[override]
        return f"Reject suggestion “{self.suggestion.text}”"

    def do(self, repo: Repository) -> Change:
        s = self.suggestion
        repo.insert_rejection(self.doc_id, self.annotator_id, s.start, s.end, s.entity_id)
        return Change(doc_ids=frozenset({self.doc_id}), suggestions=True)

    def undo(self, repo: Repository) -> Change:
        s = self.suggestion
        repo.delete_rejection(self.doc_id, self.annotator_id, s.start, s.end, s.entity_id)
        return Change(doc_ids=frozenset({self.doc_id}), suggestions=True)


def accept_command(doc_id: int, annotator_id: int, text: str,
                   accepted: Sequence[tuple[Suggestion, int]], status: Status
                   ) -> Command | None:
    """One span per (suggestion, label id) with its actor linked, in one undo step; the
    document moves from "to do" to "in progress" as with any first span."""
    adds: list[Command] = [AddSpan(Span(doc_id=doc_id, annotator_id=annotator_id,
                                        label_id=label_id, start=s.start, end=s.end,
                                        text=text[s.start:s.end], entity_id=s.entity_id))
                           for s, label_id in accepted]
    if not adds:
        return None
    if status == Status.TODO:
        adds.append(SetStatus(doc_id, annotator_id, Status.IN_PROGRESS))
    if len(adds) == 1:
        return adds[0]
    name = f"Accept {count(len(accepted), 'suggestion')}" if len(accepted) > 1 else (
        f"Accept suggestion “{accepted[0][0].text}”")
    return Batch(adds, name)


def usual_labels(uses: Iterable[tuple[int, int, int]], entities: Iterable[Entity],
                 actor_labels: Sequence[Label]) -> dict[int, int]:
    """The label each actor is tagged with most often (``uses``: entity id, label id,
    count), else the actor label named like its type, else the first actor label."""
    best: dict[int, tuple[int, int]] = {}
    for entity_id, label_id, n in uses:
        if entity_id not in best or n > best[entity_id][1]:
            best[entity_id] = (label_id, n)
    usable = [lab for lab in actor_labels if lab.id is not None and not lab.retired]
    by_name = {lab.name.casefold(): lab.id for lab in usable}
    out: dict[int, int] = {}
    for entity in entities:
        if entity.id is None:
            continue
        chosen = best.get(entity.id, (None, 0))[0] or by_name.get(entity.type.casefold())
        if chosen is None and usable:
            chosen = usable[0].id
        if chosen is not None:
            out[entity.id] = chosen
    return out
