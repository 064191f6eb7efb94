"""Aligning spans of different annotators that mark the same stretch of text.

Rule (stated with every figure that uses it): spans are grouped across annotators, at
most one span per annotator in a group. Spans with identical bounds group first; then,
greedily, the remaining pairs of overlapping spans (sharing at least one code point) of
different annotators are joined in order of highest character Jaccard overlap
(shared / covered code points), ties broken by the smaller boundary shift
(|Δstart| + |Δend|), then by position. Two groups join only if no annotator would have
two spans in the result. Identical bounds always win (Jaccard 1, shift 0), so the
shortcut is the same rule, only faster.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

Interval = tuple[int, int]
Group = tuple[int | None, ...]


def align(spans: Sequence[Sequence[Interval]],
          labels: Sequence[Sequence[Hashable]] | None = None) -> list[Group]:
    """Groups of spans, one slot per annotator: ``group[i]`` is an index into
    ``spans[i]`` (a list of (start, end) pairs) or ``None``. Every span is in exactly
    one group; groups are ordered by their earliest span.

    ``labels`` (parallel to ``spans``) only matter when one annotator has several spans
    with identical bounds: equal labels then share a group where they can.
    """
    m = len(spans)

    def label(c: int, i: int) -> str:
        return "" if labels is None else repr(labels[c][i])

    items = sorted((sp, label(c, i), c, i)
                   for c, coder in enumerate(spans) for i, sp in enumerate(coder))
    members: list[dict[int, int]] = []
    owner: dict[tuple[int, int], int] = {}
    k, n = 0, len(items)
    while k < n:
        bounds = items[k][0]
        j = k + 1
        while j < n and items[j][0] == bounds:
            j += 1
        slots = _deal(items[k:j], label)
        for group in slots:
            for c, i in group.items():
                owner[(c, i)] = len(members)
            members.append(group)
        k = j
    if any(len(g) < m for g in members):
        _join_overlapping(spans, members, owner, m)
        members = [g for g in members if g]
        members.sort(key=lambda g: min((spans[c][i], c) for c, i in g.items()))
    return [tuple(g.get(c) for c in range(m)) for g in members]


def _deal(items: Sequence[tuple[Interval, str, int, int]],
          label: Callable[[int, int], str]) -> list[dict[int, int]]:
    """Groups of spans with identical bounds, at most one per annotator; a span joins a
    group holding its label if one has room for its annotator (items come by label)."""
    if len({c for _, _, c, _ in items}) == len(items):
        return [{c: i for _, _, c, i in items}]
    slots: list[dict[int, int]] = []
    for _, lab, c, i in items:
        free = [g for g in slots if c not in g]
        same = [g for g in free if any(label(x, y) == lab for x, y in g.items())]
        if same or free:
            (same or free)[0][c] = i
        else:
            slots.append({c: i})
    return slots


def _join_overlapping(spans: Sequence[Sequence[Interval]],
                      members: list[dict[int, int]], owner: dict[tuple[int, int], int],
                      m: int) -> None:
    # Only groups that still lack an annotator can grow; complete ones are left alone.
    open_spans = sorted((spans[c][i], c, i)
                        for g in members if len(g) < m for c, i in g.items())
    candidates = []
    for k, ((s1, e1), c1, i1) in enumerate(open_spans):
        for (s2, e2), c2, i2 in open_spans[k + 1:]:
            if s2 >= e1:
                break
            if c1 == c2:
                continue
            shared = min(e1, e2) - s2
            jaccard = shared / (max(e1, e2) - s1)
            candidates.append((-jaccard, abs(s1 - s2) + abs(e1 - e2), s1, s2, c1, i1, c2, i2))
    candidates.sort()
    for *_, c1, i1, c2, i2 in candidates:
        a, b = owner[(c1, i1)], owner[(c2, i2)]
        if a == b or members[a].keys() & members[b].keys():
            continue
        for c, i in members[b].items():
            owner[(c, i)] = a
        members[a].update(members[b])
        members[b] = {}


def overlap(a: Interval, b: Interval) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))
