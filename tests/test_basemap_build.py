"""static/basemap/build.py's pure steps, on a topology small enough to check by hand (the full build needs GMT)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from shapely.geometry import shape

BASEMAP = Path(__file__).resolve().parent.parent / "static" / "basemap"


def _load_build():
    """build.py is a script beside gshhg.py, not part of the package: load it from its folder."""
    sys.path.insert(0, str(BASEMAP))
    try:
        spec = importlib.util.spec_from_file_location("basemap_build", BASEMAP / "build.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BASEMAP))


build = _load_build()

# Two unit squares side by side (A west, B east) sharing arc 0, and C far away. No transform: absolute coordinates.
SHARED, A_REST, B_REST, C_RING = 0, 1, 2, 3
TOPOLOGY = {
    "type": "Topology",
    "arcs": [
        [[1, 0], [1, 1]],
        [[1, 1], [0, 1], [0, 0], [1, 0]],
        [[1, 0], [2, 0], [2, 1], [1, 1]],
        [[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]],
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[B_REST, ~SHARED]], "properties": {"name": "B"}},
                {"type": "Polygon", "arcs": [[A_REST, SHARED]], "properties": {"name": "A"}},
                {"type": "Polygon", "arcs": [[C_RING]], "properties": {"name": "C"}},
                {"type": None, "properties": {"name": "nothing drawn"}},
            ],
        }
    },
}
BOX = (-1.0, -1.0, 3.0, 2.0)


def test_a_negative_arc_reference_is_the_same_arc_reversed():
    """TopoJSON's ~i names arc i walked backwards: both point at the stored arc i, and the ring joins arcs end to end."""
    arcs = build.SimplifiedArcs(build.decode_arcs(TOPOLOGY), 0)
    assert build.arc_index(SHARED) == build.arc_index(~SHARED) == SHARED
    assert arcs.arc(~SHARED) == [(1.0, 1.0), (1.0, 0.0)]
    assert arcs.ring([B_REST, ~SHARED]) == [(1.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0), (1.0, 0.0)]


def test_the_prefilter_drops_only_countries_wholly_outside_the_box():
    """The cheap extent test keeps a country that reaches into the box and drops one that does not."""
    raw = build.decode_arcs(TOPOLOGY)
    assert not build.outside_box(raw, [[[A_REST, SHARED]]], BOX)
    assert build.outside_box(raw, [[[C_RING]]], BOX)
    assert not build.outside_box(raw, [[[C_RING]]], (10.5, 10.5, 20.0, 20.0))


def test_an_arc_used_by_two_countries_is_a_border_and_by_one_a_coast():
    """The line file: the shared edge is a land border, every other arc a coast; the polygons sorted by name."""
    polygons, lines = build.build(TOPOLOGY, BOX, 0, 3)
    assert [f["properties"]["name"] for f in polygons["features"]] == ["A", "B"]
    by_kind = {f["properties"]["kind"]: f["geometry"]["coordinates"] for f in lines["features"]}
    assert by_kind["border"] == [[[1.0, 0.0], [1.0, 1.0]]]
    assert sorted(map(len, by_kind["coast"])) == [4, 4]


def test_a_cut_out_box_takes_its_part_of_each_country():
    """With a hole, the polygons stop at the hole and its edges are not drawn as coast: they are not arcs."""
    polygons, lines = build.build(TOPOLOGY, BOX, 0, 3, hole=(1.5, -1.0, 3.0, 2.0))
    b = next(f for f in polygons["features"] if f["properties"]["name"] == "B")
    assert max(x for x, _ in b["geometry"]["coordinates"][0]) == 1.5
    coasts = [f["geometry"]["coordinates"] for f in lines["features"] if f["properties"]["kind"] == "coast"]
    coast_points = [p for lines_ in coasts for line in lines_ for p in line]
    assert coast_points and not [p for p in coast_points if p[0] > 1.5]
    assert not [p for p in coast_points if p[0] == 1.5 and 0.0 < p[1] < 1.0]  # the hole's edge through B


def test_rounding_that_leaves_a_ring_under_four_points_drops_the_country():
    """A country whose rings round to fewer than four distinct points has no feature (rather than a broken ring)."""
    tiny = shape({"type": "Polygon", "coordinates": [[[0, 0], [0.0001, 0], [0.0001, 0.0001], [0, 0]]]})
    assert build._polygon_feature("speck", [tiny], 2) is None
    assert build._polygon_feature("kept", [tiny], 5)["properties"] == {"name": "kept"}
