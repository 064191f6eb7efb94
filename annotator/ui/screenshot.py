"""Render the window for the README: ``python -m annotator.ui.screenshot docs/screenshot.png``.

Builds a throwaway project (the sample articles, a mixed-script article and spans on the
three layers, some overlapping, actors named from the registry, the shown stance's holder
and target), opens the real window on it and saves ``QWidget.grab()``.
Run it under a real display (``xvfb-run -s "-screen 0 1600x1000x24"``) for real fonts.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.model import Document, Span, Status

if TYPE_CHECKING:
    from annotator.store import Project as Store

ANNOTATOR = "Dana"
MIXED = (
    "Iran 🇮🇷 protests — “death to the dictator” chants spread from the bazaar.\n"
    "Путин наблюдает за Ираном 👀: Кремль осуждает «вмешательство Запада».\n"
    "اعتراض‌ها در تهران ادامه دارد؛ مردم می‌خواهند صدای خود را به گوش جهان برسانند.\n"
)
# (phrase, label, occurrence) on the first sample article; several overlap on purpose.
SPANS = [
    ("protests over economic hardship", "Sanctions and economic hardship", 0),
    ("demonstrators", "Protesters/Civil society", 0),
    ("authorities", "Security forces", 0),
    ("The unrest has been met with sweeping force, including mass arrests and the use of "
     "live ammunition", "Regime resilience", 0),
    ("Western governments have hardened their stance as the scale of the crackdown has "
     "become clearer, with US President Donald Trump vowing to hit Iran “very hard” if "
     "repression continued.", "Western credibility and threats", 0),
    ("Western governments", "State/Government", 0),
    ("have hardened their stance", "Opposes", 0),
    ("US President Donald Trump", "Head of state/government", 0),
    ("US", "State/Government", 0),
    ("vowing to hit Iran “very hard”", "Opposes", 0),
    ("In this environment, Russia has remained persistent in its backing of Tehran.",
     "Russia as protector/sanctuary", 0),
    ("Russia", "State/Government", 0),
    ("Russia has remained persistent in its backing of Tehran", "Supports", 0),
    ("Tehran", "State/Government", 1),
    ("A Times report", "Media", 0),
    ("A Times report last week even suggested that supreme leader Ali Khamenei might flee to "
     "Russia should his rule be seriously threatened.", "Elite exit and defection", 0),
    ("supreme leader Ali Khamenei", "Head of state/government", 0),
    ("Moscow backs repression", "Supports", 0),
    ("Moscow", "State/Government", 0),
    ("Iran’s ruling elite", "Political organisation", 0),
]
# The actors registry, which actor spans name which actor, and stances' holder/target.
ENTITIES = [("Russian Federation", "State/Government", ("Russia", "Moscow", "Kremlin")),
            ("Ali Khamenei", "Head of state/government", ("Khamenei", "supreme leader")),
            ("Islamic Republic of Iran", "State/Government", ("Iran", "Tehran"))]
SPAN_ENTITIES = {"Russia": "Russian Federation", "Moscow": "Russian Federation",
                 "supreme leader Ali Khamenei": "Ali Khamenei",
                 "Tehran": "Islamic Republic of Iran"}
STANCE_LINKS = [("Russia has remained persistent in its backing of Tehran", "Russia", "Tehran"),
                ("Moscow backs repression", "Moscow", None)]
MIXED_SPANS = [("Путин", "Head of state/government"), ("Кремль", "State/Government"),
               ("осуждает «вмешательство Запада»", "Opposes"), ("مردم", "Protesters/Civil society"),
               ("protests", "Protesters/Civil society")]


def _find(text: str, phrase: str, occurrence: int) -> int:
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(phrase, at + 1)
    return at


def demo_project(path: Path) -> None:
    from annotator.formats.importer import import_paths
    from annotator.paths import default_scheme_path, seeds_dir
    from annotator.store import Project

    with Project.open(path, scheme=default_scheme_path()) as project:
        import_paths(project, [seeds_dir()])
        project.add_document(Document(title="Mixed scripts: Iran, Russia, Persian", text=MIXED))
        me = project.annotator(ANNOTATOR)
        labels = {lab.name: lab.id for lab in project.labels()}
        docs = list(project.iter_documents())
        first, second, mixed = docs[0], docs[1], docs[-1]
        assert me.id is not None and first.id and second.id and mixed.id
        spans = []
        for phrase, label, occurrence in SPANS:
            start = _find(first.text, phrase, occurrence)
            spans.append(Span(doc_id=first.id, annotator_id=me.id, label_id=labels[label],  # type: ignore[arg-type]
                              start=start, end=start + len(phrase), text=phrase))
        for phrase, label in MIXED_SPANS:
            start = mixed.text.index(phrase)
            spans.append(Span(doc_id=mixed.id, annotator_id=me.id, label_id=labels[label],  # type: ignore[arg-type]
                              start=start, end=start + len(phrase), text=phrase))
        with project.transaction():
            project.insert_spans(spans)
            project.set_status(first.id, me.id, Status.IN_PROGRESS)
            project.set_status(mixed.id, me.id, Status.DONE)
        _link_actors(project, first.id)


def _link_actors(project: Store, doc_id: int) -> None:
    from annotator.core.commands import UpdateSpan
    from annotator.core.entity_commands import HOLDER, TARGET, AddEntity, replace_link
    from annotator.core.model import Entity

    for name, kind, aliases in ENTITIES:
        project.apply(AddEntity(Entity(name=name, type=kind, aliases=aliases)))
    entities = {e.name: e.id for e in project.entities()}
    spans = {s.text: s.id for s in project.spans_of_document(doc_id)}
    for text, name in SPAN_ENTITIES.items():
        project.apply(UpdateSpan(spans[text], entity_id=entities[name]))  # type: ignore[arg-type]
    for stance, holder, target in STANCE_LINKS:
        for link_type, actor in ((HOLDER, holder), (TARGET, target)):
            command = replace_link([], spans[stance], link_type,  # type: ignore[arg-type]
                                   target_id=spans[actor] if actor else None)
            if command is not None:
                project.apply(command)


def main(out: Path) -> int:

    from annotator.ui.app import make_application
    from annotator.ui.throwaway_window import throwaway_window

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample.annotator"
        demo_project(path)
        window = throwaway_window(path, Path(tmp), annotator=ANNOTATOR, size=(1600, 1000))
        ws = window.workspace
        assert ws is not None
        ws.setSizes([300, 880, 420])
        for _ in range(5):
            app.processEvents()
        # Show the editor on a stance that sits inside a narrative and holds an actor.
        target = next(i for i in ws.spans.ids
                      if (ws.spans.span_of(i) or Span(0, 0, 0, 0, 0, "")).text.startswith(
                          "Russia has remained"))
        ws.select_span(target)
        ws.panel.editor.note.setPlainText("Kremlin line; compare with TASS coverage.")
        ws.panel.editor.attributes.setPlainText("certainty=high")
        ws.panel.editor.commit()
        ws.view.verticalScrollBar().setValue(0)
        for _ in range(5):
            app.processEvents()
        ok = window.grab().save(str(out))
        window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.png")))
