"""What the page draws with a category filter: the window's events, their records, the stops and the CSV's name."""

from __future__ import annotations

from datetime import date

import pytest

from calais_atlas.export.rows import shown_rows_csv, shown_rows_name
from calais_atlas.model.filters import filter_events


@pytest.mark.parametrize("categories", [("demolition",), ("clash", "death"), ("camp", "demolition", "policy")])
@pytest.mark.parametrize(("day", "window", "months"), [(date(2016, 1, 20), "around", 3), (date(2016, 10, 1), "upto", 3)])
def test_a_filtered_window_is_the_window_of_the_filtered_events(prepared, categories, day, window, months) -> None:
    """The same rows, in the same order, as filtering the whole window afterwards; records match the frame."""
    everything = prepared.at(day, window, months)
    filtered = prepared.at(day, window, months, categories)
    expected = filter_events(everything.events, categories)
    assert list(filtered.events["event_id"]) == list(expected["event_id"])
    assert [record["event_id"] for record in filtered.event_records] == list(expected["event_id"])
    assert set(filtered.events["category"]) <= set(categories)
    assert len(expected) < len(everything.events)  # the filter hid something here, so the test tells them apart
    assert filtered.captions.equals(everything.captions) and filtered.states == everything.states


def test_the_filtered_table_is_made_once_per_choice(prepared) -> None:
    prepared.at(date(2016, 1, 20), "around", 3, ("death",))
    made = prepared.memo[("events", ("death",))]
    prepared.at(date(2017, 1, 20), "around", 3, ("death",))
    assert prepared.memo[("events", ("death",))] is made


def test_the_csv_holds_only_the_events_shown_and_its_name_says_the_filter(prepared) -> None:
    shown = prepared.at(date(2016, 1, 20), "around", 3, ("demolition",))
    text = shown_rows_csv(shown.at, shown.states, shown.events, shown.captions, shown.ctx)
    events = [line for line in text.splitlines() if line.startswith("event,")]
    assert len(events) == len(shown.events) > 0
    assert shown_rows_name(date(2016, 1, 20), ("demolition", "death")) == "calais-atlas-2016-01-20-demolition-death.csv"
    assert shown_rows_name(date(2016, 1, 20)) == "calais-atlas-2016-01-20.csv"
