"""The map: a stable base plus one swapped step layer (map/step.py), so the slider never remounts the iframe."""

from __future__ import annotations

import base64
import re
from functools import lru_cache

import pandas as pd
import streamlit as st

from components.map.assets import LEGEND_CSS, static_text
from components.map.framing import frame_for
from components.map.legend import legend_html
from components.map.step import step_state
from components.model import transitions as move
from components.model.context import MapContext
from components.model.palette import css_variables
from components.model.picking import place_at
from components.ui import state
from components.ui.live_folium import live_folium

MAP_KEY = "atlas.map"
RETURNED = ["last_object_clicked", "last_object_clicked_tooltip"]  # only clicks rerun the page; pans and zooms do not


def _on_click(places: pd.DataFrame) -> None:
    returned = st.session_state.get(MAP_KEY) or {}
    clicked = returned.get("last_object_clicked")
    if not clicked:
        return
    place_id = place_at(places, clicked["lat"], clicked["lng"], returned.get("last_object_clicked_tooltip"))
    if place_id:
        state.apply(move.pick_on_map, place_id)


def frame(ctx: MapContext) -> dict:
    """The current view's frame: where the map looks, and the place it is about."""
    view = state.current()
    return frame_for(ctx, view.view, view.site, view.chapter)


def map_panel(ctx: MapContext, items: dict[str, list[dict]], *, site: str | None = None, key: str = MAP_KEY,
              view: dict | None = None, basemap: str = "offline", clickable: bool = True, height: int = 600) -> None:
    """The live map: its base is the same at every step, so the iframe stays; only the step's state changes. The
    state carries the frame (``view``, or the current view's), which live-map.js applies when it is a new one."""
    places = ctx.place_frame
    live_folium(step_state(items, site, all_popups=not clickable, frame=view or frame(ctx)), basemap=basemap,
                lang=ctx.lang, key=key, height=height, returned_objects=RETURNED if clickable else [],
                on_change=(lambda: _on_click(places)) if clickable else None)


def _svg_as_image(match: re.Match) -> str:
    # st.html sanitises inline <svg>; an <img> with a data URI survives and looks the same.
    encoded = base64.b64encode(match.group(0).encode()).decode()
    return f'<img src="data:image/svg+xml;base64,{encoded}" width="16" height="16" alt="">'


@lru_cache(maxsize=4)
def _legend_strip_html(lang: str) -> str:
    body = re.sub(r"<svg.*?</svg>", _svg_as_image, legend_html(lang, open_=True), flags=re.S)
    body = body.replace('class="atlas-legend"', 'class="atlas-legend atlas-legend-strip"')
    # st.html is part of the page, not an iframe: the stylesheet is inlined (a <link> would not survive its sanitiser).
    return f"<style>{css_variables()}\n{static_text(LEGEND_CSS)}</style>{body}"


def legend_strip(lang: str) -> None:
    """The same legend as inside the map, always open under it: the symbols must not hide the coast.

    Drawn at every slider step, so its HTML (static per language: the file read, the SVGs encoded) is made once."""
    st.html(_legend_strip_html(lang))
