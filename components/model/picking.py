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
        # A tooltip names its place in the interface's language: the name or, in French, the name_fr.
        columns = [column for column in ("name", "name_fr") if column in located.columns]
        pairs = [(place_id, _spaced(name)) for column in columns
                 for place_id, name in zip(located["place_id"], located[column], strict=True) if isinstance(name, str) and name]
        tooltip = _spaced(tooltip)
        named = [(place_id, name) for place_id, name in pairs if name in tooltip]
        # "Grande-Synthe camp (Basroch)" also contains "Grande-Synthe": the most specific name wins.
        specific = {place_id for place_id, name in named if not any(name != other and name in other for _, other in named)}
        if specific:
            located = located[located["place_id"].isin(specific)]
    distance = (located["lat"] - lat).abs() + (located["lon"] - lng).abs()
    if distance.empty or distance.min() > MAX_CLICK_DEGREES:
        return None
    return str(located.loc[distance.idxmin(), "place_id"])


def _spaced(text: str) -> str:
    """Every run of spaces as one plain space: « Jungle » keeps its no-break spaces in the data, not always in innerText."""
    return " ".join(text.split())
