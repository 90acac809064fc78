"""A click on a marker selects the place it belongs to (truth table)."""

from __future__ import annotations

import pandas as pd
import pytest

from components.model.picking import place_at

PLACES = pd.DataFrame(
    {
        "place_id": ["grande-synthe", "grande-synthe-camp", "calais", "nowhere"],
        "name": ["Grande-Synthe", "Grande-Synthe camp (Basroch)", "Calais", "Nowhere"],
        "lat": [51.01389, 51.0045, 50.94806, None],
        "lon": [2.30278, 2.30000, 1.85639, None],
    }
)


@pytest.mark.parametrize(
    ("lat", "lng", "tooltip", "expected"),
    [
        (51.0045, 2.3000, None, "grande-synthe-camp"),  # a marker's own point
        (51.0051, 2.3003, "Grande-Synthe camp (Basroch) over 2,500", "grande-synthe-camp"),  # mouse inside the circle
        (51.0120, 2.3020, "Grande-Synthe camp (Basroch)", "grande-synthe-camp"),  # nearer the town, but the tooltip says camp
        (51.0130, 2.3025, "Grande-Synthe · town", "grande-synthe"),  # the town's own tooltip
        (50.9481, 1.8564, "Clash with police ×2 · Calais", "calais"),  # an event marker names its place after the dot
        (48.0, 5.0, None, None),  # far from every place
    ],
)
def test_place_at(lat, lng, tooltip, expected) -> None:
    """The tooltip narrows the candidates; the nearest candidate wins; far clicks select nothing."""
    assert place_at(PLACES, lat, lng, tooltip) == expected
