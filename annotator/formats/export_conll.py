"""CoNLL/IOB2 for one layer: ``token<TAB>B-Label`` per line, a blank line after each
sentence, ``-DOCSTART- -X- O O`` before each document (the line spaCy's ``convert``
and the CoNLL-2003 readers split documents at).

* One layer (``--layer``), because IOB gives a token one tag. Spans of that layer that
  overlap or nest cannot be expressed: the outermost is kept (of two starting at the
  same place the longer, else the first), the others are dropped and counted
  (``summary.dropped``, with a warning). A span whose tokens were all taken by a kept
  one is dropped too.
* Tokens and sentences: ``export_tokens`` (stated there and in ``TOKENISATION``). A
  token is tagged by a span it shares a code point with; a span that starts or ends
  inside a token is counted in a note. A sentence break inside a kept span is not
  written (the span stays one entity).
* Tags: ``B-``/``I-`` plus the label name with whitespace written ``_`` (readers split
  lines on whitespace); ``O`` outside spans.
* Several annotators: each document is written once per annotator with spans in it (a
  note says so); a document without spans once, all ``O``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import IO

from annotator.core.errors import InputError
from annotator.formats.export_common import (
    DEFAULT_OPTIONS,
    EVERYTHING,
    ExportOptions,
    FormatSummary,
    Record,
    SpanRec,
    by_annotator,
    note_mixed_annotators,
    records,
)
from annotator.formats.export_tokens import TOKENISATION, sentences, tokens
from annotator.formats.jsonl_export import ExportFilter
from annotator.formats.summary import Progress, no_progress
from annotator.store import Project

DOCSTART = "-DOCSTART- -X- O O"
_SPACE = re.compile(r"\s")


@dataclass
class ConllStats:
    dropped: int = 0  # overlapping/nested spans left out
    untokened: int = 0  # spans left without a token of their own
    misaligned: int = 0  # spans starting or ending inside a token
    annotators: set[str] = field(default_factory=set)


def conll_tag(label: str) -> str:
    return _SPACE.sub("_", label)


def outermost(spans: list[SpanRec]) -> tuple[list[SpanRec], int]:
    """The spans that overlap no earlier-kept one, outermost first; and how many not."""
    kept: list[SpanRec] = []
    reach = -1
    for span in sorted(spans, key=lambda s: (s["start"], -s["end"])):  # stable
        if span["start"] >= reach:
            kept.append(span)
            reach = span["end"]
    return kept, len(spans) - len(kept)


def conll_document(record: Record, stats: ConllStats) -> str:
    """The CoNLL block(s) of one record."""
    text = record["text"]
    toks = tokens(text)
    words = [text[start:end] for start, end in toks]
    # Computed once per document, shared by every annotator's copy.
    sent_starts = [s for s, _ in sentences(text)]
    sentence = [bisect_right(sent_starts, start) for start, _ in toks]
    breaks = [i > 0 and sentence[i] != sentence[i - 1] for i in range(len(toks))]
    groups = by_annotator(record["spans"]) or [("", [])]
    blocks = []
    for annotator, spans in groups:
        if annotator:
            stats.annotators.add(annotator)
        kept, dropped = outermost(spans)
        stats.dropped += dropped
        blocks.append(_block(words, _tags(toks, kept, stats), breaks))
    return "".join(blocks)


def _tags(toks: list[tuple[int, int]], kept: list[SpanRec], stats: ConllStats) -> list[str]:
    tags = ["O"] * len(toks)
    ends = [e for _, e in toks]
    for span in kept:
        start, end = span["start"], span["end"]
        i = bisect_right(ends, start)  # first token ending after the span starts
        first, last = i, None
        while i < len(toks) and toks[i][0] < end:
            if tags[i] == "O":
                tags[i] = ("I-" if last is not None else "B-") + conll_tag(span["label"])
                last = i
            i += 1
        if last is None:
            stats.untokened += 1
        elif toks[first][0] < start or toks[last][1] > end:
            stats.misaligned += 1
    return tags


def _block(words: list[str], tags: list[str], breaks: list[bool]) -> str:
    lines = [DOCSTART, ""]
    for word, tag, new_sentence in zip(words, tags, breaks, strict=True):
        if new_sentence and tag[0] != "I":  # never split a span
            lines.append("")
        lines.append(f"{word}\t{tag}")
    if words:
        lines.append("")
    return "\n".join(lines) + "\n"


def export_conll(project: Project, out: IO[bytes], filt: ExportFilter = EVERYTHING,
                 options: ExportOptions = DEFAULT_OPTIONS,
                 progress: Progress = no_progress) -> FormatSummary:
    if len(filt.layers) != 1:
        raise InputError("CoNLL gives each token one tag: choose exactly one layer "
                         "(--layer actor, stance or narrative)")
    summary = FormatSummary()
    stats = ConllStats()
    for record in records(project, filt, summary, progress):
        out.write(conll_document(record, stats).encode("utf-8"))
    summary.dropped = stats.dropped + stats.untokened
    if stats.dropped:
        summary.notes.append(f"{stats.dropped} overlapping or nested {filt.layers[0]} spans "
                             f"dropped (CoNLL has one tag per token; the outermost was kept)")
    if stats.untokened:
        summary.notes.append(f"{stats.untokened} spans dropped: they share every token with "
                             f"a kept span or cover no token ({TOKENISATION})")
    if stats.misaligned:
        summary.notes.append(f"{stats.misaligned} spans start or end inside a token; the "
                             f"whole token is tagged")
    note_mixed_annotators(summary, stats.annotators, "are written as separate copies of "
                                                     "each document")
    return summary
