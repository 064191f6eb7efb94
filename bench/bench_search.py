"""Corpus search at 10,000 articles (issue 11, item 5).

    python -m bench.bench_search            # 5 runs each, medians
    python -m bench.bench_search --quick    # 1,000 articles, 3 runs

The corpus is ``bench.corpus`` (English, Russian and Persian with emoji, flags and ZWNJ;
about 4 KB an article), in which every common phrase is in nearly every article; one
article in 100 also holds a rare name ("Zarif"), so that the index's selectivity shows.
Figures: import with the index kept, building the index for an existing project (the
migration), index size; first 100 hits of a common phrase, of a Persian word typed
without its ZWNJ and of a flag (too short for the index: read text by text); every hit
of the rare name; a full regular-expression search; tagging 1,000 hits in one undo step.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from annotator.core.model import Document
from annotator.core.tag_all import plan_tag_all
from annotator.formats.corpus_search import SearchRequest, corpus_hits
from annotator.paths import default_scheme_path
from annotator.store import Project
from annotator.store.repo_search import build_index
from bench.corpus import corpus

RARE = "Foreign minister Zarif spoke in Geneva."


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def first(project: Project, query: str, n: int, **kw: bool) -> int:
    hits = 0
    for _ in corpus_hits(project, SearchRequest(query, **kw)):
        hits += 1
        if hits >= n:
            break
    return hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    n_docs, runs = (1000, 3) if args.quick else (10_000, 5)
    docs = [Document(title=title, text=text + (f"\n{RARE}" if i % 100 == 7 else ""))
            for i, (title, text) in enumerate(corpus(n_docs, seed=3))]
    size_mb = sum(len(d.text.encode()) for d in docs) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "search.annotator"
        with Project.open(path, scheme=default_scheme_path()) as project:
            started = time.perf_counter()
            with project.transaction():
                for doc in docs:
                    project.add_document(doc)
            imported = time.perf_counter() - started
            with project.transaction():
                project.conn.execute("INSERT INTO doc_search (doc_search) VALUES ('delete-all')")
                started = time.perf_counter()
                build_index(project.conn)
                built = time.perf_counter() - started
            index_mb = project.search_index_bytes() / 1e6
        print(f"{n_docs:,} articles, {size_mb:.1f} MB: added with the index kept in "
              f"{imported:.2f} s; index built for an existing project in {built:.2f} s; "
              f"index {index_mb:.1f} MB ({index_mb / size_mb:.1f}× the texts), file "
              f"{path.stat().st_size / 1e6:.0f} MB")
        with Project.open(path) as project:
            for label, query, kw in (("common phrase 'supreme leader'", "supreme leader", {}),
                                     ("Persian without ZWNJ 'میخواهند'", "میخواهند", {}),
                                     ("a flag '🇮🇷' (no index: text by text)", "🇮🇷", {})):
                ms = median_ms(lambda q=query, k=kw: first(project, q, 100, **k), runs)
                print(f"first 100 hits, {label}: {ms:.1f} ms")
            rare = first(project, "zarif", 10**9)
            ms = median_ms(lambda: first(project, "zarif", 10**9), runs)
            print(f"every hit of a rare name ({rare} hits in {n_docs // 100} articles): "
                  f"{ms:.1f} ms")
            total = 0

            def full() -> None:
                nonlocal total
                total = first(project, r"Пут\w+|Kreml\w+", 10**9, regex=True)

            ms = median_ms(full, max(1, runs // 2))
            print(f"full regular-expression search (r'Пут\\w+|Kreml\\w+', {total:,} hits): "
                  f"{ms / 1000:.2f} s")
            hits = list(corpus_hits(project, SearchRequest("supreme leader")))[:1000]
            label = next(lab for lab in project.labels() if lab.name == "Head of state/government")
            me = project.annotator("bench")
            assert me.id is not None
            doc_ids = sorted({h.doc_id for h in hits})
            started = time.perf_counter()
            texts = dict(project.texts_of(doc_ids))
            spans = {d: [(s.start, s.end, s.label_id, s.annotator_id)
                         for s in project.spans_of_document(d, [me.id])] for d in doc_ids}
            statuses = {d: project.get_status(d, me.id) for d in doc_ids}
            plan = plan_tag_all(hits, label, me.id, texts, spans, statuses)
            assert plan.command is not None
            project.apply(plan.command)
            tagged = time.perf_counter() - started
            print(f"tag {plan.added:,} hits in {len(doc_ids)} documents, one undo step: "
                  f"{tagged * 1000:.0f} ms")
    suggestions_bench(runs)


def suggestions_bench(runs: int) -> None:
    """Registry suggestions for an open 1 MB article with 20,000 spans: 300 actors
    with three aliases each (the corpus's own names among them)."""
    import random

    from annotator.core.model import Entity
    from annotator.core.suggest import Matcher, lowered, open_suggestions
    from bench.corpus import article

    rng = random.Random(1)
    text = article(rng, 1_000_000)
    names = ["Kremlin", "supreme leader", "Putin", "Путин", "Москва", "Тегерана",
             "United States", "Israel", "Moscow", "دولت", "تهران"]
    entities = [Entity(id=i + 1, name=f"Actor {i} {rng.randint(0, 10**6)}",
                       aliases=(f"alias{i}a", f"alias{i}b", names[i % len(names)]
                                if i < len(names) else f"alias{i}c"))
                for i in range(300)]
    step = max(1, len(text) // 20_000)
    taken = [(i, i + 5) for i in range(0, len(text) - 5, step)][:20_000]
    shown = 0

    def opening() -> None:
        nonlocal shown
        matcher = Matcher.build(entities)
        shown = len(open_suggestions(matcher.find(text), len(text), taken, []))

    matcher, low = Matcher.build(entities), lowered(text)

    def refresh() -> None:
        open_suggestions(matcher.find(text, low), len(text), taken, [])

    ms, again = median_ms(opening, runs), median_ms(refresh, runs)
    print(f"suggestions for a 1 MB article with 20,000 spans (300 actors, 900 names; "
          f"{shown:,} shown): {ms:.1f} ms on opening (matcher built, text lower-cased and "
          f"matched, spans removed); {again:.1f} ms again after an edit (both kept)")


if __name__ == "__main__":
    main()
