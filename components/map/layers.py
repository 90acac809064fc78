"""The four map layers and the highlight ring, as DataLayers (folium FeatureGroups). No streamlit here.

Every string from the CSVs goes through text.html_text before it reaches Leaflet.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from components.map.datalayer import DataLayer, circle, icon, ring

from components.model.formatting import date_is_uncertain, format_date, format_figure
from components.model.i18n import t
from components.map.symbols import CAMERA, CATEGORY_SYMBOLS, HIGHLIGHT, SITE_CLOSED, SITE_FILL, svg
from components.model.escaping import html_text, safe_url
from components.model.timeline import SiteState

MAX_LISTED = 12
RING_PX = 24
# Past these sizes the map would be unreadable and too heavy to send on every slider step (the 100,000-event
# benchmark): events are grouped by place, only the largest sites are labelled, context places get compact.
DETAIL_LIMIT = 250
LABEL_LIMIT = 40
COMPACT_PLACES = 300
UNCERTAINTY_METRES = {"approximate": 1000, "area": 700}


@dataclass(frozen=True)
class MapContext:
    """What every layer needs to name places and sources, as plain dicts (pandas scalar lookups are slow in loops)."""

    places: dict[str, dict]  # place_id -> row
    sources: dict[str, dict]  # source_id -> row
    place_frame: pd.DataFrame
    lang: str = "en"

    @classmethod
    def build(cls, places: pd.DataFrame, sources: pd.DataFrame, lang: str = "en") -> MapContext:
        return cls(places.set_index("place_id", drop=False).to_dict("index"),
                   sources.set_index("source_id", drop=False).to_dict("index"), places, lang)

    def place_name(self, place_id: str) -> str:
        return str(self.places[place_id]["name"]) if place_id in self.places else place_id

    def source_line(self, source_id: str) -> str:
        """Escaped HTML naming the source, linked when its URL is http(s)."""
        row = self.sources.get(source_id)
        if row is None:
            return html_text(source_id)
        label = f"{html_text(row['publisher'])}: {html_text(row['title'], 80)}"
        url = safe_url(row["url"])
        return f'<a href="{html_text(url)}" target="_blank" rel="noopener noreferrer">{label}</a>' if url else label

    def source_short(self, source_id: str) -> str:
        return str(self.sources[source_id]["publisher"]) if source_id in self.sources else source_id

    def location(self, place_id: str) -> tuple[float, float] | None:
        row = self.places.get(place_id)
        if row is None or pd.isna(row["lat"]) or pd.isna(row["lon"]):
            return None
        return float(row["lat"]), float(row["lon"])


def group_records(frame: pd.DataFrame, keys: tuple[str, ...]) -> dict[tuple, list[dict]]:
    """Rows grouped by ``keys``, oldest first; one to_dict instead of one per group."""
    groups: dict[tuple, list[dict]] = {}
    for record in frame.sort_values("date_start", kind="stable").to_dict("records"):
        groups.setdefault(tuple(record[key] for key in keys), []).append(record)
    return groups


def circle_radius(count: int) -> float:
    """Pixels whose circle *area* is proportional to the count."""
    return min(48.0, max(4.0, 0.42 * math.sqrt(max(count, 0))))


def _date_html(text: str, lang: str) -> str:
    shown = html_text(format_date(text, lang))
    return f"{shown} <i>(≈)</i>" if date_is_uncertain(text) else shown


def _figure_lines(state: SiteState, ctx: MapContext) -> list[str]:
    lines = []
    for figure in state.figures + state.others:
        amount = format_figure(figure["count"], figure["qualifier"], figure.get("count_max"), ctx.lang)
        what = t(f"what.{figure['what']}", ctx.lang)
        lines.append(
            f"{html_text(amount)} {html_text(what)} · {_date_html(figure['date'], ctx.lang)} · {ctx.source_line(figure['source_id'])}"
        )
    return lines


def site_summary(state: SiteState, ctx: MapContext) -> tuple[str, str]:
    """(figure text, date and source text) for the permanent label."""
    lang = ctx.lang
    if state.status == "closed":
        end = state.changed_on.split("/")[-1]
        return t("status.closed", lang, date=format_date(end, lang)), ""
    if state.status == "not-yet":
        start = state.changed_on.split("/")[0]
        return t("status.not_yet", lang, date=format_date(start, lang)), ""
    if state.status == "no-figure":
        if state.others:
            other = state.others[0]
            amount = format_figure(other["count"], other["qualifier"], other.get("count_max"), lang)
            return f"{amount} {t('what.' + other['what'], lang)}", f"{format_date(other['date'], lang)} · {ctx.source_short(other['source_id'])}"
        return t("status.no_figure", lang), ""
    first = state.figures[0]
    what = t(f"what.{first['what']}", lang)
    if state.disagree:
        amount = format_figure(state.low, "exact", state.high, lang)
        sources = ", ".join(dict.fromkeys(ctx.source_short(f["source_id"]) for f in state.figures))
        return f"{amount} {what} ({t('status.disagree', lang)})", f"{format_date(first['date'], lang)} · {sources}"
    amount = format_figure(first["count"], first["qualifier"], first.get("count_max"), lang)
    return f"{amount} {what}", f"{format_date(first['date'], lang)} · {ctx.source_short(first['source_id'])}"


MINOR_KINDS = ("facility", "transport", "coast", "sea", "region")


def _label(location: tuple[float, float], name: str, figure: str, detail: str, css_class: str, offset: float) -> dict:
    body = f"<b>{html_text(name)}</b><br>{html_text(figure)}"
    if detail:
        body += f"<br><span>{html_text(detail)}</span>"
    # Centred under the circle: a label to the right runs off the map for eastern sites.
    return icon(*location, f'<div class="atlas-label">{body}</div>', (190, 54), (95, -round(offset) - 3), css_class, interactive=False)


def _minor(ctx: MapContext, place_id: str) -> str:
    return " atlas-minor" if ctx.places[place_id]["kind"] in MINOR_KINDS else ""


def _uncertainty_ring(ctx: MapContext, place_id: str, location: tuple[float, float]) -> dict | None:
    metres = UNCERTAINTY_METRES.get(ctx.places[place_id]["location_precision"])
    if not metres:
        return None
    return ring(*location, radius=metres, color="#333333", weight=1.2, dashArray="4 4", fill=False, interactive=False,
                className="atlas-uncertainty")


def _place_tooltip(ctx: MapContext, place_id: str, extra: list[str]) -> str:
    place = ctx.places[place_id]
    lines = [f"<b>{html_text(place['name'])}</b>", *extra, f"<i>{html_text(t('location.' + place['location_precision'], ctx.lang))}</i>"]
    return "<br>".join(lines)


def _site_items(place_id: str, state: SiteState, location: tuple[float, float], ctx: MapContext, labelled: bool = True) -> list[dict]:
    figure, detail = site_summary(state, ctx)
    lines = [html_text(figure)] + _figure_lines(state, ctx)
    description = ctx.places[place_id]["description"]
    short = [html_text(figure)] + ([html_text(detail)] if detail else [])
    text = {"tooltip": _place_tooltip(ctx, place_id, short), "sticky": True,
            "popup": _place_tooltip(ctx, place_id, lines + ([html_text(description, 400)] if description else []))}
    place_class = f"atlas-place-{place_id}"
    items = []
    if state.status == "counted":
        items.append({**circle(*location, radius=circle_radius(state.low), color="#0b3a5c", weight=1.5, fillColor=SITE_FILL,
                               fillOpacity=0.45, className=f"atlas-site {place_class}"), **text})
        if state.disagree:
            items.append(circle(*location, radius=circle_radius(state.high), color="#0b3a5c", weight=1.5, dashArray="5 4", fill=False,
                                interactive=False, className=f"atlas-site-range {place_class}"))
    elif state.status == "closed":
        items.append({**circle(*location, radius=7, color="#333333", weight=1.5, dashArray="3 3", fillColor=SITE_CLOSED, fillOpacity=0.5,
                               className=f"atlas-site atlas-site-closed {place_class}"), **text})
    else:
        items.append({**circle(*location, radius=6, color="#0b3a5c", weight=1.5, dashArray="1 3" if state.status == "not-yet" else None,
                               fillColor="#ffffff", fillOpacity=0.8, className=f"atlas-site atlas-site-{state.status} {place_class}"), **text})
    if labelled and state.status in ("counted", "closed"):
        radius = circle_radius(state.high) if state.status == "counted" else 7
        detail_class = " atlas-detail" if _minor(ctx, place_id) else ""
        items.append(_label(location, ctx.place_name(place_id), figure, detail, f"atlas-site-label {place_class}{detail_class}", radius))
    return items


def labelled_sites(states: dict[str, SiteState]) -> set[str]:
    """Every site, or only the LABEL_LIMIT largest when there are more: labels beyond that pile up unread."""
    if len(states) <= LABEL_LIMIT:
        return set(states)
    largest = sorted(states, key=lambda pid: (states[pid].status == "counted", states[pid].high or 0), reverse=True)
    return set(largest[:LABEL_LIMIT])


def sites_layer(states: dict[str, SiteState], ctx: MapContext) -> DataLayer:
    items = []
    labelled = labelled_sites(states)
    for place_id, state in states.items():
        location = ctx.location(place_id)
        if location is None:
            continue
        uncertainty = _uncertainty_ring(ctx, place_id, location)
        items += ([uncertainty] if uncertainty else []) + _site_items(place_id, state, location, ctx, place_id in labelled)
    return DataLayer(t("layer.sites", ctx.lang), items)


def _ring_anchor(slot: int, slots: int = 10, size: int = 20) -> tuple[int, int]:
    """Icon anchor that puts marker ``slot`` on a ring around the place, so markers never hide each other."""
    angle = -math.pi / 2 + 2 * math.pi * slot / slots
    dx, dy = RING_PX * math.cos(angle), RING_PX * math.sin(angle)
    return (round(size / 2 - dx), round(size / 2 - dy))


def _event_line(row: dict, ctx: MapContext) -> str:
    return f"{_date_html(row['date'], ctx.lang)}: {html_text(row['title'], 160)} <i>({html_text(ctx.source_short(row['source_id']))})</i>"


def _event_popup(rows: list[dict], ctx: MapContext) -> str:
    parts = []
    for row in rows[:MAX_LISTED]:
        block = [f"<b>{html_text(row['title'], 200)}</b>", _date_html(row["date"], ctx.lang)]
        if row.get("date_note"):
            block.append(f"<i>{html_text(row['date_note'], 300)}</i>")
        if row.get("description"):
            block.append(html_text(row["description"], 600))
        if row.get("quote"):
            block.append(f"<q>{html_text(row['quote'], 400)}</q>")
        if row.get("quote_en"):
            block.append(f"<i>{html_text(row['quote_en'], 400)}</i>")
        block.append(f"{t('source', ctx.lang)}: {ctx.source_line(row['source_id'])}")
        parts.append("<br>".join(block))
    if len(rows) > MAX_LISTED:
        parts.append(html_text(f"+ {len(rows) - MAX_LISTED} …"))
    return '<div class="atlas-popup">' + "<hr>".join(parts) + "</div>"


def events_grouped(events: pd.DataFrame) -> bool:
    """True when the window holds too many place-and-category markers to draw one by one."""
    return events.empty is False and len(events.groupby(["place_id", "category"], sort=False)) > DETAIL_LIMIT


def _place_group_item(place_id: str, records: list[dict], location: tuple[float, float], ctx: MapContext) -> dict:
    counts: dict[str, int] = {}
    for row in records:
        counts[row["category"]] = counts.get(row["category"], 0) + 1
    breakdown = ", ".join(f"{n} × {html_text(t('category.' + c, ctx.lang))}" for c, n in sorted(counts.items(), key=lambda kv: -kv[1])[:5])
    head = f"<b>{len(records)}</b> · {html_text(ctx.place_name(place_id))}<br>{breakdown}"
    latest = sorted(records, key=lambda row: row["date_start"], reverse=True)[:3]
    marker = icon(*location, f'<div class="atlas-group">{len(records)}</div>', (24, 24), (12, 12),
                  f"atlas-event atlas-event-grouped atlas-place-{place_id}")
    lines = "<br>".join(_event_line(row, ctx) for row in latest)  # compact: descriptions would weigh ~1 kB a place
    return {**marker, "tooltip": head, "popup": f'<div class="atlas-popup">{head}<hr>{lines}</div>'}


def events_layer(events: pd.DataFrame, ctx: MapContext) -> DataLayer:
    """One marker per place and category; several events there are listed in its tooltip and popup.

    When there are more than DETAIL_LIMIT such markers, one marker per place carries the count and the breakdown.
    """
    if events_grouped(events):
        items = []
        for (place_id,), records in group_records(events, ("place_id",)).items():
            location = ctx.location(place_id)
            if location is not None:
                items.append(_place_group_item(place_id, records, location, ctx))
        return DataLayer(t("layer.events", ctx.lang), items)
    categories = list(CATEGORY_SYMBOLS)
    items = []
    for (place_id, category), records in group_records(events, ("place_id", "category")).items():
        location = ctx.location(place_id)
        if location is None or category not in CATEGORY_SYMBOLS:
            continue
        uncertain = all(date_is_uncertain(row["date"]) for row in records)
        label = t(f"category.{category}", ctx.lang)
        count = f" ×{len(records)}" if len(records) > 1 else ""
        head = f"<b>{html_text(label)}{count}</b> · {html_text(ctx.place_name(place_id))}"
        lines = [_event_line(row, ctx) for row in records[:MAX_LISTED]]
        badge = f'<span class="atlas-count">{len(records)}</span>' if len(records) > 1 else ""
        marker = icon(*location, svg(CATEGORY_SYMBOLS[category], dashed=uncertain) + badge, (20, 20), _ring_anchor(categories.index(category)),
                      f"atlas-event atlas-event-{category} atlas-place-{place_id}")
        items.append({**marker, "tooltip": "<br>".join([head, *lines]), "popup": _event_popup(records, ctx)})
    return DataLayer(t("layer.events", ctx.lang), items)


def captions_layer(captions: pd.DataFrame, ctx: MapContext) -> DataLayer:
    items = []
    for (place_id,), records in group_records(captions, ("place_id",)).items():
        location = ctx.location(place_id)
        if location is None:
            continue
        count = t("photos", ctx.lang, count=len(records))
        head = f"<b>{html_text(count)}</b> · {html_text(ctx.place_name(place_id))}"
        lines = [f"{_date_html(row['date'], ctx.lang)}: {html_text(row['text'], 110)}" for row in records[:6]]
        popup = "<hr>".join(
            f"{_date_html(row['date'], ctx.lang)}<br>{html_text(row['text'], 500)}<br><i>{html_text(row['credit'])}</i>"
            for row in records[:MAX_LISTED]
        )
        marker = icon(*location, CAMERA + f'<span class="atlas-count">{len(records)}</span>', (20, 20), _ring_anchor(9),
                      f"atlas-caption atlas-place-{place_id}")
        items.append({**marker, "tooltip": "<br>".join([head, *lines]), "popup": f'<div class="atlas-popup">{popup}</div>'})
    return DataLayer(t("layer.captions", ctx.lang), items)


def context_layer(place_ids: list[str], ctx: MapContext) -> DataLayer:
    compact = len(place_ids) > COMPACT_PLACES
    items = []
    for place_id in place_ids:
        location = ctx.location(place_id)
        if location is None:
            continue
        uncertainty = None if compact else _uncertainty_ring(ctx, place_id, location)
        if uncertainty:
            items.append(uncertainty)
        place = ctx.places[place_id]
        extra = [html_text(place["description"], 400)] if place["description"] and not compact else []
        html = f'<div class="atlas-context-mark"></div><div class="atlas-context-name">{html_text(place["name"])}</div>'
        marker = icon(*location, html, (10, 10), (5, 5), f"atlas-context atlas-place-{place_id}{_minor(ctx, place_id)}")
        items.append({**marker, "tooltip": _place_tooltip(ctx, place_id, extra)})
    return DataLayer(t("layer.context", ctx.lang), items)


def highlight_layer(place_id: str | None, ctx: MapContext) -> DataLayer:
    location = ctx.location(place_id) if place_id else None
    items = [] if location is None else [
        circle(*location, radius=30, color=HIGHLIGHT, weight=4, dashArray="8 5", fill=False, interactive=False,
               className=f"atlas-highlight atlas-place-{place_id}")
    ]
    return DataLayer("Selected", items, control=False)
