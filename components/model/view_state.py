"""What the viewer is looking at, as one frozen value: the only copy of the defaults, and the link in and out.

Plain Python, no Streamlit, so every rule here is testable in milliseconds. The UI keeps one AtlasState per
session (components/ui/state.py); widgets, buttons and the URL only ever replace it through this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from components.data import dates
from components.data.schema import LAYER_NAMES, VIEWS, WINDOWS
from components.model.i18n import LANGS

LAYERS: tuple[str, ...] = tuple(name for name, _ in LAYER_NAMES)
VIEW_NAMES: tuple[str, ...] = tuple(name for name, _ in VIEWS)
WINDOW_MODES: tuple[str, ...] = tuple(name for name, _ in WINDOWS)
BASEMAPS = ("offline", "osm")  # "osm" fetches tiles from the internet: only when a viewer chooses it

DEFAULT_DATE = date(2016, 1, 20)  # the day Sessini photographed both the Jungle and Grande-Synthe
DEFAULT_WINDOW = "around"
DEFAULT_MONTHS = 3
MAX_MONTHS = 120
NO_LAYERS = "none"  # in the link: an empty value would read back as "every layer"

# A value longer than any real one is an accident or an attack; it is dropped, and shown cut in the notice.
MAX_VALUE_CHARS = 200
SHOWN_VALUE_CHARS = 40
# Streamlit's own parameters (embedding options) are not ours to judge.
FOREIGN_PARAMS = frozenset({"embed", "embed_options"})


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

    def __post_init__(self) -> None:
        problems = []
        if not isinstance(self.date, date):
            problems.append(f"date {self.date!r} is not a date")
        if self.window not in WINDOW_MODES:
            problems.append(f"window {self.window!r} is not one of {WINDOW_MODES}")
        if not isinstance(self.months, int) or isinstance(self.months, bool) or not 0 <= self.months <= MAX_MONTHS:
            problems.append(f"months {self.months!r} is not a whole number from 0 to {MAX_MONTHS}")
        if tuple(layer for layer in LAYERS if layer in self.layers) != tuple(self.layers):
            problems.append(f"layers {self.layers!r} are not distinct names from {LAYERS}, in that order")
        if self.view not in VIEW_NAMES:
            problems.append(f"view {self.view!r} is not one of {VIEW_NAMES}")
        if self.view == "site" and not self.site:
            problems.append('view "site" needs a site')
        if self.caption and not self.site:
            problems.append("a caption is always shown at its site")
        if self.basemap not in BASEMAPS:
            problems.append(f"basemap {self.basemap!r} is not one of {BASEMAPS}")
        if self.lang not in LANGS:
            problems.append(f"lang {self.lang!r} is not one of {LANGS}")
        if not isinstance(self.chapter, int) or isinstance(self.chapter, bool) or self.chapter < 0:
            problems.append(f"chapter {self.chapter!r} is not a chapter number")
        if not isinstance(self.present, bool):
            problems.append(f"present {self.present!r} is not true or false")
        if problems:
            raise ValueError("; ".join(problems))


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


REASONS = ("unknown", "invalid", "outside", "missing", "repeated", "too_long")


@dataclass(frozen=True)
class Ignored:
    """One part of a link that was not applied: its name, the value as given (cut short) and why."""

    name: str
    value: str
    reason: str  # one of REASONS


def _shown(value: str) -> str:
    return value if len(value) <= SHOWN_VALUE_CHARS else value[: SHOWN_VALUE_CHARS - 1] + "…"


def _values(params: Mapping[str, str | Sequence[str]] | Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    pairs = params.items() if isinstance(params, Mapping) else params
    values: dict[str, list[str]] = {}
    for name, value in pairs:
        given = [value] if isinstance(value, str) else list(value)
        values.setdefault(str(name), []).extend(str(v) for v in given)
    return values


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def _whole(text: str, low: int, high: int) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and low <= int(text) <= high else None


def _layers(text: str) -> tuple[tuple[str, ...], list[str]]:
    if text == NO_LAYERS:
        return (), []
    parts = [part.strip() for part in text.split(",") if part.strip()]
    return tuple(layer for layer in LAYERS if layer in parts), [part for part in parts if part not in LAYERS]


def from_query(params: Mapping[str, str | Sequence[str]] | Iterable[tuple[str, str]],
               limits: Limits) -> tuple[AtlasState, list[Ignored]]:
    """The state a link asks for, and what in it was ignored. Never raises: a bad part falls back to its default.

    A chapter in the link opens the chapter as written in the lesson, unless the link also sets the date (a link
    copied mid-lesson, after the slider moved): then the link's own fields win and the chapter is only remembered.
    """
    given = _values(params)
    ignored: list[Ignored] = []
    taken: dict[str, str] = {}
    for name, values in given.items():
        if name in FOREIGN_PARAMS:
            continue
        if name not in QUERY_FIELDS:
            ignored.append(Ignored(_shown(name), _shown(values[0]), "unknown"))
            continue
        if len(values) > 1:
            ignored.append(Ignored(name, _shown(values[-1]), "repeated"))  # the first one is used
        if len(values[0]) > MAX_VALUE_CHARS:
            ignored.append(Ignored(name, _shown(values[0]), "too_long"))
            continue
        taken[name] = values[0]

    state = limits.default()
    changes: dict[str, object] = {}

    def refuse(name: str, reason: str = "invalid") -> None:
        ignored.append(Ignored(name, _shown(taken[name]), reason))

    if "date" in taken:
        day = _day(taken["date"])
        if day is None:
            refuse("date")
        elif not limits.first <= day <= limits.last:
            refuse("date", "outside")
        else:
            changes["date"] = day
    for name, allowed in (("window", WINDOW_MODES), ("view", VIEW_NAMES), ("basemap", BASEMAPS), ("lang", LANGS)):
        if name in taken:
            if taken[name] in allowed:
                changes[name] = taken[name]
            else:
                refuse(name)
    if "months" in taken:
        months = _whole(taken["months"], 0, MAX_MONTHS)
        if months is None:
            refuse("months")
        else:
            changes["months"] = months
    if "layers" in taken:
        layers, unknown = _layers(taken["layers"])
        changes["layers"] = layers
        ignored.extend(Ignored("layers", _shown(part), "invalid") for part in unknown)
    if "site" in taken:
        if taken["site"] in limits.place_ids:
            changes["site"] = taken["site"]
        else:
            refuse("site", "missing")
    if "caption" in taken:
        place = limits.caption_places.get(taken["caption"])
        if place is None:
            refuse("caption", "missing")
        elif changes.get("site", place) != place:
            refuse("caption", "invalid")  # a caption belongs to one place; the link named another
        else:
            changes["caption"], changes["site"] = taken["caption"], place
    if "present" in taken:
        if taken["present"] in ("0", "1"):
            changes["present"] = taken["present"] == "1"
        else:
            refuse("present")
    chapter = None
    if "chapter" in taken:
        chapter = _whole(taken["chapter"], 1, 10**6)
        if chapter is None or chapter not in limits.chapters:
            refuse("chapter", "missing")
            chapter = None

    opens_chapter = chapter is not None and "date" not in changes
    if opens_chapter:
        state = chapter_state(state, limits.chapters[chapter], limits)
        changes = {name: value for name, value in changes.items() if name in ("lang", "basemap", "present")}
    elif chapter is not None:
        changes["chapter"] = chapter
    site_given = changes.get("site", state.site)
    if "view" not in changes and "site" in changes and not opens_chapter:
        changes["view"] = "site"  # a link naming a place opens on it, unless it says otherwise
    if changes.get("view", state.view) == "site" and not site_given:
        if "view" in taken:
            refuse("view", "missing")
        changes["view"] = "coast"
    return replace(state, **changes), ignored


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


def to_query(state: AtlasState) -> dict[str, str]:
    """The link for ``state``: the date always, every other field only where it differs from the default.

    The default view follows the site, as from_query reads it: a link with a site opens centred on it.
    """
    query = {"date": state.date.isoformat()}
    default = AtlasState(date=state.date)
    for name in QUERY_FIELDS:
        value = getattr(state, name)
        usual = ("site" if state.site else "coast") if name == "view" else getattr(default, name)
        if name == "date" or value == usual:
            continue
        if name == "layers":
            query[name] = ",".join(value) if value else NO_LAYERS
        elif name == "present":
            query[name] = "1"
        else:
            query[name] = str(value)
    return query


QUERY_FIELDS = ("date", "window", "months", "layers", "site", "caption", "view", "basemap", "lang", "chapter", "present")
