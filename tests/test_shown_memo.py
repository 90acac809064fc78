"""Prepared.remembered: the per-data results shared by every session, within a bound."""

from __future__ import annotations

from calais_atlas.data.loader import load_dataset
from calais_atlas.model.shown import REMEMBERED, Prepared
from datafolders import MINIMAL


def _prepared() -> Prepared:
    return Prepared.build(load_dataset(MINIMAL).tables, "en")


def test_the_memo_never_holds_more_than_its_bound() -> None:
    """A viewer choosing ever new spans (new keys) cannot grow the shared memo past REMEMBERED results."""
    prepared = _prepared()
    for n in range(REMEMBERED * 3):
        assert prepared.remembered(("strip", n), lambda n=n: n * 2) == n * 2
        assert len(prepared.memo) <= REMEMBERED
    assert len(prepared.memo) == REMEMBERED
    assert list(prepared.memo) == [("strip", n) for n in range(REMEMBERED * 2, REMEMBERED * 3)]


def test_a_result_in_use_is_kept_and_computed_once() -> None:
    """The result asked for most recently stays, however many others come after it; it is computed once."""
    prepared = _prepared()
    calls = []
    for n in range(REMEMBERED * 2):
        prepared.remembered(("chart", "jungle"), lambda: calls.append(1) or "rows")
        prepared.remembered(("strip", n), lambda n=n: n)
    assert prepared.remembered(("chart", "jungle"), lambda: calls.append(1) or "rows") == "rows"
    assert len(calls) == 1
    assert ("strip", 0) not in prepared.memo  # the oldest unused went first
