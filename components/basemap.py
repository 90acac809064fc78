"""The offline basemap: Natural Earth land and borders (public domain), drawn under a sea-coloured background.

Tiles from openstreetmap.org are an option when online; the Natural Earth layer stays underneath,
so a failed tile request still leaves coastlines on screen.
"""

from __future__ import annotations

import json
from functools import lru_cache

import folium

from .assets import STATIC_DIR

SEA = "#b9d3e6"
LAND = "#f4f1ea"
BORDER = "#8c8c8c"
BASEMAPS = ("offline", "osm")
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'


@lru_cache(maxsize=None)
def _geojson(name: str) -> dict:
    return json.loads((STATIC_DIR / "basemap" / name).read_text(encoding="utf-8"))


def _layer(name: str, style: dict) -> folium.GeoJson:
    return folium.GeoJson(_geojson(name), name=name, style_function=lambda _: style, interactive=False, control=False, smooth_factor=0.5)


# Fills carry no outline: their straight clipping edges would show. Coast and border lines come separately.
_FILL = {"fillColor": LAND, "fillOpacity": 1, "stroke": False}
_LINES = {"color": BORDER, "weight": 0.9, "fill": False}
LAYERS = (("europe-outer.geojson", _FILL), ("europe-outer-lines.geojson", _LINES), ("region.geojson", _FILL), ("region-lines.geojson", _LINES))


def add_basemap(folium_map: folium.Map, basemap: str = "offline") -> folium.Map:
    for name, style in LAYERS:
        _layer(name, style).add_to(folium_map)
    if basemap == "osm":
        folium.TileLayer(
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            attr=OSM_ATTRIBUTION,
            name="OpenStreetMap",
            max_zoom=19,
            control=False,
        ).add_to(folium_map)
    return folium_map
