"""The naive baseline for the benchmark: the textbook way to put a folium map behind a slider.

On every rerun it rebuilds the whole folium map, with one folium object per marker: a CircleMarker
(class "atlas-site") with its own Tooltip and Popup per site, a Marker with a DivIcon, Tooltip and
Popup per event and per caption, a Marker with a DivIcon and Tooltip per context place. It hands the
map to st_folium WITHOUT feature_group_to_add, so every change of content changes the component's key
and the iframe is remounted.

Everything else is kept equal to the real app so that only the map strategy differs: the same data
(CALAIS_ATLAS_DATA, loaded once and cached), the same slider (label "Date", same range and default),
the same 3-month window around the date (calais_atlas.model.timeline), the same site states, the same local
Leaflet/jQuery and Natural Earth basemap (works offline), the same height, centre, zoom and returned
objects (none: the map sends place ids itself).

Streamlit serves ./static next to the main script, so tests/bench/run.py runs this file from a temporary
folder holding a copy of static/ (see browser_timing.app_dir). Run by hand the same way:

    python tests/bench/browser_timing.py --naive --serve data      # prints the URL, Ctrl-C to stop
"""

from __future__ import annotations

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

from calais_atlas.data.loader import default_data_dir, load_dataset  # noqa: E402
from calais_atlas.map.assets import use_local_assets  # noqa: E402
from calais_atlas.map.basemap import add_basemap  # noqa: E402
from calais_atlas.model.escaping import html_text  # noqa: E402
from calais_atlas.model.timeline import Dated, data_span, site_states, window_bounds  # noqa: E402

DEFAULT_DATE = date(2016, 1, 20)  # the real app's default (components/ui/state.py)
CENTER, ZOOM = (50.965, 2.02), 10  # components/map/mapview.py
RETURNED: list[str] = []  # as the atlas (components/ui/live_folium.py): its map sends place ids itself
COLOURS = {"camp": "#0072B2", "demolition": "#D55E00", "clash": "#E69F00", "protest": "#CC79A7", "politics": "#56B4E9",
           "policy": "#F0E442", "death": "#000000", "humanitarian": "#009E73", "daily-life": "#BBBBBB"}


@st.cache_resource(show_spinner=False)
def dataset(directory: str):
    return load_dataset(Path(directory))


def radius(count: int | None) -> float:
    return min(48.0, max(4.0, 0.42 * (max(count or 0, 0) ** 0.5)))


st.set_page_config(page_title="Calais Atlas (naive baseline)", layout="wide")
st.title("Calais Atlas: naive baseline")
tables = dataset(str(default_data_dir().resolve())).tables
places, sources = tables["places"], tables["sources"]
span = data_span(tables)
at = st.slider("Date", min_value=span.first, max_value=span.last, value=min(max(DEFAULT_DATE, span.first), span.last),
               format="YYYY-MM-DD")
start, end = window_bounds(at, "around", 3)
events = Dated.build(tables["events"]).window(start, end)[1]  # the app's own window rule, as records
captions = Dated.build(tables["captions"]).window(start, end)[1]
states = site_states(places, tables["population"], at)
located = {row["place_id"]: row for row in places.dropna(subset=["lat", "lon"]).to_dict("records")}
publisher = dict(zip(sources["source_id"], sources["publisher"], strict=True))

folium_map = folium.Map(location=CENTER, zoom_start=ZOOM, tiles=None, control_scale=True, min_zoom=4, max_zoom=17)
use_local_assets(folium_map)
add_basemap(folium_map)

for place_id, state in states.items():
    place = located.get(place_id)
    if place is None:
        continue
    name = html_text(place["name"])
    if state.status == "counted":
        label = f"{state.low:,}" + (f"–{state.high:,}" if state.high != state.low else "") + " people"
        size, fill = radius(state.low), "#0072B2"
    else:
        label, size, fill = state.status, 6, "#7a7a7a" if state.status == "closed" else "#ffffff"
    folium.CircleMarker(
        [place["lat"], place["lon"]], radius=size, color="#0b3a5c", weight=1.5, fill=True, fill_color=fill, fill_opacity=0.45,
        class_name=f"atlas-site atlas-place-{place_id}",
        tooltip=folium.Tooltip(f"<b>{name}</b><br>{html_text(label)}", sticky=True),
        popup=folium.Popup(f"<b>{name}</b><br>{html_text(label)}<br>{html_text(place['description'], 600)}", max_width=380),
    ).add_to(folium_map)

for place_id, place in located.items():
    if place_id in states:
        continue
    folium.Marker(
        [place["lat"], place["lon"]],
        icon=folium.DivIcon(html=f'<div class="atlas-context-name">{html_text(place["name"])}</div>', icon_size=(10, 10),
                            class_name=f"atlas-context atlas-place-{place_id}"),
        tooltip=folium.Tooltip(f"<b>{html_text(place['name'])}</b><br>{html_text(place['description'], 400)}"),
    ).add_to(folium_map)

for row in events:
    place = located.get(row["place_id"])
    if place is None:
        continue
    colour = COLOURS.get(row["category"], "#333333")
    source = html_text(publisher.get(row["source_id"], row["source_id"]))
    body = (f"<b>{html_text(row['title'], 200)}</b><br>{html_text(row['date'])}<br>{html_text(row['description'], 600)}"
            + (f"<br><q>{html_text(row['quote'], 400)}</q>" if row["quote"] else "") + f"<br>Source: {source}")
    folium.Marker(
        [place["lat"], place["lon"]],
        icon=folium.DivIcon(html=f'<div style="width:14px;height:14px;background:{colour};border:1.5px solid #1a1a1a"></div>',
                            icon_size=(16, 16),
                            class_name=f"atlas-event atlas-event-{row['category']} atlas-place-{row['place_id']}"),
        tooltip=folium.Tooltip(f"{html_text(row['date'])}: {html_text(row['title'], 160)} <i>({source})</i>"),
        popup=folium.Popup(f'<div class="atlas-popup">{body}</div>', max_width=380),
    ).add_to(folium_map)

for row in captions:
    place = located.get(row["place_id"])
    if place is None:
        continue
    folium.Marker(
        [place["lat"], place["lon"]],
        icon=folium.DivIcon(html='<div style="width:12px;height:10px;background:#fff;border:1.5px solid #1a1a1a"></div>',
                            icon_size=(16, 14), class_name=f"atlas-caption atlas-place-{row['place_id']}"),
        tooltip=folium.Tooltip(f"{html_text(row['date'])}: {html_text(row['text'], 110)}"),
        popup=folium.Popup(f"{html_text(row['date'])}<br>{html_text(row['text'], 500)}<br><i>{html_text(row['credit'])}</i>",
                           max_width=380),
    ).add_to(folium_map)

st_folium(folium_map, key="naive.map", height=600, use_container_width=True, returned_objects=RETURNED, center=CENTER, zoom=ZOOM)
st.caption(f"{len(states)} sites, {len(events)} events and {len(captions)} captions in the window "
           f"{start.date().isoformat()} to {end.date().isoformat()}.")
