"""The base map and its framing. The base never changes with the slider, so the iframe is never remounted."""

from __future__ import annotations

import math

import folium
import pandas as pd

from components.map.assets import use_local_assets
from components.map.basemap import add_basemap
from components.map.legend import add_legend

CHANNEL_CENTER = (50.965, 2.02)  # Wissant – Calais – Dunkirk
CHANNEL_ZOOM = 10
PLACE_ZOOM = 12


def base_map(basemap: str = "offline", lang: str = "en") -> folium.Map:
    folium_map = folium.Map(location=CHANNEL_CENTER, zoom_start=CHANNEL_ZOOM, tiles=None, control_scale=True,
                            min_zoom=4, max_zoom=17, prefer_canvas=False)
    use_local_assets(folium_map)
    add_basemap(folium_map, basemap)
    add_legend(folium_map, lang)
    return folium_map


def view_for_all(places: pd.DataFrame, width_px: int = 900, height_px: int = 560) -> tuple[tuple[float, float], int]:
    """Centre and zoom that fit every located place (Brachay included) into the map."""
    located = places.dropna(subset=["lat", "lon"])
    if located.empty:
        return CHANNEL_CENTER, CHANNEL_ZOOM
    south, north = located["lat"].min(), located["lat"].max()
    west, east = located["lon"].min(), located["lon"].max()
    center = ((south + north) / 2, (west + east) / 2)
    lon_span = max(east - west, 0.01) * 1.2
    lat_span = max(north - south, 0.01) * 1.2
    zoom_x = math.log2(width_px * 360 / (256 * lon_span))
    zoom_y = math.log2(height_px * 170 / (256 * lat_span))
    return center, max(3, min(CHANNEL_ZOOM, math.floor(min(zoom_x, zoom_y))))
