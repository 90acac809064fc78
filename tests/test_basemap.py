"""The committed offline basemap: valid, rounded, GSHHG inside the Channel and Brachay boxes, Natural Earth outside, small."""

from __future__ import annotations

import csv
import gzip
import json
import math
from functools import cache
from pathlib import Path

import pytest
from shapely.geometry import LineString, Point, box, shape
from shapely.ops import unary_union

from calais_atlas.map.basemap import Basemap

ROOT = Path(__file__).resolve().parent.parent
BASEMAP = ROOT / "static" / "basemap"
REGION_BOX = box(-3.5, 46.5, 9.0, 53.5)
CHANNEL = box(1.45, 50.75, 2.60, 51.15)
BRACHAY_BOX = box(4.85, 48.25, 5.30, 48.50)
WISSANT_BAY = box(1.58, 50.86, 1.72, 50.93)  # Cap Gris-Nez to Cap Blanc-Nez
# Natural Earth 1:10m, as shipped before GSHHG: 7 land vertices in WISSANT_BAY, 9 coast vertices from Wissant to Dunkirk.
WISSANT_TO_DUNKIRK = box(1.66, 50.85, 2.38, 51.10)


@cache
def collection(name: str) -> dict:
    return json.loads((BASEMAP / name).read_text(encoding="utf-8"))


def land():
    return unary_union([shape(f["geometry"]) for f in collection("region.geojson")["features"]])


def lines(kind: str):
    return [shape(f["geometry"]) for f in collection("region-lines.geojson")["features"] if f["properties"]["kind"] == kind]


def vertices(geometry):
    """Every vertex of a (multi)polygon's rings or of a (multi)line."""
    for part in getattr(geometry, "geoms", [geometry]):
        rings = [part.exterior, *part.interiors] if part.geom_type == "Polygon" else [part]
        for ring in rings:
            yield from ring.coords


def count_in(geometry, area) -> int:
    return sum(1 for xy in vertices(geometry) if area.contains(Point(xy)))


@pytest.mark.parametrize("name", ["region.geojson", "region-lines.geojson"])
def test_region_files_are_valid_rounded_and_inside_the_region_box(name) -> None:
    features = collection(name)["features"]
    assert features
    for feature in features:
        geometry = shape(feature["geometry"])
        label = feature["properties"]
        assert geometry.is_valid, f"{name}: {label} is not a valid geometry"
        assert REGION_BOX.buffer(1e-9).contains(geometry), f"{name}: {label} leaves the region box"
        odd = [xy for xy in vertices(geometry) if any(round(c, 4) != c for c in xy)]
        assert not odd, f"{name}: {label} has coordinates with more than 4 decimals, e.g. {odd[:3]}"


def test_country_polygons_do_not_overlap() -> None:
    shapes = [shape(f["geometry"]) for f in collection("region.geojson")["features"]]
    assert sum(s.area for s in shapes) == pytest.approx(unary_union(shapes).area, rel=1e-9)


def test_the_channel_box_has_the_gshhg_coast_and_one_coastline_only() -> None:
    assert count_in(land(), WISSANT_BAY) >= 40  # Natural Earth: 7
    coast = unary_union(lines("coast"))
    assert count_in(coast, WISSANT_TO_DUNKIRK) >= 250  # Natural Earth: 9
    # One coastline: every coast vertex in the box is on the land's outline, so no Natural Earth coast is left over.
    outline = land().boundary
    stray = [xy for xy in vertices(coast) if CHANNEL.contains(Point(xy)) and outline.distance(Point(xy)) > 2e-4]
    assert not stray, f"coast vertices off the land's outline in the Channel box: {stray[:5]}"


def test_the_channel_box_is_filled_with_land_where_gshhg_has_it() -> None:
    ground = land()
    assert ground.contains(Point(1.716, 50.925)), "Cap Blanc-Nez"
    assert ground.contains(Point(1.579, 50.862)), "Cap Gris-Nez's cliffs, which Natural Earth cut off"
    assert not ground.contains(Point(1.625, 50.879)), "Wissant bay, which Natural Earth closed with a chord"
    assert ground.contains(Point(1.86, 50.95)) and ground.contains(Point(2.37, 51.03))  # Calais and Dunkirk
    assert ground.intersection(CHANNEL).area > 0.2  # square degrees: the box is 0.46, about half of it land


def test_brachay_box_is_land_with_the_marne_about_9_km_east() -> None:
    assert land().contains(BRACHAY_BOX)
    with (ROOT / "data" / "places.csv").open(encoding="utf-8") as handle:
        brachay = next(row for row in csv.DictReader(handle) if row["place_id"] == "brachay")
    lat, lon = float(brachay["lat"]), float(brachay["lon"])
    rivers = unary_union(lines("river"))
    # Eastward along the village's parallel, in km (1 degree of longitude is 111.32 km x cos(latitude)).
    crossing = rivers.intersection(LineString([(lon, lat), (lon + 0.3, lat)]))
    assert not crossing.is_empty, "no river east of Brachay"
    nearest = min(x for x, _ in vertices(crossing))
    assert 6 < (nearest - lon) * 111.32 * math.cos(math.radians(lat)) < 12


def test_sizes_stay_small() -> None:
    raw = {name: (BASEMAP / name).stat().st_size for name in ("region.geojson", "region-lines.geojson")}
    zipped = sum(len(gzip.compress((BASEMAP / name).read_bytes(), 9)) for name in raw)
    assert raw["region.geojson"] < 85_000 and raw["region-lines.geojson"] < 68_000, raw
    assert zipped < 45_000  # Natural Earth alone: 37,006 B gzipped


def test_the_map_credits_gshhg_and_natural_earth() -> None:
    credit = Basemap().credit
    assert "GSHHG" in credit and "Natural Earth" in credit
