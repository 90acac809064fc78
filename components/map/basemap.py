"""The offline basemap: Natural Earth land and borders (public domain), under a sea-coloured background.

The browser fetches the GeoJSON from the app's static folder, so the map script stays small and
identical on every rerun; a standalone export inlines it instead. OpenStreetMap tiles are an option
when online, with the Natural Earth layer underneath, so a failed tile still leaves coastlines.
"""

from __future__ import annotations

import json
from functools import cache

import folium
from branca.element import MacroElement
from folium.template import Template

from calais_atlas.map.assets import IFRAME_PREFIX, STATIC_DIR
from calais_atlas.model.escaping import html_text
from calais_atlas.model.i18n import t
from calais_atlas.model.palette import BORDER, LAND

OSM_LINK = '<a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'


def osm_attribution(lang: str) -> str:
    """OpenStreetMap's credit as the HTML Leaflet shows, in the interface language: one element, as every credit in
    the credit line is (legend.css hides the bare ", " Leaflet puts between credits)."""
    return f'<span class="atlas-credit">{html_text(t("credit.osm", lang, link="{link}")).replace("{link}", OSM_LINK)}</span>'


def basemap_credit(lang: str) -> str:
    """Natural Earth's and GSHHG's credit as the HTML Leaflet shows, in the interface language: their names on one short
    line, the licences and the citation a click (or Enter) away. The whole sentence took two lines at 1280 px, three in
    French, and covered the scale bar in the opposite corner (legend.css also caps the credit's width)."""
    return (f'<details class="atlas-credit"><summary>{html_text(t("credit.short", lang))}</summary> '
            f'{html_text(t("credit.basemap", lang))}</details>')

# Fills carry no outline: their straight clipping edges would show. Coast and border lines come separately.
_FILL = {"fillColor": LAND, "fillOpacity": 1, "stroke": False}
_LINES = {"color": BORDER, "weight": 0.9, "fill": False}
LAYERS = (
    ("europe-outer.geojson", _FILL),
    ("europe-outer-lines.geojson", _LINES),
    ("region.geojson", _FILL),
    ("region-lines.geojson", _LINES),
)


@cache
def geojson(name: str) -> dict:
    return json.loads((STATIC_DIR / "basemap" / name).read_text(encoding="utf-8"))


class Basemap(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var pane = map.getPane('atlas-basemap') || map.createPane('atlas-basemap');
            pane.style.zIndex = 250;
            var layers = {{ this.layers|tojson }};
            Promise.all(layers.map(function (layer) {
                return layer.data ? Promise.resolve(layer.data)
                                  : fetch(layer.url).then(function (answer) { return answer.json(); });
            })).then(function (loaded) {
                loaded.forEach(function (data, index) {
                    L.geoJSON(data, {pane: 'atlas-basemap', interactive: false, style: layers[index].style}).addTo(map);
                });
                map.getContainer().classList.add('atlas-basemap-ready');
            });
            map.attributionControl.addAttribution({{ this.credit|tojson }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, prefix: str = IFRAME_PREFIX, inline: bool = False, lang: str = "en"):
        super().__init__()
        self._name = "Basemap"
        self.credit = basemap_credit(lang)
        self.layers = [
            {"url": f"{prefix}basemap/{name}", "style": style, **({"data": geojson(name)} if inline else {})}
            for name, style in LAYERS
        ]


def add_basemap(folium_map: folium.Map, basemap: str = "offline", prefix: str = IFRAME_PREFIX,
                inline: bool = False, lang: str = "en") -> folium.Map:
    """The basemap, and OpenStreetMap's tiles over it when ``basemap`` is "osm"; the credits in ``lang``."""
    Basemap(prefix, inline, lang).add_to(folium_map)
    if basemap == "osm":
        folium.TileLayer(
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            attr=osm_attribution(lang),
            name="OpenStreetMap",
            max_zoom=19,
            control=False,
        ).add_to(folium_map)
    return folium_map
