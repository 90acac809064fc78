"""The live map: a base drawn once per visit, and each slider step's state, applied in place by static/atlas/live-map.js.

A step's state is every shown layer's marker items (map/layers.py), made small for the wire:
- the browser keys each item by its layer and classes (item_keys), and keeps the Leaflet layer of one that did not change;
- a marker's category symbol is named, not sent as SVG, and circle styles are sent once per step, not per circle;
- popups travel only for the selected place. Clicking any marker selects its place (ui/map_panel.py); the step that
  follows carries that place's popups and opens the one clicked.
The exported map (export/standalone.py) draws the full items instead, popups and all.
"""

from __future__ import annotations

import json

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from components.map.assets import IFRAME_PREFIX
from components.map.feature_groups import DRAWING_ORDER, layer_label
from components.map.symbols import CAMERA, CATEGORY_SYMBOLS, svg

LIVE_MAP_JS = "atlas/live-map.js"
# Shape keys ("clash", dashed "clash~", "camera") -> SVG, shipped once in the base map.
SYMBOLS = {"camera": CAMERA} | {name: svg(symbol) for name, symbol in CATEGORY_SYMBOLS.items()} \
    | {f"{name}~": svg(symbol, dashed=True) for name, symbol in CATEGORY_SYMBOLS.items()}
_SYMBOL_NAMES = {markup: name for name, markup in SYMBOLS.items()}
PER_ITEM_OPTIONS = ("radius", "className")  # what differs between circles of one style


class LiveLayers(JSCSSMixin, MacroElement):
    """In the base map: the layer groups and their control, made once; live-map.js updates them at each step."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            window.atlas.init({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, lang: str, prefix: str = IFRAME_PREFIX):
        super().__init__()
        self._name = "LiveLayers"
        self.default_js = [("atlas_live_map", prefix + LIVE_MAP_JS)]
        self.config = {"layers": [[name, layer_label(name, lang)] for name in DRAWING_ORDER], "symbols": SYMBOLS, "lang": lang}


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


def _compact(item: dict, styles: dict[str, int]) -> dict:
    out = dict(item)
    options = out.pop("options", None)
    if options is not None:
        shared = {name: value for name, value in options.items() if name not in PER_ITEM_OPTIONS}
        style = json.dumps(shared, sort_keys=True)
        out["style"] = styles.setdefault(style, len(styles))
        out["options"] = {name: options[name] for name in PER_ITEM_OPTIONS if name in options}
    icon = out.get("icon")
    if icon and icon["html"].startswith("<svg"):
        end = icon["html"].find("</svg>") + len("</svg>")
        name = _SYMBOL_NAMES.get(icon["html"][:end])
        if name:
            out["sym"], out["icon"] = name, {**icon, "html": icon["html"][end:]}
    return out


def item_keys(name: str, layer: list[dict]) -> list[str]:
    """The keys live-map.js gives a layer's items: layer, classes, and the count of earlier items with the same classes."""
    seen: dict[str, int] = {}
    keys = []
    for item in layer:
        classes = _class_name(item)
        seen[classes] = seen.get(classes, -1) + 1
        keys.append(f"{name}|{classes}|{seen[classes]}")
    return keys


def step_state(items: dict[str, list[dict]], site: str | None = None, all_popups: bool = False,
               frame: dict | None = None) -> dict:
    """The state live-map.js applies: keyed, compact items per layer, the styles they share, the layers to show, and
    the view's frame (map/framing.py).

    ``all_popups`` keeps every popup: for a map whose clicks select nothing (the check page's preview).
    """
    styles: dict[str, int] = {}
    selected = f"atlas-place-{site}" if site else None
    layers: dict[str, list[dict]] = {}
    for name, layer in items.items():
        compact = []
        for item in layer:
            out = _compact(item, styles)
            if "popup" in out and not all_popups and (selected is None or selected not in _class_name(item).split()):
                del out["popup"]
            compact.append(out)
        layers[name] = compact
    state = {"items": layers, "styles": [json.loads(style) for style in styles], "visible": list(items)}
    return state | ({"frame": frame} if frame else {})
