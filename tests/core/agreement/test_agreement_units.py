"""Tokenisation and the token × label units, checked against a plain-Python model."""

from __future__ import annotations

import numpy as np
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement import tokenize
from annotator.core.agreement.units import TokenIndex, token_patterns

TOKEN = regex.compile(r"[\p{L}\p{N}\p{Pc}][\p{L}\p{N}\p{Pc}\p{M}\u200c\u200d]*")
MIXED = ("Iran 🇮🇷 protests — “death to the dictator” café\n"
         "Путин наблюдает за Ираном 👀.\n"
         "اعتراض‌ها در تهران ادامه دارد؛ مردم می‌خواهند.\n"
         "Family: 👨‍👩‍👧 and e\u0301 combining.\n")


def words(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text)]


def test_tokens_keep_zwnj_words_and_combining_marks_whole() -> None:
    found = words(MIXED)

    assert "اعتراض\u200cها" in found  # Persian plural with ZWNJ: one token
    assert "می\u200cخواهند" in found
    assert "e\u0301" in found  # e + combining acute
    assert "Путин" in found


def test_emoji_flags_punctuation_and_joiners_are_not_tokens() -> None:
    found = words(MIXED)

    assert not any(ch in "".join(found) for ch in "🇮🇷👀👨👩👧—“”.;؛")
    assert "\u200d" not in found  # the ZWJs inside the family emoji


def test_offsets_are_code_points() -> None:
    text = "🇮🇷 Iran"

    assert tokenize(text) == [(3, 7)]


printable = st.text(alphabet=st.sampled_from(list(
    "ab _1.,!\n\u200c\u200d\u0301é😀🇮🇷Жжاب")), max_size=60)


@settings(max_examples=200, deadline=None)
@given(printable)
def test_tokenize_equals_the_regular_expression_it_states(text: str) -> None:
    assert tokenize(text) == [m.span() for m in TOKEN.finditer(text)]


@settings(max_examples=100, deadline=None)
@given(st.lists(printable, min_size=1, max_size=4))
def test_token_index_numbers_tokens_per_document(texts: list[str]) -> None:
    index = TokenIndex.build(texts)

    for d, text in enumerate(texts):
        first, last = index.doc_first[d], index.doc_first[d + 1]
        local = [(int(s - index.base[d]), int(e - index.base[d]))
                 for s, e in zip(index.starts[first:last], index.ends[first:last],
                                 strict=True)]
        assert local == tokenize(text)


def brute_force(texts: list[str], coded: list[list[bool]], n_labels: int,
                spans: list[tuple[int, int, int, int, int]]) -> tuple[list[dict], list[dict]]:
    """Per label and per document, count value patterns token by token."""
    m = len(coded[0])
    by_label: list[dict] = [{} for _ in range(n_labels)]
    by_doc: list[dict] = [{} for _ in texts]
    for d, text in enumerate(texts):
        for s, e in tokenize(text):
            for k in range(n_labels):
                pattern = []
                for a in range(m):
                    if not coded[d][a]:
                        pattern.append(None)
                        continue
                    hit = any(sd == d and sa == a and sk == k and ss < e and s < se
                              for sd, sa, sk, ss, se in spans)
                    pattern.append(1 if hit else 0)
                key = tuple(pattern)
                by_label[k][key] = by_label[k].get(key, 0) + 1
                by_doc[d][key] = by_doc[d].get(key, 0) + 1
    return by_label, by_doc


@st.composite
def corpora(draw: st.DrawFn) -> tuple[list[str], list[list[bool]], int, list]:
    texts = draw(st.lists(st.text(alphabet="ab c\u200c.", min_size=0, max_size=25),
                          min_size=1, max_size=3))
    m = draw(st.integers(min_value=2, max_value=3))
    coded = [[draw(st.booleans()) for _ in range(m)] for _ in texts]
    n_labels = draw(st.integers(min_value=1, max_value=3))
    spans = []
    for d, text in enumerate(texts):
        for a in range(m):
            if not coded[d][a] or len(text) < 1:
                continue
            for _ in range(draw(st.integers(min_value=0, max_value=3))):
                s = draw(st.integers(min_value=0, max_value=len(text) - 1))
                e = draw(st.integers(min_value=s + 1, max_value=len(text)))
                spans.append((d, a, draw(st.integers(0, n_labels - 1)), s, e))
    return texts, coded, n_labels, spans


@settings(max_examples=150, deadline=None)
@given(corpora())
def test_token_patterns_equal_a_token_by_token_count(case: tuple) -> None:
    texts, coded, n_labels, spans = case
    cols = np.array(spans, dtype=np.int64).reshape(-1, 5).T
    result = token_patterns(TokenIndex.build(texts), np.array(coded, dtype=bool), n_labels,
                            *cols)
    by_label, by_doc = brute_force(texts, coded, n_labels, spans)

    assert result.by_label == by_label
    assert result.by_doc == by_doc
