"""The map: a stable base plus one swapped step layer (map/step.py), so the slider never remounts the iframe.

What the map sends back (map/protocol.py: a place clicked, the layers chosen in its own control) becomes one transition
of the view here, so the link, the sidebar and the map agree after every step.

What is the same at every date (the context places, the uncertainty rings) goes once per session and map, as the base
part of the states (map/step.py): in the first step, again when the base map changes (a new map frame), and whenever
the map says it lacks it (a step lost, a frame made anew); the other steps only name it.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence

import streamlit as st

from calais_atlas.map.feature_groups import fixed_items
from calais_atlas.map.framing import frame_of_view
from calais_atlas.map.protocol import Click, Frame, Layers, NeedBase, parse_message
from calais_atlas.map.step import base_part, step_state
from calais_atlas.model import transitions as move
from calais_atlas.model.context import MapContext
from calais_atlas.model.view_state import LAYERS
from calais_atlas.ui import state
from calais_atlas.ui.live_folium import live_folium

MAP_KEY = "atlas.map"


def _base_sent(key: str) -> str:
    return f"{key}.base"  # the session's record of the base part its map was sent last, and for which base map


def _on_message(key: str, place_ids: Container[str]) -> None:
    """The map's message, as a transition; anything else (another version, a place the data does not know) is logged
    by parse_message or ignored: never a crash."""
    message = parse_message(st.session_state.get(key), LAYERS)
    if isinstance(message, NeedBase):  # the rerun this message starts sends it
        st.session_state.pop(_base_sent(key), None)
    elif isinstance(message, Click) and message.place in place_ids:
        state.apply(move.pick_on_map, message.place)
    elif isinstance(message, Layers):
        state.apply(move.set_layers, message.layers)
    # Drawn needs nothing here: the rerun it starts draws what a session's first run held back (ui/atlas_page.py).


def frame(ctx: MapContext, points: Sequence[tuple[float, float]] = ()) -> Frame:
    """The current view's frame: where the map looks, and the place it is about; ``points`` (the IOM's incidents,
    when their layer is shown) are in the view of every place too."""
    return frame_of_view(ctx, state.current(), points)


def map_panel(ctx: MapContext, items: dict[str, list[dict]], *, site: str | None = None, key: str = MAP_KEY,
              view: Frame | None = None, basemap: str = "offline", clickable: bool = True, height: int = 600,
              points: Sequence[tuple[float, float]] = (), sites: Iterable[str] | None = None) -> None:
    """The live map: its base is the same at every step, so the iframe stays; only the step's state changes. The
    state carries the frame (``view``, or the current view's), which live-map.js applies when it is a new one.

    ``sites`` (the places ``items`` were made with as sites: Shown.states) lets the states be built on a base part
    (map/feature_groups.fixed_items), sent to this session's map only when it may lack it."""
    fixed = None if sites is None else fixed_items(ctx, sites)
    sent = (basemap, base_part(fixed)["key"]) if fixed is not None else None
    with_base = sent is not None and st.session_state.get(_base_sent(key)) != sent
    state_now = step_state(items, site, all_popups=not clickable, report=clickable, frame=view or frame(ctx, points),
                           base=fixed, with_base=with_base)
    live_folium(state_now, basemap=basemap, lang=ctx.lang, key=key, height=height,
                on_change=lambda: _on_message(key, ctx.places))
    if sent is not None:  # a step lost on its way all the same (a newer one drawn first): the map asks again
        st.session_state[_base_sent(key)] = sent
