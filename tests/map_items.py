"""The shipped data's map items at a day, as the live map gets them: for tests of the step state and of live-map.js."""

from __future__ import annotations

from datetime import date

from calais_atlas.map.feature_groups import layer_items
from calais_atlas.model.shown import Prepared
from calais_atlas.model.view_state import LAYERS


def items_at(prepared: Prepared, day: date, site: str | None = None) -> dict[str, list[dict]]:
    shown = prepared.at(day, "around", 3)
    return layer_items(shown.ctx, shown.states, shown.event_records, shown.caption_records, list(LAYERS), site,
                       shown.death_records)
