"""The base map and its framing. The base never changes with the slider, so the iframe is never remounted."""

from __future__ import annotations

import folium

from calais_atlas.map.assets import use_local_assets
from calais_atlas.map.basemap import add_basemap
from calais_atlas.map.legend import add_legend

CHANNEL_CENTER = (50.965, 2.02)  # Wissant – Calais – Dunkirk
CHANNEL_ZOOM = 10


def base_map(basemap: str = "offline", lang: str = "en") -> folium.Map:
    folium_map = folium.Map(location=CHANNEL_CENTER, zoom_start=CHANNEL_ZOOM, tiles=None, control_scale=True,
                            min_zoom=4, max_zoom=17, prefer_canvas=False)
    use_local_assets(folium_map)
    add_basemap(folium_map, basemap, lang=lang)
    add_legend(folium_map, lang)
    return folium_map
