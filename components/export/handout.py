"""The printable lesson handout: chapters with their questions, a small print map, the places and the sources.

The page is templates/handout.html.j2, rendered by Jinja2 with autoescape: this module only gathers plain values.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from components.map.assets import STATIC_DIR
from components.model import palette
from components.model.context import MapContext
from components.model.formatting import format_date, format_day
from components.model.i18n import t, translated

TEMPLATES = Environment(
    loader=PackageLoader("components.export", "templates"),
    autoescape=select_autoescape(("html", "html.j2")),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

# The print map: Wissant to beyond Dunkirk and Gravelines, Cap Gris-Nez to the Belgian border (degrees).
PRINT_WEST, PRINT_EAST, PRINT_SOUTH, PRINT_NORTH = 1.45, 2.55, 50.82, 51.12
PRINT_WIDTH = 640  # SVG units; the page scales it to its width
# Equirectangular: a degree of longitude is cos(latitude) of a degree of latitude, 0.63 on this coast.
LONGITUDE_SCALE = math.cos(math.radians((PRINT_SOUTH + PRINT_NORTH) / 2))
COAST_MARGIN = 0.3  # degrees: coast lines reaching this close to the box are drawn, and clipped by the viewBox
MARK_RADIUS, NUMBER_DX, NUMBER_DY = 5, 7, -6  # a place's dot, and where its number sits (up and to the right)


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    number: int


@dataclass(frozen=True)
class PrintMap:
    width: int
    height: int
    coast: str  # SVG path data
    marks: tuple[Mark, ...]
    mark_radius: int = MARK_RADIUS
    number_dx: int = NUMBER_DX
    number_dy: int = NUMBER_DY


def _xy(lon: float, lat: float, width: int, height: int) -> tuple[float, float]:
    x = (lon - PRINT_WEST) / (PRINT_EAST - PRINT_WEST) * width
    y = (PRINT_NORTH - lat) / (PRINT_NORTH - PRINT_SOUTH) * height
    return round(x, 1), round(y, 1)


def _near_box(lon: float, lat: float) -> bool:
    return (PRINT_WEST - COAST_MARGIN < lon < PRINT_EAST + COAST_MARGIN
            and PRINT_SOUTH - COAST_MARGIN < lat < PRINT_NORTH + COAST_MARGIN)


def print_map(ctx: MapContext, place_ids: list[str]) -> PrintMap:
    """A small print map: the coast from the Natural Earth lines, and the places numbered in lesson order."""
    width = PRINT_WIDTH
    height = round(width * (PRINT_NORTH - PRINT_SOUTH) / ((PRINT_EAST - PRINT_WEST) * LONGITUDE_SCALE))
    lines = []
    geo = json.loads((STATIC_DIR / "basemap" / "region-lines.geojson").read_text(encoding="utf-8"))
    for feature in geo["features"]:
        geometry = feature["geometry"]
        parts = geometry["coordinates"] if geometry["type"] == "MultiLineString" else [geometry["coordinates"]]
        for part in parts:
            if any(_near_box(lon, lat) for lon, lat in part):
                lines.append("M" + " L".join(f"{x},{y}" for x, y in (_xy(lon, lat, width, height) for lon, lat in part)))
    marks = []
    for number, place_id in enumerate(place_ids, start=1):
        location = ctx.location(place_id)
        if location and PRINT_WEST < location[1] < PRINT_EAST and PRINT_SOUTH < location[0] < PRINT_NORTH:
            marks.append(Mark(*_xy(location[1], location[0], width, height), number))
    return PrintMap(width, height, " ".join(lines), tuple(marks))


def _chapter(row: dict, ctx: MapContext, lang: str) -> dict:
    return {
        "number": int(row["chapter"]),
        "title": translated(row, "title", lang),
        "day": format_day(date.fromisoformat(row["date"]), lang),
        "place": ctx.place_name(row["place_id"]) if row.get("place_id") else "",
        "narrative": translated(row, "narrative", lang),
        "question": translated(row, "question", lang),
        "notes": translated(row, "teacher_notes", lang),
        "source": ctx.citation(row["source_id"]),
    }


def _source(source_id: str, ctx: MapContext, lang: str) -> dict:
    row = ctx.sources.get(source_id, {})
    return {
        "citation": ctx.citation(source_id),
        "published": format_date(str(row.get("published") or ""), lang),
        "url": ctx.citation_url(source_id),
    }


COLOURS = {
    "ink": palette.INK,
    "ink_muted": palette.INK_MUTED,
    "accent": palette.SITE_FILL,
    "notes": palette.NOTES,
    "print_ink": palette.PRINT_INK,
    "print_sea": palette.PRINT_SEA,
    "print_coast": palette.PRINT_COAST,
}


def _words(lang: str) -> dict[str, str]:
    # Written out, not looked up by the template: the catalogue test finds every key in use by reading t() calls.
    return {
        "title": t("app.title", lang), "tagline": t("app.tagline", lang), "handout": t("lesson.handout", lang),
        "question": t("lesson.question", lang), "notes": t("lesson.notes", lang), "source": t("source", lang),
        "places": t("lesson.places", lang), "map_label": t("lesson.map_label", lang), "sources": t("ui.sources", lang),
    }


def handout_html(chapters: pd.DataFrame, ctx: MapContext, lang: str, teacher: bool = False) -> str:
    """A printable lesson handout: chapters with their questions, a map and a list of places, the sources."""
    rows = chapters.sort_values("chapter").to_dict("records")
    place_ids = list(dict.fromkeys(r["place_id"] for r in rows if r.get("place_id")))
    return TEMPLATES.get_template("handout.html.j2").render(
        lang=lang,
        words=_words(lang),
        colours=COLOURS,
        teacher=teacher,
        chapters=[_chapter(row, ctx, lang) for row in rows],
        map=print_map(ctx, place_ids),
        places=[ctx.place_name(place_id) for place_id in place_ids],
        sources=[_source(source_id, ctx, lang) for source_id in dict.fromkeys(r["source_id"] for r in rows)],
    )
