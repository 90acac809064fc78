"""Time logic: which rows fall in the window, and each site's population as of a date. The one place both are decided:
the map, the strip, the text view, the chart and the exports all read these rules, never a copy of them.

Rules, in the words a reader would use:
- an event is shown when its date (a day, a month, a year or a span) overlaps the window;
- a site's population is the latest head count on or before the date (its period has begun);
- head counts for the same period from different sources are shown together as a range;
- a camp whose active interval ended before the date is closed, whatever it counted before.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from calais_atlas.data.schema import HEAD_COUNTS


def _stamp(day: date | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(day)


def window_bounds(at: date, mode: str, months: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """'upto': everything up to the date. 'around': the given number of months either side of it."""
    moment = _stamp(at)
    if mode == "upto":
        return pd.Timestamp.min, moment
    offset = pd.DateOffset(months=max(0, int(months)))
    return moment - offset, moment + offset


@dataclass(frozen=True, eq=False)
class Dated:
    """A table of dated rows sorted oldest first, with its dates as integers: a window is two comparisons, not a sort."""

    frame: pd.DataFrame
    records: list[dict]
    starts: np.ndarray
    ends: np.ndarray

    @classmethod
    def build(cls, frame: pd.DataFrame, column: str = "date") -> Dated:
        ordered = frame.sort_values(f"{column}_start", kind="stable")
        starts, ends = (ordered[f"{column}_{side}"].astype("datetime64[s]") for side in ("start", "end"))
        undated = (starts.isna() | ends.isna()).to_numpy()  # a row without its dates is in no window
        far = np.iinfo("int64")
        return cls(ordered, ordered.to_dict("records"),
                   np.where(undated, far.max, starts.to_numpy().astype("int64")),
                   np.where(undated, far.min, ends.to_numpy().astype("int64")))

    def window(self, start: pd.Timestamp, end: pd.Timestamp) -> tuple[np.ndarray, list[dict]]:
        """The rows overlapping [start, end], oldest first: their positions in ``frame``, and their records."""
        low, high = _seconds(start), _seconds(end)
        rows = np.flatnonzero((self.starts <= high) & (self.ends >= low))
        return rows, [self.records[i] for i in rows]

    def only(self, column: str, values: tuple[str, ...]) -> Dated:
        """The rows whose ``column`` is one of ``values``, still sorted; the records are shared, not copied."""
        rows = np.flatnonzero(self.frame[column].isin(values).to_numpy())
        return Dated(self.frame.iloc[rows], [self.records[i] for i in rows], self.starts[rows], self.ends[rows])


def _seconds(moment: pd.Timestamp) -> int:
    """``moment`` on the tables' datetime64[s] scale; pandas' own bounds (the open window 'upto') map to int64's."""
    if moment <= pd.Timestamp.min:
        return int(np.iinfo("int64").min)
    if moment >= pd.Timestamp.max:
        return int(np.iinfo("int64").max)
    return int(np.datetime64(moment.to_datetime64(), "s").astype("int64"))


@dataclass(frozen=True)
class SiteState:
    place_id: str
    status: str  # counted | closed | not-yet | no-figure
    figures: tuple[dict, ...] = ()  # the head counts shown (several when sources disagree)
    others: tuple[dict, ...] = ()  # capacities and plans known at the date: shown, never sized
    low: int | None = None
    high: int | None = None
    changed_on: str = ""  # the active interval's text, for closed and not-yet sites

    @property
    def disagree(self) -> bool:
        return len({(f["count"], f.get("count_max")) for f in self.figures}) > 1


def _status_from_active(place: dict, moment: pd.Timestamp) -> str | None:
    start, end = place.get("active_start"), place.get("active_end")
    if pd.notna(start) and moment < start:
        return "not-yet"
    if pd.notna(end) and moment > end:
        return "closed"
    return None


FIGURE_COLUMNS = (
    "figure_id", "place_id", "date", "date_start", "date_end", "count", "count_max", "qualifier", "what", "source_id", "quote",
)


def _figure_records(population: pd.DataFrame) -> dict[str, list[dict]]:
    known = population.loc[:, list(FIGURE_COLUMNS)]
    counts = known["count"].astype("int64").tolist()
    tops = known["count_max"].astype(object).where(known["count_max"].notna(), None).tolist()
    by_place: dict[str, list[dict]] = {}
    for record, count, top in zip(known.to_dict("records"), counts, tops, strict=True):
        record["count"], record["count_max"] = count, None if top is None else int(top)
        by_place.setdefault(record["place_id"], []).append(record)
    return by_place


def site_state(place: dict, figures: list[dict], at: date) -> SiteState:
    """The state of one site at ``at``, from the figures known for it by then."""
    place_id = place["place_id"]
    status = _status_from_active(place, _stamp(at))
    if status:
        return SiteState(place_id, status, changed_on=place.get("active", ""))
    heads = [f for f in figures if f["what"] in HEAD_COUNTS]
    others = [f for f in figures if f["what"] not in HEAD_COUNTS]
    if others:
        newest = max(f["date_start"] for f in others)
        others = [f for f in others if f["date_start"] == newest]
    if not heads:
        return SiteState(place_id, "no-figure", others=tuple(others))
    period = max((f["date_start"], f["date_end"]) for f in heads)
    same_period = [f for f in heads if (f["date_start"], f["date_end"]) == period]
    low = min(f["count"] for f in same_period)
    high = max(f["count_max"] or f["count"] for f in same_period)
    return SiteState(place_id, "counted", tuple(same_period), tuple(others), low, high)


def site_ids(places: pd.DataFrame, population: pd.DataFrame) -> list[str]:
    """Sites are camps, plus any place with a population figure."""
    counted = set(population["place_id"])
    mask = places["kind"].eq("camp") | places["place_id"].isin(counted)
    return list(places.loc[mask, "place_id"])


def site_states(places: pd.DataFrame, population: pd.DataFrame, at: date) -> dict[str, SiteState]:
    return SiteIndex.build(places, population).states_at(at)


def _first_day_from(stamp: pd.Timestamp) -> date:
    """The first day whose midnight is at or after ``stamp``: the day a rule comparing ``stamp <= day`` turns."""
    day = stamp.date()
    return day if _stamp(day) >= stamp else day + timedelta(days=1)


@dataclass(frozen=True, eq=False)
class SiteIndex:
    """Each site's row and its figures oldest first, read out of pandas once: a slider step then only bisects."""

    places: tuple[dict, ...]  # the sites, in the places file's order
    figures: dict[str, tuple[dict, ...]]  # place_id -> figures sorted by date_start
    starts: dict[str, list[pd.Timestamp]]  # place_id -> those figures' date_start, for bisect

    @classmethod
    def build(cls, places: pd.DataFrame, population: pd.DataFrame) -> SiteIndex:
        every = _figure_records(population.sort_values("date_start", kind="stable"))
        ids = set(site_ids(places, population))
        sites = tuple(place for place in places.to_dict("records") if place["place_id"] in ids)
        figures = {pid: tuple(rows) for pid, rows in every.items()}
        return cls(sites, figures, {pid: [row["date_start"] for row in rows] for pid, rows in figures.items()})

    def _state(self, place: dict, at: date, moment: pd.Timestamp) -> SiteState:
        place_id = place["place_id"]
        known = self.figures.get(place_id, ())[: bisect_right(self.starts.get(place_id, []), moment)]
        return site_state(place, list(known), at)

    def states_at(self, at: date) -> dict[str, SiteState]:
        moment = _stamp(at)  # once per step, not once per site
        return {place["place_id"]: self._state(place, at, moment) for place in self.places}

    def history(self, place: dict) -> list[tuple[date, SiteState]]:
        """The site's state from each day it changes, oldest first: ``states_at`` read on every day it can turn.

        It turns only when a figure's period begins, when the site opens and the day after it closes, so between two
        of these days ``states_at`` gives the state of the earlier one. The strip draws this; the map reads states_at.
        """
        days = {_first_day_from(start) for start in self.starts.get(place["place_id"], [])}
        opens, closes = place.get("active_start"), place.get("active_end")
        if pd.notna(opens):
            days.add(_first_day_from(opens))
        if pd.notna(closes) and closes.date() < date.max:
            days.add(closes.date() + timedelta(days=1))
        changes: list[tuple[date, SiteState]] = []
        for day in sorted(days):
            state = self._state(place, day, _stamp(day))
            if not changes or changes[-1][1] != state:
                changes.append((day, state))
        return changes


@dataclass(frozen=True)
class Span:
    first: date
    last: date
    stops: tuple[date, ...] = field(default=())  # event starts, for play and next/previous


EMPTY_SPAN = Span(date(1999, 1, 1), date(2021, 12, 31))  # the story's years, for a folder with no dated rows


def event_stops(events: pd.DataFrame) -> tuple[date, ...]:
    """The distinct days events begin, oldest first: where Previous/Next and Play stop."""
    if events.empty:
        return ()
    return tuple(stamp.date() for stamp in pd.to_datetime(pd.Series(events["date_start"].unique())).sort_values())


DATED_TABLES = ("events", "population", "captions", "deaths")  # every table whose rows the slider reaches


def data_span(tables: dict[str, pd.DataFrame]) -> Span:
    """The range the slider covers: the first to the last dated row of any table, and the event dates to step through.

    The one rule for the data's span: the slider, the strip and the subtitle's years all read it."""
    starts, ends = [], []
    for name in DATED_TABLES:
        frame = tables.get(name)
        if frame is not None and not frame.empty:
            starts.append(frame["date_start"].min())
            ends.append(frame["date_end"].max())
    if not starts:
        return EMPTY_SPAN
    events = tables.get("events")
    stops = event_stops(events) if events is not None else ()
    first, last = min(starts).date(), max(ends).date()
    if first == last:  # a single dated day still needs a slider with two ends
        last = date.fromordinal(first.toordinal() + 1)
    return Span(first, last, stops)
