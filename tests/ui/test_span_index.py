"""SpanIndex (no Qt): range queries agree with brute force; overlapping spans never share a lane."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.ui.span_index import LONG, SpanIndex, SpanItem

ranges = st.lists(
    st.tuples(st.integers(0, 6000), st.integers(1, 3000), st.sampled_from(["actor", "stance"])),
    max_size=60)


def _items(raw: list[tuple[int, int, str]]) -> list[SpanItem]:
    return [SpanItem(i + 1, s, s + n, layer, 1, 1) for i, (s, n, layer) in enumerate(raw)]


@settings(max_examples=150, deadline=None)
@given(raw=ranges, query=st.tuples(st.integers(0, 9000), st.integers(1, 400)),
       added=st.tuples(st.integers(0, 6000), st.integers(1, 5000)))
def test_overlapping_matches_brute_force_after_load_add_and_remove(
        raw: list[tuple[int, int, str]], query: tuple[int, int],
        added: tuple[int, int]) -> None:
    items = _items(raw)
    index = SpanIndex()
    index.load(items)
    extra = SpanItem(10_000, added[0], added[0] + added[1], "actor", 1, 1)
    index.add(extra)
    if items:
        index.remove(items[0].id)
    alive = [*items[1:], extra]
    a, b = query[0], query[0] + query[1]
    expected = sorted(it.id for it in alive if it.start < b and it.end > a)
    assert sorted(it.id for it in index.overlapping(a, b)) == expected
    assert {it.id for it in index.at(a)} == {it.id for it in alive if it.start <= a < it.end}


@settings(max_examples=150, deadline=None)
@given(raw=ranges)
def test_overlapping_spans_of_a_layer_get_different_lanes(raw: list[tuple[int, int, str]]
                                                          ) -> None:
    index = SpanIndex()
    index.load(_items(raw))
    index.add(SpanItem(99_999, 100, 100 + LONG + 10, "actor", 1, 1))  # a long one too
    items = index.items()
    for x in items:
        for y in items:
            if x.id < y.id and x.layer == y.layer and x.start < y.end and y.start < x.end:
                assert x.lane != y.lane, (x, y)
