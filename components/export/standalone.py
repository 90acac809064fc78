"""The map as one HTML file that works offline: Leaflet, jQuery, the basemap, live-map.js and the layers inlined.

The layers are drawn by the live map's own static/atlas/live-map.js, given the full items once (every popup, no
messages back): the same markers, keyboard access and label placing as in the app. No streamlit here; the export
panel passes this to a deferred download button.
"""

from __future__ import annotations

import folium

from calais_atlas.map.assets import CSS, JS, palette_style, static_text
from calais_atlas.map.basemap import add_basemap
from calais_atlas.map.legend import add_legend
from calais_atlas.map.mapview import CHANNEL_CENTER, CHANNEL_ZOOM
from calais_atlas.map.protocol import Frame
from calais_atlas.map.step import LIVE_MAP_JS, LiveLayers, step_state


def _inline_script(path: str) -> folium.Element:
    script = static_text(path).replace("</script", "<\\/script")
    return folium.Element(f"<script>{script}</script>")


def standalone_map(items: dict[str, list[dict]], frame: Frame, lang: str) -> str:
    """One HTML file with Leaflet, jQuery, the basemap and the layers inlined: it opens offline, from a USB stick.

    ``items`` are map/feature_groups.layer_items: the layers drawn, and shown, are the ones it holds. ``frame`` is the
    live map's (map/framing.py): live-map.js fits it when the file opens, at the reader's window size."""
    folium_map = folium.Map(location=CHANNEL_CENTER, zoom_start=CHANNEL_ZOOM, tiles=None, control_scale=True)
    folium_map.default_js, folium_map.default_css = [], []
    head = folium_map.get_root().header
    head.add_child(palette_style())
    for _, path in CSS:
        head.add_child(folium.Element(f"<style>{static_text(path)}</style>"))
    for _, path in (*JS, ("atlas_live_map", LIVE_MAP_JS)):
        head.add_child(_inline_script(path))
    add_basemap(folium_map, "offline", inline=True, lang=lang)
    add_legend(folium_map, lang)
    LiveLayers(lang, prefix=None, state=step_state(items, all_popups=True, report=False, frame=frame)).add_to(folium_map)
    return folium_map.get_root().render()
