"""The live map's base part (components/map/step.py, base_part): what is the same at every date, sent once, and the
steps built on it, which carry only the rest. What the browser makes of it is tested where it runs:
tests/browser/test_live_map_js.py."""

from __future__ import annotations

import json
from datetime import date

from calais_atlas.data.loader import default_data_dir, load_dataset
from calais_atlas.map.feature_groups import fixed_items, layer_items
from calais_atlas.map.protocol import VERSION, NeedBase, parse_message
from calais_atlas.map.step import base_part, step_state
from calais_atlas.model.shown import Prepared
from calais_atlas.model.timeline import data_span
from calais_atlas.model.view_state import LAYERS

DAYS = (date(2016, 1, 20), date(2016, 2, 20))


def based(prepared: Prepared, day: date, site: str | None = None, layers: tuple[str, ...] = LAYERS,
          with_base: bool = False) -> tuple[dict, dict]:
    """The state at ``day`` built on the base part, and the same state without one."""
    shown = prepared.at(day, "around", 3)
    items = layer_items(shown.ctx, shown.states, shown.event_records, shown.caption_records, list(layers), site,
                        shown.death_records)
    full = step_state(items, site)
    return step_state(items, site, base=fixed_items(shown.ctx, shown.states), with_base=with_base), full


def drawn(state: dict, base: dict) -> dict[str, dict[str, str]]:
    """What live-map.js draws of a state built on ``base``: per layer, key -> the item with its style, as JSON."""
    omit = set(state.get("omit", []))

    def styled(item: dict, styles: list[dict]) -> str:
        return json.dumps([{k: v for k, v in item.items() if k != "style"},
                           styles[item["style"]] if "style" in item else None], sort_keys=True)

    out: dict[str, dict[str, str]] = {}
    for name, layer in state["items"].items():
        out[name] = {item["k"]: styled(item, base["styles"]) for item in base["items"].get(name, [])
                     if item["k"] not in omit}
        out[name] |= {item["k"]: styled(item, state["styles"]) for item in layer}
    return out


def test_steps_at_two_dates_share_one_base_part_and_draw_what_a_whole_step_draws(prepared) -> None:
    """Two dates, one base part (the same key, sent along only when asked); each step with the base part's items draws
    exactly what the whole step draws, keys and content, and carries none of the base part's items itself."""
    for day in DAYS:
        state, full = based(prepared, day, with_base=True)
        base = state["basePart"]
        assert state["base"] == base["key"] == based(prepared, DAYS[0])[0]["base"]
        assert "basePart" not in based(prepared, day)[0]
        assert drawn(state, base) == drawn(full, {"items": {}, "styles": []})
        base_keys = {item["k"] for layer in base["items"].values() for item in layer}
        assert not base_keys & {item["k"] for layer in state["items"].values() for item in layer}
        assert state["items"]["context"] == [] and len(json.dumps(based(prepared, day)[0])) < len(json.dumps(full))


def test_the_base_part_holds_nothing_that_changes_with_the_date(prepared) -> None:
    """At every tenth of the data's span, with nothing selected, every item of the base part is drawn as it is
    (nothing omitted): the base part is date-free. It holds no popup."""
    span = data_span(prepared.tables)
    base = base_part(fixed_items(prepared.ctx, prepared.at(span.first, "around", 3).states))
    for tenth in range(11):
        day = span.first + (span.last - span.first) * tenth / 10
        state, full = based(prepared, day)
        assert state["base"] == base["key"] and "omit" not in state, day
        assert drawn(state, base) == drawn(full, {"items": {}, "styles": []}), day
    assert base["items"]["context"] and base["items"]["sites"]
    assert "popup" not in json.dumps(base)


def test_the_place_in_focus_replaces_its_base_item(prepared) -> None:
    """A context place in focus has its name marked as the focus: that item is sent, and the base part's is omitted."""
    place = next(item["place"] for item in base_part(fixed_items(prepared.ctx, prepared.at(DAYS[0], "around", 3).states))
                 ["items"]["context"])
    state, full = based(prepared, DAYS[0], site=place)
    focus = [item for item in state["items"]["context"] if "atlas-focus" in item["icon"]["className"].split()]
    assert [item["place"] for item in focus] == [place] and len(state["omit"]) == 1
    assert drawn(state, base_part(fixed_items(prepared.ctx, prepared.at(DAYS[0], "around", 3).states))) == \
        drawn(full, {"items": {}, "styles": []})


def test_the_base_parts_keys_hold_whatever_layers_are_shown(prepared) -> None:
    """With the context layer hidden, the sites' rings still match the base part's (an item's key counts within its
    layer): nothing of the base part is sent again, and the context's items are not drawn."""
    state, full = based(prepared, DAYS[0], layers=("sites",))
    assert "context" not in state["items"] and "omit" not in state
    base = base_part(fixed_items(prepared.ctx, prepared.at(DAYS[0], "around", 3).states))
    assert drawn(state, base) == drawn(full, {"items": {}, "styles": []})


def test_the_base_key_changes_with_the_data_and_the_language_and_only_then(prepared) -> None:
    """Other data (a place renamed) or another language: another key, so a map never keeps a stale base part. The same
    data read again: the same key."""
    tables = load_dataset(default_data_dir()).tables

    def key(tables: dict, lang: str = "en") -> str:
        again = Prepared.build(tables, lang)
        return base_part(fixed_items(again.ctx, again.at(DAYS[0], "around", 3).states))["key"]

    same = key(tables)
    assert same == base_part(fixed_items(prepared.ctx, prepared.at(DAYS[0], "around", 3).states))["key"]
    context_place = next(pid for pid in prepared.ctx.places if pid not in prepared.at(DAYS[0], "around", 3).states)
    places = tables["places"].copy()
    places.loc[places["place_id"] == context_place, "name"] = "Renamed"
    assert key({**tables, "places": places}) != same
    assert key(tables, "fr") != same


def test_the_map_asking_for_its_base_part_is_a_message() -> None:
    """{kind: base, key} from the map is a NeedBase; without a key it is ignored."""
    assert parse_message({"v": VERSION, "seq": 3, "kind": "base", "key": "abc"}, LAYERS) == NeedBase(3, "abc")
    assert parse_message({"v": VERSION, "seq": 4, "kind": "base"}, LAYERS) is None
