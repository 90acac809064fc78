"""What the map shows at a date: the one place the window, the events, the captions and the sites' states are chosen.

The atlas page, the check page's preview and the tests all start here, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import numpy as np
import pandas as pd

from calais_atlas.model.context import MapContext
from calais_atlas.model.deaths import dead_or_missing
from calais_atlas.model.memo import Bounded
from calais_atlas.model.timeline import Dated, SiteIndex, SiteState, window_bounds

TOTAL = "dead_or_missing"  # added to each incident's record: the figure its marker's area follows (model/deaths.py)


@dataclass(frozen=True, eq=False)  # eq=False: DataFrames do not compare to a single bool
class Shown:
    at: date
    states: dict[str, SiteState]  # every site, as of ``at``
    ctx: MapContext  # names for places and sources, in the page's language
    event_records: list[dict]  # events overlapping the window, oldest first, as plain dicts for the map's layers
    caption_records: list[dict]  # captions overlapping the window, oldest first
    event_rows: tuple[pd.DataFrame, np.ndarray]  # (the sorted table, the positions of those rows in it)
    caption_rows: tuple[pd.DataFrame, np.ndarray]
    death_records: list[dict]  # the IOM's incidents in the same window, oldest first, each with its TOTAL
    death_rows: tuple[pd.DataFrame, np.ndarray]

    # The same rows as frames, made only when asked for (the text view, a download): a step's map needs the records.
    @cached_property
    def events(self) -> pd.DataFrame:
        return self.event_rows[0].iloc[self.event_rows[1]]

    @cached_property
    def captions(self) -> pd.DataFrame:
        return self.caption_rows[0].iloc[self.caption_rows[1]]

    @cached_property
    def deaths(self) -> pd.DataFrame:
        return self.death_rows[0].iloc[self.death_rows[1]]


# Prepared.remembered's bound, in results. One Prepared (one data set, one language) is shared by every session, and
# its keys come from what viewers choose: a chart per place, a strip per choice of categories and span, so without a
# bound a server's memory grows with every choice any viewer ever made. 256 holds the shipped data's whole working
# set (16 places' charts, the categories and spans a lesson visits) many times over; past it, the results used
# longest ago are made again when asked for. ui/dataset.py keeps at most 8 Prepared.
REMEMBERED = 256


@dataclass(frozen=True, eq=False)
class Prepared:
    """What does not depend on the date, built once per data and language, so that a slider step only filters."""

    tables: dict[str, pd.DataFrame]
    ctx: MapContext
    sites: SiteIndex
    events: Dated
    captions: Dated
    deaths: Dated  # the IOM's incidents: windowed by the events' rule, never filtered by their categories
    # Results of date-free work (the chart's rows, the strip, the filtered events), the most recently used last.
    memo: Bounded = field(default_factory=lambda: Bounded(REMEMBERED))

    @classmethod
    def build(cls, tables: dict[str, pd.DataFrame], lang: str = "en") -> Prepared:
        return cls(tables, MapContext.build(tables["places"], tables["sources"], lang),
                   SiteIndex.build(tables["places"], tables["population"]), Dated.build(tables["events"]),
                   Dated.build(tables["captions"]), Dated.build(_with_total(tables["deaths"])))

    def at(self, at: date, window: str, months: int, categories: tuple[str, ...] = ()) -> Shown:
        """The sites' states at ``at``, and the events and captions in its window ('around' ± months, or 'upto').

        ``categories`` (in the legend's order, () for all) keeps only their events: the filtered table is made once per
        choice of categories, so a step with a filter costs what a step without one does.
        """
        start, end = window_bounds(at, window, months)
        dated = self.events if not categories else self.remembered(
            ("events", categories), lambda: self.events.only("category", categories))
        events, event_records = dated.window(start, end)
        captions, caption_records = self.captions.window(start, end)
        deaths, death_records = self.deaths.window(start, end)
        return Shown(at=at, states=self.sites.states_at(at), ctx=self.ctx, event_records=event_records,
                     caption_records=caption_records, event_rows=(dated.frame, events),
                     caption_rows=(self.captions.frame, captions), death_records=death_records,
                     death_rows=(self.deaths.frame, deaths))

    def death_points(self) -> tuple[tuple[float, float], ...]:
        """Every IOM incident's position, whatever the date: the view of every place shows them whole."""
        frame = self.deaths.frame
        return self.remembered(("death_points",), lambda: tuple(zip(frame["lat"].astype(float).tolist(),
                                                                   frame["lon"].astype(float).tolist(), strict=True)))

    def remembered(self, key: tuple, compute):
        """``compute()``, once per key for these data while it is among the REMEMBERED most recently used: a Prepared
        is shared by every session and never changes."""
        return self.memo.get(key, compute)


def _with_total(deaths: pd.DataFrame) -> pd.DataFrame:
    """The incidents with their dead and missing together, counted once here rather than at every step."""
    return deaths.assign(**{TOTAL: dead_or_missing(deaths) if len(deaths) else pd.Series(dtype="int64")})


def shown_at(tables: dict[str, pd.DataFrame], at: date, window: str, months: int, lang: str = "en") -> Shown:
    return Prepared.build(tables, lang).at(at, window, months)
