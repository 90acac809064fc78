"""The map legend, and the zoom rules that hide minor labels: part of the static base map.

The CSS for labels, badges and the legend is static/atlas/legend.css, loaded with the other assets (map/assets.py).
"""

from __future__ import annotations

from branca.element import Element, MacroElement, Template

from calais_atlas.map.symbols import CAMERA, CATEGORY_SYMBOLS, svg
from calais_atlas.model.i18n import t
from calais_atlas.model.palette import DEATH_FILL, DEATH_STROKE, OUTLINE, SITE_CLOSED, SITE_FILL

# Labels of minor places (facilities, transport) only appear from MINOR_ZOOM, so the coast view stays readable.
MINOR_ZOOM = 12
DETAIL_ZOOM = 14  # labels of facilities inside a camp, a few hundred metres from the camp's own label
HIDE_MINOR = (",".join(f".atlas-z{z} .atlas-minor" for z in range(MINOR_ZOOM)) + "{display:none}"
              + ",".join(f".atlas-z{z} .atlas-detail" for z in range(DETAIL_ZOOM)) + "{display:none}")


def _swatch(fill: str, dashed: bool = False, ring: bool = False, stroke: str = OUTLINE) -> str:
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    fill_attr = 'fill="none"' if ring else f'fill="{fill}" fill-opacity="0.6"'
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="18" height="18" viewBox="0 0 20 20" aria-hidden="true">'
        f'<circle cx="10" cy="10" r="7" {fill_attr} stroke="{stroke}" stroke-width="1.5"{dash}/></svg>'
    )


def legend_html(lang: str) -> str:
    """The map's one legend, folded to its title: a <details> a keyboard reaches and a screen reader reads as text.

    It used to be drawn twice, folded in the map and open in a strip under it; the strip was below the fold at
    1280x720 (and on a projector) and pushed a phone's text a screen down. In the map it sits by the symbols it
    explains, a click or Enter away, the same in the exported file (export/standalone.py)."""
    items = [
        (_swatch(SITE_FILL), t("legend.circle", lang)),
        (_swatch(SITE_CLOSED, dashed=True), t("legend.closed", lang)),
        (_swatch(DEATH_FILL, stroke=DEATH_STROKE), t("legend.deaths", lang)),
        (_swatch("", dashed=True, ring=True), t("legend.zone", lang)),
        (CAMERA, t("legend.photos", lang)),
        ('<span class="atlas-context-mark" style="display:inline-block;margin:5px"></span>', t("legend.context", lang)),
    ]
    items += [(svg(symbol, size=16), t(f"category.{name}", lang)) for name, symbol in CATEGORY_SYMBOLS.items()]
    items.append((svg(CATEGORY_SYMBOLS["clash"], size=16, dashed=True), t("legend.dashed", lang)))
    rows = "".join(f"<li>{icon}<span>{label}</span></li>" for icon, label in items)
    return f'<details class="atlas-legend"><summary>{t("legend.title", lang)}</summary><ul>{rows}</ul></details>'


class Legend(MacroElement):
    """The legend as a Leaflet control in the top-left corner, beside the zoom buttons (legend.css): Leaflet's own
    layout keeps controls apart, they come in the tab order after the zoom buttons, and live-map.js opens popups
    clear of every control."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var Legend = L.Control.extend({
                options: {position: 'topleft'},
                onAdd: function () {
                    var box = document.createElement('div');
                    box.innerHTML = {{ this.html|tojson }};
                    var legend = box.firstChild;
                    L.DomEvent.disableClickPropagation(legend);
                    L.DomEvent.disableScrollPropagation(legend);
                    return legend;
                }
            });
            new Legend().addTo(map);
            var container = map.getContainer();
            function zoomClass() {
                Array.from(container.classList).forEach(function (name) {
                    if (name.indexOf('atlas-z') === 0) { container.classList.remove(name); }
                });
                container.classList.add('atlas-z' + map.getZoom());
            }
            map.on('zoomend', zoomClass);
            zoomClass();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html: str):
        super().__init__()
        self._name = "Legend"
        self.html = html


def add_legend(folium_map, lang: str):
    folium_map.get_root().header.add_child(Element(f"<style>{HIDE_MINOR}</style>"))
    Legend(legend_html(lang)).add_to(folium_map)
    return folium_map
