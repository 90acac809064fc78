"""Serve Leaflet and jQuery from the app itself: offline, folium's CDN links leave an invisible map.

Inside the st_folium iframe (/component/streamlit_folium.st_folium/index.html) the relative
URL ../../app/static/ reaches Streamlit's static folder. Exports inline the same files instead.
The project's own static CSS takes its colours from the palette's custom properties, which
palette_style() declares in the map's header (model/palette.py).
"""

from __future__ import annotations

import folium

from calais_atlas.model.palette import css_variables
from calais_atlas.resources import static_dir

STATIC_DIR = static_dir()  # the wheel's bundle or the checkout's static/ (resources.py)
IFRAME_PREFIX = "../../app/static/"

# leaflet-offline.js fixes Leaflet's guessed image path; leaflet-offline.css paints the sea (a <style>
# in the map header loses to leaflet.css, which st_folium loads later).
JS = (
    ("leaflet", "vendor/leaflet/leaflet.js"),
    ("leaflet_offline", "offline/leaflet-offline.js"),
    ("jquery", "vendor/jquery/jquery.min.js"),
)
# legend.css comes after leaflet.css, so its .leaflet-tooltip rule wins in the iframe as in the export.
LEGEND_CSS = "atlas/legend.css"
CSS = (
    ("leaflet_css", "vendor/leaflet/leaflet.css"),
    ("leaflet_offline_css", "offline/leaflet-offline.css"),
    ("atlas_legend_css", LEGEND_CSS),
)
# Scripts for the page itself, not the map: ES modules read here and handed to st.components.v2 inline
# (ui/page_scripts.py), so they run in the page and no URL of theirs resolves against the page's address.
LESSON_KEYS_JS = "atlas/lesson-keys.js"
PRESENT_JS = "atlas/present.js"  # the presentation: the map's labels enlarged, its first screen measured
PAGE_JS = "atlas/page.js"  # the page's declared language, and focus kept across reruns
HISTORY_JS = "atlas/history.js"  # which writes of the link make a browser history entry


def palette_style() -> folium.Element:
    """The palette's custom properties, which the static CSS reads; order-free, so a <style> in the header will do."""
    return folium.Element(f"<style>{css_variables()}</style>")


def use_local_assets(folium_map: folium.Map, prefix: str = IFRAME_PREFIX) -> folium.Map:
    """Point this map instance (never the class: that would leak into every map) at local files, and give it the palette."""
    folium_map.default_js = [(name, prefix + path) for name, path in JS]
    folium_map.default_css = [(name, prefix + path) for name, path in CSS]
    folium_map.get_root().header.add_child(palette_style())
    return folium_map


def static_text(path: str) -> str:
    """A file under static/, for inlining: the exported map, and the page's own scripts."""
    return (STATIC_DIR / path).read_text(encoding="utf-8")
