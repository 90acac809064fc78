"""What the map shows at a date: the one place the window, the events, the captions and the sites' states are chosen.

The atlas page, the check page's preview and the tests all start here, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from components.model.context import MapContext
from components.model.timeline import SiteIndex, SiteState, in_window, window_bounds


@dataclass(frozen=True, eq=False)  # eq=False: DataFrames do not compare to a single bool
class Shown:
    at: date
    states: dict[str, SiteState]  # every site, as of ``at``
    events: pd.DataFrame  # events overlapping the window, oldest first
    captions: pd.DataFrame  # captions overlapping the window, oldest first
    ctx: MapContext  # names for places and sources, in the page's language


@dataclass(frozen=True, eq=False)
class Prepared:
    """What does not depend on the date, built once per data and language, so that a slider step only filters."""

    tables: dict[str, pd.DataFrame]
    ctx: MapContext
    sites: SiteIndex

    @classmethod
    def build(cls, tables: dict[str, pd.DataFrame], lang: str = "en") -> Prepared:
        return cls(tables, MapContext.build(tables["places"], tables["sources"], lang),
                   SiteIndex.build(tables["places"], tables["population"]))

    def at(self, at: date, window: str, months: int) -> Shown:
        """The sites' states at ``at``, and the events and captions in its window ('around' ± months, or 'upto')."""
        start, end = window_bounds(at, window, months)
        return Shown(at=at, states=self.sites.states_at(at), events=in_window(self.tables["events"], start, end),
                     captions=in_window(self.tables["captions"], start, end), ctx=self.ctx)


def shown_at(tables: dict[str, pd.DataFrame], at: date, window: str, months: int, lang: str = "en") -> Shown:
    return Prepared.build(tables, lang).at(at, window, months)
