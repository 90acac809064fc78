"""GSHHG full-resolution shoreline, rivers and borders for small boxes, read through GMT.

GSHHG 2.3.7 (Wessel & Smith 1996, LGPL-3+) comes with Debian's ``gmt-gshhg-full``. GMT dumps
shorelines, rivers and borders as text (``gmt coast -M``) but has no land polygons: here the
shoreline is closed against the box, and each closed piece is kept when ``gmt select -Ns/k`` puts
its inner point on land.  The dumps cover whole 1-degree bins, so everything is clipped to the box.

Used by build.py; needs ``gmt`` on the PATH and shapely, at build time only.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass, field

from shapely.geometry import LineString, Point, Polygon, box
from shapely.ops import polygonize, split, unary_union

# GMT's river classes (the `Level` in each segment header): 0 double-lined rivers, 1 permanent major,
# 2 additional major, 3 additional, 4 minor, 5-7 intermittent, 8-10 canals.
MAJOR_RIVERS = frozenset({0, 1, 2})
_HEADER = re.compile(r"Level\s+(\d+)")


@dataclass
class Area:
    """One box drawn from GSHHG instead of Natural Earth."""

    name: str
    bounds: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max
    land: list[Polygon] = field(default_factory=list)
    coast: list[LineString] = field(default_factory=list)
    rivers: list[LineString] = field(default_factory=list)
    borders: list[LineString] = field(default_factory=list)

    @property
    def shape(self) -> Polygon:
        return box(*self.bounds)

    @property
    def gmt_region(self) -> str:
        w, s, e, n = self.bounds
        return f"-R{w}/{e}/{s}/{n}"


def _gmt(*args: str, stdin: str | None = None) -> str:
    with tempfile.TemporaryDirectory() as scratch:  # GMT leaves a gmt.history file in its working directory
        return subprocess.run(["gmt", *args], input=stdin, cwd=scratch, check=True, capture_output=True, text=True).stdout


def dump(area: Area, what: str) -> list[tuple[int, LineString]]:
    """(level, line) for every segment of a `gmt coast -M` dump (-W shore, -Ia rivers, -Na borders), clipped to the box."""
    segments: list[tuple[int, list[tuple[float, float]]]] = []
    for row in _gmt("coast", area.gmt_region, "-Df", what, "-M").splitlines():
        if row.startswith(">"):
            level = _HEADER.search(row)
            segments.append((int(level.group(1)) if level else -1, []))
        elif row.strip():
            lon, lat = row.split()[:2]
            segments[-1][1].append((float(lon), float(lat)))
    clipped = []
    for level, points in segments:
        if len(points) < 2:
            continue
        inside = LineString(points).intersection(area.shape)
        clipped += [(level, part) for part in lines_of(inside)]
    return clipped


def lines_of(geometry) -> list[LineString]:
    parts = getattr(geometry, "geoms", [geometry])
    return [part for part in parts if part.geom_type == "LineString" and not part.is_empty and part.length > 0]


def on_land(points: list[Point]) -> list[bool]:
    """Whether GSHHG puts each point on dry land (land, or an island in a lake): `gmt select -Df -Ns/k`."""
    text = "".join(f"{p.x:.9f} {p.y:.9f} {i}\n" for i, p in enumerate(points))
    kept = {int(row.split()[2]) for row in _gmt("select", "-Df", "-Ns/k", stdin=text).splitlines() if row.strip()}
    return [i in kept for i in range(len(points))]


def land(area: Area, shore: list[LineString]) -> list[Polygon]:
    """The land of the box: the shoreline closed against the box edge, the dry pieces merged."""
    pieces = list(polygonize(unary_union([*shore, area.shape.exterior])))
    dry = [piece for piece, keep in zip(pieces, on_land([p.representative_point() for p in pieces]), strict=True) if keep]
    merged = unary_union(dry)
    return [p for p in getattr(merged, "geoms", [merged]) if p.geom_type == "Polygon" and not p.is_empty]


def read(area: Area, river_levels: frozenset[int] = MAJOR_RIVERS) -> Area:
    shore = dump(area, "-W")
    area.coast = [line for _, line in shore]
    area.land = land(area, area.coast)
    area.rivers = [line for level, line in dump(area, "-Ia") if level in river_levels]
    land_shape = unary_union(area.land)
    area.borders = [part for _, line in dump(area, "-Na") for part in lines_of(line.intersection(land_shape))]
    return area


def _extended(line: LineString, by: float) -> LineString:
    """The line made longer at both ends along its end segments, so that it cuts right across a polygon."""
    pts = list(line.coords)

    def beyond(a, b):
        dx, dy = b[0] - a[0], b[1] - a[1]
        norm = (dx * dx + dy * dy) ** 0.5 or 1.0
        return (b[0] + dx / norm * by, b[1] + dy / norm * by)

    return LineString([beyond(pts[1], pts[0]), *pts, beyond(pts[-2], pts[-1])])


def split_by_borders(polygons: list[Polygon], borders: list[LineString], reach: float = 0.02) -> list[Polygon]:
    """Cut land pieces along the borders (each stretched by `reach` degrees, so it crosses the coast it ends near)."""
    if not borders:
        return polygons
    cutter = unary_union([_extended(line, reach) for line in borders])
    out = []
    for polygon in polygons:
        out += [p for p in split(polygon, cutter).geoms if p.geom_type == "Polygon"]
    return out
