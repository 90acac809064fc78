"""Which place a click on the map meant."""

from __future__ import annotations

import pandas as pd

MAX_CLICK_DEGREES = 0.1


def place_at(places: pd.DataFrame, lat: float, lng: float, tooltip: str | None = None) -> str | None:
    """The place a click on a marker meant.

    Leaflet reports the mouse position for circles, so the point alone is not enough: every
    tooltip names its place, and among the places it names the nearest one wins.
    """
    located = places.dropna(subset=["lat", "lon"])
    if tooltip:
        names = [name for name in located["name"] if name in tooltip]
        # "Grande-Synthe camp (Basroch)" also contains "Grande-Synthe": the most specific name wins.
        specific = [name for name in names if not any(name != other and name in other for other in names)]
        if specific:
            located = located[located["name"].isin(specific)]
    distance = (located["lat"] - lat).abs() + (located["lon"] - lng).abs()
    if distance.empty or distance.min() > MAX_CLICK_DEGREES:
        return None
    return str(located.loc[distance.idxmin(), "place_id"])
