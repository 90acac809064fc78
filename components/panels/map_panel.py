"""The map: a stable base plus swapped FeatureGroups, so the slider never remounts the iframe."""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from ..layers import MapContext, captions_layer, context_layer, events_layer, highlight_layer, sites_layer
from ..mapview import CHANNEL_CENTER, CHANNEL_ZOOM, PLACE_ZOOM, base_map, view_for_all
from ..timeline import SiteState
from . import state

MAP_KEY = "atlas.map"
RETURNED = ["last_object_clicked"]  # only clicks rerun the page; pans and zooms do not


def place_at(places: pd.DataFrame, lat: float, lng: float) -> str | None:
    """The place whose point was clicked: markers sit exactly on their place's coordinates."""
    located = places.dropna(subset=["lat", "lon"])
    distance = (located["lat"] - lat).abs() + (located["lon"] - lng).abs()
    if distance.empty or distance.min() > 1e-6:
        return None
    return str(located.loc[distance.idxmin(), "place_id"])


def _on_click(places: pd.DataFrame) -> None:
    clicked = (st.session_state.get(MAP_KEY) or {}).get("last_object_clicked")
    if not clicked:
        return
    place_id = place_at(places, clicked["lat"], clicked["lng"])
    if place_id:
        state.put("site", place_id)
        state.put("caption", "")


def focus(ctx: MapContext) -> tuple[tuple[float, float], int]:
    view = state.get("view")
    if view == "all":
        return view_for_all(ctx.places)
    if view == "site":
        location = ctx.location(state.get("site"))
        if location:
            return location, PLACE_ZOOM
    return CHANNEL_CENTER, CHANNEL_ZOOM


def feature_groups(ctx: MapContext, states: dict[str, SiteState], events: pd.DataFrame, captions: pd.DataFrame,
                   layers: list[str]) -> list[folium.FeatureGroup]:
    groups = []
    if "context" in layers:
        context_ids = [pid for pid in ctx.places.index if pid not in states]
        groups.append(context_layer(context_ids, ctx))
    if "sites" in layers:
        groups.append(sites_layer(states, ctx))
    if "events" in layers:
        groups.append(events_layer(events, ctx))
    if "captions" in layers:
        groups.append(captions_layer(captions, ctx))
    groups.append(highlight_layer(state.get("site"), ctx))
    return groups


def map_panel(ctx: MapContext, groups: list[folium.FeatureGroup], height: int = 560) -> None:
    center, zoom = focus(ctx)
    places = ctx.places.reset_index(drop=True)
    st_folium(
        base_map(state.get("basemap"), ctx.lang),
        key=MAP_KEY,
        height=height,
        use_container_width=True,
        returned_objects=RETURNED,
        feature_group_to_add=groups,
        layer_control=folium.LayerControl(collapsed=True),
        center=center,
        zoom=zoom,
        on_change=lambda: _on_click(places),
    )
