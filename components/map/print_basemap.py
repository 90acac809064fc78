"""The offline basemap (map/basemap.py's files) as SVG path data for one printed view: projected, clipped, simplified.

Only what the view shows is kept, at the detail paper can show: the lines are simplified to SIMPLIFY_PX (Douglas–Peucker)
and coordinates rounded to a tenth of a pixel, so a chapter's coast costs a few kilobytes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator

from components.map.basemap import LAYERS, geojson
from components.map.projection import Viewport

SIMPLIFY_PX = 0.5  # at 640 px across an A4 page, a pixel is 0.28 mm: half of one is below a printer's line
FILL_SIMPLIFY_PX = 1.0  # a fill's edge is drawn over by its coast or border line
CLIP_MARGIN_PX = 4  # the clip box overhangs the view, so cut edges and line ends fall outside it

Point = tuple[float, float]


def _rings(geometry: dict) -> Iterator[list]:
    kind, coordinates = geometry["type"], geometry["coordinates"]
    if kind in ("Polygon", "MultiLineString"):
        yield from coordinates
    elif kind == "MultiPolygon":
        for polygon in coordinates:
            yield from polygon
    elif kind == "LineString":
        yield coordinates


def _clip_polygon(points: list[Point], low: Point, high: Point) -> list[Point]:
    """Sutherland–Hodgman against the box ``low``..``high``: the part of a ring inside it, for a fill."""
    for axis, bound, keep_below in ((0, low[0], False), (0, high[0], True), (1, low[1], False), (1, high[1], True)):
        def inside(point: Point, axis=axis, bound=bound, keep_below=keep_below) -> bool:
            return point[axis] <= bound if keep_below else point[axis] >= bound

        clipped: list[Point] = []
        for index, current in enumerate(points):
            previous = points[index - 1]
            if inside(current) != inside(previous):
                share = (bound - previous[axis]) / (current[axis] - previous[axis])
                clipped.append((previous[0] + share * (current[0] - previous[0]),
                                previous[1] + share * (current[1] - previous[1])))
            if inside(current):
                clipped.append(current)
        points = clipped
        if not points:
            break
    return points


def _clip_line(points: list[Point], low: Point, high: Point) -> Iterator[list[Point]]:
    """The runs of a line that cross the box, each with its first vertex outside, so the view's edge cuts the line."""
    def inside(point: Point) -> bool:
        return low[0] <= point[0] <= high[0] and low[1] <= point[1] <= high[1]

    run: list[Point] = []
    for index, point in enumerate(points):
        if inside(point):
            if not run and index:
                run.append(points[index - 1])
            run.append(point)
        elif run:
            yield [*run, point]
            run = []
    if run:
        yield run


def _douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """The vertices that keep the line within ``tolerance`` of the original (Douglas–Peucker, without recursion)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        length = math.hypot(x1 - x0, y1 - y0)
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            x, y = points[index]
            gap = abs((x1 - x0) * (y0 - y) - (x0 - x) * (y1 - y0)) / length if length else math.hypot(x - x0, y - y0)
            if gap > distance:
                farthest, distance = index, gap
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _simplified(points: list[Point], tolerance: float) -> list[tuple[float, float]]:
    if len(points) < 3:
        return [(round(x, 1), round(y, 1)) for x, y in points]
    kept: list[tuple[float, float]] = []
    for x, y in _douglas_peucker(points, tolerance):
        rounded = (round(x, 1), round(y, 1))
        if rounded != (kept[-1] if kept else None):
            kept.append(rounded)
    return kept


def _number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def path_data(parts: Iterable[list[tuple[float, float]]], closed: bool) -> str:
    """SVG path data: an absolute move to each part's start, then relative lines (short numbers)."""
    out = []
    for part in parts:
        steps = [f"M{_number(part[0][0])} {_number(part[0][1])}l"]
        steps.append(" ".join(f"{_number(x - px)} {_number(y - py)}" for (px, py), (x, y) in zip(part, part[1:], strict=False)))
        out.append("".join(steps) + ("z" if closed else ""))
    return "".join(out)


def basemap_paths(view: Viewport) -> list[tuple[str, bool]]:
    """(path data, is a fill) for each basemap layer, in map/basemap.py's drawing order, limited to ``view``."""
    low = (-CLIP_MARGIN_PX, -CLIP_MARGIN_PX)
    high = (view.width + CLIP_MARGIN_PX, view.height + CLIP_MARGIN_PX)
    paths = []
    for name, style in LAYERS:
        fill = style.get("fill", True) is not False
        parts = []
        for feature in geojson(name)["features"]:
            for ring in _rings(feature["geometry"]):
                projected = [view.xy(lat, lon) for lon, lat, *_ in ring]
                pieces = [_clip_polygon(projected, low, high)] if fill else list(_clip_line(projected, low, high))
                tolerance = FILL_SIMPLIFY_PX if fill else SIMPLIFY_PX
                parts += [simple for simple in (_simplified(piece, tolerance) for piece in pieces)
                          if len(simple) >= (3 if fill else 2)]
        if parts:
            paths.append((path_data(parts, closed=fill), fill))
    return paths
