"""The map legend and the CSS for labels and badges: part of the static base map."""

from __future__ import annotations

from branca.element import Element, MacroElement, Template

from components.map.symbols import CAMERA, CATEGORY_SYMBOLS, svg
from components.model.i18n import t
from components.model.palette import OUTLINE, SITE_CLOSED, SITE_FILL

# Labels of minor places (facilities, transport) only appear from MINOR_ZOOM, so the coast view stays readable.
MINOR_ZOOM = 12
DETAIL_ZOOM = 14  # labels of facilities inside a camp, a few hundred metres from the camp's own label
_HIDE_MINOR = (",".join(f".atlas-z{z} .atlas-minor" for z in range(MINOR_ZOOM)) + "{display:none}"
               + ",".join(f".atlas-z{z} .atlas-detail" for z in range(DETAIL_ZOOM)) + "{display:none}")

# Colours are the palette's custom properties (model/palette.py), declared in the map's header by map/assets.py.
CSS = """
<style>
.atlas-label{pointer-events:none;margin:0 auto;text-align:center;font:12px/1.3 system-ui,-apple-system,'Segoe UI',sans-serif;
  color:var(--atlas-ink);background:var(--atlas-label-backdrop);
  padding:2px 5px;border-radius:3px;width:max-content;max-width:240px;white-space:normal;box-shadow:0 0 0 1px var(--atlas-label-edge)}
.atlas-label span{color:var(--atlas-ink-muted)}
.atlas-count{position:absolute;left:13px;top:-7px;background:var(--atlas-ink);color:var(--atlas-paper);border-radius:8px;padding:0 4px;
  font:bold 10px/14px system-ui,sans-serif}
.atlas-context-mark{width:8px;height:8px;background:var(--atlas-context-mark);border:1px solid var(--atlas-paper);
  outline:1px solid var(--atlas-context-mark)}
.atlas-context-name{pointer-events:none;position:absolute;left:12px;top:-4px;font:11px/1.2 system-ui,sans-serif;color:var(--atlas-ink-muted);
  text-shadow:0 0 2px var(--atlas-paper),0 0 2px var(--atlas-paper),0 0 3px var(--atlas-paper);white-space:nowrap}
.atlas-group{width:22px;height:22px;border-radius:50%;background:var(--atlas-group);color:var(--atlas-paper);border:2px solid var(--atlas-paper);
  box-shadow:0 0 0 1px var(--atlas-group);font:bold 10px/22px system-ui,sans-serif;text-align:center}
.atlas-popup{max-height:320px;overflow:auto;font:13px/1.4 system-ui,sans-serif}
.atlas-legend{position:absolute;left:52px;top:10px;z-index:1000;background:var(--atlas-legend-backdrop);padding:5px 8px;
  border-radius:4px;box-shadow:0 1px 4px var(--atlas-legend-shadow);font:11px/1.3 system-ui,sans-serif;color:var(--atlas-ink);
  max-width:min(460px,80%)}
.atlas-legend summary{font-weight:600;cursor:pointer}
.atlas-legend summary:focus-visible{outline:3px solid var(--atlas-focus);outline-offset:2px}
.atlas-legend ul{list-style:none;margin:4px 0 0;padding:0;display:grid;grid-template-columns:1fr 1fr;column-gap:10px}
.atlas-legend li{display:flex;align-items:center;gap:5px;margin:1px 0}
@media (max-width:520px){.atlas-legend ul{grid-template-columns:1fr}}
.atlas-legend svg{flex:none}
.leaflet-tooltip{max-width:340px;white-space:normal}
{minor}
</style>
"""


def _swatch(fill: str, dashed: bool = False, ring: bool = False) -> str:
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    fill_attr = 'fill="none"' if ring else f'fill="{fill}" fill-opacity="0.6"'
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="18" height="18" viewBox="0 0 20 20" aria-hidden="true">'
        f'<circle cx="10" cy="10" r="7" {fill_attr} stroke="{OUTLINE}" stroke-width="1.5"{dash}/></svg>'
    )


def legend_html(lang: str, open_: bool = False) -> str:
    items = [
        (_swatch(SITE_FILL), t("legend.circle", lang)),
        (_swatch(SITE_CLOSED, dashed=True), t("legend.closed", lang)),
        (_swatch("", dashed=True, ring=True), t("legend.zone", lang)),
        (CAMERA, t("legend.photos", lang)),
        ('<span class="atlas-context-mark" style="display:inline-block;margin:5px"></span>', t("legend.context", lang)),
    ]
    items += [(svg(symbol, size=16), t(f"category.{name}", lang)) for name, symbol in CATEGORY_SYMBOLS.items()]
    items.append((svg(CATEGORY_SYMBOLS["clash"], size=16, dashed=True), t("legend.dashed", lang)))
    rows = "".join(f"<li>{icon}<span>{label}</span></li>" for icon, label in items)
    return (
        f'<details class="atlas-legend"{" open" if open_ else ""}><summary>{t("legend.title", lang)}</summary><ul>{rows}</ul>'
        '</details>'
    )


class Legend(MacroElement):
    """Adds the legend to the map's container once the map exists."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var box = document.createElement('div');
            box.innerHTML = {{ this.html|tojson }};
            var legend = box.firstChild;
            var container = map.getContainer();
            container.appendChild(legend);
            L.DomEvent.disableClickPropagation(legend);
            L.DomEvent.disableScrollPropagation(legend);
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
    folium_map.get_root().header.add_child(Element(CSS.replace("{minor}", _HIDE_MINOR)))
    Legend(legend_html(lang)).add_to(folium_map)
    return folium_map
