"""The layers a page asks for, in drawing order: context under sites under the IOM's deaths under events and captions,
the highlight on top.

layer_items gives each layer's marker items; the live map (map/step.py) sends them as a slider step's state, and the
exported map (export/standalone.py) draws them with the same static/atlas/live-map.js.
"""

from __future__ import annotations

from collections.abc import Iterable

from calais_atlas.map.layers import (
    Rows,
    captions_items,
    context_items,
    deaths_items,
    events_items,
    highlight_items,
    site_rings,
    sites_items,
)
from calais_atlas.map.popups import death_credit_html
from calais_atlas.model.context import MapContext
from calais_atlas.model.escaping import html_text
from calais_atlas.model.i18n import t
from calais_atlas.model.memo import PerObject
from calais_atlas.model.timeline import SiteState

HIGHLIGHT = "highlight"  # the selected site's ring: always drawn, never in the layer control
DRAWING_ORDER = ("context", "sites", "deaths", "events", "captions", HIGHLIGHT)


def layer_label(name: str, lang: str) -> str | None:
    """The layer's name in the map's layer control; None for the highlight, which has no entry."""
    return None if name == HIGHLIGHT else t(f"layer.{name}", lang)


def layer_credit(name: str, lang: str) -> str | None:
    """The credit the map's credit line carries while the layer is shown (HTML), or None: the IOM's for its deaths,
    its name on one short line and the whole credit, linked, a click (or Enter) away, like the basemap's."""
    if name != "deaths":
        return None
    return (f'<details class="atlas-credit atlas-credit-deaths"><summary>{html_text(t("credit.deaths", lang))}</summary> '
            f"{death_credit_html(lang)}</details>")


_FIXED = PerObject(8)  # a few data sets and languages; a Prepared (model/shown.py) holds one context for its life


def fixed_items(ctx: MapContext, sites: Iterable[str]) -> dict[str, list[dict]]:
    """What the layers draw the same at every date, per layer: every context place (the places that are not
    ``sites``), and the sites' uncertainty rings. Made once per context and sites, and shared: never change them.

    The live map sends them once (map/step.base_part); a step's items are layer_items, these included."""
    sites = tuple(sites)

    def made() -> dict[str, list[dict]]:
        placed = set(sites)
        return {"context": context_items([pid for pid in ctx.places if pid not in placed], ctx),
                "sites": site_rings(sites, ctx)}

    return _FIXED.get(ctx, sites, made)


def layer_items(ctx: MapContext, states: dict[str, SiteState], events: Rows, captions: Rows,
                layers: list[str], site: str | None = None, deaths: Rows = ()) -> dict[str, list[dict]]:
    """Each asked-for layer's marker items, in drawing order; ``deaths`` are the IOM's incidents in the window
    (model/shown.Shown.death_records), drawn when "deaths" is one of ``layers``."""
    items: dict[str, list[dict]] = {}
    if "context" in layers:
        items["context"] = list(fixed_items(ctx, states)["context"])  # a copy: the focus is marked in the list
    if "sites" in layers:
        items["sites"] = sites_items(states, ctx)
    if "deaths" in layers:
        items["deaths"] = deaths_items(deaths, ctx)
    if "events" in layers:
        items["events"] = events_items(events, ctx)
    if "captions" in layers:
        items["captions"] = captions_items(captions, ctx)
    items[HIGHLIGHT] = highlight_items(site, ctx, items)
    return items

