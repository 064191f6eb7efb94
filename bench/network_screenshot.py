"""The network view, for the README: ``python -m bench.network_screenshot docs``.

Codes a small made-up debate (eight actors, five concepts, stances over two months),
opens Analysis → Network… on it as congruence − conflict (Jaccard) and saves
``docs/network-view.png`` and ``docs/network-affiliation.png`` (actor × concept, the
qualifiers combined), and Analysis → Charts… as ``docs/charts.png``. Run it under a
real display (``xvfb-run``).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from annotator.core.model import Document, Entity, Link, Span
from annotator.paths import default_scheme_path
from annotator.store import Project

ACTORS = [("Putin", "Head of state/government"), ("Khamenei", "Head of state/government"),
          ("Trump", "Head of state/government"), ("Kremlin", "State/Government"),
          ("IRGC", "Security forces"), ("EU", "International body"),
          ("Protesters", "Protesters/Civil society"), ("State TV", "Media")]
CONCEPTS = ["sanctions", "the protests", "the nuclear deal", "the internet blackout",
            "Russian support"]
# Who leans which way on each concept (+1, -1): the blocs the picture should show.
LEAN = {"Putin": -1, "Khamenei": -1, "Kremlin": -1, "IRGC": -1, "State TV": -1,
        "Trump": 1, "EU": 1, "Protesters": 1}


def build(path: Path) -> None:
    rng = random.Random(3)
    with Project.open(path, scheme=default_scheme_path()) as p:
        me = p.annotator("Dana")
        labels = {lab.name: lab.id for lab in p.labels()}
        concept_ids = {c: p.insert_entity(Entity(name=c)).id for c in CONCEPTS}
        for d in range(24):
            rows = []
            for _ in range(6):
                actor, label = rng.choice(ACTORS)
                concept = rng.choice(CONCEPTS)
                sign = LEAN[actor] * (1 if concept != "Russian support" else -1)
                if rng.random() < 0.15:
                    sign = -sign
                rows.append((actor, label, concept, sign))
            text = " ".join(f"{a} {'backs' if s > 0 else 'rejects'} {c}." for a, _, c, s in rows)
            day = f"2026-{1 + d // 12:02d}-{1 + 2 * (d % 12):02d}"
            doc, _ = p.add_document(Document(title=f"Report {d + 1}", text=text,
                                             meta={"date": day, "outlet": "Example Wire"}))
            at = 0
            for actor, label, concept, sign in rows:
                sentence = f"{actor} {'backs' if sign > 0 else 'rejects'} {concept}."
                at = text.index(sentence, at)
                holder = p.insert_span(Span(doc_id=doc.id or 0, annotator_id=me.id or 0,
                                            label_id=labels[label] or 0, start=at,
                                            end=at + len(actor), text=actor))
                stance = p.insert_span(Span(
                    doc_id=doc.id or 0, annotator_id=me.id or 0,
                    label_id=labels["Supports" if sign > 0 else "Opposes"] or 0, start=at,
                    end=at + len(sentence), text=sentence))
                p.insert_link(Link(source_id=stance.id or 0, type="holder",
                                   target_id=holder.id))
                p.insert_link(Link(source_id=stance.id or 0, type="target",
                                   target_entity_id=concept_ids[concept]))
                at += len(sentence)


def main(out: Path) -> int:
    from annotator.ui.app import make_application
    from annotator.ui.network_view import open_network
    from annotator.ui.throwaway_window import throwaway_window

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "debate.annotator"
        build(path)
        window = throwaway_window(path, Path(tmp), annotator="Dana", size=(1600, 1000))
        ok = True
        for index, name in ((3, "network-view.png"), (0, "network-affiliation.png")):
            view = open_network(window)
            assert view is not None
            view.kind.setCurrentIndex(index)
            if index == 3:
                view.normalize.setCurrentIndex(view.normalize.findData("jaccard"))
            deadline = time.monotonic() + 20
            while not view.nodes and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.02)
            for _ in range(5):
                app.processEvents()
            ok = bool(view.grab().save(str(out / name))) and ok
            view.close()
        from annotator.ui.charts import open_charts

        charts = open_charts(window)
        assert charts is not None
        charts.by.setCurrentIndex(0)
        for _ in range(5):
            app.processEvents()
        ok = bool(charts.grab().save(str(out / "charts.png"))) and ok
        charts.close()
        window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")))
