"""The live map sends streamlit-folium's component exactly what st_folium would, from a base rendered once."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
import streamlit_folium

from calais_atlas.data.loader import default_data_dir, load_dataset
from calais_atlas.map.feature_groups import layer_items
from calais_atlas.map.step import StepLayer, step_state
from calais_atlas.model.shown import Prepared
from calais_atlas.model.view_state import LAYERS
from calais_atlas.ui import live_folium as live

VARYING = ("id", "on_change")  # the map's random folium id, and the callback wrappers


@pytest.fixture
def sent(monkeypatch) -> list[dict]:
    calls: list[dict] = []
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kwargs: calls.append(kwargs))
    return calls


def _state(lang: str) -> dict:
    shown = Prepared.build(load_dataset(default_data_dir()).tables, lang).at(date(2016, 1, 20), "around", 3)
    items = layer_items(shown.ctx, shown.states, shown.event_records, shown.caption_records, list(LAYERS), "calais-jungle")
    return step_state(items, "calais-jungle")


def _parts(js: str) -> tuple[list[str], object]:
    """The script's statements (spacing aside) and the state it applies, parsed: folium's tojson sorts keys."""
    found = re.search(r"window\.atlas\.apply\((.*)\);", js)
    assert found, js[:200]
    rest = js[: found.start()] + "window.atlas.apply(STATE);" + js[found.end():]
    return re.sub(r"\s+", " ", rest).strip().split(" "), json.loads(found.group(1))


@pytest.mark.parametrize(("basemap", "lang"), [("offline", "en"), ("osm", "fr")])
def test_the_component_gets_what_st_folium_would_send(sent, basemap, lang) -> None:
    state = _state(lang)
    # No centre or zoom: the step state's frame places the map (map/framing.py), as st_folium's defaults leave it.
    options = {"key": "atlas.map", "height": 600, "on_change": None}
    streamlit_folium.st_folium(live.live_map(basemap, lang), feature_group_to_add=[StepLayer(state)], use_container_width=True,
                               returned_objects=[], **options)
    live.live_folium(state, basemap=basemap, lang=lang, **options)
    theirs, ours = sent
    assert set(theirs) == set(ours)
    for name in set(theirs) - set(VARYING) - {"feature_group"}:
        assert ours[name] == theirs[name], name
    assert _parts(ours["feature_group"]) == _parts(theirs["feature_group"])


def test_the_base_is_rendered_once_per_base_map_and_language(sent) -> None:
    live.rendered_base.cache_clear()
    for _ in range(3):
        live.live_folium(_state("en"), basemap="offline", lang="en", key="k", height=600, on_change=None)
    assert live.rendered_base.cache_info().misses == 1
    assert len({call["script"] for call in sent}) == 1  # the iframe is never remounted by a step
    assert len({call["feature_group"] for call in sent}) == 1  # same state, same step


def test_state_text_cannot_close_the_script(sent) -> None:
    hostile = {"items": {"sites": [{"k": "x", "tooltip": "</script><script>alert(1)</script>"}]}, "styles": [], "visible": []}
    assert "</script" not in live.step_script(hostile)
