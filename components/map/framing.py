"""Where the map looks, decided by the view: the coast, a site, or every place (and every IOM incident while their
layer is shown); and the place the view is about.

The frame travels in each step's state and live-map.js applies it only when its key changes, so a viewer's own pan and
zoom survive slider steps; the browser, which knows the map's size, fits the bounds. The place in focus (a chapter's,
a search result's, a caption's or a clicked one) is then brought inside the map with a margin, wherever the frame put it.
"""

from __future__ import annotations

from collections.abc import Sequence

from calais_atlas.map.protocol import Frame
from calais_atlas.model.context import MapContext
from calais_atlas.model.view_state import AtlasState

# The camps of the coast, Wissant to Grande-Synthe and Dunkirk: what the coast view must show whole, whatever the width.
COAST_BOUNDS = ((50.855, 1.655), (51.055, 2.385))
# What the coast view has in sight on a map 700 x 560 px (a 1280 px page) at zoom 10, a little more than COAST_BOUNDS:
# Wimereux and Cap Gris-Nez are in it, Essex and Belgium are not.
COAST_SIGHT = ((50.72, 1.55), (51.19, 2.49))
PLACE_ZOOM = 12
MAX_FIT_ZOOM = 10  # a fitted view never closer than the coast view at desktop sizes


def frame_for(ctx: MapContext, view: str, site: str = "", chapter: int = 0,
              points: Sequence[tuple[float, float]] = ()) -> Frame:
    """The frame of a view: ``bounds`` to fit or a ``center`` and ``zoom``; ``key`` says when it is a new one;
    ``focus``, the point that must end up inside the map. ``points`` are more to show whole in the view of every
    place: the IOM's incidents while their layer is shown (Essex, Belgium, the Netherlands, Norway)."""
    location = ctx.location(site) if site else None
    extra = f"|{len(points)}" if view == "all" and points else ""  # the layer shown or hidden: fitted anew
    frame: Frame = {"key": f"{view}|{site if view == 'site' else ''}|{chapter}{extra}"}
    if view == "site" and location:
        frame |= {"center": list(location), "zoom": PLACE_ZOOM}
    elif view == "all":
        frame |= {"bounds": _bounds(ctx, points) or [list(corner) for corner in COAST_BOUNDS], "maxZoom": MAX_FIT_ZOOM}
    else:
        frame |= {"bounds": [list(corner) for corner in COAST_BOUNDS], "maxZoom": MAX_FIT_ZOOM}
    if location:
        frame |= {"focus": list(location), "place": site}
    return frame


def frame_of_view(ctx: MapContext, view: AtlasState, points: Sequence[tuple[float, float]] = ()) -> Frame:
    """The frame of a viewer's view, live or printed: ``points`` (the IOM's incidents) count only while their layer is
    shown."""
    return frame_for(ctx, view.view, view.site, view.chapter, points if "deaths" in view.layers else ())


def _bounds(ctx: MapContext, points: Sequence[tuple[float, float]] = ()) -> list[list[float]] | None:
    located = [point for point in map(ctx.location, ctx.places) if point] + list(points)
    if not located:
        return None
    lats, lons = [lat for lat, _ in located], [lon for _, lon in located]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def view_showing(lat: float, lon: float) -> str:
    """The view that has the point in sight: the coast, or, beyond it (Essex, Belgium, Norway), every place."""
    (south, west), (north, east) = COAST_SIGHT
    return "coast" if south <= lat <= north and west <= lon <= east else "all"
