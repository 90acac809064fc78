"""The live map: a base drawn once per visit, and each slider step's state, applied in place by static/atlas/live-map.js.

The shapes are map/protocol.py's (BaseConfig, StepState). A step's state is every shown layer's marker items
(map/layers.py), keyed and made small for the wire:
- each item's key is made here (item_keys), the only place: the browser keeps the Leaflet layer of an item whose key
  and content did not change;
- a marker's category symbol is named, not sent as SVG, and circle styles are sent once per step, not per circle;
- popups travel only for the selected place. Clicking a marker sends its place id back (ui/map_panel.py); the step
  that follows carries that place's popups and opens the one clicked. A marker with no place (an IOM incident) selects
  nothing: its popup travels with it, and a click opens it at once;
- what is the same at every date (map/feature_groups.fixed_items: the context places, the uncertainty rings) is a base
  part (base_part), keyed by a digest of its content and sent once per session and map (ui/map_panel.py): a step built
  on it (step_state's ``base``) carries only the items that differ from it, and names the base part's items it replaces.
The exported map (export/standalone.py) runs the same live-map.js on the full items, popups and all, with no base part.
"""

from __future__ import annotations

import hashlib
import json
import zlib

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from calais_atlas.map.assets import IFRAME_PREFIX
from calais_atlas.map.feature_groups import DRAWING_ORDER, layer_credit, layer_label
from calais_atlas.map.protocol import VERSION, BaseConfig, BasePart, Frame, Item, StepState
from calais_atlas.map.symbols import CAMERA, CATEGORY_SYMBOLS, svg
from calais_atlas.model.memo import PerObject

LIVE_MAP_JS = "atlas/live-map.js"
# Shape keys ("clash", dashed "clash~", "camera") -> SVG, shipped once in the base map.
SYMBOLS = {"camera": CAMERA} | {name: svg(symbol) for name, symbol in CATEGORY_SYMBOLS.items()} \
    | {f"{name}~": svg(symbol, dashed=True) for name, symbol in CATEGORY_SYMBOLS.items()}
_SYMBOL_NAMES = {markup: name for name, markup in SYMBOLS.items()}
PER_ITEM_OPTIONS = ("radius", "className")  # what differs between circles of one style


def base_config(lang: str) -> BaseConfig:
    return {"v": VERSION, "layers": [[name, layer_label(name, lang), layer_credit(name, lang)] for name in DRAWING_ORDER],
            "symbols": SYMBOLS, "lang": lang}


class LiveLayers(JSCSSMixin, MacroElement):
    """In the base map: the layer groups and their control, made once; live-map.js updates them at each step.

    With a ``state``, that state is drawn at once (the exported map, which has no steps); with ``prefix`` None,
    live-map.js is not linked: the page inlines it.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            window.atlas.init({{ this._parent.get_name() }}, {{ this.config|tojson }});
            {% if this.state %}window.atlas.apply({{ this.state|tojson }});{% endif %}
        {% endmacro %}
        """
    )

    def __init__(self, lang: str, prefix: str | None = IFRAME_PREFIX, state: StepState | None = None):
        super().__init__()
        self._name = "LiveLayers"
        self.default_js = [] if prefix is None else [("atlas_live_map", prefix + LIVE_MAP_JS)]
        self.config = base_config(lang)
        self.state = state


class StepLayer(folium.FeatureGroup):
    """What st_folium swaps at each step: an empty group whose script hands the step's state to live-map.js."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.featureGroup();
            window.atlas.apply({{ this.state|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, state: dict):
        super().__init__(name="step", control=False)
        self.state = state


def _class_name(item: dict) -> str:
    return (item.get("icon") or item.get("options") or {}).get("className", "")


def _compact(item: dict) -> tuple[dict, str | None]:
    """The item as sent, without its style, and its style (the path options circles share) as JSON, or None."""
    out = dict(item)
    options = out.pop("options", None)
    style = None
    if options is not None:
        shared = {name: value for name, value in options.items() if name not in PER_ITEM_OPTIONS}
        style = json.dumps(shared, sort_keys=True)
        out["options"] = {name: options[name] for name in PER_ITEM_OPTIONS if name in options}
    icon = out.get("icon")
    if icon and icon["html"].startswith("<svg"):
        end = icon["html"].find("</svg>") + len("</svg>")
        name = _SYMBOL_NAMES.get(icon["html"][:end])
        if name:
            out["sym"], out["icon"] = name, {**icon, "html": icon["html"][end:]}
    return out, style


def _styled(out: dict, style: str | None, styles: dict[str, int]) -> dict:
    if style is not None:
        out["style"] = styles.setdefault(style, len(styles))
    return out


def _digest(classes: str) -> str:
    """Short (at most 7 characters), and the same in every process (hash() is salted)."""
    number, digits = zlib.crc32(classes.encode()), "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


def item_keys(items: dict[str, list[dict]]) -> dict[str, list[str]]:
    """Each item's key, per layer: the layer's place in DRAWING_ORDER, a digest of the item's classes (which name its
    kind and place), and after it the count of earlier items of the layer with the same digest. Unique in a step; the
    same from step to step for a marker that stands, whatever other layers are shown (a rare collision of two digests
    only costs a redraw)."""
    keys: dict[str, list[str]] = {}
    for name, layer in items.items():
        prefix = str(DRAWING_ORDER.index(name)) if name in DRAWING_ORDER else f"{name}:"
        seen: dict[str, int] = {}
        keys[name] = []
        for item in layer:
            digest = _digest(_class_name(item))
            seen[digest] = seen.get(digest, -1) + 1
            keys[name].append(f"{prefix}{digest}.{seen[digest]}" if seen[digest] else prefix + digest)
    return keys


_BASES = PerObject(8)  # per fixed_items result: a few data sets and languages


def base_part(fixed: dict[str, list[dict]]) -> BasePart:
    """The base part of ``fixed`` (map/feature_groups.fixed_items, made once and shared: the same object while the
    data and language are): its items keyed and compacted as a step's are, and its key, a digest of all that, so that
    other data, another language or another version of this code never reuse a base part the map holds."""
    return _base_and_index(fixed)[0]


def _base_and_index(fixed: dict[str, list[dict]]) -> tuple[BasePart, dict]:
    return _BASES.get(fixed, "base", lambda: _made_base(fixed))


def _made_base(fixed: dict[str, list[dict]]) -> tuple[BasePart, dict]:
    styles: dict[str, int] = {}
    layers: dict[str, list[Item]] = {}
    index: dict[str, dict[str, tuple[dict, str | None]]] = {}  # per layer, key -> the item as compared with a step's
    keys = item_keys(fixed)
    for name, layer in fixed.items():
        layers[name], index[name] = [], {}
        for key, item in zip(keys[name], layer, strict=True):
            out, style = _compact(item)
            out = {"k": key, **out}
            index[name][key] = (dict(out), style)
            layers[name].append(_styled(out, style, styles))
    content = {"v": VERSION, "items": layers, "styles": [json.loads(style) for style in styles]}
    digest = hashlib.blake2b(json.dumps(content, sort_keys=True).encode(), digest_size=9).hexdigest()
    base: BasePart = {"key": digest, "items": layers, "styles": content["styles"]}
    return base, index


def step_state(items: dict[str, list[dict]], site: str | None = None, all_popups: bool = False,
               report: bool = True, frame: Frame | None = None, base: dict[str, list[dict]] | None = None,
               with_base: bool = False) -> StepState:
    """The state live-map.js applies: keyed, compact items per layer, the styles they share, the layers to show, and
    the view's frame (map/framing.py).

    ``all_popups`` keeps every popup, and ``report`` False has the map send nothing back: for a map whose clicks
    select nothing (the check page's preview, the exported file). With ``base`` (map/feature_groups.fixed_items), the
    state is built on its base part: an item the same as the base part's is not sent, a base item of a layer sent that
    is not in ``items`` (or differs) is named in ``omit``; ``with_base`` sends the base part along.
    """
    styles: dict[str, int] = {}
    layers: dict[str, list[Item]] = {}
    keys = item_keys(items)
    based, index = _base_and_index(base) if base is not None else (None, {})
    omit: list[str] = []
    for name, layer in items.items():
        compact = []
        fixed, kept = index.get(name, {}), set()
        for key, item in zip(keys[name], layer, strict=True):
            out, style = _compact(item)
            out = {"k": key, **out}
            if "popup" in out and not all_popups and "place" in item and item["place"] != site:
                del out["popup"]
            if fixed.get(key) == (out, style):
                kept.add(key)
                continue
            compact.append(_styled(out, style, styles))
        omit += [key for key in fixed if key not in kept]
        layers[name] = compact
    state: StepState = {"v": VERSION, "items": layers, "styles": [json.loads(style) for style in styles],
                        "visible": list(items), "report": report}
    if frame:
        state["frame"] = frame
    if based is not None:
        state["base"] = based["key"]
        if omit:
            state["omit"] = omit
        if with_base:
            state["basePart"] = based
    return state
