"""Web Mercator, the projection Leaflet draws the live map in, for the printed maps (map/print_map.py).

A Viewport is a rectangle of the world at a (fractional) zoom: its units are the live map's CSS pixels at that zoom,
so marker sizes in pixels (map/layers.py) mean the same on paper as on screen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

TILE_PX = 256
EARTH_CIRCUMFERENCE_M = 40_075_016.686
MAX_SIN_LAT = 0.9999  # Mercator's y is infinite at the poles


def world_px(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    """The point in pixels of the whole world at ``zoom`` (0, 0 at the top left, as Leaflet counts)."""
    scale = TILE_PX * 2**zoom
    sin_lat = min(max(math.sin(math.radians(lat)), -MAX_SIN_LAT), MAX_SIN_LAT)
    return (lon + 180) / 360 * scale, (0.5 - math.log((1 + sin_lat) / (1 - sin_lat)) / (4 * math.pi)) * scale


@dataclass(frozen=True)
class Viewport:
    zoom: float
    left: float  # world pixels of the top left corner
    top: float
    width: int
    height: int

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        x, y = world_px(lat, lon, self.zoom)
        return x - self.left, y - self.top

    def xy_array(self, lonlat: np.ndarray) -> np.ndarray:
        """xy for an (N, 2) array of (longitude, latitude), as shapely.transform hands them."""
        scale = TILE_PX * 2**self.zoom
        sin_lat = np.clip(np.sin(np.radians(lonlat[:, 1])), -MAX_SIN_LAT, MAX_SIN_LAT)
        x = (lonlat[:, 0] + 180) / 360 * scale - self.left
        y = (0.5 - np.log((1 + sin_lat) / (1 - sin_lat)) / (4 * math.pi)) * scale - self.top
        return np.column_stack([x, y])

    def metres_per_px(self, lat: float) -> float:
        return EARTH_CIRCUMFERENCE_M * math.cos(math.radians(lat)) / (TILE_PX * 2**self.zoom)

    def latitude(self, y: float) -> float:
        """The latitude at ``y`` pixels from the top."""
        world_y = (self.top + y) / (TILE_PX * 2**self.zoom)
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * world_y))))


def centred(lat: float, lon: float, zoom: float, width: int, height: int) -> Viewport:
    x, y = world_px(lat, lon, zoom)
    return Viewport(zoom, x - width / 2, y - height / 2, width, height)


def fitted(bounds: list[list[float]], width: int, height: int, padding: int, max_zoom: float) -> Viewport:
    """The closest view, no closer than ``max_zoom``, that shows ``bounds`` ([[south, west], [north, east]]) inside
    ``padding``, as Leaflet's fitBounds does (without snapping the zoom to a whole number: paper has no tiles)."""
    (south, west), (north, east) = bounds
    x0, y0 = world_px(north, west, 0)
    x1, y1 = world_px(south, east, 0)
    room_x, room_y = max(width - 2 * padding, 1), max(height - 2 * padding, 1)
    spans = [room / span for room, span in ((room_x, x1 - x0), (room_y, y1 - y0)) if span > 0]
    zoom = min([max_zoom, *(math.log2(span) for span in spans)])
    scale = 2**zoom  # the centre of the projected box, not the mean latitude: Mercator stretches the north
    return Viewport(zoom, (x0 + x1) / 2 * scale - width / 2, (y0 + y1) / 2 * scale - height / 2, width, height)


def panned_inside(view: Viewport, lat: float, lon: float, margin: int) -> Viewport:
    """``view`` moved the least that puts the point at least ``margin`` inside its edges, as Leaflet's panInside."""
    x, y = view.xy(lat, lon)
    dx = min(0.0, x - margin) + max(0.0, x - (view.width - margin))
    dy = min(0.0, y - margin) + max(0.0, y - (view.height - margin))
    return replace(view, left=view.left + dx, top=view.top + dy)
