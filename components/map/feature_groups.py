"""The layers a page asks for, in drawing order: context under sites under events and captions, the highlight on top."""

from __future__ import annotations

import folium
import pandas as pd

from components.map.layers import captions_layer, context_layer, events_layer, highlight_layer, sites_layer
from components.model.context import MapContext
from components.model.timeline import SiteState


def feature_groups(ctx: MapContext, states: dict[str, SiteState], events: pd.DataFrame, captions: pd.DataFrame,
                   layers: list[str], site: str | None = None) -> list[folium.FeatureGroup]:
    groups = []
    if "context" in layers:
        context_ids = [pid for pid in ctx.places if pid not in states]
        groups.append(context_layer(context_ids, ctx))
    if "sites" in layers:
        groups.append(sites_layer(states, ctx))
    if "events" in layers:
        groups.append(events_layer(events, ctx))
    if "captions" in layers:
        groups.append(captions_layer(captions, ctx))
    groups.append(highlight_layer(site, ctx))
    return groups
