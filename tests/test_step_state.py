"""The live map's step state (components/map/step.py): keyed here and only here, small, popups only for the selected
place. What the browser draws from it is tested where it runs: tests/browser/test_live_map_js.py."""

from __future__ import annotations

import json
from datetime import date

from calais_atlas.map.feature_groups import layer_items
from calais_atlas.map.protocol import VERSION
from calais_atlas.map.step import step_state
from map_items import items_at


def all_items(state: dict) -> list[dict]:
    return [item for layer in state["items"].values() for item in layer]


def test_only_the_selected_place_has_popups(prepared) -> None:
    """Popups travel only for the selected place: the others lose theirs, and nothing else. An IOM incident, which
    selects no place, keeps its own."""
    items = items_at(prepared, date(2016, 1, 20), site="calais-jungle")
    state = step_state(items, site="calais-jungle")
    with_popup = [item for item in all_items(state) if "popup" in item and "place" in item]
    assert with_popup, "the selected site's markers keep their popups"
    assert {item["place"] for item in with_popup} == {"calais-jungle"}
    assert [item for item in all_items(state) if "popup" in item and "place" not in item] == \
        [item for item in state["items"]["deaths"] if "popup" in item]
    everything = step_state(items, site="calais-jungle", all_popups=True)
    assert len([item for item in all_items(everything) if "popup" in item]) > len(with_popup)
    strip = [{key: value for key, value in item.items() if key != "popup"} for item in all_items(everything)]
    assert strip == [{key: value for key, value in item.items() if key != "popup"} for item in all_items(state)]


def test_no_site_means_no_popups(prepared) -> None:
    """With nothing selected, no place's popup is sent at all (an IOM incident's is: it selects nothing)."""
    state = step_state(items_at(prepared, date(2016, 1, 20)))
    assert not [item for name, layer in state["items"].items() if name != "deaths" for item in layer if "popup" in item]


def test_every_item_carries_its_key_unique_and_kept_from_date_to_date(prepared) -> None:
    """The keys are made here: unique in a step, and a standing marker keeps its key when the date moves."""
    before = step_state(items_at(prepared, date(2016, 1, 20)))
    after = step_state(items_at(prepared, date(2016, 2, 20)))
    keys_before, keys_after = [item["k"] for item in all_items(before)], [item["k"] for item in all_items(after)]
    assert len(keys_before) == len(set(keys_before)) and len(keys_after) == len(set(keys_after))

    def jungle_key(state: dict) -> str:
        return next(item["k"] for item in state["items"]["sites"]
                    if item.get("place") == "calais-jungle" and item["type"] == "circle")

    assert jungle_key(before) == jungle_key(after)


def test_what_a_click_selects_carries_its_place_id_and_nothing_else_does(prepared) -> None:
    """Site circles, events, captions and context places name their place; labels, rings, the highlight and the IOM's
    incidents (a click opens their popup, it selects nothing) do not."""
    state = step_state(items_at(prepared, date(2016, 1, 20), site="calais-jungle"))
    assert all("place" not in item for item in state["items"]["deaths"])
    for item in (item for name, layer in state["items"].items() if name != "deaths" for item in layer):
        classes = (item.get("icon") or item.get("options") or {}).get("className", "")
        clickable = item.get("interactive") is not False and not classes.startswith(("atlas-uncertainty", "atlas-site-range",
                                                                                      "atlas-highlight"))
        if clickable:
            assert f"atlas-place-{item['place']}" in classes.split(), item
        else:
            assert "place" not in item, item


def test_an_unchanged_marker_is_byte_identical_so_the_browser_keeps_it(prepared) -> None:
    """live-map.js compares each item's JSON with the last step's: a context place must not change with the date."""
    first = step_state(items_at(prepared, date(2016, 1, 20)))["items"]["context"]
    later = step_state(items_at(prepared, date(2016, 1, 21)))["items"]["context"]
    assert json.dumps(first) == json.dumps(later)


def test_symbols_and_styles_are_sent_once_not_per_marker(prepared) -> None:
    """Category symbols travel as names, and circles share their style: the state is smaller than the items."""
    items = items_at(prepared, date(2016, 1, 20))
    state = step_state(items, all_popups=True)
    assert "<svg" not in json.dumps(state["items"]["events"])
    assert len(state["styles"]) < sum(1 for layer in items.values() for item in layer if "options" in item)
    assert len(json.dumps(state)) < len(json.dumps(items))


def test_the_state_says_its_version_the_layers_shown_and_whether_the_map_reports(prepared) -> None:
    """The version goes with every step; the visible layers are the ones asked for and the highlight."""
    shown = prepared.at(date(2016, 1, 20), "around", 3)
    items = layer_items(shown.ctx, shown.states, shown.events, shown.captions, ["sites"], None)
    state = step_state(items)
    assert (state["v"], state["visible"], state["report"]) == (VERSION, ["sites", "highlight"], True)
    assert step_state(items, report=False)["report"] is False
