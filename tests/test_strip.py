"""The timeline strip's spec (model/strip.py): marks per category in the map's colours and shapes, counted per bucket at
scale with the spec kept small, the population steps, and the transition a click on a mark makes."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pandas as pd

from calais_atlas.data.loader import load_dataset
from calais_atlas.model import transitions as move
from calais_atlas.model.filters import CATEGORIES
from calais_atlas.model.palette import CATEGORY_COLOURS
from calais_atlas.model.shapes import CATEGORY_SHAPES, SHAPES, unit_path
from calais_atlas.model.shown import Prepared
from calais_atlas.model.strip import MAX_MARKS, PICKS, build_strip, focus_range, population_line, strip_spec
from calais_atlas.model.summaries import figure_text
from calais_atlas.model.timeline import SiteIndex, data_span, window_bounds
from calais_atlas.model.view_state import AtlasState, Limits
from datafolders import ROOT

SPAN = (date(1999, 1, 1), date(2021, 12, 31))


def _shipped():
    tables = load_dataset(ROOT / "data").tables
    return tables, Prepared.build(tables), data_span(tables)


def _events(count: int) -> pd.DataFrame:
    days = pd.date_range("1999-01-01", "2021-12-31", periods=count).normalize()
    return pd.DataFrame({"date_start": days, "date_end": days, "category": [CATEGORIES[i % 9] for i in range(count)],
                         "place_id": [f"p{i % 50}" for i in range(count)], "title": "t", "date": days.strftime("%Y-%m-%d")})


def _layers(spec: dict, row: int) -> list[dict]:
    return spec["vconcat"][row]["layer"]


def _event_layer(spec: dict, row: int) -> dict:
    return next(layer for layer in _layers(spec, row) if layer.get("params"))


def test_unit_path_moves_the_box_to_vegas_symbol_square() -> None:
    assert unit_path("M4 4H16V16H4Z") == "M-0.6 -0.6H0.6V0.6H-0.6Z"
    assert unit_path("M10 2.5A7.5 7.5 0 1 1 9.99 2.5Z") == "M0 -0.75A0.75 0.75 0 1 1 -0.001 -0.75Z"


def test_every_shipped_event_is_a_mark_in_its_categorys_colour_and_shape() -> None:
    tables, prepared, span = _shipped()
    strip = build_strip(tables["events"], span.first, span.last, prepared.ctx.place_name, "en")
    spec = strip_spec(strip, population_line(prepared.sites, "", span.last, "en"),
                      date(2016, 1, 20), (date(2015, 10, 20), date(2016, 4, 20)), (span.first, span.last), "en")
    layer = _event_layer(spec, 0)
    rows = spec["datasets"][layer["data"]["name"]]
    assert len(rows) == len(tables["events"]) and not strip.aggregated
    by_category = {CATEGORIES[row["c"]] for row in rows}
    assert by_category == set(tables["events"]["category"])
    shape, fill = layer["encoding"]["shape"]["scale"], layer["encoding"]["fill"]["scale"]
    for index, category in enumerate(CATEGORIES):
        assert fill["range"][index] == CATEGORY_COLOURS[category]
        assert shape["range"][index] == unit_path(SHAPES[CATEGORY_SHAPES[category]])
    # The focus row holds only the events near the date; each mark's index leads back to its event.
    focus_rows = spec["datasets"][_event_layer(spec, 1)["data"]["name"]]
    assert 0 < len(focus_rows) < len(rows)
    assert all(date(2015, 8, 1) <= date.fromisoformat(row["x"]) <= date(2016, 7, 1) for row in focus_rows)
    mark = strip.mark(PICKS[1], focus_rows[0]["i"])
    assert mark.day.isoformat() == focus_rows[0]["x"]


def test_beyond_the_limit_marks_are_counted_per_bucket_and_the_spec_stays_small() -> None:
    events = _events(100_000)
    strip = build_strip(events, *SPAN, str, "en")
    assert strip.aggregated
    assert sum(row["n"] for row in strip.overview) == 100_000 == sum(row["n"] for row in strip.fine)
    assert len(strip.overview) <= 9 * 100
    spec = strip_spec(strip, population_line(SiteIndex((), {}, {}), "", SPAN[1], "en"), date(2016, 1, 20),
                      (date(2015, 10, 20), date(2016, 4, 20)), SPAN, "en")
    assert len(json.dumps(spec)) < 80_000
    assert _event_layer(spec, 0)["encoding"]["size"]["field"] == "n"


def test_at_the_limit_every_event_is_still_its_own_mark() -> None:
    assert not build_strip(_events(MAX_MARKS), *SPAN, str, "en").aggregated
    assert build_strip(_events(MAX_MARKS + 1), *SPAN, str, "en").aggregated


def test_focus_is_the_window_within_bounds() -> None:
    """The focus row shows the window; everything up to the date is cut to a year, and the date's rule keeps some room."""
    at = date(2016, 1, 20)
    assert focus_range(at, date(2015, 10, 20), date(2016, 4, 20), *SPAN) == (date(2015, 10, 20), date(2016, 4, 20))
    low, high = focus_range(at, date(1999, 1, 1), at, *SPAN)  # "everything up to": a year back, two weeks on
    assert (at - low).days == 366 and (high - at).days == 15
    assert focus_range(date(1999, 1, 2), date(1999, 1, 2), date(1999, 1, 2), *SPAN)[0] == SPAN[0]
    # Chapter 9: a month either side of 24 Nov 2021, in data ending on 30 Nov 2021 (it used to reach back to 10 Oct).
    end = date(2021, 11, 30)
    assert focus_range(date(2021, 11, 24), date(2021, 10, 24), date(2021, 12, 24), SPAN[0], end) == (date(2021, 10, 24), end)


FOCUS_DATES = (date(2015, 11, 20), date(2009, 9, 22), date(2021, 11, 24), date(2002, 1, 1))


def _focus_extent(spec: dict) -> tuple[date, date]:
    """The first and last day any dataset of the focus row puts on its x scale (its scale spans its data)."""
    days = []
    for name in {layer["data"]["name"] for layer in _layers(spec, 1)}:
        for row in spec["datasets"][name]:
            for key in ("x", "x2"):
                value = row.get(key)
                if isinstance(value, str):
                    days.append(date.fromisoformat(value))
                elif value is not None:  # the invisible bounds, in milliseconds
                    days.append(date(1970, 1, 1) + timedelta(milliseconds=value))
    return min(days), max(days)


def test_the_focus_rows_axis_spans_only_the_window() -> None:
    """On 20 Nov 2015 the focus row read "Jan 2004 … Jan 2016": the population step in force at the window's start, and
    the shading of "everything up to", widened its scale. Now at the issue's dates and in chapters 9 and 10, for every
    site and none, the row's data lies in its range, and its range is the window (within the data)."""
    tables, prepared, span = _shipped()
    strip = build_strip(tables["events"], span.first, span.last, prepared.ctx.place_name, "en")
    chapters = tables["chapters"].set_index("chapter")
    views = [(day, "around", 3, site) for day in FOCUS_DATES for site in ("", "calais-jungle", "sangatte-red-cross-centre")]
    views += [(chapters.loc[n, "date_start"].date(), chapters.loc[n, "window"], int(chapters.loc[n, "months"]),
               chapters.loc[n, "place_id"]) for n in (9, 10)]
    views += [(date(2015, 11, 20), "upto", 0, "calais-jungle")]
    for at, mode, months, site in views:
        start, end = window_bounds(at, mode, months)
        window = (span.first if mode == "upto" else start.date(), end.date())
        line = population_line(prepared.sites, site if site in prepared.sites.figures else "", span.last, "en")
        spec = strip_spec(strip, line, at, window, (span.first, span.last), "en")
        focus = focus_range(at, *window, span.first, span.last)
        if mode == "around":
            assert focus == (max(window[0], span.first), min(window[1], span.last)), (at, site)
        low, high = _focus_extent(spec)
        margin = (focus[1] - focus[0]) / 150 + timedelta(days=1)
        assert focus[0] - margin <= low and high <= focus[1] + margin, f"{at} {site}: focus row spans {low} – {high}"


AGREE_DAYS = (date(2015, 6, 15), date(2002, 11, 5), date(2009, 9, 22), date(2015, 1, 1), date(2015, 3, 1),
              date(2015, 8, 31), date(2015, 9, 1), date(2016, 1, 20), date(2016, 10, 26), date(2016, 10, 27),
              date(2017, 3, 1), date(2021, 11, 30))


def _days_to_check(prepared) -> list[date]:
    """The fixed days, and every day a site's state turns with the day before it: where two rules would part."""
    turns = {day for place in prepared.sites.places for day, _ in prepared.sites.history(place)}
    return sorted(set(AGREE_DAYS) | turns | {day - timedelta(days=1) for day in turns})


def test_the_strips_line_says_what_the_map_says_for_every_site_and_day() -> None:
    """One rule for population as of a date (issue 20): the strip's step line, read on any day, is the map's state.

    On 15 Jun 2015 the map counts the Jungle at 1,500–6,000 (its "2015" figures); the strip once drew nothing there."""
    _, prepared, span = _shipped()
    days = _days_to_check(prepared)
    every = population_line(prepared.sites, "", span.last, "en")
    for day in days:
        states = prepared.sites.states_at(day)
        counted = [state for state in states.values() if state.status == "counted"]
        total = every.at(day)
        assert (total["y"], total["y2"]) if total else (sum(s.low for s in counted), sum(s.high for s in counted)) == (0, 0)
        for place_id, state in states.items():
            step = population_line(prepared.sites, place_id, span.last, "en").at(day)
            shown = (step["y"], step["y2"], step["f"]) if step else None
            if state.status == "counted":
                expected = (state.low, state.high, figure_text(state, "en"))
            elif state.status == "closed" and step:
                expected = (0, 0, figure_text(state, "en"))
            else:
                expected = None
            assert shown == expected, f"{place_id} on {day}: strip {shown}, map {state.status} {expected}"
    jungle = population_line(prepared.sites, "calais-jungle", span.last, "en").at(date(2015, 6, 15))
    assert (jungle["y"], jungle["y2"]) == (1500, 6000)


def test_the_strips_dot_at_the_date_is_the_line_in_force() -> None:
    """The dot on the date's rule (dataset 'now') carries the figure in the map label's words, or nothing before a count."""
    tables, prepared, span = _shipped()
    strip = build_strip(tables["events"], span.first, span.last, prepared.ctx.place_name, "en")
    line = population_line(prepared.sites, "calais-jungle", span.last, "en")
    window = (date(2015, 3, 15), date(2015, 9, 15))
    spec = strip_spec(strip, line, date(2015, 6, 15), window, (span.first, span.last), "en")
    assert spec["datasets"]["now"] == [{"x": "2015-06-15", "y": 1500, "f": "1,500–6,000 residents (sources disagree)"}]
    before = strip_spec(strip, line, date(2014, 6, 15), window, (span.first, span.last), "en")
    assert before["datasets"]["now"] == [{"x": "2014-06-15", "y": None, "f": None}]


def test_a_sites_steps_carry_qualifiers_and_end_at_closing() -> None:
    """One site's line keeps its figures' qualifiers (drawn as shapes) and drops to 0 the day after the camp closed."""
    _, prepared, span = _shipped()
    line = population_line(prepared.sites, "calais-jungle", span.last, "en")
    assert line.qualified and line.rows[-1]["y"] == 0 and line.rows[-1]["q"] == "closed"
    assert {row["q"] for row in line.rows[:-1]} <= {"exact", "about", "over", "under", "planned"}
    every = population_line(prepared.sites, "", span.last, "en")
    assert not every.qualified and max(row["y"] for row in every.rows) >= max(row["y"] for row in line.rows)


def test_a_mark_moves_the_date_and_selects_its_place() -> None:
    limits = Limits(date(1999, 1, 1), date(2021, 12, 31), frozenset({"calais-jungle"}))
    start = AtlasState(caption="", site="")
    moved = move.go_to_event(start, date(2016, 2, 29), "calais-jungle", limits)
    assert (moved.date, moved.site, moved.view) == (date(2016, 2, 29), "calais-jungle", "coast")
    unknown = move.go_to_event(start, date(2030, 1, 1), "nowhere", limits)
    assert (unknown.date, unknown.site) == (date(2021, 12, 31), "")


def test_a_slider_step_changes_the_strips_datasets_never_its_spec() -> None:
    """The browser updates a drawn chart in place only when the spec without its datasets is unchanged."""
    tables, prepared, span = _shipped()
    strip = build_strip(tables["events"], span.first, span.last, prepared.ctx.place_name, "en")
    line = population_line(prepared.sites, "", span.last, "en")
    specs = [strip_spec(strip, line, day, (day - timedelta(days=90), day + timedelta(days=90)), (span.first, span.last), "en")
             for day in (date(2002, 11, 5), date(2016, 1, 20))]
    assert [{k: v for k, v in spec.items() if k != "datasets"} for spec in specs][0] == \
        [{k: v for k, v in spec.items() if k != "datasets"} for spec in specs][1]
    assert specs[0]["datasets"]["now"] != specs[1]["datasets"]["now"]
