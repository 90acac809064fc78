"""Named moves from one view to the next: every button, click and chapter of the atlas is one of these.

Pure functions from AtlasState to AtlasState, so the rules (a caption selects its site, leaving a lesson leaves the
presentation, a cleared site returns to the coast) live in one place instead of in each panel's callback.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from calais_atlas.model.filters import in_legend_order
from calais_atlas.model.view_state import LAYERS, AtlasState, Limits, chapter_state


def set_date(state: AtlasState, day: date, limits: Limits) -> AtlasState:
    return replace(state, date=limits.clamp(day))


def step_date(state: AtlasState, stops: Sequence[date], direction: int) -> AtlasState:
    """The next (direction > 0) or previous event date; the same state when there is none that way."""
    if direction > 0:
        index = bisect_right(stops, state.date)
        return replace(state, date=stops[index]) if index < len(stops) else state
    index = bisect_left(stops, state.date) - 1
    return replace(state, date=stops[index]) if index >= 0 else state


def set_window(state: AtlasState, window: str) -> AtlasState:
    """The months are kept while the window is "everything up to": switching back finds them again."""
    return replace(state, window=window)


def set_months(state: AtlasState, months: int) -> AtlasState:
    return replace(state, months=months)


def set_layers(state: AtlasState, layers: Iterable[str]) -> AtlasState:
    """The layers shown, as the map's own layer control sends them: in LAYERS' order, names not in LAYERS dropped."""
    chosen = set(layers)
    return replace(state, layers=tuple(name for name in LAYERS if name in chosen))


def set_layer(state: AtlasState, layer: str, on: bool) -> AtlasState:
    """One sidebar checkbox."""
    return set_layers(state, set(state.layers) | {layer} if on else set(state.layers) - {layer})


def select_site(state: AtlasState, place_id: str) -> AtlasState:
    """Chosen from the list: the map centres on it, or returns to the coast when the choice is cleared."""
    return replace(state, site=place_id, caption="", view="site" if place_id else "coast")


def pick_on_map(state: AtlasState, place_id: str) -> AtlasState:
    """Clicked on the map: selected where it is, without moving the map under the pointer."""
    return replace(state, site=place_id, caption="")


def clear_site(state: AtlasState) -> AtlasState:
    return replace(state, site="", caption="", view="coast" if state.view == "site" else state.view)


def choose_caption(state: AtlasState, caption_id: str, place_id: str) -> AtlasState:
    """"Show on map": the caption's place is selected and centred, the caption highlighted."""
    return replace(state, site=place_id, caption=caption_id, view="site")


def set_view(state: AtlasState, view: str) -> AtlasState:
    """"Show all" or "Channel coast": the selection stays; only a site view needs a site."""
    if view == "site" and not state.site:
        return state
    return replace(state, view=view)


def go_to_chapter(state: AtlasState, row: Mapping, limits: Limits) -> AtlasState:
    return chapter_state(state, row, limits)


def leave_lesson(state: AtlasState) -> AtlasState:
    return replace(state, chapter=0, present=False)


def set_lang(state: AtlasState, lang: str) -> AtlasState:
    """Only the words change: the chapter, date and selection stay."""
    return replace(state, lang=lang)


def set_basemap(state: AtlasState, basemap: str) -> AtlasState:
    return replace(state, basemap=basemap)


def set_present(state: AtlasState, present: bool) -> AtlasState:
    """The presentation layout, in a lesson only: outside one nothing on screen would end it."""
    return replace(state, present=bool(present) and bool(state.chapter))


def set_categories(state: AtlasState, categories: Iterable[str]) -> AtlasState:
    """The event categories shown, kept in the legend's order; choosing every one, or none, shows them all."""
    return replace(state, categories=in_legend_order(categories))


def go_to_event(state: AtlasState, day: date, place_id: str, limits: Limits) -> AtlasState:
    """A mark on the timeline: its date, and its place selected where the map is (like a click on the map)."""
    moved = replace(state, date=limits.clamp(day))
    return pick_on_map(moved, place_id) if place_id in limits.place_ids else moved


def go_to_found(state: AtlasState, day: date | None, place_id: str, limits: Limits, caption_id: str = "",
                category: str = "", layer: str = "", view: str = "") -> AtlasState:
    """A search result chosen: its date (kept when it has none), its place selected and centred, a caption highlighted.

    As "Show on map" does for a caption. An event whose category the filter hides brings its category back into the
    filter: the viewer asked to see that event. A place the data does not know is not selected. A result that has no
    place (an IOM incident) is shown by its ``layer``, brought back when hidden, and a ``view`` that has it in sight
    (the coast, or every place).
    """
    moved = state if day is None else set_date(state, day, limits)
    if category and moved.categories and category not in moved.categories:
        moved = set_categories(moved, (*moved.categories, category))
    if layer and layer not in moved.layers:
        moved = set_layer(moved, layer, True)
    if view:
        moved = set_view(moved, view)
    if not place_id or place_id not in limits.place_ids:
        return moved
    if caption_id and limits.caption_places.get(caption_id) == place_id:
        return choose_caption(moved, caption_id, place_id)
    return select_site(moved, place_id)
