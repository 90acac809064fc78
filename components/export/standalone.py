"""The map as one HTML file that works offline: Leaflet, jQuery, the basemap and the layers inlined.

No streamlit here; the export panel passes this to a deferred download button.
"""

from __future__ import annotations

import folium

from components.map.assets import CSS, JS, palette_style, static_text
from components.map.basemap import add_basemap
from components.map.legend import add_legend


def standalone_map(groups: list[folium.FeatureGroup], frame: dict, lang: str) -> str:
    """One HTML file with Leaflet, jQuery, the basemap and the layers inlined: it opens offline, from a USB stick.
    ``frame`` is the live map's (map/framing.py): its bounds are fitted when the file opens, at the reader's size."""
    bounds = frame.get("bounds")
    middle = [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2] if bounds else None
    folium_map = folium.Map(location=frame.get("center") or middle, zoom_start=frame.get("zoom") or frame.get("maxZoom"),
                            tiles=None, control_scale=True)
    if bounds:
        folium_map.fit_bounds(bounds, max_zoom=frame.get("maxZoom"))
    folium_map.default_js, folium_map.default_css = [], []
    head = folium_map.get_root().header
    head.add_child(palette_style())
    for _, path in CSS:
        head.add_child(folium.Element(f"<style>{static_text(path)}</style>"))
    for _, path in JS:
        script = static_text(path).replace("</script", "<\\/script")
        head.add_child(folium.Element(f"<script>{script}</script>"))
    add_basemap(folium_map, "offline", inline=True, lang=lang)
    add_legend(folium_map, lang)
    for group in groups:
        group.add_to(folium_map)
    folium.LayerControl(collapsed=True).add_to(folium_map)
    return folium_map.get_root().render()
