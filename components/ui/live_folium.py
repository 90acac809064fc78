"""st_folium for the live map: streamlit-folium's own component, with the base map rendered once, not at every step.

st_folium renders the whole folium map three times per call (a good part of a slider step: BENCHMARKS.md) and runs a regex
over the step layer's JS, though the atlas's base map is the same at every step and its step layer is one JSON state
(map/step.py). This sends the component the arguments st_folium would, from the base's parts cached per base map and
language. streamlit-folium is pinned below 0.28 (pyproject.toml); tests/test_live_folium.py checks that the arguments
are still the ones st_folium itself sends, so an upgrade that changes them fails a test instead of the map. This is the
only module that touches streamlit-folium's private functions: _component_func (the component itself) and _get_header
(its header edits); the map's script and HTML come from its public generate_leaflet_string and folium.

streamlit-folium returns nothing here (no returned objects: its own value never changes); static/atlas/live-map.js
sends the map's messages through the same component value (map/protocol.py), read under ``key`` by the callback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from textwrap import dedent

import folium
import streamlit as st
import streamlit_folium

from calais_atlas.map.mapview import base_map
from calais_atlas.map.protocol import StepState
from calais_atlas.map.step import LiveLayers

_MAP_DIV = re.compile(r'<div class="folium-map" id=".*" ></div>')  # the component makes its own (its _get_html)
# What streamlit-folium appends to a swapped feature group's script (its _get_feature_group_string, index 0).
STEP_GROUP = "feature_group_feature_group_0"
_STEP_JS = """var {group} = L.featureGroup();
window.atlas.apply({state});
{group}.addTo(map_div);
map_div.addLayer({group});
window.feature_group = window.feature_group || [];
window.feature_group.push({group});
"""


@dataclass(frozen=True)
class RenderedBase:
    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


def live_map(basemap: str, lang: str) -> folium.Map:
    folium_map = base_map(basemap, lang)
    LiveLayers(lang).add_to(folium_map)
    return folium_map


def _links(folium_map: folium.Map) -> tuple[tuple[str, ...], tuple[str, ...]]:
    css, js = [], []
    for element in [folium_map, *folium_map._children.values()]:  # the base map has no nested assets
        css += [href for _, href in getattr(element, "default_css", [])]
        js += [src for _, src in getattr(element, "default_js", [])]
    return tuple(dict.fromkeys(css)), tuple(dict.fromkeys(js))


@lru_cache(maxsize=8)
def rendered_base(basemap: str, lang: str) -> RenderedBase:
    """The base map's parts as st_folium computes them (render, html, header, script), once per base map and language."""
    folium_map = live_map(basemap, lang)
    folium_map.get_root().render()
    folium_map.render()
    html = _MAP_DIV.sub("", folium_map.get_root().html.render()).strip()
    header = streamlit_folium._get_header(folium_map)
    # What st_folium's private _get_map_string makes of it; its other edits are for draw controls and DualMaps.
    script = dedent(streamlit_folium.generate_leaflet_string(folium_map)) + "\nvar drawnItems = [];"
    css, js = _links(folium_map)
    return RenderedBase(script, header, html, streamlit_folium.get_full_id(folium_map), css, js)


@lru_cache(maxsize=16)
def _component_key(basemap: str, lang: str, key: str) -> str:
    """st_folium's component key, a hash of the base's script (regex passes over 14 kB): the same base, the same key."""
    return streamlit_folium.generate_js_hash(rendered_base(basemap, lang).script, key, False)


def step_script(state: StepState) -> str:
    """The step layer's JS. streamlit-folium evals it, so no HTML parser reads it; "</" is still escaped ("<\\/" in
    JSON), so that no text can close a script even if it ever is. htmlsafe JSON would send every tag of every tooltip
    as six bytes a character."""
    state_json = json.dumps(state, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return _STEP_JS.format(group=STEP_GROUP, state=state_json)


def live_folium(state: StepState, *, basemap: str, lang: str, key: str, height: int,
                on_change: Callable[[], None] | None) -> None:
    """What st_folium(live_map(basemap, lang), feature_group_to_add=[StepLayer(state)], returned_objects=[], ...) would
    draw. The map's last message is in st.session_state[key] when ``on_change`` runs. No centre or zoom: the view is
    framed by the state's frame, in the browser (map/framing.py), never by streamlit-folium too."""
    base = rendered_base(basemap, lang)
    hash_key = _component_key(basemap, lang, key)

    def _changed() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})
        if on_change is not None:
            on_change()

    streamlit_folium._component_func(
        script=base.script, header=base.header, html=base.html, id=base.map_id, key=hash_key, height=height, width=None,
        returned_objects=[], default={}, zoom=None, center=None, feature_group=step_script(state),
        return_on_hover=False, layer_control=None, pixelated=False, css_links=list(base.css_links),
        js_links=list(base.js_links), on_change=_changed, wrap_longitude=False,
    )
