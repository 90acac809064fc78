"""The map legend and the CSS for labels and badges: part of the static base map."""

from __future__ import annotations

from branca.element import Element, MacroElement, Template

from components.map.symbols import CAMERA, CATEGORY_SYMBOLS, SITE_CLOSED, SITE_FILL, svg
from components.model.i18n import t

# Labels of minor places (facilities, transport) only appear from MINOR_ZOOM, so the coast view stays readable.
MINOR_ZOOM = 12
DETAIL_ZOOM = 14  # labels of facilities inside a camp, a few hundred metres from the camp's own label
_HIDE_MINOR = (",".join(f".atlas-z{z} .atlas-minor" for z in range(MINOR_ZOOM)) + "{display:none}"
               + ",".join(f".atlas-z{z} .atlas-detail" for z in range(DETAIL_ZOOM)) + "{display:none}")

CSS = """
<style>
.atlas-label{pointer-events:none;margin:0 auto;text-align:center;font:12px/1.3 system-ui,-apple-system,'Segoe UI',sans-serif;color:#111;background:rgba(255,255,255,.88);
  padding:2px 5px;border-radius:3px;width:max-content;max-width:240px;white-space:normal;box-shadow:0 0 0 1px rgba(0,0,0,.15)}
.atlas-label span{color:#333}
.atlas-count{position:absolute;left:13px;top:-7px;background:#111;color:#fff;border-radius:8px;padding:0 4px;
  font:bold 10px/14px system-ui,sans-serif}
.atlas-context-mark{width:8px;height:8px;background:#555;border:1px solid #fff;outline:1px solid #555}
.atlas-context-name{pointer-events:none;position:absolute;left:12px;top:-4px;font:11px/1.2 system-ui,sans-serif;color:#333;
  text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff;white-space:nowrap}
.atlas-group{width:22px;height:22px;border-radius:50%;background:#3a3a3a;color:#fff;border:2px solid #fff;
  box-shadow:0 0 0 1px #3a3a3a;font:bold 10px/22px system-ui,sans-serif;text-align:center}
.atlas-popup{max-height:320px;overflow:auto;font:13px/1.4 system-ui,sans-serif}
.atlas-legend{position:absolute;left:52px;top:10px;z-index:1000;background:rgba(255,255,255,.95);padding:5px 8px;
  border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);font:11px/1.3 system-ui,sans-serif;color:#111;max-width:min(460px,80%)}
.atlas-legend summary{font-weight:600;cursor:pointer}
.atlas-legend summary:focus-visible{outline:3px solid #1f4e79;outline-offset:2px}
.atlas-legend ul{list-style:none;margin:4px 0 0;padding:0;display:grid;grid-template-columns:1fr 1fr;column-gap:10px}
.atlas-legend li{display:flex;align-items:center;gap:5px;margin:1px 0}
@media (max-width:520px){.atlas-legend ul{grid-template-columns:1fr}}
.atlas-legend svg{flex:none}
.atlas-legend .atlas-credit{color:#444;font-size:11px;margin-top:4px}
.leaflet-tooltip{max-width:340px;white-space:normal}
{minor}
</style>
"""


def _swatch(fill: str, dashed: bool = False, ring: bool = False) -> str:
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    fill_attr = 'fill="none"' if ring else f'fill="{fill}" fill-opacity="0.6"'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="18" height="18" viewBox="0 0 20 20" aria-hidden="true"><circle cx="10" cy="10" r="7" {fill_attr} '
        f'stroke="#1a1a1a" stroke-width="1.5"{dash}/></svg>'
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
