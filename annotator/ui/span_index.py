"""Which spans touch a range of the view, fast enough to ask on every paint.

Positions here are UTF-16 units of the view (converted once through ``OffsetMap``).
Spans are kept sorted by start; a query scans back at most the longest short span,
and the few very long spans are checked one by one. Each span also gets a *lane*, its
nesting depth among overlapping spans of its layer, so nested spans are drawn apart.
No Qt in here: plain data, tested without a window.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass
from heapq import heappop, heappush

LONG = 2048  # spans longer than this (UTF-16 units) are checked one by one


@dataclass(slots=True)
class SpanItem:
    id: int
    start: int
    end: int
    layer: str
    label_id: int
    annotator_id: int
    lane: int = 0


class SpanIndex:
    def __init__(self) -> None:
        self._items: dict[int, SpanItem] = {}
        self._keys: list[tuple[int, int]] = []  # (start, id) of short spans, sorted
        self._long: dict[int, SpanItem] = {}
        self._max_short = 0

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, span_id: int) -> bool:
        return span_id in self._items

    def get(self, span_id: int) -> SpanItem | None:
        return self._items.get(span_id)

    def items(self) -> list[SpanItem]:
        return list(self._items.values())

    def load(self, items: Iterable[SpanItem]) -> None:
        """Replace everything; lanes are assigned in one sweep."""
        ordered = sorted(items, key=lambda it: (it.start, -it.end, it.id))
        # Interval partitioning per layer: the smallest lane no running span holds.
        lanes: dict[str, tuple[list[tuple[int, int]], list[int], list[int]]] = {}
        for item in ordered:
            running, free, count = lanes.setdefault(item.layer, ([], [], [0]))
            while running and running[0][0] <= item.start:
                heappush(free, heappop(running)[1])
            if free:
                item.lane = heappop(free)
            else:
                item.lane = count[0]
                count[0] += 1
            heappush(running, (item.end, item.lane))
        self._items = {it.id: it for it in ordered}
        self._long = {it.id: it for it in ordered if it.end - it.start > LONG}
        short = [it for it in ordered if it.end - it.start <= LONG]
        self._keys = sorted((it.start, it.id) for it in short)
        self._max_short = max((it.end - it.start for it in short), default=0)

    def add(self, item: SpanItem) -> None:
        """Add (or replace) one span; its lane avoids the spans it overlaps."""
        self.remove(item.id)
        same_layer = {o.lane for o in self.overlapping(item.start, item.end)
                      if o.layer == item.layer}
        item.lane = _first_free(same_layer)
        self._items[item.id] = item
        if item.end - item.start > LONG:
            self._long[item.id] = item
        else:
            insort(self._keys, (item.start, item.id))
            self._max_short = max(self._max_short, item.end - item.start)

    def remove(self, span_id: int) -> SpanItem | None:
        item = self._items.pop(span_id, None)
        if item is None:
            return None
        if self._long.pop(span_id, None) is None:
            i = bisect_left(self._keys, (item.start, item.id))
            if i < len(self._keys) and self._keys[i] == (item.start, item.id):
                del self._keys[i]
        return item

    def overlapping(self, start: int, end: int) -> list[SpanItem]:
        """Spans sharing at least one unit with [start, end), in start order."""
        out: list[SpanItem] = []
        i = bisect_left(self._keys, (start - self._max_short, -1))
        keys, items = self._keys, self._items
        while i < len(keys) and keys[i][0] < end:
            item = items[keys[i][1]]
            if item.end > start:
                out.append(item)
            i += 1
        if self._long:
            out.extend(it for it in self._long.values() if it.start < end and it.end > start)
            out.sort(key=lambda it: (it.start, it.id))
        return out

    def at(self, pos: int) -> list[SpanItem]:
        """Spans covering the unit at ``pos``, shortest first."""
        return sorted(self.overlapping(pos, pos + 1), key=lambda it: (it.end - it.start, it.id))


def _first_free(used: set[int]) -> int:
    lane = 0
    while lane in used:
        lane += 1
    return lane
