"""The category filter: which events it keeps, in which order, and where Previous/Next stop (truth tables)."""

from __future__ import annotations

from datetime import date

import pytest

from calais_atlas.data.schema import EVENT_CATEGORIES
from calais_atlas.model import transitions as move
from calais_atlas.model.filters import CATEGORIES, filter_events, in_legend_order, stops_for
from calais_atlas.model.timeline import data_span
from calais_atlas.model.view_state import AtlasState


def test_the_categories_are_the_legends_in_its_order() -> None:
    assert tuple(name for name, _ in EVENT_CATEGORIES) == CATEGORIES
    assert in_legend_order(["death", "camp", "death", "kayak"]) == ("camp", "death")
    assert in_legend_order(reversed(CATEGORIES)) == ()  # every one of them: the same as no filter
    assert in_legend_order(None) == ()


@pytest.mark.parametrize(
    ("categories", "kept", "left_out"),
    [
        (None, {"clash-2015-11-25", "growth-2015", "kayak-2021"}, set()),
        (set(), {"clash-2015-11-25", "growth-2015", "kayak-2021"}, set()),
        ({"death"}, {"kayak-2021"}, {"clash-2015-11-25", "growth-2015"}),
        ({"camp", "clash"}, {"clash-2015-11-25", "growth-2015"}, {"kayak-2021"}),
        ({"protest"}, set(), {"clash-2015-11-25", "growth-2015", "kayak-2021"}),
        ({"kayak"}, {"clash-2015-11-25", "growth-2015", "kayak-2021"}, set()),  # nothing known chosen: no filter
    ],
)
def test_filter_truth_table_on_the_minimal_data(minimal, categories, kept: set[str], left_out: set[str]) -> None:
    shown = set(filter_events(minimal["events"], categories)["event_id"])
    assert shown == kept
    assert not shown & left_out


@pytest.mark.parametrize(
    ("categories", "stops"),
    [
        (None, (date(2015, 9, 1), date(2015, 11, 25), date(2021, 11, 1))),
        ({"death"}, (date(2021, 11, 1),)),
        ({"camp", "death"}, (date(2015, 9, 1), date(2021, 11, 1))),
        ({"protest"}, ()),
    ],
)
def test_previous_and_next_stop_only_at_the_chosen_categories(minimal, categories, stops) -> None:
    """The stops of a filter are the start days of its events; unfiltered they are the slider's own stops."""
    assert stops_for(minimal["events"], categories) == stops
    if not categories:
        assert stops == data_span(minimal).stops


def test_stepping_with_a_filter_skips_the_other_categories(shipped) -> None:
    """From 20 Jan 2016, Next with only deaths goes to November 2021, over every eviction and clash in between."""
    deaths = stops_for(shipped["events"], {"death"})
    start = AtlasState(date=date(2016, 1, 20), categories=("death",))
    assert move.step_date(start, deaths, 1).date == date(2021, 11, 1)
    assert move.step_date(start, deaths, -1) == start  # no death before: Previous stays
    unfiltered = data_span(shipped).stops
    assert move.step_date(start, unfiltered, 1).date == date(2016, 2, 6)


@pytest.mark.parametrize(
    ("categories", "count", "must", "must_not"),
    [
        ({"death"}, 4, {"kayak-crossing-deaths-2021-11", "channel-sinking-2021-11-24"}, {"jungle-eviction-2016-10-24"}),
        ({"demolition"}, 5, {"jungle-eviction-2016-10-24", "sangatte-jungle-bulldozed-2002"}, {"pegida-rally-2016-02-06"}),
        ({"protest", "politics"}, 6, {"pegida-rally-2016-02-06", "brachay-rally-2016-09-03"}, {"jungle-clashes-2015-11-25"}),
        (None, 36, {"jungle-clashes-2015-11-25", "kayaker-burial-2021-11-24"}, set()),
    ],
)
def test_filter_truth_table_on_the_shipped_data(shipped, categories, count: int, must: set[str], must_not: set[str]) -> None:
    shown = filter_events(shipped["events"], categories)
    assert len(shown) == count
    assert must <= set(shown["event_id"])
    assert not must_not & set(shown["event_id"])
    assert set(shown["category"]) <= (set(categories) if categories else set(CATEGORIES))
