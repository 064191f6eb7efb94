"""What do, undo and redo of each command cost on a project file (the undo guards' price).

    python -m bench.bench_undo_guards                   # 200 rounds of each command
    python -m bench.bench_undo_guards --json out.json   # also save the medians
    python -m bench.bench_undo_guards --against out.json  # ratios to a saved run

Undo and redo address rows by id, and check first that the row is still the one the
command wrote (another window may have deleted it and SQLite may have given its id to a
new row). This times each step through ``Project.apply``/``revert`` (one committed WAL
transaction each, as the window runs them) on a file holding one article with 20,000
spans, and prints the median per step in microseconds. ``--against`` a run saved before
the guards shows what they add.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from annotator.core.commands import (
    AddComment,
    AddLabel,
    AddLink,
    AddSpan,
    Command,
    DeleteSpan,
    Relabel,
    RemoveLink,
    UpdateLabel,
)
from annotator.core.entity_commands import AddEntity, RemoveEntity, UpdateEntity
from annotator.core.model import Comment, Document, Entity, Label, Link, Span
from annotator.core.review.adjudicate import AcceptAllAgreed, AcceptSpan
from annotator.paths import default_scheme_path
from annotator.store import Project
from bench.corpus import article, spans_for, word_bounds

SEED = 20261126
SPANS = 20_000
CHARS = 200_000
ANNOTATOR = "bench"
AGREED = 2_000


class Fixture:
    def __init__(self, project: Project) -> None:
        rng = random.Random(SEED)
        self.project = project
        self.rng = rng
        text = article(rng, CHARS)
        labels = {(lab.layer, lab.name): lab.id for lab in project.labels()}
        me = project.annotator(ANNOTATOR)
        doc, _ = project.add_document(Document(title="Article", text=text))
        assert doc.id is not None and me.id is not None
        with project.transaction():
            project.insert_spans(
                Span(doc_id=doc.id, annotator_id=me.id, label_id=labels[(g.layer, g.label)],  # type: ignore[arg-type]
                     start=g.start, end=g.end, text=text[g.start:g.end])
                for g in spans_for(text, rng, SPANS, (ANNOTATOR,)))
        self.text, self.doc_id, self.me = text, doc.id, me.id
        self.words = word_bounds(text)
        self.label_ids = [i for i in labels.values() if i is not None]
        self.span_ids = [s.id for s in project.spans_of_document(doc.id) if s.id is not None]
        entity = AddEntity(Entity(name="Bench actor"))
        project.apply(entity)
        assert entity.entity.id is not None
        self.entity_id = entity.entity.id
        self.serial = 0
        self.gold_id = project.gold().id or 0
        self.agreed_doc, self.pair_ids = self._agreed(labels[("actor", "Media")] or 0)

    def _agreed(self, label_id: int) -> tuple[int, list[int]]:
        """A second article where two coders agree on ``AGREED`` spans."""
        text = article(self.rng, CHARS // 4)
        doc, _ = self.project.add_document(Document(title="Agreed", text=text))
        ids = [self.project.annotator(name).id or 0 for name in ("ana", "ben")]
        assert doc.id is not None
        with self.project.transaction():
            self.project.insert_spans(
                Span(doc_id=doc.id, annotator_id=who, label_id=label_id, start=s, end=e,
                     text=text[s:e]) for s, e in word_bounds(text)[:AGREED] for who in ids)
        return doc.id, ids

    def span_id(self) -> int:
        return self.rng.choice(self.span_ids)

    def new_span(self) -> Span:
        start, end = self.rng.choice(self.words)
        return Span(doc_id=self.doc_id, annotator_id=self.me,
                    label_id=self.rng.choice(self.label_ids), start=start, end=end,
                    text=self.text[start:end])

    def fresh(self) -> str:
        self.serial += 1
        return f"bench {self.serial}"


def _link(f: Fixture) -> Link:
    return Link(source_id=f.span_id(), target_id=f.span_id(), type="holder")


def _remove_link(f: Fixture) -> Command:
    add = AddLink(_link(f))
    f.project.apply(add)
    assert add.link.id is not None
    return RemoveLink(add.link.id)


def _remove_entity(f: Fixture) -> Command:
    add = AddEntity(Entity(name=f.fresh()))
    f.project.apply(add)
    assert add.entity.id is not None
    return RemoveEntity(add.entity.id)


def _accept(f: Fixture) -> Command:
    return AcceptSpan(f.project.get_span(f.span_id()), f.gold_id)


def _first_label(f: Fixture) -> int:
    return f.label_ids[0]


# name -> builds one command (setting up whatever it needs, untimed)
CASES: dict[str, Callable[[Fixture], Command]] = {
    "AddSpan": lambda f: AddSpan(f.new_span()),
    "DeleteSpan": lambda f: DeleteSpan(f.span_id()),
    "UpdateSpan (relabel)": lambda f: Relabel(f.span_id(), f.rng.choice(f.label_ids)),
    "AddLink": lambda f: AddLink(_link(f)),
    "RemoveLink": _remove_link,
    "AddComment": lambda f: AddComment(Comment(span_id=f.span_id(), author="b", text="ok")),
    "AddLabel": lambda f: AddLabel(Label(layer="actor", name=f.fresh())),
    "UpdateLabel": lambda f: UpdateLabel(_first_label(f), description=f.fresh()),
    "AddEntity": lambda f: AddEntity(Entity(name=f.fresh())),
    "UpdateEntity": lambda f: UpdateEntity(f.entity_id, type=f.fresh()),
    "RemoveEntity": _remove_entity,
    "AcceptSpan": _accept,
    f"AcceptAllAgreed {AGREED}": lambda f: AcceptAllAgreed([f.agreed_doc], f.pair_ids,
                                                           f.gold_id),
}
ROUNDS = {f"AcceptAllAgreed {AGREED}": 20}  # a whole article's worth per round


def _timed(step: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    step()
    return time.perf_counter() - t0


def measure(fixture: Fixture, rounds: int) -> dict[str, dict[str, float]]:
    """Median seconds of do, undo and redo per case (each round ends undone)."""
    project = fixture.project
    out: dict[str, dict[str, float]] = {}
    for name, build in CASES.items():
        times: dict[str, list[float]] = {"do": [], "undo": [], "redo": []}
        for _ in range(min(rounds, ROUNDS.get(name, rounds))):
            command = build(fixture)
            times["do"].append(_timed(lambda c=command: project.apply(c)))
            times["undo"].append(_timed(lambda c=command: project.revert(c)))
            times["redo"].append(_timed(lambda c=command: project.apply(c)))
            project.revert(command)
        out[name] = {step: statistics.median(values) for step, values in times.items()}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--json", type=Path, help="save the medians here")
    parser.add_argument("--against", type=Path, help="a saved run to compare with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, \
            Project.open(Path(tmp) / "bench.annotator", scheme=default_scheme_path()) as project:
        result = measure(Fixture(project), args.rounds)
    before = json.loads(args.against.read_text()) if args.against else {}
    print(f"one article, {SPANS:,} spans, file project; median of {args.rounds} rounds, µs")
    header = f"{'command':22} {'do':>8} {'undo':>8} {'redo':>8}"
    print(header + ("   ratio to saved run (do / undo / redo)" if before else ""))
    for name, steps in result.items():
        line = f"{name:22} " + " ".join(f"{steps[s] * 1e6:8.0f}" for s in ("do", "undo", "redo"))
        if name in before:
            line += "   " + " / ".join(f"{steps[s] / before[name][s]:.2f}"
                                       for s in ("do", "undo", "redo"))
        print(line)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
