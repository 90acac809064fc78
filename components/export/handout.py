"""The printable lesson handout: chapters with their questions, a small print map, the places and the sources."""

from __future__ import annotations

import html
import json
from datetime import date

import pandas as pd

from components.map.assets import STATIC_DIR
from components.model.context import MapContext
from components.model.escaping import safe_url
from components.model.formatting import format_date, format_day
from components.model.i18n import t, translated
from components.model.palette import INK, INK_MUTED, NOTES, PRINT_COAST, PRINT_INK, PRINT_SEA, SITE_FILL


def _svg_map(ctx: MapContext, place_ids: list[str]) -> str:
    """A small print map: the coast from the Natural Earth lines, and numbered places (equirectangular, Channel coast)."""
    west, east, south, north = 1.45, 2.55, 50.82, 51.12
    width, height = 640, round(640 * (north - south) / ((east - west) * 0.63))

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - west) / (east - west) * width, 1), round((north - lat) / (north - south) * height, 1)

    lines = []
    geo = json.loads((STATIC_DIR / "basemap" / "region-lines.geojson").read_text(encoding="utf-8"))
    for feature in geo["features"]:
        geometry = feature["geometry"]
        parts = geometry["coordinates"] if geometry["type"] == "MultiLineString" else [geometry["coordinates"]]
        for part in parts:
            if any(west - 0.3 < lon < east + 0.3 and south - 0.3 < lat < north + 0.3 for lon, lat in part):
                lines.append("M" + " L".join(f"{x},{y}" for x, y in (xy(lon, lat) for lon, lat in part)))
    marks = []
    for number, place_id in enumerate(place_ids, start=1):
        location = ctx.location(place_id)
        if location and west < location[1] < east and south < location[0] < north:
            x, y = xy(location[1], location[0])
            marks.append(f'<circle cx="{x}" cy="{y}" r="5" fill="{SITE_FILL}" stroke="{PRINT_INK}"/>'
                         f'<text x="{x + 7}" y="{y - 6}" font-size="13" font-family="sans-serif">{number}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="Map of the Channel coast">'
            f'<rect width="{width}" height="{height}" fill="{PRINT_SEA}"/><path d="{" ".join(lines)}" fill="none" stroke="{PRINT_COAST}" stroke-width="1"/>'
            + "".join(marks) + "</svg>")


def handout_html(chapters: pd.DataFrame, ctx: MapContext, lang: str, teacher: bool = False) -> str:
    """A printable lesson handout: chapters with their questions, a map and a list of places, the sources."""
    esc = html.escape
    rows = chapters.sort_values("chapter").to_dict("records")
    place_ids = list(dict.fromkeys(r["place_id"] for r in rows if r.get("place_id")))
    parts = [f"<h1>{esc(t('app.title', lang))}: {esc(t('lesson.handout', lang))}</h1>", f"<p>{esc(t('app.tagline', lang))}</p>"]
    for row in rows:
        place = ctx.place_name(row["place_id"]) if row.get("place_id") else ""
        parts.append(f'<section class="chapter"><h2>{row["chapter"]}. {esc(translated(row, "title", lang))}</h2>'
                     f'<p class="meta">{esc(format_day(date.fromisoformat(row["date"]), lang))}{" · " + esc(place) if place else ""}</p>'
                     f"<p>{esc(translated(row, 'narrative', lang))}</p>"
                     f'<p class="question"><b>{esc(t("lesson.question", lang))}</b> {esc(translated(row, "question", lang))}</p>'
                     + (f'<p class="notes"><b>{esc(t("lesson.notes", lang))}</b> {esc(translated(row, "teacher_notes", lang))}</p>' if teacher else "")
                     + f'<p class="source">{esc(t("source", lang))}: {esc(ctx.source_short(row["source_id"]))}</p></section>')
    parts.append(f"<h2>{esc(t('lesson.places', lang))}</h2>{_svg_map(ctx, place_ids)}<ol>")
    parts += [f"<li>{esc(ctx.place_name(pid))}</li>" for pid in place_ids]
    parts.append(f"</ol><h2>{esc(t('ui.sources', lang))}</h2><ul>")
    for source_id in dict.fromkeys(r["source_id"] for r in rows):
        row = ctx.sources.get(source_id, {})
        url = safe_url(row.get("url"))
        link = f' <a href="{esc(url)}">{esc(url)}</a>' if url else ""
        published = format_date(str(row.get("published") or ""), lang)
        parts.append(f"<li>{esc(str(row.get('publisher', '')))}: <i>{esc(str(row.get('title', source_id)))}</i> {esc(published)}{link}</li>")
    parts.append("</ul>")
    style = (f"body{{font:12pt/1.45 Georgia,serif;max-width:46em;margin:2em auto;color:{INK}}}h1{{font-size:20pt}}"
             f"h2{{font-size:14pt;margin-top:1.2em}}.meta,.source{{color:{INK_MUTED};font-size:10pt}}"
             f".question{{border-left:3px solid {SITE_FILL};padding-left:.6em}}.notes{{background:{NOTES};padding:.4em}}"
             f"@media print{{.chapter{{break-inside:avoid}}a{{color:{PRINT_INK}}}}}")
    return f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(t("app.title", lang))}</title><style>{style}</style></head><body>{"".join(parts)}</body></html>'
