"""Assignment plans: stated counts, balance, reproducibility, kept work."""

from __future__ import annotations

import pytest

from annotator.core.assign import plan
from annotator.core.errors import InputError

DOCS = [f"d{i:03d}" for i in range(100)]


def test_every_document_once_and_a_fifth_twice() -> None:
    got = plan(DOCS, ["A", "B", "C"], per_document=1, overlap=0.2, seed=7)
    sizes = [len(c) for c in got.values()]
    assert sizes.count(1) == 80 and sizes.count(2) == 20
    loads = {n: sum(n in c for c in got.values()) for n in "ABC"}
    assert sum(loads.values()) == 120 and max(loads.values()) - min(loads.values()) <= 1
    assert got == plan(DOCS, ["A", "B", "C"], per_document=1, overlap=0.2, seed=7)
    assert got != plan(DOCS, ["A", "B", "C"], per_document=1, overlap=0.2, seed=8)


def test_two_per_document_without_overlap_and_work_kept() -> None:
    got = plan(DOCS[:10], ["A", "B", "C", "D"], per_document=2, seed=1,
               keep=[("d000", "D"), ("d000", "C"), ("d001", "A")])
    assert all(len(c) == 2 for c in got.values())
    assert got["d000"] == ["C", "D"] and "A" in got["d001"]


@pytest.mark.parametrize("kwargs, message", [
    ({"per_document": 3}, "between 1 and the number of coders"),
    ({"overlap": 1.5}, "fraction between 0 and 1"),
    ({"per_document": 2, "overlap": 0.1}, "a coder left over"),
])
def test_impossible_plans_say_why(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(InputError, match=message):
        plan(DOCS, ["A", "B"], **kwargs)  # type: ignore[arg-type]
