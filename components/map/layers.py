"""The five map layers and the highlight ring, as lists of marker items: where markers go and how big.

An item is what static/atlas/live-map.js draws (map/protocol.Item, before map/step.py keys and compacts it): a circle,
a ring or an icon, and, on what a click selects, its place id. No streamlit here. The words and HTML inside the
markers come from popups.py; the place lookups from model.context.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import pandas as pd

from calais_atlas.map.popups import (
    caption_text,
    context_html,
    context_tooltip,
    death_text,
    event_text,
    focus_name_html,
    label_html,
    place_group_text,
    site_text,
)
from calais_atlas.map.symbols import CAMERA, CATEGORY_SYMBOLS, svg
from calais_atlas.model.context import MapContext
from calais_atlas.model.formatting import date_is_uncertain
from calais_atlas.model.palette import (
    CLOSED_STROKE,
    DEATH_FILL,
    DEATH_STROKE,
    HIGHLIGHT,
    PAPER,
    SITE_CLOSED,
    SITE_FILL,
    SITE_STROKE,
    UNCERTAINTY,
)
from calais_atlas.model.shown import TOTAL
from calais_atlas.model.summaries import site_summary
from calais_atlas.model.timeline import SiteState

# A counted site's circle has an *area* proportional to its head count: radius = PX_PER_ROOT_PERSON * sqrt(count),
# 32 px for 6,000 people; held between MIN_RADIUS_PX (below ~90 people, still clickable) and
# MAX_RADIUS_PX (reached at ~13,000, so a town's population does not cover the coast).
PX_PER_ROOT_PERSON = 0.42
MIN_RADIUS_PX = 4.0
MAX_RADIUS_PX = 48.0
CLOSED_RADIUS_PX = 7  # a closed site: no figure to size it
EMPTY_RADIUS_PX = 6  # a site not open yet, or without a head count
HIGHLIGHT_RADIUS_PX = 30  # the ring around the selected site
LABEL_SIZE = (190, 54)  # px: the permanent label's box, centred under the circle
LABEL_GAP_PX = 3  # between the circle's bottom and the label
ICON_PX = 20  # event symbols and the camera
GROUP_PX = 24  # the disc of a place whose events are grouped
CONTEXT_PX = 10  # a context place's square
# Event markers sit on a ring around their place: the camera at the top, then one slot for each category present
# there, in the legend's order. The ring grows with the slots so that no marker covers its neighbour.
RING_PX = 24
MARKER_SPACING_PX = ICON_PX + 4  # between the centres of neighbouring markers on the ring
# Past these sizes the map would be unreadable and too heavy to send on every slider step (the 100,000-event
# benchmark): events are grouped by place, only the largest sites are labelled, context places get compact.
DETAIL_LIMIT = 250
LABEL_LIMIT = 40
COMPACT_PLACES = 300
UNCERTAINTY_METRES = {"approximate": 1000, "area": 700}
# An IOM incident's circle follows the camps' rule (circle_radius: area proportional to the number) on its own scale:
# at the camps' 0.42 px every incident (at most a few dozen people) would be the smallest circle. Here one person is
# MIN_RADIUS_PX and the 27 of 24 November 2021 about 21 px: the area still reads as the number.
DEATH_PX_PER_ROOT_PERSON = MIN_RADIUS_PX
DEATH_UNCERTAINTY_GAP_PX = 4  # the dashed ring around an approximate position, this far outside its circle


Rows = pd.DataFrame | list[dict]  # a window's rows: a frame, or its records already oldest first (model/shown.py)


def circle(lat: float, lon: float, **options) -> dict:
    """A circle of a fixed size in pixels (L.circleMarker); ``options`` are Leaflet's path options."""
    return {"type": "circle", "lat": lat, "lon": lon, "options": options}


def ring(lat: float, lon: float, **options) -> dict:
    """A circle of a size in metres (L.circle)."""
    return {"type": "ring", "lat": lat, "lon": lon, "options": options}


def icon(lat: float, lon: float, html: str, size: tuple[int, int], anchor: tuple[int, int], class_name: str,
         interactive: bool = True) -> dict:
    """An L.divIcon marker; live-map.js takes one as interactive unless told otherwise."""
    item = {"type": "icon", "lat": lat, "lon": lon,
            "icon": {"html": html, "iconSize": list(size), "iconAnchor": list(anchor), "className": class_name}}
    return item if interactive else {**item, "interactive": False}


def as_records(rows: Rows) -> list[dict]:
    if isinstance(rows, pd.DataFrame):
        return rows.sort_values("date_start", kind="stable").to_dict("records")
    return rows


def group_records(rows: Rows, keys: tuple[str, ...]) -> dict[tuple, list[dict]]:
    """Rows grouped by ``keys``, oldest first; one to_dict instead of one per group."""
    groups: dict[tuple, list[dict]] = {}
    for record in as_records(rows):
        groups.setdefault(tuple(record[key] for key in keys), []).append(record)
    return groups


def circle_radius(count: int, px_per_root: float = PX_PER_ROOT_PERSON) -> float:
    """Pixels whose circle *area* is proportional to the count: the camps' scale, or a layer's own (``px_per_root``)."""
    return min(MAX_RADIUS_PX, max(MIN_RADIUS_PX, px_per_root * math.sqrt(max(count, 0))))


MINOR_KINDS = ("facility", "transport", "coast", "sea", "region")


def _label(location: tuple[float, float], name: str, figure: str, detail: str, css_class: str, offset: float) -> dict:
    # Centred under the circle: a label to the right runs off the map for eastern sites.
    anchor = (LABEL_SIZE[0] // 2, -round(offset) - LABEL_GAP_PX)
    return icon(*location, label_html(name, figure, detail), LABEL_SIZE, anchor, css_class, interactive=False)


def _centred(px: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Size and anchor of a square icon centred on its place."""
    return (px, px), (px // 2, px // 2)


def _minor(ctx: MapContext, place_id: str) -> str:
    return " atlas-minor" if ctx.places[place_id]["kind"] in MINOR_KINDS else ""


def _uncertainty_ring(ctx: MapContext, place_id: str, location: tuple[float, float]) -> dict | None:
    metres = UNCERTAINTY_METRES.get(ctx.places[place_id]["location_precision"])
    if not metres:
        return None
    return ring(*location, radius=metres, color=UNCERTAINTY, weight=1.2, dashArray="4 4", fill=False, interactive=False,
                className="atlas-uncertainty")


def _site_items(place_id: str, state: SiteState, location: tuple[float, float], ctx: MapContext,
                labelled: bool = True) -> list[dict]:
    figure, detail = site_summary(state, ctx)
    text = site_text(ctx, place_id, state, figure, detail)
    place_class = f"atlas-place-{place_id}"
    items = []
    if state.status == "counted":
        items.append({**circle(*location, radius=circle_radius(state.low), color=SITE_STROKE, weight=1.5, fillColor=SITE_FILL,
                               fillOpacity=0.45, className=f"atlas-site {place_class}"), "place": place_id, **text})
        if state.disagree:
            items.append(circle(*location, radius=circle_radius(state.high), color=SITE_STROKE, weight=1.5, dashArray="5 4",
                                fill=False, interactive=False, className=f"atlas-site-range {place_class}"))
    elif state.status == "closed":
        closed = circle(*location, radius=CLOSED_RADIUS_PX, color=CLOSED_STROKE, weight=1.5, dashArray="3 3",
                        fillColor=SITE_CLOSED, fillOpacity=0.5, className=f"atlas-site atlas-site-closed {place_class}")
        items.append({**closed, "place": place_id, **text})
    else:
        items.append({**circle(*location, radius=EMPTY_RADIUS_PX, color=SITE_STROKE, weight=1.5,
                               dashArray="1 3" if state.status == "not-yet" else None, fillColor=PAPER, fillOpacity=0.8,
                               className=f"atlas-site atlas-site-{state.status} {place_class}"), "place": place_id, **text})
    if labelled and state.status in ("counted", "closed"):
        radius = circle_radius(state.high) if state.status == "counted" else CLOSED_RADIUS_PX
        detail_class = " atlas-detail" if _minor(ctx, place_id) else ""
        items.append(_label(location, ctx.place_name(place_id), figure, detail, f"atlas-site-label {place_class}{detail_class}",
                            radius))
    return items


def labelled_sites(states: dict[str, SiteState]) -> set[str]:
    """Every site, or only the LABEL_LIMIT largest when there are more: labels beyond that pile up unread."""
    if len(states) <= LABEL_LIMIT:
        return set(states)
    largest = sorted(states, key=lambda pid: (states[pid].status == "counted", states[pid].high or 0), reverse=True)
    return set(largest[:LABEL_LIMIT])


def site_rings(site_ids: Iterable[str], ctx: MapContext) -> list[dict]:
    """The sites' uncertainty rings, in the sites' order: the same at every date (map/step.py sends them once)."""
    rings = []
    for place_id in site_ids:
        location = ctx.location(place_id)
        ring_item = _uncertainty_ring(ctx, place_id, location) if location is not None else None
        if ring_item:
            rings.append(ring_item)
    return rings


def sites_items(states: dict[str, SiteState], ctx: MapContext) -> list[dict]:
    items = []
    labelled = labelled_sites(states)
    for place_id, state in states.items():
        location = ctx.location(place_id)
        if location is None:
            continue
        uncertainty = _uncertainty_ring(ctx, place_id, location)
        items += ([uncertainty] if uncertainty else []) + _site_items(place_id, state, location, ctx, place_id in labelled)
    return items


def _ring_anchor(slot: int, slots: int, size: int = ICON_PX) -> tuple[int, int]:
    """Icon anchor that puts marker ``slot`` of ``slots`` on a ring around the place (slot 0 at the top)."""
    radius = max(RING_PX, MARKER_SPACING_PX * slots / (2 * math.pi))
    angle = -math.pi / 2 + 2 * math.pi * slot / slots
    dx, dy = radius * math.cos(angle), radius * math.sin(angle)
    return (round(size / 2 - dx), round(size / 2 - dy))


def events_grouped(events: Rows) -> bool:
    """True when the window holds too many place-and-category markers to draw one by one."""
    if len(events) <= DETAIL_LIMIT:
        return False
    return len({(row["place_id"], row["category"]) for row in as_records(events)}) > DETAIL_LIMIT


def _place_group_item(place_id: str, records: list[dict], location: tuple[float, float], ctx: MapContext) -> dict:
    marker = icon(*location, f'<div class="atlas-group">{len(records)}</div>', *_centred(GROUP_PX),
                  f"atlas-event atlas-event-grouped atlas-place-{place_id}")
    return {**marker, "place": place_id, **place_group_text(ctx, place_id, records)}


def events_items(events: Rows, ctx: MapContext) -> list[dict]:
    """One marker per place and category; several events there are listed in its tooltip and popup.

    When there are more than DETAIL_LIMIT such markers, one marker per place carries the count and the breakdown.
    """
    if events_grouped(events):
        items = []
        for (place_id,), records in group_records(events, ("place_id",)).items():
            location = ctx.location(place_id)
            if location is not None:
                items.append(_place_group_item(place_id, records, location, ctx))
        return items
    groups = group_records(events, ("place_id", "category"))
    present: dict[str, list[str]] = {}
    for place_id, category in groups:
        if category in CATEGORY_SYMBOLS:
            present.setdefault(place_id, []).append(category)
    order = list(CATEGORY_SYMBOLS)
    for categories in present.values():
        categories.sort(key=order.index)
    items = []
    for (place_id, category), records in groups.items():
        location = ctx.location(place_id)
        if location is None or category not in CATEGORY_SYMBOLS:
            continue
        slot, slots = present[place_id].index(category) + 1, len(present[place_id]) + 1  # slot 0: the camera
        uncertain = all(date_is_uncertain(row["date"]) for row in records)
        badge = f'<span class="atlas-count">{len(records)}</span>' if len(records) > 1 else ""
        marker = icon(*location, svg(CATEGORY_SYMBOLS[category], dashed=uncertain) + badge, (ICON_PX, ICON_PX),
                      _ring_anchor(slot, slots), f"atlas-event atlas-event-{category} atlas-place-{place_id}")
        items.append({**marker, "place": place_id, **event_text(ctx, place_id, category, records)})
    return items


def captions_items(captions: Rows, ctx: MapContext) -> list[dict]:
    items = []
    for (place_id,), records in group_records(captions, ("place_id",)).items():
        location = ctx.location(place_id)
        if location is None:
            continue
        marker = icon(*location, CAMERA + f'<span class="atlas-count">{len(records)}</span>', (ICON_PX, ICON_PX),
                      _ring_anchor(0, 1),
                      f"atlas-caption atlas-place-{place_id}")
        items.append({**marker, "place": place_id, **caption_text(ctx, place_id, records)})
    return items


def context_items(place_ids: list[str], ctx: MapContext) -> list[dict]:
    compact = len(place_ids) > COMPACT_PLACES
    items = []
    for place_id in place_ids:
        location = ctx.location(place_id)
        if location is None:
            continue
        uncertainty = None if compact else _uncertainty_ring(ctx, place_id, location)
        if uncertainty:
            items.append(uncertainty)
        marker = icon(*location, context_html(ctx, place_id), *_centred(CONTEXT_PX),
                      f"atlas-context atlas-place-{place_id}{_minor(ctx, place_id)}")
        items.append({**marker, "place": place_id, "tooltip": context_tooltip(ctx, place_id, compact)})
    return items


def death_class(iom_id: str) -> str:
    """The incident's own class: its key (map/step.py) stays the same from step to step while it is shown."""
    return "atlas-death-" + re.sub(r"[^a-z0-9]+", "-", str(iom_id).lower()).strip("-")


def deaths_items(deaths: Rows, ctx: MapContext) -> list[dict]:
    """One circle per IOM incident, its area following the dead and missing (circle_radius on its own scale), larger
    ones drawn first so that a smaller one at the same spot stays in reach; an approximate position has the dashed
    ring other uncertain places have. A click opens its popup (always sent: it has no place to select)."""
    records = deaths.to_dict("records") if isinstance(deaths, pd.DataFrame) else deaths
    items = []
    for row in sorted(records, key=lambda row: -int(row[TOTAL])):
        location, own = (float(row["lat"]), float(row["lon"])), death_class(row["iom_id"])
        radius = circle_radius(int(row[TOTAL]), DEATH_PX_PER_ROOT_PERSON)
        if row["location_precision"] == "approximate":
            items.append(circle(*location, radius=radius + DEATH_UNCERTAINTY_GAP_PX, color=UNCERTAINTY, weight=1.2,
                                dashArray="4 4", fill=False, interactive=False,
                                className=f"atlas-uncertainty atlas-death-approximate {own}"))
        items.append({**circle(*location, radius=radius, color=DEATH_STROKE, weight=1.5, fillColor=DEATH_FILL,
                               fillOpacity=0.7, className=f"atlas-death {own}"), **death_text(row, ctx.lang)})
    return items


FOCUS_CLASS = "atlas-focus"  # live-map.js places this label first and never hides it
_FOCUS_LABELS = ("atlas-site-label", "atlas-context")  # the items whose marker carries their place's name
_ZOOM_HIDDEN = ("atlas-minor", "atlas-detail")  # legend.py's zoom rules hide these: a focus is named at every zoom


def highlight_items(place_id: str | None, ctx: MapContext, items: dict[str, list[dict]] | None = None) -> list[dict]:
    """The ring around the place in focus, and its name: the place's own label when one is drawn in ``items`` (marked
    as the focus, in place), or else a name label under the ring."""
    location = ctx.location(place_id) if place_id else None
    if location is None:
        return []
    ring_item = circle(*location, radius=HIGHLIGHT_RADIUS_PX, color=HIGHLIGHT, weight=4, dashArray="8 5", fill=False,
                       interactive=False, className=f"atlas-highlight atlas-place-{place_id}")
    if _mark_focus(items or {}, place_id):
        return [ring_item]
    anchor = (LABEL_SIZE[0] // 2, -HIGHLIGHT_RADIUS_PX - LABEL_GAP_PX)
    name = icon(*location, focus_name_html(ctx.place_name(place_id)), LABEL_SIZE, anchor,
                f"atlas-focus-label {FOCUS_CLASS} atlas-place-{place_id}", interactive=False)
    return [ring_item, name]


def _mark_focus(items: dict[str, list[dict]], place_id: str) -> bool:
    place_class = f"atlas-place-{place_id}"
    for layer in items.values():
        for index, item in enumerate(layer):
            classes = (item.get("icon") or {}).get("className", "").split()
            if place_class in classes and any(kind in classes for kind in _FOCUS_LABELS):
                kept = [name for name in classes if name not in _ZOOM_HIDDEN]
                layer[index] = {**item, "icon": {**item["icon"], "className": " ".join([*kept, FOCUS_CLASS])}}
                return True
    return False
