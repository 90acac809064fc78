"""The live map's step state (components/map/step.py): lossless but for popups, keyed, small."""

from __future__ import annotations

import json
from datetime import date

import pytest

from components.data.loader import default_data_dir, load_dataset
from components.map.feature_groups import layer_items
from components.map.step import SYMBOLS, item_keys, step_state
from components.model.shown import Prepared
from components.model.view_state import LAYERS


@pytest.fixture(scope="module")
def prepared() -> Prepared:
    return Prepared.build(load_dataset(default_data_dir()).tables, "en")


def items_at(prepared: Prepared, day: date, site: str | None = None) -> dict[str, list[dict]]:
    shown = prepared.at(day, "around", 3)
    return layer_items(shown.ctx, shown.states, shown.events, shown.captions, list(LAYERS), site)


def expand(state: dict) -> dict[str, list[dict]]:
    """What live-map.js draws from a state, as the items layer_items made (the JS does the same merge)."""
    layers = {}
    for name, items in state["items"].items():
        drawn = []
        for item in items:
            out = {key: value for key, value in item.items() if key not in ("style", "sym")}
            if "style" in item:
                out["options"] = {**state["styles"][item["style"]], **item["options"]}
            if "sym" in item:
                out["icon"] = {**item["icon"], "html": SYMBOLS[item["sym"]] + item["icon"]["html"]}
            drawn.append(out)
        layers[name] = drawn
    return layers


def without_popups(items: dict[str, list[dict]]) -> dict[str, list[dict]]:
    return {name: [{k: v for k, v in item.items() if k != "popup"} for item in layer] for name, layer in items.items()}


@pytest.mark.parametrize("day", [date(2016, 1, 20), date(2002, 11, 5), date(2021, 11, 24)])
def test_the_state_draws_exactly_the_items_with_every_popup_kept_for_a_preview(prepared, day) -> None:
    items = items_at(prepared, day)
    assert expand(step_state(items, all_popups=True)) == items


def test_only_the_selected_place_has_popups(prepared) -> None:
    day = date(2016, 1, 20)
    items = items_at(prepared, day, site="calais-jungle")
    state = step_state(items, site="calais-jungle")
    with_popup = [key for name, layer in state["items"].items() for key, item in zip(item_keys(name, layer), layer, strict=True)
                  if "popup" in item]
    assert with_popup, "the selected site's markers keep their popups"
    assert all("atlas-place-calais-jungle" in key.split("|")[1].split() for key in with_popup)
    assert expand(state) != items  # the others lost theirs ...
    assert without_popups(expand(state)) == without_popups(items)  # ... and nothing else


def test_no_site_means_no_popups(prepared) -> None:
    state = step_state(items_at(prepared, date(2016, 1, 20)))
    assert not [item for layer in state["items"].values() for item in layer if "popup" in item]


def test_keys_are_unique_and_a_marker_keeps_its_key_from_date_to_date(prepared) -> None:
    before = step_state(items_at(prepared, date(2016, 1, 20)))
    after = step_state(items_at(prepared, date(2016, 2, 20)))
    keys_before = [key for name, layer in before["items"].items() for key in item_keys(name, layer)]
    keys_after = [key for name, layer in after["items"].items() for key in item_keys(name, layer)]
    assert len(keys_before) == len(set(keys_before)) and len(keys_after) == len(set(keys_after))
    jungle = "sites|atlas-site atlas-place-calais-jungle|0"
    assert jungle in keys_before and jungle in keys_after


def test_an_unchanged_marker_is_byte_identical_so_the_browser_keeps_it(prepared) -> None:
    """live-map.js compares each item's JSON with the last step's: a context place must not change with the date."""
    first = step_state(items_at(prepared, date(2016, 1, 20)))["items"]["context"]
    later = step_state(items_at(prepared, date(2016, 1, 21)))["items"]["context"]
    assert json.dumps(first) == json.dumps(later)


def test_symbols_and_styles_are_sent_once_not_per_marker(prepared) -> None:
    items = items_at(prepared, date(2016, 1, 20))
    state = step_state(items, all_popups=True)
    assert "<svg" not in json.dumps(state["items"]["events"])
    assert len(state["styles"]) < sum(1 for layer in items.values() for item in layer if "options" in item)
    assert len(json.dumps(state)) < len(json.dumps(items))


def test_the_visible_layers_are_the_ones_asked_for_and_the_highlight(prepared) -> None:
    shown = prepared.at(date(2016, 1, 20), "around", 3)
    items = layer_items(shown.ctx, shown.states, shown.events, shown.captions, ["sites"], None)
    assert step_state(items)["visible"] == ["sites", "highlight"]
