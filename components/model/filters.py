"""Which events a category filter keeps, and the dates Previous/Next and Play step through with it.

An empty choice (or None) means every category: a viewer who has chosen nothing has not asked to hide anything.
Categories are always kept in the legend's order, the order of EVENT_CATEGORIES in the schema.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from calais_atlas.data.schema import EVENT_CATEGORIES
from calais_atlas.model.timeline import event_stops

CATEGORIES: tuple[str, ...] = tuple(name for name, _ in EVENT_CATEGORIES)


def in_legend_order(categories: Iterable[str] | None) -> tuple[str, ...]:
    """The known categories among ``categories``, once each, in the legend's order; every one of them is written ()."""
    chosen = set(categories or ())
    ordered = tuple(name for name in CATEGORIES if name in chosen)
    return () if len(ordered) == len(CATEGORIES) else ordered


def filter_events(events: pd.DataFrame, categories: Iterable[str] | None) -> pd.DataFrame:
    """The events of the chosen categories, in their order; every event when none is chosen."""
    chosen = in_legend_order(categories)
    return events if not chosen else events[events["category"].isin(chosen)]


def stops_for(events: pd.DataFrame, categories: Iterable[str] | None) -> tuple[date, ...]:
    """The event dates Previous/Next and Play step through when only ``categories`` are shown."""
    return event_stops(filter_events(events, categories))
