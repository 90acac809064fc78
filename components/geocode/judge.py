"""Whether an answer can be the place asked about, and the coordinates to write when it can."""

from __future__ import annotations

import datetime

from geopy.distance import geodesic

from calais_atlas.geocode.places_file import NewCoordinates
from calais_atlas.geocode.settings import EXPECTED_COUNTRY

MAX_SHIFT_KM = 25.0
DECIMALS = 5


def problem_with(location, existing: tuple[float, float] | None) -> str | None:
    """Why ``location`` cannot be the place whose row holds ``existing``, or None when it can."""
    country = _country_code(location)
    if not country:
        return (
            f"answer has no country code ({location.address}), expected France; "
            "the server ignored addressdetails=1"
        )
    if country != EXPECTED_COUNTRY:
        return f'answer is in "{country}" ({location.address}), expected France'
    if existing is not None:
        shift_km = geodesic(existing, (location.latitude, location.longitude)).km
        if shift_km > MAX_SHIFT_KM:
            lat, lon = existing
            return (
                f"answer ({location.address}) is {shift_km:.1f} km from the existing coordinate "
                f"{lat}, {lon}, more than {MAX_SHIFT_KM:g} km; check geocode_query, or keep the existing point"
            )
    return None


def new_coordinates(location, today: datetime.date) -> NewCoordinates:
    return NewCoordinates(
        lat=_format_degrees(location.latitude),
        lon=_format_degrees(location.longitude),
        coord_source=f"nominatim {today.isoformat()}: {location.address}",
    )


def same_point(new: NewCoordinates, existing: tuple[float, float] | None) -> bool:
    return existing is not None and (new.lat, new.lon) == tuple(map(_format_degrees, existing))


def _country_code(location) -> str:
    raw = getattr(location, "raw", None)
    address = raw.get("address") if isinstance(raw, dict) else None
    code = address.get("country_code") if isinstance(address, dict) else None
    return str(code).strip().lower() if code else ""


def _format_degrees(value: float) -> str:
    return f"{value:.{DECIMALS}f}"
