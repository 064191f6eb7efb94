"""A project file coded with stance statements, for the network tests and pictures:
each statement is a sentence "<holder> backs|rejects <concept>." with an actor span as
its holder, a Supports/Opposes span over the sentence and a registry concept as target."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from annotator.core.model import Document, Entity, Link, Span
from annotator.paths import default_scheme_path
from annotator.store import Project

# (document date, holder, holder's actor label, +1 backs / -1 rejects, concept)
Coded = tuple[str, str, str, int, str]


def code_statements(path: Path, statements: Iterable[Coded], *, annotator: str = "Dana",
                    meta: dict[str, str] | None = None) -> Path:
    """One document per date, holding that date's statements in order (called again on
    the same file, another annotator's documents join, sharing the concepts)."""
    by_day: dict[str, list[Coded]] = {}
    for row in statements:
        by_day.setdefault(row[0], []).append(row)
    with Project.open(path, scheme=default_scheme_path()) as p:
        me = p.annotator(annotator)
        labels = {lab.name: lab.id for lab in p.labels()}
        concepts: dict[str, int | None] = {e.name: e.id for e in p.entities()}
        for day, rows in by_day.items():
            sentences = [f"{h} {'backs' if s > 0 else 'rejects'} {c}." for _, h, _, s, c in rows]
            text = " ".join(sentences)
            doc, _ = p.add_document(Document(title=day, text=text,
                                             meta={"date": day, **(meta or {})}))
            at = 0
            for (_, holder, label, sign, concept), sentence in zip(rows, sentences,
                                                                   strict=True):
                if concept not in concepts:
                    concepts[concept] = p.insert_entity(Entity(name=concept)).id
                actor = p.insert_span(Span(doc_id=doc.id or 0, annotator_id=me.id or 0,
                                           label_id=labels[label] or 0, start=at,
                                           end=at + len(holder), text=holder))
                claim = p.insert_span(Span(
                    doc_id=doc.id or 0, annotator_id=me.id or 0,
                    label_id=labels["Supports" if sign > 0 else "Opposes"] or 0, start=at,
                    end=at + len(sentence), text=sentence))
                p.insert_link(Link(source_id=claim.id or 0, type="holder",
                                   target_id=actor.id))
                p.insert_link(Link(source_id=claim.id or 0, type="target",
                                   target_entity_id=concepts[concept]))
                at += len(sentence) + 1
    return path


# The two sample articles (``seeds/``) coded by hand, for the README's network picture:
# (article, the claim as written, holder as written, holder's label, registry name,
# stance, concept). The claim becomes the stance span; the holder, an actor span inside
# it named by the registry (so "Moscow" and "Russia" are one node).
SAMPLE_CODING = [
    (0, "US President Donald Trump vowing to hit Iran “very hard” if repression continued",
     "Donald Trump", "Head of state/government", "Donald Trump", "Opposes", "the crackdown"),
    (0, "Russia has remained persistent in its backing of Tehran", "Russia",
     "State/Government", "Russian Federation", "Supports", "the Iranian government"),
    (0, "Moscow has consistently portrayed Iran’s repression as a legitimate exercise of "
        "sovereignty", "Moscow", "State/Government", "Russian Federation", "Supports",
     "the crackdown"),
    (0, "Russia has nonetheless intensified its diplomatic defense of Tehran", "Russia",
     "State/Government", "Russian Federation", "Supports", "the Iranian government"),
    (0, "portraying Iranian protests as externally engineered “color revolutions.”", None,
     "", "Russian Federation", "Opposes", "the protests"),
    (0, "Russian state media has reinforced Tehran’s preferred narrative, emphasizing "
        "sanctions and alleged foreign interference", "Russian state media", "Media",
     "Russian state media", "Supports", "the foreign-interference claim"),
    (0, "Russia and Iran have worked to recast unrest as foreign-driven destabilization",
     "Russia", "State/Government", "Russian Federation", "Supports",
     "the foreign-interference claim"),
    (0, "Russia and Iran have worked to recast unrest as foreign-driven destabilization",
     "Iran", "State/Government", "Islamic Republic of Iran", "Supports",
     "the foreign-interference claim"),
    (0, "demonstrators increasingly calling for an end to theocratic rule", "demonstrators",
     "Protesters/Civil society", "Iranian protesters", "Opposes", "the Iranian government"),
    (0, "IRGC and the security services—are widely expected to resist collapse at almost "
        "any cost", "IRGC", "Security forces", "IRGC", "Supports", "the Iranian government"),
    (1, "Shoigu told Larijani, according to Russian media, that he “firmly condemned the "
        "latest attempt by foreign forces to interfere in Iran’s internal affairs”", "Shoigu",
     "State/Government", "Sergei Shoigu", "Supports", "the foreign-interference claim"),
    (1, "Donald Trump’s warning that the US was “locked and loaded”", "Donald Trump",
     "Head of state/government", "Donald Trump", "Opposes", "the crackdown"),
    (1, "Trump posted on Truth Social: “Iranian Patriots, KEEP PROTESTING", "Trump",
     "Head of state/government", "Donald Trump", "Supports", "the protests"),
    (1, "Zelensky on Monday called on the world to help protesters in Iran", "Zelensky",
     "Head of state/government", "Volodymyr Zelensky", "Supports", "the protests"),
    (1, "Zelensky on Monday called on the world to help protesters in Iran “remove those "
        "who are responsible", None, "", "Volodymyr Zelensky", "Opposes",
     "the Iranian government"),
    (1, "Ayatollah Ali Khamenei has insisted that the Islamic republic would “not back "
        "down” in the face of protests", "Ayatollah Ali Khamenei", "Head of state/government",
     "Ali Khamenei", "Opposes", "the protests"),
    (1, "Iranian demonstrators’ cries of “death to the dictator”", "Iranian demonstrators",
     "Protesters/Civil society", "Iranian protesters", "Opposes", "the Iranian government"),
    (1, "Russia clearly feels a need to show its willingness to support an ally", "Russia",
     "State/Government", "Russian Federation", "Supports", "the Iranian government"),
    (1, "Shoigu even offered his condolences", "Shoigu", "State/Government", "Sergei Shoigu",
     "Supports", "the Iranian government"),
]


def code_sample_articles(path: Path, *, annotator: str = "Dana") -> Path:
    """The sample articles imported and coded with ``SAMPLE_CODING``. A claim without its
    own holder (``None``) takes the last actor span of that registry name."""
    from annotator.formats.importer import import_paths
    from annotator.paths import seeds_dir

    with Project.open(path, scheme=default_scheme_path()) as p:
        import_paths(p, [seeds_dir()])
        me = p.annotator(annotator)
        labels = {lab.name: lab.id or 0 for lab in p.labels()}
        docs = list(p.iter_documents())
        named: dict[str, int] = {}
        actors: dict[tuple[int, int], int] = {}  # (doc, start) -> actor span
        last_of: dict[str, int] = {}
        for n, claim, holder, label, name, stance, concept in SAMPLE_CODING:
            doc = docs[n]
            assert doc.id is not None and me.id is not None
            for wanted in (name, concept):
                if wanted not in named:
                    kind = label if wanted == name else ""
                    named[wanted] = p.insert_entity(Entity(name=wanted, type=kind)).id or 0
            at = doc.text.index(claim)
            if holder is not None:
                start = at + claim.index(holder)
                if (doc.id, start) not in actors:
                    actors[(doc.id, start)] = p.insert_span(Span(
                        doc_id=doc.id, annotator_id=me.id, label_id=labels[label],
                        start=start, end=start + len(holder), text=holder,
                        entity_id=named[name])).id or 0
                last_of[name] = actors[(doc.id, start)]
            claim_span = p.insert_span(Span(doc_id=doc.id, annotator_id=me.id,
                                            label_id=labels[stance], start=at,
                                            end=at + len(claim), text=claim))
            p.insert_link(Link(source_id=claim_span.id or 0, type="holder",
                               target_id=last_of[name]))
            p.insert_link(Link(source_id=claim_span.id or 0, type="target",
                               target_entity_id=named[concept]))
    return path
