"""Time logic: which rows fall in the window, and each site's population as of a date.

Rules, in the words a reader would use:
- an event is shown when its date (a day, a month, a year or a span) overlaps the window;
- a site's population is the latest head count on or before the date (its period has begun);
- head counts for the same period from different sources are shown together as a range;
- a camp whose active interval ended before the date is closed, whatever it counted before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from .schema import HEAD_COUNTS

WINDOW_MODES = ("around", "upto")
DEFAULT_WINDOW = ("around", 3)


def _stamp(day: date | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(day)


def window_bounds(at: date, mode: str = "around", months: int = 3) -> tuple[pd.Timestamp, pd.Timestamp]:
    """'upto': everything up to the date. 'around': the given number of months either side of it."""
    moment = _stamp(at)
    if mode == "upto":
        return pd.Timestamp.min, moment
    offset = pd.DateOffset(months=max(0, int(months)))
    return moment - offset, moment + offset


def in_window(frame: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, column: str = "date") -> pd.DataFrame:
    """Rows whose date overlaps [start, end], oldest first."""
    mask = (frame[f"{column}_start"] <= end) & (frame[f"{column}_end"] >= start)
    return frame[mask].sort_values(f"{column}_start", kind="stable")


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


def _records(frame: pd.DataFrame) -> tuple[dict, ...]:
    records = frame.to_dict("records")
    for record in records:
        if pd.isna(record.get("count_max")):
            record["count_max"] = None
    return tuple(records)


def _status_from_active(place: pd.Series, moment: pd.Timestamp) -> str | None:
    start, end = place.get("active_start"), place.get("active_end")
    if pd.notna(start) and moment < start:
        return "not-yet"
    if pd.notna(end) and moment > end:
        return "closed"
    return None


def site_state(place: pd.Series, population: pd.DataFrame, at: date) -> SiteState:
    moment = _stamp(at)
    place_id = place["place_id"]
    status = _status_from_active(place, moment)
    if status:
        return SiteState(place_id, status, changed_on=place.get("active", ""))
    known = population[(population["place_id"] == place_id) & (population["date_start"] <= moment)]
    heads = known[known["what"].isin(HEAD_COUNTS)]
    others = known[~known["what"].isin(HEAD_COUNTS)]
    latest_others = others[others["date_start"] == others["date_start"].max()] if not others.empty else others
    if heads.empty:
        return SiteState(place_id, "no-figure", others=_records(latest_others))
    latest = heads.sort_values(["date_start", "date_end"]).iloc[-1]
    same_period = heads[(heads["date_start"] == latest["date_start"]) & (heads["date_end"] == latest["date_end"])]
    low = int(same_period["count"].min())
    high = int(same_period["count_max"].fillna(same_period["count"]).max())
    return SiteState(place_id, "counted", _records(same_period), _records(latest_others), low, high)


def site_ids(places: pd.DataFrame, population: pd.DataFrame) -> list[str]:
    """Sites are camps, plus any place with a population figure."""
    counted = set(population["place_id"])
    mask = places["kind"].eq("camp") | places["place_id"].isin(counted)
    return list(places.loc[mask, "place_id"])


def site_states(places: pd.DataFrame, population: pd.DataFrame, at: date) -> dict[str, SiteState]:
    indexed = places.set_index("place_id", drop=False)
    return {place_id: site_state(indexed.loc[place_id], population, at) for place_id in site_ids(places, population)}


@dataclass(frozen=True)
class Span:
    first: date
    last: date
    stops: tuple[date, ...] = field(default=())  # event starts, for play and next/previous


def data_span(tables: dict[str, pd.DataFrame]) -> Span:
    """The range the slider covers: the first to the last dated row, and the event dates to step through."""
    starts, ends = [], []
    for name in ("events", "population", "captions"):
        frame = tables.get(name)
        if frame is not None and not frame.empty:
            starts.append(frame["date_start"].min())
            ends.append(frame["date_end"].max())
    if not starts:
        today = date.today()
        return Span(today, today)
    events = tables.get("events")
    stops = tuple(sorted({stamp.date() for stamp in events["date_start"]})) if events is not None and not events.empty else ()
    return Span(min(starts).date(), max(ends).date(), stops)
