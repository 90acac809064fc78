"""The one protocol between Python and the map's browser code (static/atlas/live-map.js); described in
static/atlas/PROTOCOL.md.

Python sends the base config once per map (BaseConfig, map/step.LiveLayers) and a StepState at every step
(map/step.step_state). What does not depend on the date (context places, uncertainty rings) is a BasePart, sent once
per session and map and referenced by its key in every step; the map sends back Messages, by Streamlit's component
value: a place clicked, the layers the viewer chose in the map's own control, a base part it lacks, its first step
drawn, or a version it cannot draw. Both sides carry VERSION: live-map.js refuses a
config or state of another version, visibly, and says so; parse_message ignores (and logs) what it cannot read, so a
stale or hostile value never stops the page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal, NotRequired, TypedDict

VERSION = 6  # live-map.js's own VERSION must match: both change together with this file and PROTOCOL.md

log = logging.getLogger("calais_atlas")


class Item(TypedDict):
    """One marker. Texts (tooltip, popup, icon HTML) are HTML that Python escaped (model/escaping.py)."""

    k: str  # its key, unique in the step, the same from step to step while the marker stands (map/step.py)
    type: Literal["circle", "ring", "icon"]
    lat: float
    lon: float
    place: NotRequired[str]  # the place a click on it selects; absent on what a click does not select
    style: NotRequired[int]  # circles and rings: an index into StepState.styles ...
    options: NotRequired[dict]  # ... plus their own radius and className
    icon: NotRequired[dict]  # icons: L.divIcon's options (html, iconSize, iconAnchor, className)
    sym: NotRequired[str]  # a symbol of BaseConfig.symbols drawn before icon.html
    interactive: NotRequired[bool]  # an icon is interactive unless this is false
    tooltip: NotRequired[str]
    sticky: NotRequired[bool]
    popup: NotRequired[str]  # sent for the selected place's items, and always for an item with no place (a click opens it)


class Frame(TypedDict):
    key: str  # applied when it differs from the last frame applied: a viewer's pan and zoom survive other steps
    bounds: NotRequired[list[list[float]]]  # [[south, west], [north, east]], fitted at the map's size ...
    maxZoom: NotRequired[int]  # ... never closer than this
    center: NotRequired[list[float]]  # or a centre ...
    zoom: NotRequired[int]  # ... and zoom
    focus: NotRequired[list[float]]  # the place the view is about, brought inside with a margin ...
    place: NotRequired[str]  # ... and its id: not moved when the viewer just picked it on the map


class BasePart(TypedDict):
    """The items that are the same at every date, per layer, with their own styles: sent once, kept by the map."""

    key: str  # a digest of the rest: other data, another language or another version of the code, another key
    items: dict[str, list[Item]]
    styles: list[dict]


class StepState(TypedDict):
    v: int
    items: dict[str, list[Item]]  # per layer name (map/feature_groups.DRAWING_ORDER); a layer not sent is emptied
    styles: list[dict]  # Leaflet path options shared by circles
    visible: list[str]  # the layers shown: the one truth, the map's control follows it
    report: bool  # whether the map sends messages (a click that selects, a layer chosen); false for a preview
    frame: NotRequired[Frame]  # where the view looks (map/framing.py)
    base: NotRequired[str]  # the key of the base part whose items of the layers sent are drawn too ...
    omit: NotRequired[list[str]]  # ... except these keys (replaced at this step, e.g. the place in focus)
    basePart: NotRequired[BasePart]  # that base part itself: in a session's first step, and when the map asked for it


class BaseConfig(TypedDict):
    v: int
    # [name, label in the layer control or None for no entry, credit HTML shown while the layer is, or None], in
    # drawing order
    layers: list[list[str | None]]
    symbols: dict[str, str]  # symbol name -> SVG
    lang: str


@dataclass(frozen=True)
class Click:
    """A marker clicked (or Enter / Space on it): its place."""

    seq: int
    place: str


@dataclass(frozen=True)
class Layers:
    """The layers shown after the viewer ticked or unticked one in the map's own control."""

    seq: int
    layers: tuple[str, ...]


@dataclass(frozen=True)
class Mismatch:
    """The map got a config or state of a version it does not draw: it drew nothing of it and shows a notice."""

    seq: int
    map_version: object
    got: object


@dataclass(frozen=True)
class NeedBase:
    """The map got a step built on a base part it does not hold (a new frame, a lost step): the next step sends it."""

    seq: int
    key: str


@dataclass(frozen=True)
class Drawn:
    """The map frame's first step is drawn and painted: what the page held back for the first map may come now."""

    seq: int


Message = Click | Layers | NeedBase | Drawn | Mismatch


def _ignored(value: object, why: str) -> None:
    log.warning("map message ignored (%s): %.200r", why, value)


def parse_message(value: object, layer_names: tuple[str, ...]) -> Message | None:
    """What the map sent, checked; None (logged) for anything else: no version, another version, an unknown kind, a
    wrong shape, a layer name not in ``layer_names``. Streamlit's own empty default ({} or None) is not a message."""
    if not value:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("seq"), int):
        _ignored(value, "not a message")
        return None
    kind = value.get("kind")
    if kind == "mismatch":  # sent in the map's version, whatever it is: that is the point of it
        log.warning("the map (protocol version %r) could not draw version %r", value.get("v"), value.get("got"))
        return Mismatch(value["seq"], value.get("v"), value.get("got"))
    if value.get("v") != VERSION:
        _ignored(value, f"version {value.get('v')!r}, expected {VERSION}")
        return None
    if kind == "click" and isinstance(value.get("place"), str) and value["place"]:
        return Click(value["seq"], value["place"])
    if kind == "base" and isinstance(value.get("key"), str):
        return NeedBase(value["seq"], value["key"])
    if kind == "drawn":
        return Drawn(value["seq"])
    layers = value.get("layers")
    if kind == "layers" and isinstance(layers, list) and all(isinstance(name, str) and name in layer_names
                                                              for name in layers):
        return Layers(value["seq"], tuple(layers))
    _ignored(value, "unknown kind or shape")
    return None
