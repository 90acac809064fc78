"""A FeatureGroup whose markers travel as one JSON list and are created by a few lines of JS.

Rendering one folium element per marker, tooltip and popup costs ~1 ms each on every rerun;
a list of dicts costs one json.dumps. Texts in the list must already be escaped (text.html_text);
tojson makes the list itself safe inside the script.
"""

from __future__ import annotations

import folium
from folium.template import Template


class DataLayer(folium.FeatureGroup):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.featureGroup({{ this.options|tojavascript }});
            (function (group) {
                {{ this.items|tojson }}.forEach(function (it) {
                    var layer;
                    if (it.type === 'circle') { layer = L.circleMarker([it.lat, it.lon], it.options); }
                    else if (it.type === 'ring') { layer = L.circle([it.lat, it.lon], it.options); }
                    else { layer = L.marker([it.lat, it.lon], {icon: L.divIcon(it.icon), interactive: it.interactive !== false,
                                                               keyboard: it.interactive !== false}); }
                    if (it.tooltip) { layer.bindTooltip(it.tooltip, {sticky: !!it.sticky}); }
                    if (it.popup) { layer.bindPopup(it.popup, {maxWidth: 380}); }
                    layer.addTo(group);
                });
            })({{ this.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, name: str, items: list[dict], control: bool = True):
        super().__init__(name=name, control=control)
        self.items = items


def circle(lat: float, lon: float, **options) -> dict:
    return {"type": "circle", "lat": lat, "lon": lon, "options": options}


def ring(lat: float, lon: float, **options) -> dict:
    return {"type": "ring", "lat": lat, "lon": lon, "options": options}


def icon(
    lat: float, lon: float, html: str, size: tuple[int, int], anchor: tuple[int, int], class_name: str, interactive: bool = True
) -> dict:
    return {"type": "icon", "lat": lat, "lon": lon, "interactive": interactive,
            "icon": {"html": html, "iconSize": list(size), "iconAnchor": list(anchor), "className": class_name}}
