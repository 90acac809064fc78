"""The map: a stable base plus one swapped step layer (map/step.py), so the slider never remounts the iframe.

What the map sends back (map/protocol.py: a place clicked, the layers chosen in its own control) becomes one transition
of the view here, so the link, the sidebar and the map agree after every step.
"""

from __future__ import annotations

from collections.abc import Container, Sequence

import streamlit as st

from calais_atlas.map.framing import frame_for
from calais_atlas.map.protocol import Click, Frame, Layers, parse_message
from calais_atlas.map.step import step_state
from calais_atlas.model import transitions as move
from calais_atlas.model.context import MapContext
from calais_atlas.model.view_state import LAYERS
from calais_atlas.ui import state
from calais_atlas.ui.live_folium import live_folium

MAP_KEY = "atlas.map"


def _on_message(key: str, place_ids: Container[str]) -> None:
    """The map's message, as a transition; anything else (another version, a place the data does not know) is logged
    by parse_message or ignored: never a crash."""
    message = parse_message(st.session_state.get(key), LAYERS)
    if isinstance(message, Click) and message.place in place_ids:
        state.apply(move.pick_on_map, message.place)
    elif isinstance(message, Layers):
        state.apply(move.set_layers, message.layers)


def frame(ctx: MapContext, points: Sequence[tuple[float, float]] = ()) -> Frame:
    """The current view's frame: where the map looks, and the place it is about; ``points`` (the IOM's incidents,
    when their layer is shown) are in the view of every place too."""
    view = state.current()
    return frame_for(ctx, view.view, view.site, view.chapter, points if "deaths" in view.layers else ())


def map_panel(ctx: MapContext, items: dict[str, list[dict]], *, site: str | None = None, key: str = MAP_KEY,
              view: Frame | None = None, basemap: str = "offline", clickable: bool = True, height: int = 600,
              points: Sequence[tuple[float, float]] = ()) -> None:
    """The live map: its base is the same at every step, so the iframe stays; only the step's state changes. The
    state carries the frame (``view``, or the current view's), which live-map.js applies when it is a new one."""
    state_now = step_state(items, site, all_popups=not clickable, report=clickable, frame=view or frame(ctx, points))
    live_folium(state_now, basemap=basemap, lang=ctx.lang, key=key, height=height,
                on_change=lambda: _on_message(key, ctx.places))
