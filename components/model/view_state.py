"""What the viewer is looking at, as one frozen value: the only copy of the defaults. The link is components/model/link.py.

Plain Python, no Streamlit, so every rule here is testable in milliseconds. The UI keeps one AtlasState per
session (components/ui/state.py); widgets, buttons and the URL only ever replace it through this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from calais_atlas.data import dates
from calais_atlas.data.schema import LAYER_NAMES, VIEWS, WINDOWS
from calais_atlas.model.filters import CATEGORIES, in_legend_order
from calais_atlas.model.i18n import LANGS

LAYERS: tuple[str, ...] = tuple(name for name, _ in LAYER_NAMES)
VIEW_NAMES: tuple[str, ...] = tuple(name for name, _ in VIEWS)
WINDOW_MODES: tuple[str, ...] = tuple(name for name, _ in WINDOWS)
BASEMAPS = ("offline", "osm")  # "osm" fetches tiles from the internet: only when a viewer chooses it

DEFAULT_DATE = date(2016, 1, 20)  # the day Sessini photographed both the Jungle and Grande-Synthe
DEFAULT_WINDOW = "around"
DEFAULT_MONTHS = 3
MAX_MONTHS = 120


@dataclass(frozen=True)
class AtlasState:
    """The shareable view. Construction checks every field on its own; `Limits.admits` checks it against the data."""

    date: date = DEFAULT_DATE
    window: str = DEFAULT_WINDOW
    months: int = DEFAULT_MONTHS
    layers: tuple[str, ...] = LAYERS
    site: str = ""
    caption: str = ""
    view: str = "coast"
    basemap: str = "offline"
    lang: str = "en"
    chapter: int = 0  # 0: not in a lesson
    present: bool = False
    categories: tuple[str, ...] = ()  # the event categories shown; () for all of them

    def __post_init__(self) -> None:
        problems = [message for broken, message in self._rules() if broken]
        if problems:
            raise ValueError("; ".join(problems))

    def _rules(self) -> tuple[tuple[bool, str], ...]:
        """(broken, what is wrong) for every rule a view obeys."""
        return (
            (not isinstance(self.date, date), f"date {self.date!r} is not a date"),
            (self.window not in WINDOW_MODES, f"window {self.window!r} is not one of {WINDOW_MODES}"),
            (not _is_whole(self.months, 0, MAX_MONTHS), f"months {self.months!r} is not a whole number from 0 to {MAX_MONTHS}"),
            (tuple(layer for layer in LAYERS if layer in self.layers) != tuple(self.layers),
             f"layers {self.layers!r} are not distinct names from {LAYERS}, in that order"),
            (self.view not in VIEW_NAMES, f"view {self.view!r} is not one of {VIEW_NAMES}"),
            (self.view == "site" and not self.site, 'view "site" needs a site'),
            (bool(self.caption) and not self.site, "a caption is always shown at its site"),
            (self.basemap not in BASEMAPS, f"basemap {self.basemap!r} is not one of {BASEMAPS}"),
            (self.lang not in LANGS, f"lang {self.lang!r} is not one of {LANGS}"),
            (not _is_whole(self.chapter, 0, None), f"chapter {self.chapter!r} is not a chapter number"),
            (not isinstance(self.present, bool), f"present {self.present!r} is not true or false"),
            # Presenting hides the sidebar and the header; the lesson's panel is the way back, so no lesson, no presenting.
            (self.present is True and not self.chapter, "present needs a chapter"),
            (not isinstance(self.categories, tuple) or in_legend_order(self.categories) != self.categories,
             f"categories {self.categories!r} are not distinct names from {CATEGORIES}, in that order, and not all of them"),
        )


def _is_whole(value: object, low: int, high: int | None) -> bool:
    # bool is an int to Python, never to a reader of the link
    return isinstance(value, int) and not isinstance(value, bool) and low <= value and (high is None or value <= high)


@dataclass(frozen=True, eq=False)
class Limits:
    """What the loaded data allows: the slider's span and the ids a link may name."""

    first: date
    last: date
    place_ids: frozenset[str] = frozenset()
    caption_places: Mapping[str, str] = field(default_factory=dict)  # caption_id -> its place_id
    chapters: Mapping[int, Mapping] = field(default_factory=dict)  # chapter number -> its row

    def clamp(self, day: date) -> date:
        return min(max(day, self.first), self.last)

    def default(self) -> AtlasState:
        return AtlasState(date=self.clamp(DEFAULT_DATE))

    def admits(self, state: AtlasState) -> bool:
        return (self.first <= state.date <= self.last
                and (not state.site or state.site in self.place_ids)
                and (not state.caption or self.caption_places.get(state.caption) == state.site)
                and (not state.chapter or state.chapter in self.chapters))


def limits_for(tables: Mapping[str, pd.DataFrame], first: date, last: date) -> Limits:
    """The limits of a loaded data folder, for the slider span ``first``..``last``."""
    captions, chapters = tables["captions"], tables["chapters"]
    return Limits(
        first, last,
        frozenset(tables["places"]["place_id"]),
        dict(zip(captions["caption_id"], captions["place_id"], strict=True)),
        {int(row["chapter"]): row for row in chapters.to_dict("records")},
    )


def chapter_day(text: str, limits: Limits) -> date:
    """The slider day of a chapter: its own day, or the end of a month, year or span; kept inside the data."""
    parsed = dates.parse_or_none(text)
    if parsed is None:
        return limits.clamp(DEFAULT_DATE)
    return limits.clamp(parsed.start if parsed.precision == "day" else parsed.end)


def chapter_state(state: AtlasState, row: Mapping, limits: Limits) -> AtlasState:
    """``state`` moved to the chapter ``row`` of chapters.csv: its date, window, place, caption, view and layers."""
    months = row.get("months")
    site = str(row.get("place_id") or "")
    caption = str(row.get("caption_id") or "")
    if caption and limits.caption_places.get(caption) != site:
        caption = ""  # the validator reports a caption at another place; the chapter still opens
    wanted = {part.strip() for part in str(row.get("layers") or "").split(",") if part.strip()}
    return replace(
        state,
        chapter=int(row["chapter"]),
        date=chapter_day(str(row["date"]), limits),
        window=row["window"] if row.get("window") in WINDOW_MODES else DEFAULT_WINDOW,
        months=DEFAULT_MONTHS if months is None or pd.isna(months) else min(max(int(months), 0), MAX_MONTHS),
        site=site,
        caption=caption,
        view=row["view"] if row.get("view") in VIEW_NAMES and (row["view"] != "site" or site) else "coast",
        layers=tuple(layer for layer in LAYERS if layer in wanted) if wanted else LAYERS,
    )
