"""CoNLL/IOB2 for one layer: whitespace-free tokens, B-/I- tags that give back the kept
spans, and a count of every span the format could not carry."""

from __future__ import annotations

import io
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.formats.export_conll import DOCSTART, export_conll
from annotator.formats.export_tokens import sentences, tokens
from annotator.formats.jsonl_export import ExportFilter
from annotator.store import Project

from .export_helpers import add, native, rich_project

DANA_ACTORS = ExportFilter(annotators=("Dana",), layers=("actor",))


def conll(project: Project, filt: ExportFilter) -> tuple[str, object]:
    out = io.BytesIO()
    summary = export_conll(project, out, filt)
    return out.getvalue().decode("utf-8"), summary


def blocks(data: str) -> list[list[list[tuple[str, str]]]]:
    """Documents -> sentences -> (token, tag)."""
    docs = []
    for chunk in data.split(DOCSTART + "\n")[1:]:
        sents = [[tuple(line.split("\t")) for line in part.split("\n") if line]
                 for part in chunk.split("\n\n")]
        docs.append([s for s in sents if s])
    return docs  # type: ignore[return-value]


def entities(text: str, doc: list[list[tuple[str, str]]]) -> list[tuple[int, int, str]]:
    """The spans the tags say, located by finding each token in the text in order."""
    found: list[tuple[int, int, str]] = []
    pos = 0
    for token, tag in (pair for sent in doc for pair in sent):
        start = text.index(token, pos)
        pos = start + len(token)
        if tag.startswith("B-"):
            found.append((start, pos, tag[2:]))
        elif tag.startswith("I-"):
            assert found and found[-1][2] == tag[2:]
            found[-1] = (found[-1][0], pos, tag[2:])
        else:
            assert tag == "O"
    return found


def test_tags_give_back_the_outermost_spans_and_the_rest_are_counted(project: Project
                                                                    ) -> None:
    rich_project(project)
    data, summary = conll(project, DANA_ACTORS)
    docs = native(project)
    parsed = blocks(data)
    assert len(parsed) == 3  # every document, the one without Dana's spans all O
    mixed = docs[0]["text"]
    assert entities(mixed, parsed[0]) == [
        (0, 7, "State/Government"),  # "🇮🇷 protests" overlapped it: dropped
        (mixed.index("Путин"), mixed.index("Путин") + 15, "Other_actor")]  # "Путин" nested
    assert all(tag == "O" for sent in parsed[1] for _, tag in sent)
    lines_text = docs[2]["text"]
    start = lines_text.index("در تهران 🇮🇷")
    assert entities(lines_text, parsed[2]) == [(start, start + 11, "State/Government")]
    assert summary.dropped == 2  # type: ignore[attr-defined]
    assert summary.notes == [  # type: ignore[attr-defined]
        "2 overlapping or nested actor spans dropped (CoNLL has one tag per token; the "
        "outermost was kept)"]


def test_every_line_is_a_whitespace_free_token_a_tab_and_a_tag(project: Project) -> None:
    rich_project(project)
    data, _ = conll(project, ExportFilter(layers=("narrative",)))
    assert data.startswith(DOCSTART + "\n\n")
    for line in data.split("\n"):
        if line and line != DOCSTART:
            token, tag = line.split("\t")
            assert token and len(token.split()) == 1 and token == token.strip()
            assert tag == "O" or (tag[:2] in ("B-", "I-") and " " not in tag)
    assert "🇮🇷\tO" in data and "👨‍👩‍👧\tO" in data and "اعتراض‌ها\tO" in data


def test_sentences_are_blank_line_separated_except_inside_a_span(project: Project) -> None:
    rich_project(project)
    data, _ = conll(project, ExportFilter(annotators=("Dana",), layers=("narrative",)))
    lines_doc = blocks(data)[2]
    # "Флаг 🇺🇦 поднят.\nدر تهران 🇮🇷 مردم." is two sentences, but the narrative span
    # "🇺🇦 поднят.\nدر" crosses the break: one block, one entity
    first = [token for token, _ in lines_doc[0]]
    assert first[:6] == ["Флаг", "🇺🇦", "поднят", ".", "در", "تهران"]
    assert [tag for _, tag in lines_doc[0]][1:5] == ["B-Colour_revolution"] + [
        "I-Colour_revolution"] * 3
    assert [[t for t, _ in s] for s in lines_doc[1:]] == [
        ["Russia", "backs", "Iran", "."], ["Moscow", "agrees", "!"]]


def test_spans_inside_a_token_or_without_one_are_reported(project: Project) -> None:
    rich_project(project)
    docs = list(project.iter_documents())
    omid = project.annotator("Omid").id
    add(project, docs[0], omid, "actor", "Other actor", "Иран")  # inside "Ираном"
    add(project, docs[2], omid, "actor", "Media", "\n\n")  # no token at all
    data, summary = conll(project, ExportFilter(annotators=("Omid",), layers=("actor",)))
    text = docs[0].text
    start = text.index("Ираном")
    assert (start, start + 6, "Other_actor") in entities(text, blocks(data)[0])
    assert summary.dropped == 1  # type: ignore[attr-defined]
    notes = summary.notes  # type: ignore[attr-defined]
    assert notes[0].startswith("1 spans dropped: they share every token with a kept span "
                               "or cover no token")
    assert notes[1] == "1 spans start or end inside a token; the whole token is tagged"


def test_several_annotators_each_get_a_copy_and_a_warning(project: Project) -> None:
    rich_project(project)
    data, summary = conll(project, ExportFilter(layers=("actor",)))
    assert data.count(DOCSTART) == 5  # Dana, Omid, gold on the first; Omid; Dana
    assert summary.notes[-1].startswith("3 annotators (Dana, Omid, gold) are written as "  # type: ignore[attr-defined]
                                        "separate copies")


@pytest.mark.parametrize("layers", [(), ("actor", "narrative")])
def test_conll_needs_exactly_one_layer(project: Project, layers: tuple[str, ...]) -> None:
    with pytest.raises(InputError, match="exactly one layer"):
        export_conll(project, io.BytesIO(), ExportFilter(layers=layers))


def test_tokens_and_sentences_never_contain_or_cross_what_they_must_not() -> None:
    text = " Mr. Putin said: “Go!” Then\u200f \u200b x\u0301y 🇮🇷🇺🇦\nNext… line؟ آری. 3.5 %"
    toks = [text[s:e] for s, e in tokens(text)]
    assert toks == ["Mr", ".", "Putin", "said", ":", "“", "Go", "!", "”", "Then",
                    "x\u0301y", "🇮🇷", "🇺🇦", "Next", "…", "line", "؟", "آری", ".", "3", ".",
                    "5", "%"]
    assert [text[s:e] for s, e in sentences(text)] == [
        "Mr.", "Putin said: “Go!”", "Then\u200f \u200b x\u0301y 🇮🇷🇺🇦", "Next…", "line؟",
        "آری.", "3.5 %"]


TEXTS = st.lists(st.sampled_from([
    *"ab .!?\n\t،؟…“”'", "\u200c", "\u200d", "\u200f", "\u0301", "🇮🇷", "👨‍👩‍👧", "ы", "ی",
    "\u2028", "\x0b"]), max_size=60).map("".join)


@given(TEXTS)
def test_tokens_are_ordered_whitespace_free_and_sentences_disjoint(text: str) -> None:
    toks = tokens(text)
    assert all(s < e for s, e in toks)
    assert all(a[1] <= b[0] for a, b in pairwise(toks))
    for s, e in toks:
        assert len(text[s:e].split()) == 1 and text[s:e] == text[s:e].strip()
    sents = sentences(text)
    assert all(a[1] <= b[0] for a, b in pairwise(sents))
    assert all(text[s:e] == text[s:e].strip() and text[s:e] for s, e in sents)
    # every token lies inside one sentence
    assert all(any(s0 <= s and e <= e0 for s0, e0 in sents) for s, e in toks)
