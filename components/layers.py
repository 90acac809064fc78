"""Folium FeatureGroups for the four layers, plus the highlight ring. No streamlit here.

Every string from the CSVs goes through text.html_text before it reaches Leaflet.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import folium
import pandas as pd

from .formatting import date_is_uncertain, format_date, format_figure
from .i18n import t
from .symbols import CAMERA, CATEGORY_SYMBOLS, HIGHLIGHT, SITE_CLOSED, SITE_FILL, svg
from .text import html_text, safe_url
from .timeline import SiteState

MAX_LISTED = 12
RING_PX = 24
UNCERTAINTY_METRES = {"approximate": 1000, "area": 700}


@dataclass(frozen=True)
class MapContext:
    places: pd.DataFrame  # indexed by place_id
    sources: pd.DataFrame  # indexed by source_id
    lang: str = "en"

    def place_name(self, place_id: str) -> str:
        return str(self.places.at[place_id, "name"]) if place_id in self.places.index else place_id

    def source_line(self, source_id: str) -> str:
        """Escaped HTML naming the source, linked when its URL is http(s)."""
        if source_id not in self.sources.index:
            return html_text(source_id)
        row = self.sources.loc[source_id]
        label = f"{html_text(row['publisher'])}: {html_text(row['title'], 120)}"
        url = safe_url(row["url"])
        return f'<a href="{html_text(url)}" target="_blank" rel="noopener noreferrer">{label}</a>' if url else label

    def source_short(self, source_id: str) -> str:
        return str(self.sources.at[source_id, "publisher"]) if source_id in self.sources.index else source_id

    def location(self, place_id: str) -> tuple[float, float] | None:
        if place_id not in self.places.index:
            return None
        lat, lon = self.places.at[place_id, "lat"], self.places.at[place_id, "lon"]
        return None if pd.isna(lat) or pd.isna(lon) else (float(lat), float(lon))


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


def _label_icon(name: str, figure: str, detail: str, css_class: str, offset: float) -> folium.DivIcon:
    body = f"<b>{html_text(name)}</b><br>{html_text(figure)}"
    if detail:
        body += f"<br><span>{html_text(detail)}</span>"
    # Centred under the circle: a label to the right runs off the map for eastern sites.
    return folium.DivIcon(html=f'<div class="atlas-label">{body}</div>', icon_size=(190, 54), icon_anchor=(95, -round(offset) - 3),
                          class_name=css_class)


def _minor(ctx: MapContext, place_id: str) -> str:
    return " atlas-minor" if ctx.places.at[place_id, "kind"] in MINOR_KINDS else ""


def _uncertainty_ring(ctx: MapContext, place_id: str, location: tuple[float, float]) -> folium.Circle | None:
    precision = ctx.places.at[place_id, "location_precision"]
    metres = UNCERTAINTY_METRES.get(precision)
    if not metres:
        return None
    return folium.Circle(location, radius=metres, color="#333333", weight=1.2, dash_array="4 4", fill=False, interactive=False, class_name="atlas-uncertainty")


def _place_tooltip(ctx: MapContext, place_id: str, extra: list[str]) -> str:
    place = ctx.places.loc[place_id]
    lines = [f"<b>{html_text(place['name'])}</b>", *extra, f"<i>{html_text(t('location.' + place['location_precision'], ctx.lang))}</i>"]
    return "<br>".join(lines)


def sites_layer(states: dict[str, SiteState], ctx: MapContext) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=t("layer.sites", ctx.lang))
    for place_id, state in states.items():
        location = ctx.location(place_id)
        if location is None:
            continue
        ring = _uncertainty_ring(ctx, place_id, location)
        if ring is not None:
            ring.add_to(group)
        figure, detail = site_summary(state, ctx)
        tooltip_lines = [html_text(figure)] + _figure_lines(state, ctx)
        description = ctx.places.at[place_id, "description"]
        popup = _place_tooltip(ctx, place_id, tooltip_lines + ([html_text(description, 600)] if description else []))
        common = {"tooltip": folium.Tooltip(_place_tooltip(ctx, place_id, tooltip_lines), sticky=True), "popup": folium.Popup(popup, max_width=360)}
        if state.status == "counted":
            folium.CircleMarker(location, radius=circle_radius(state.low), color="#0b3a5c", weight=1.5, fill=True,
                                fill_color=SITE_FILL, fill_opacity=0.45, class_name=f"atlas-site atlas-place-{place_id}", **common).add_to(group)
            if state.disagree:
                folium.CircleMarker(location, radius=circle_radius(state.high), color="#0b3a5c", weight=1.5, dash_array="5 4",
                                    fill=False, interactive=False, class_name="atlas-site-range").add_to(group)
        elif state.status == "closed":
            folium.CircleMarker(location, radius=7, color="#333333", weight=1.5, dash_array="3 3", fill=True, fill_color=SITE_CLOSED,
                                fill_opacity=0.5, class_name=f"atlas-site atlas-site-closed atlas-place-{place_id}", **common).add_to(group)
        else:
            dotted = "1 3" if state.status == "not-yet" else None
            folium.CircleMarker(location, radius=6, color="#0b3a5c", weight=1.5, dash_array=dotted, fill=True, fill_color="#ffffff",
                                fill_opacity=0.8, class_name=f"atlas-site atlas-site-{state.status} atlas-place-{place_id}", **common).add_to(group)
        if state.status in ("counted", "closed"):
            radius = circle_radius(state.high) if state.status == "counted" else 7
            detail_class = " atlas-detail" if _minor(ctx, place_id) else ""
            label = _label_icon(ctx.place_name(place_id), figure, detail, f"atlas-site-label atlas-place-{place_id}{detail_class}", radius)
            folium.Marker(location, icon=label, interactive=False, keyboard=False).add_to(group)
    return group


def _ring_anchor(slot: int, slots: int = 10, size: int = 20) -> tuple[int, int]:
    """Icon anchor that puts marker ``slot`` on a ring around the place, so markers never hide each other."""
    angle = -math.pi / 2 + 2 * math.pi * slot / slots
    dx, dy = RING_PX * math.cos(angle), RING_PX * math.sin(angle)
    return (round(size / 2 - dx), round(size / 2 - dy))


def _event_line(row: dict, ctx: MapContext) -> str:
    return f"{_date_html(row['date'], ctx.lang)}: {html_text(row['title'], 160)}"


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


def events_layer(events: pd.DataFrame, ctx: MapContext) -> folium.FeatureGroup:
    """One marker per place and category; several events there are listed in its tooltip and popup."""
    group = folium.FeatureGroup(name=t("layer.events", ctx.lang))
    categories = list(CATEGORY_SYMBOLS)
    for (place_id, category), rows in events.groupby(["place_id", "category"], sort=False):
        location = ctx.location(place_id)
        if location is None or category not in CATEGORY_SYMBOLS:
            continue
        records = rows.sort_values("date_start").to_dict("records")
        uncertain = all(date_is_uncertain(row["date"]) for row in records)
        label = t(f"category.{category}", ctx.lang)
        count = f" ×{len(records)}" if len(records) > 1 else ""
        head = f"<b>{html_text(label)}{count}</b> · {html_text(ctx.place_name(place_id))}"
        lines = [_event_line(row, ctx) for row in records[:MAX_LISTED]]
        badge = f'<span class="atlas-count">{len(records)}</span>' if len(records) > 1 else ""
        icon = folium.DivIcon(
            html=svg(CATEGORY_SYMBOLS[category], dashed=uncertain) + badge,
            icon_size=(20, 20),
            icon_anchor=_ring_anchor(categories.index(category)),
            class_name=f"atlas-event atlas-event-{category} atlas-place-{place_id}",
        )
        folium.Marker(location, icon=icon, tooltip=folium.Tooltip("<br>".join([head, *lines])),
                      popup=folium.Popup(_event_popup(records, ctx), max_width=380)).add_to(group)
    return group


def captions_layer(captions: pd.DataFrame, ctx: MapContext) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=t("layer.captions", ctx.lang))
    for place_id, rows in captions.groupby("place_id", sort=False):
        location = ctx.location(place_id)
        if location is None:
            continue
        records = rows.sort_values("date_start").to_dict("records")
        count = t("photos", ctx.lang, n=len(records)) if len(records) > 1 else t("photo", ctx.lang)
        head = f"<b>{html_text(count)}</b> · {html_text(ctx.place_name(place_id))}"
        lines = [f"{_date_html(row['date'], ctx.lang)}: {html_text(row['text'], 110)}" for row in records[:6]]
        popup = "<hr>".join(
            f"{_date_html(row['date'], ctx.lang)}<br>{html_text(row['text'], 500)}<br><i>{html_text(row['credit'])}</i>"
            for row in records[:MAX_LISTED]
        )
        icon = folium.DivIcon(html=CAMERA + f'<span class="atlas-count">{len(records)}</span>', icon_size=(20, 20),
                              icon_anchor=_ring_anchor(9), class_name=f"atlas-caption atlas-place-{place_id}")
        folium.Marker(location, icon=icon, tooltip=folium.Tooltip("<br>".join([head, *lines])),
                      popup=folium.Popup(f'<div class="atlas-popup">{popup}</div>', max_width=380)).add_to(group)
    return group


def context_layer(place_ids: list[str], ctx: MapContext) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=t("layer.context", ctx.lang))
    for place_id in place_ids:
        location = ctx.location(place_id)
        if location is None:
            continue
        ring = _uncertainty_ring(ctx, place_id, location)
        if ring is not None:
            ring.add_to(group)
        place = ctx.places.loc[place_id]
        extra = [html_text(place["description"], 400)] if place["description"] else []
        icon = folium.DivIcon(
            html=f'<div class="atlas-context-mark"></div><div class="atlas-context-name">{html_text(place["name"])}</div>',
            icon_size=(10, 10), icon_anchor=(5, 5), class_name=f"atlas-context atlas-place-{place_id}{_minor(ctx, place_id)}",
        )
        folium.Marker(location, icon=icon, tooltip=folium.Tooltip(_place_tooltip(ctx, place_id, extra))).add_to(group)
    return group


def highlight_layer(place_id: str | None, ctx: MapContext) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name="Selected", control=False)
    location = ctx.location(place_id) if place_id else None
    if location is not None:
        folium.CircleMarker(location, radius=30, color=HIGHLIGHT, weight=4, dash_array="8 5", fill=False,
                            interactive=False, class_name=f"atlas-highlight atlas-place-{place_id}").add_to(group)
    return group
