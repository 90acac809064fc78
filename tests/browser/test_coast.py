"""The offline map draws GSHHG's coast near Calais, not Natural Earth's chords, and credits it."""

from __future__ import annotations

from playwright.sync_api import expect
from shapely.geometry import Point, box, shape
from shapely.ops import unary_union

from browser_support import map_frame, open_map

WISSANT_BAY = box(1.58, 50.86, 1.72, 50.93)  # Cap Gris-Nez to Cap Blanc-Nez; Natural Earth had 7 land vertices here

# The land polygons Leaflet holds in the basemap pane, as GeoJSON, read back from the drawn layers.
_DRAWN_LAND = """() => {
    const found = [];
    window.map.eachLayer(layer => {
        const geometry = layer.feature && layer.feature.geometry;
        if (layer.options.pane === 'atlas-basemap' && geometry && /Polygon/.test(geometry.type)) {
            found.push(layer.toGeoJSON().geometry);
        }
    });
    return found;
}"""


def test_the_offline_map_draws_the_gshhg_coast(page) -> None:
    frame = open_map(page)
    expect(frame.locator(".atlas-basemap-ready")).to_have_count(1)
    land = unary_union([shape(geometry) for geometry in map_frame(page).evaluate(_DRAWN_LAND)])
    in_bay = [xy for part in getattr(land, "geoms", [land]) for xy in part.exterior.coords if WISSANT_BAY.contains(Point(xy))]
    assert len(in_bay) >= 40, f"only {len(in_bay)} land vertices drawn around Wissant bay"
    assert land.contains(Point(1.716, 50.925)), "Cap Blanc-Nez is not on land"
    assert land.contains(Point(1.579, 50.862)), "Cap Gris-Nez's cliffs are cut off, as Natural Earth drew them"
    assert not land.contains(Point(1.625, 50.879)), "Wissant bay is closed by a chord, as Natural Earth drew it"
    expect(frame.locator(".leaflet-control-attribution")).to_contain_text("GSHHG (Wessel & Smith 1996, LGPL-3+)")
