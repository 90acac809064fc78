"""The bare reference page for the benchmark: the floor of the stack (Streamlit + folium + streamlit-folium) on this machine.

One date slider (label "Date", found by the same locator as the atlas's), one ``st_folium`` on the atlas's own base map
(calais_atlas.map.mapview.base_map: local Leaflet/jQuery from static/, the offline Natural Earth basemap, the legend),
and four CircleMarkers (class "atlas-site", as the atlas's sites) whose positions and radii depend on the date, swapped
through ``feature_group_to_add`` with a ``layer_control``, with the atlas's height, centre, zoom and returned objects
(none: the map sends place ids itself). No data is read: whatever the atlas takes beyond this page is the atlas's own work.

Streamlit serves ./static next to the main script, so tests/bench/run.py runs this file from a temporary folder holding
a copy of static/ (see browser_timing.app_dir). Run by hand the same way:

    python tests/bench/browser_timing.py --bare --serve      # prints the URL, Ctrl-C to stop
"""

from __future__ import annotations

import math
import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(os.environ.get("CALAIS_ATLAS_ROOT") or Path(__file__).resolve().parents[2])
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import folium  # noqa: E402
import streamlit as st  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

from calais_atlas.map.mapview import CHANNEL_CENTER, CHANNEL_ZOOM, base_map  # noqa: E402

FIRST, LAST, DEFAULT = date(1999, 9, 1), date(2026, 5, 3), date(2016, 1, 20)  # the shipped data's span, the atlas's default
RETURNED: list[str] = []  # as the atlas (components/ui/live_folium.py): its map sends place ids itself
SITES = ((50.952, 1.858), (50.965, 1.900), (51.018, 2.300), (50.985, 2.150))  # roughly Calais, Sangatte, Dunkirk, Grande-Synthe


def markers(day: date) -> folium.FeatureGroup:
    phase = (day - FIRST).days / max(1, (LAST - FIRST).days)
    group = folium.FeatureGroup(name="Sites")
    for index, (lat, lon) in enumerate(SITES):
        angle = 2 * math.pi * (phase + index / len(SITES))
        folium.CircleMarker([lat + 0.01 * math.sin(angle), lon + 0.01 * math.cos(angle)], radius=6 + 30 * phase + 2 * index,
                            color="#0b3a5c", weight=1.5, fill=True, fill_color="#0072B2", fill_opacity=0.45,
                            class_name=f"atlas-site bare-site-{index}", tooltip=f"site {index}").add_to(group)
    return group


st.set_page_config(page_title="Calais Atlas (bare reference)", layout="wide")
at = st.slider("Date", min_value=FIRST, max_value=LAST, value=DEFAULT, format="YYYY-MM-DD")
st_folium(base_map(), key="bare.map", height=600, use_container_width=True, returned_objects=RETURNED,
          feature_group_to_add=[markers(at)], layer_control=folium.LayerControl(collapsed=True),
          center=CHANNEL_CENTER, zoom=CHANNEL_ZOOM)
