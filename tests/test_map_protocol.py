"""What the map sends back (components/map/protocol.py): read when it is right, ignored and logged when it is not,
never a crash; and the view's one transition for the layers the map's own control chose."""

from __future__ import annotations

import logging
import re

import pytest

from calais_atlas.map.assets import STATIC_DIR
from calais_atlas.map.protocol import VERSION, Click, Layers, Mismatch, parse_message
from calais_atlas.model import transitions as move
from calais_atlas.model.view_state import LAYERS, AtlasState


def test_the_browser_code_speaks_the_same_version() -> None:
    """live-map.js and protocol.py carry one version: changing one alone fails here, not in a viewer's map."""
    script = (STATIC_DIR / "atlas" / "live-map.js").read_text(encoding="utf-8")
    assert re.search(r"var VERSION = (\d+);", script).group(1) == str(VERSION)
    assert f"version {VERSION}" in (STATIC_DIR / "atlas" / "PROTOCOL.md").read_text(encoding="utf-8")


def test_a_click_is_a_place_id() -> None:
    """A click message gives the place id it carries, as sent."""
    assert parse_message({"v": VERSION, "seq": 7, "kind": "click", "place": "calais-jungle"}, LAYERS) == \
        Click(7, "calais-jungle")


def test_layers_are_names_of_the_views_layers() -> None:
    """The layers the control shows, as names; an empty list is a choice too (every layer unticked)."""
    message = {"v": VERSION, "seq": 8, "kind": "layers", "layers": ["sites", "context"]}
    assert parse_message(message, LAYERS) == Layers(8, ("sites", "context"))
    assert parse_message({**message, "layers": []}, LAYERS) == Layers(8, ())


def test_a_mismatch_is_reported_whatever_its_version(caplog) -> None:
    """The map says which version it could not draw, in its own version: read and logged."""
    with caplog.at_level(logging.WARNING, logger="calais_atlas"):
        assert parse_message({"v": 1, "seq": 3, "kind": "mismatch", "got": 99}, LAYERS) == Mismatch(3, 1, 99)
    assert "could not draw version 99" in caplog.text


@pytest.mark.parametrize("value", [
    {"v": VERSION + 1, "seq": 1, "kind": "click", "place": "calais-jungle"},  # another version
    {"seq": 1, "kind": "click", "place": "calais-jungle"},  # no version
    {"v": VERSION, "kind": "click", "place": "calais-jungle"},  # no sequence number
    {"v": VERSION, "seq": 1, "kind": "hover", "place": "calais-jungle"},  # an unknown kind
    {"v": VERSION, "seq": 1, "kind": "click", "place": 3},  # not an id
    {"v": VERSION, "seq": 1, "kind": "click", "place": ""},
    {"v": VERSION, "seq": 1, "kind": "layers", "layers": ["sites", "<img src=x>"]},  # a layer the view does not have
    {"v": VERSION, "seq": 1, "kind": "layers", "layers": "sites"},
    {"last_object_clicked": {"lat": 50.9, "lng": 1.8}},  # streamlit-folium's own shape
    ["click"],
    "click",
])
def test_anything_else_is_ignored_and_logged(value, caplog) -> None:
    """A value of another version or shape is no message: None, and a warning in the log."""
    with caplog.at_level(logging.WARNING, logger="calais_atlas"):
        assert parse_message(value, LAYERS) is None
    assert "map message ignored" in caplog.text


@pytest.mark.parametrize("value", [None, {}])
def test_the_components_empty_default_is_no_message(value, caplog) -> None:
    """Before the map has sent anything, the component's value is empty: nothing to read, nothing logged."""
    with caplog.at_level(logging.WARNING, logger="calais_atlas"):
        assert parse_message(value, LAYERS) is None
    assert caplog.text == ""


def test_set_layers_keeps_the_views_order_and_drops_unknown_names() -> None:
    """The map's control may list layers in any order: the view keeps LAYERS' order, as the link writes it."""
    view = move.set_layers(AtlasState(), ["context", "sites", "nonsense"])
    assert view.layers == tuple(name for name in LAYERS if name in {"context", "sites"})
    assert move.set_layer(view, "events", True).layers == move.set_layers(view, [*view.layers, "events"]).layers
