"""Deterministic generator of realistic corpora for the benchmarks.

Articles are paragraphs of English, Russian and Persian sentences with emoji, flags and
ZWNJ, about 4 KB each by default; spans fall on word boundaries on all three layers and
come from several annotators who mostly agree. Same seed, same corpus, every run.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

_EN = (
    "Protests spread from the bazaar to the universities as the rial fell again",
    "The Kremlin said it would not tolerate foreign interference in Iran's internal affairs",
    "Security forces used live ammunition against demonstrators in several cities",
    "Western governments hardened their stance after the internet blackout",
    "Analysts doubt that the supreme leader would ever seek refuge in Moscow",
    "Sanctions and inflation have pushed many families into hardship",
    "Opposition groups abroad called for a general strike next week",
    "State media blamed the unrest on agents of the United States and Israel",
)
_RU = (
    "Москва заявила о поддержке Тегерана в условиях кризиса",
    "Путин внимательно следит за событиями в Иране",
    "Эксперты сомневаются в устойчивости режима",
)
_FA = (
    "اعتراض‌ها در تهران و شهرهای دیگر ادامه دارد",
    "مردم می‌خواهند صدای خود را به گوش جهان برسانند",
    "دولت اینترنت را در بسیاری از استان‌ها قطع کرد",
)
_DECOR = ("🇮🇷", "🇷🇺", "🇺🇸", "👨‍👩‍👧", "🔥", "✊🏽", "📉", "")


def article(rng: random.Random, target_chars: int = 4000) -> str:
    """One article of roughly ``target_chars`` code points."""
    paragraphs: list[str] = []
    size = 0
    while size < target_chars:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            pool = rng.choices((_EN, _RU, _FA), weights=(6, 2, 2))[0]
            sentence = rng.choice(pool)
            decor = rng.choice(_DECOR)
            sentences.append(f"{sentence} {decor}".rstrip() + ".")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 1
    return "\n".join(paragraphs)


def word_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each whitespace-separated word, trailing punctuation excluded."""
    bounds = []
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i].isspace():
            i += 1
        j = i
        while j < n and not text[j].isspace():
            j += 1
        end = j
        while end > i and text[end - 1] in ".,;:!?":
            end -= 1
        if end > i:
            bounds.append((i, end))
        i = j
    return bounds


@dataclass(frozen=True)
class GenSpan:
    start: int
    end: int
    layer: str
    label: str
    annotator: str


LABELS = {
    "actor": ("Head of state/government", "State/Government", "Security forces", "Media",
              "Protesters/Civil society", "International body"),
    "stance": ("Supports", "Opposes", "Neutral/ambivalent"),
    "narrative": ("Foreign interference", "Regime resilience", "Sanctions and economic hardship",
                  "Russia as protector/sanctuary", "Popular sovereignty and dissent"),
}
SPAN_WORDS = {"actor": (1, 3), "stance": (3, 8), "narrative": (6, 20)}


def spans_for(text: str, rng: random.Random, count: int, annotators: tuple[str, ...],
              agreement: float = 0.8) -> list[GenSpan]:
    """``count`` spans per annotator; the first annotator's spans are the reference and
    each other annotator copies each with probability ``agreement`` (else shifts or
    relabels it)."""
    words = word_bounds(text)
    if not words:
        return []
    reference: list[GenSpan] = []
    for _ in range(count):
        layer = rng.choices(("actor", "stance", "narrative"), weights=(5, 3, 2))[0]
        lo, hi = SPAN_WORDS[layer]
        first = rng.randrange(len(words))
        last = min(len(words) - 1, first + rng.randint(lo, hi) - 1)
        reference.append(GenSpan(words[first][0], words[last][1], layer,
                                 rng.choice(LABELS[layer]), annotators[0]))
    out = list(reference)
    for name in annotators[1:]:
        for span in reference:
            roll = rng.random()
            if roll < agreement:
                out.append(GenSpan(span.start, span.end, span.layer, span.label, name))
            elif roll < agreement + (1 - agreement) / 2:
                out.append(GenSpan(span.start, span.end, span.layer,
                                   rng.choice(LABELS[span.layer]), name))
            else:
                idx = next((k for k, w in enumerate(words) if w[0] >= span.start), 0)
                idx = min(len(words) - 1, idx + 1)
                end = max(words[idx][1], span.end)
                out.append(GenSpan(words[idx][0], end, span.layer, span.label, name))
    return out


def corpus(n_docs: int, *, seed: int = 20261126, chars: int = 4000) -> Iterator[tuple[str, str]]:
    """(title, text) for ``n_docs`` articles."""
    rng = random.Random(seed)
    for i in range(n_docs):
        text = article(rng, chars)
        yield f"Article {i:05d}: {text[:40].splitlines()[0]}", text
