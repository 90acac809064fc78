"""Population as of a date, and the event window, at their boundaries (truth tables on the minimal data)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from calais_atlas.model.timeline import Dated, data_span, site_states, window_bounds


def jungle(tables, at: date, population: pd.DataFrame | None = None):
    population = tables["population"] if population is None else population
    return site_states(tables["places"], population, at)["calais-jungle"]


@pytest.mark.parametrize(
    ("at", "status", "low", "high"),
    [
        (date(2015, 3, 31), "not-yet", None, None),  # the camp opens in April 2015
        (date(2015, 4, 1), "counted", 1500, 1500),  # the "2015" figure applies from 1 Jan 2015
        (date(2015, 8, 31), "counted", 1500, 1500),  # the "last fall" figure has not begun
        (date(2015, 9, 1), "counted", 6000, 6000),  # first day of Sep – Nov 2015
        (date(2016, 10, 31), "counted", 6000, 6000),  # last day of the active interval
        (date(2016, 11, 1), "closed", None, None),  # closed: never its last population
    ],
)
def test_population_as_of_boundaries(minimal, at: date, status: str, low, high) -> None:
    """The latest figure on or before the date, bounded by the camp's active interval."""
    state = jungle(minimal, at)
    assert (state.status, state.low, state.high) == (status, low, high)


def test_disagreeing_sources_for_one_period_give_a_range(minimal) -> None:
    """Two sources for the same period are both kept and shown as low–high, never averaged."""
    other = minimal["population"].iloc[[1]].assign(figure_id="other", count=4000, source_id="bbc-fr")
    population = pd.concat([minimal["population"], other])
    state = jungle(minimal, date(2015, 10, 1), population)
    assert (state.low, state.high, state.disagree) == (4000, 6000, True)
    assert {f["source_id"] for f in state.figures} == {"time", "bbc-fr"}


def test_capacity_is_never_a_head_count(minimal) -> None:
    """A plan or capacity is listed with the site but does not size its circle."""
    capacity = {**minimal["population"].iloc[0].to_dict(), "figure_id": "cap", "what": "capacity", "count": 1500}
    population = pd.concat([minimal["population"], pd.DataFrame([capacity])])
    state = jungle(minimal, date(2015, 6, 1), population)
    assert state.low == 1500 and [f["what"] for f in state.others] == ["capacity"]
    assert all(f["what"] == "residents" for f in state.figures)


@pytest.mark.parametrize(
    ("at", "mode", "months", "expected"),
    [
        (date(2015, 11, 25), "around", 0, ["growth-2015", "clash-2015-11-25"]),  # Sep–Nov overlaps the day
        (date(2015, 12, 1), "around", 0, []),
        (date(2015, 12, 30), "around", 1, ["growth-2015"]),  # window starts 30 Nov, the last day of Sep – Nov
        (date(2016, 1, 1), "around", 1, []),  # window starts 1 Dec: Sep – Nov is over
        (date(2021, 11, 15), "upto", 0, ["growth-2015", "clash-2015-11-25", "kayak-2021"]),
        (date(2021, 10, 31), "around", 0, []),
    ],
)
def test_event_window(minimal, at, mode, months, expected) -> None:
    """An event shows when its date, at its own precision, overlaps the window (the rule the map and exports use)."""
    start, end = window_bounds(at, mode, months)
    rows, records = Dated.build(minimal["events"]).window(start, end)
    assert [record["event_id"] for record in records] == expected
    assert len(rows) == len(expected)


def test_a_row_without_its_dates_is_in_no_window(minimal) -> None:
    """An undated row (NaT) is never shown, even in the open window 'everything up to'."""
    events = minimal["events"].copy()
    events.loc[events.index[0], ["date_start", "date_end"]] = pd.NaT
    _, records = Dated.build(events).window(*window_bounds(date(2021, 11, 15), "upto", 0))
    assert events.iloc[0]["event_id"] not in [record["event_id"] for record in records]


def test_span_covers_all_dated_rows(minimal) -> None:
    """The slider runs from the first to the last day any row can mean, and stops at each event."""
    span = data_span(minimal)
    assert (span.first, span.last) == (date(2015, 1, 1), date(2021, 11, 30))
    assert span.stops == (date(2015, 9, 1), date(2015, 11, 25), date(2021, 11, 1))
