"""Handing out documents to coders: each document to N coders, a random sample of them to
one more (the double-coded sample the reliability figures are computed on).

``plan`` is pure and reproducible: the same documents, coders and seed give the same
assignments. Loads stay balanced: each document goes to the coders with the fewest
documents so far (ties broken by the seeded order).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from annotator.core.errors import InputError


def plan(documents: Sequence[str], coders: Sequence[str], *, per_document: int = 1,
         overlap: float = 0.0, seed: int = 1,
         keep: Iterable[tuple[str, str]] = ()) -> dict[str, list[str]]:
    """Coders of each document, by document. ``overlap`` of the documents (rounded to the
    nearest whole number of them) get ``per_document + 1`` coders. ``keep`` are
    (document, coder) pairs that stay whatever the plan (work already started), counted
    in the document's coders."""
    if len(set(coders)) != len(coders) or not coders:
        raise InputError("--coders needs one or more different names")
    if not 1 <= per_document <= len(coders):
        raise InputError(f"--per-document must be between 1 and the number of coders "
                         f"({len(coders)}), not {per_document}")
    if not 0.0 <= overlap <= 1.0:
        raise InputError(f"--overlap is a fraction between 0 and 1, not {overlap}")
    if overlap > 0 and per_document == len(coders):
        raise InputError("--overlap needs a coder left over for the second coding: "
                         "name more coders or lower --per-document")
    rng = random.Random(seed)
    order = list(documents)
    rng.shuffle(order)
    doubled = set(rng.sample(order, round(overlap * len(order)))) if order else set()
    ranks = {name: i for i, name in enumerate(rng.sample(list(coders), len(coders)))}
    load = dict.fromkeys(coders, 0)
    kept: dict[str, list[str]] = {}
    for doc, coder in keep:
        if coder in load and coder not in kept.setdefault(doc, []):
            kept[doc].append(coder)
            load[coder] += 1
    out: dict[str, list[str]] = {}
    for doc in order:
        wanted = per_document + (1 if doc in doubled else 0)
        chosen = list(kept.get(doc, []))
        for name in sorted(load, key=lambda n: (load[n], ranks[n])):
            if len(chosen) >= wanted:
                break
            if name not in chosen:
                chosen.append(name)
                load[name] += 1
        out[doc] = sorted(chosen)
    return {doc: out[doc] for doc in documents}
