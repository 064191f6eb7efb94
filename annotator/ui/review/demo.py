"""A project with two annotators who partly disagree, for the review screenshots.

The sample articles plus a mixed-script one; Dana's spans are the annotation window's
screenshot spans, Lena's are the same reading with the slips two real coders make: a
different label for the same words, a phrase cut shorter or longer, a span one of them
missed. Two disagreements are already settled in gold (one accepted, one rejected).
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import Document, Span, Status
from annotator.ui.screenshot import MIXED, SPANS  # the main screenshot's article

DANA, LENA = "Dana", "Lena"
Phrase = tuple[str, str, int]  # (text, label, occurrence)

# Dana, the first article: the main screenshot's spans, less the long narrative and "US"
# (a compare view with two annotators reads better without them).
_LEFT_OUT = {"US", "Western governments have hardened their stance as the scale of the "
             "crackdown has become clearer, with US President Donald Trump vowing to hit Iran "
             "“very hard” if repression continued."}
DANA_FIRST: list[Phrase] = [phrase for phrase in SPANS if phrase[0] not in _LEFT_OUT]
# Lena read the same article: mostly the same, with a coder's usual differences.
LENA_FIRST: list[Phrase] = [
    ("protests over economic hardship", "Sanctions and economic hardship", 0),
    ("authorities", "State/Government", 0),  # label conflict
    ("The unrest has been met with sweeping force, including mass arrests and the use of "
     "live ammunition, as authorities imposed near-total internet blackouts to obscure the "
     "scale of the crackdown.", "Regime resilience", 0),  # longer
    ("Western governments", "State/Government", 0),
    ("have hardened their stance", "Opposes", 0),
    ("Donald Trump", "Head of state/government", 0),  # shorter
    ("vowing to hit Iran “very hard” if repression continued", "Opposes", 0),  # longer
    ("In this environment, Russia has remained persistent in its backing of Tehran.",
     "Russia as protector/sanctuary", 0),
    ("Russia", "State/Government", 0),
    ("Russia has remained persistent in its backing of Tehran", "Supports", 0),
    ("Tehran", "State/Government", 1),
    ("A Times report", "Media", 0),
    ("A Times report last week even suggested that supreme leader Ali Khamenei might flee to "
     "Russia should his rule be seriously threatened.", "Russia as protector/sanctuary", 0),
    ("supreme leader Ali Khamenei", "Head of state/government", 0),
    ("Khamenei", "Head of state/government", 1),  # only Lena
    ("Moscow backs repression", "Neutral/ambivalent", 0),  # label conflict
    ("Moscow", "State/Government", 0),
    ("ruling elite", "State/Government", 0),  # shorter, other label
]
DANA_SECOND: list[Phrase] = [
    ("Vladimir Putin", "Head of state/government", 0),
    ("Kremlin", "State/Government", 1),
    ("Sergei Shoigu", "Security forces", 0),
    ("firmly condemned the latest attempt by foreign forces to interfere in Iran’s internal "
     "affairs", "Opposes", 0),
]
LENA_SECOND: list[Phrase] = [
    ("Vladimir Putin", "Head of state/government", 0),
    ("Sergei Shoigu", "State/Government", 0),
    ("firmly condemned the latest attempt by foreign forces to interfere in Iran’s internal "
     "affairs", "Opposes", 0),
    ("Ali Larijani", "Security forces", 0),
]
DANA_MIXED: list[Phrase] = [("Путин", "Head of state/government", 0),
                            ("Кремль", "State/Government", 0),
                            ("осуждает «вмешательство Запада»", "Opposes", 0),
                            ("مردم", "Protesters/Civil society", 0),
                            ("protests", "Protesters/Civil society", 0)]
LENA_MIXED: list[Phrase] = [("Путин", "Head of state/government", 0),
                            ("Кремль", "Head of state/government", 0),
                            ("осуждает «вмешательство Запада»", "Opposes", 0),
                            ("مردم", "Protesters/Civil society", 0),
                            ("تهران", "State/Government", 0)]


def _find(text: str, phrase: str, occurrence: int) -> int:
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(phrase, at + 1)
    return at


def _spans(doc: Document, annotator_id: int, labels: dict[str, int], phrases: list[Phrase]
           ) -> list[Span]:
    assert doc.id is not None
    out = []
    for phrase, label, occurrence in phrases:
        start = _find(doc.text, phrase, occurrence)
        out.append(Span(doc_id=doc.id, annotator_id=annotator_id, label_id=labels[label],
                        start=start, end=start + len(phrase), text=phrase))
    return out


def review_demo_project(path: Path) -> None:
    """Write the demo project to ``path`` (a new file)."""
    from annotator.core.review.adjudicate import AcceptSpan, Reject
    from annotator.formats.importer import import_paths
    from annotator.paths import default_scheme_path, seeds_dir
    from annotator.store import Project

    with Project.open(path, scheme=default_scheme_path()) as project:
        import_paths(project, [seeds_dir()])
        project.add_document(Document(title="Mixed scripts: Iran, Russia, Persian", text=MIXED))
        labels = {lab.name: lab.id for lab in project.labels() if lab.id is not None}
        dana, lena = project.annotator(DANA), project.annotator(LENA)
        assert dana.id is not None and lena.id is not None
        first, second, mixed = list(project.iter_documents())
        with project.transaction():
            for doc, mine, hers in ((first, DANA_FIRST, LENA_FIRST),
                                    (second, DANA_SECOND, LENA_SECOND),
                                    (mixed, DANA_MIXED, LENA_MIXED)):
                project.insert_spans(_spans(doc, dana.id, labels, mine))
                project.insert_spans(_spans(doc, lena.id, labels, hers))
                assert doc.id is not None
                project.set_status(doc.id, dana.id, Status.DONE)
                project.set_status(doc.id, lena.id, Status.DONE)
        assert first.id is not None
        gold = project.gold()
        assert gold.id is not None
        pairs = project.compare_document(first.id, dana.id, lena.id)
        western = next(p for p in pairs if p.a is not None and p.a.text == "Western governments")
        assert western.a is not None
        project.apply(AcceptSpan(western.a, gold.id, pair=western, reviewer=DANA))
        missed = next(p for p in pairs if p.a is not None and p.a.text == "demonstrators")
        project.apply(Reject(missed, gold.id, reviewer=DANA))
