"""The offline basemap (map/basemap.py's files) as SVG path data for one printed view: projected, clipped, simplified.

Only what the view shows is kept, at the detail paper can show: shapely clips each geometry to the view and simplifies
it to SIMPLIFY_PX (Douglas–Peucker), and coordinates are rounded to a tenth of a pixel, so a chapter's coast costs a
few kilobytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import shapely
from shapely.geometry import shape

from calais_atlas.map.basemap import LAYERS, geojson
from calais_atlas.map.projection import Viewport

SIMPLIFY_PX = 0.5  # at 640 px across an A4 page, a pixel is 0.28 mm: half of one is below a printer's line
FILL_SIMPLIFY_PX = 1.0  # a fill's edge is drawn over by its coast or border line
CLIP_MARGIN_PX = 4  # the clip box overhangs the view, so cut edges and line ends fall outside it


def _projected(geometry: dict, view: Viewport) -> shapely.Geometry:
    """The GeoJSON geometry in the view's pixels."""
    return shapely.transform(shape(geometry), view.xy_array)


def _parts(geometry: shapely.Geometry) -> Iterator[list[tuple[float, float]]]:
    """Every ring of a polygon (holes included) and every line, as lists of points rounded to a tenth of a pixel."""
    for part in shapely.get_parts(geometry):
        rings = [part.exterior, *part.interiors] if isinstance(part, shapely.Polygon) else [part]
        for ring in rings:
            points: list[tuple[float, float]] = []
            for x, y in ring.coords:
                rounded = (round(x, 1), round(y, 1))
                if not points or rounded != points[-1]:
                    points.append(rounded)
            yield points


def clipped(geometry: shapely.Geometry, view: Viewport, fill: bool) -> list[list[tuple[float, float]]]:
    """The part of a projected geometry the view shows (with CLIP_MARGIN_PX around it), simplified for paper."""
    box = (-CLIP_MARGIN_PX, -CLIP_MARGIN_PX, view.width + CLIP_MARGIN_PX, view.height + CLIP_MARGIN_PX)
    inside = shapely.clip_by_rect(geometry, *box)
    simple = shapely.simplify(inside, FILL_SIMPLIFY_PX if fill else SIMPLIFY_PX, preserve_topology=fill)
    return [part for part in _parts(simple) if len(part) >= (3 if fill else 2)]


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
    paths = []
    for name, style in LAYERS:
        fill = style.get("fill", True) is not False
        parts = [part for feature in geojson(name)["features"]
                 for part in clipped(_projected(feature["geometry"], view), view, fill)]
        if parts:
            paths.append((path_data(parts, closed=fill), fill))
    return paths
