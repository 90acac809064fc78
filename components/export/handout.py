"""The printable lesson handout: each chapter with its map and its question, the places and the sources.

The page is templates/handout.html.j2, rendered by Jinja2 with autoescape: this module gathers plain values, and each
chapter's map as SVG markup from map/print_map.py, which escapes its own texts.
"""

from __future__ import annotations

from datetime import date

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from calais_atlas.map.feature_groups import layer_items
from calais_atlas.map.framing import frame_of_view
from calais_atlas.map.print_map import print_map_svg
from calais_atlas.model import palette
from calais_atlas.model.context import MapContext
from calais_atlas.model.formatting import format_date, format_day
from calais_atlas.model.i18n import t, translated
from calais_atlas.model.shown import Prepared
from calais_atlas.model.timeline import Span, data_span
from calais_atlas.model.view_state import AtlasState, Limits, chapter_state, limits_for

TEMPLATES = Environment(
    loader=PackageLoader("calais_atlas.export", "templates"),
    autoescape=select_autoescape(("html", "html.j2")),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def chapter_map(prepared: Prepared, row: dict, limits: Limits) -> str:
    """The chapter's map as the live map shows it when the chapter opens: its date, window, layers and framing, every
    event category, and the chapter's place ringed and named. Inline SVG markup, every text in it escaped."""
    ctx = prepared.ctx
    view = chapter_state(AtlasState(lang=ctx.lang), row, limits)
    shown = prepared.at(view.date, view.window, view.months)
    items = layer_items(ctx, shown.states, shown.event_records, shown.caption_records, list(view.layers), view.site,
                        shown.death_records)
    place = ctx.place_name(view.site) if view.site and ctx.location(view.site) else ""
    label = t("lesson.map_of", ctx.lang, n=view.chapter, day=format_day(view.date, ctx.lang))
    return print_map_svg(items, frame_of_view(ctx, view, prepared.death_points()), ctx, shown.states,
                         f"{label}{': ' + place if place else ''}", prefix=f"map{view.chapter}-")


def _chapter(row: dict, prepared: Prepared, limits: Limits) -> dict:
    ctx, lang = prepared.ctx, prepared.ctx.lang
    return {
        "number": int(row["chapter"]),
        "title": translated(row, "title", lang),
        "day": format_day(date.fromisoformat(row["date"]), lang),
        "place": ctx.place_name(row["place_id"]) if row.get("place_id") else "",
        "narrative": translated(row, "narrative", lang),
        "question": translated(row, "question", lang),
        "notes": translated(row, "teacher_notes", lang),
        "source": ctx.citation(row["source_id"]),
        "map": Markup(chapter_map(prepared, row, limits)),  # every text in it escaped by map/print_map.py
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
}


def _words(lang: str, teacher: bool, span: Span) -> dict[str, str]:
    # Written out, not looked up by the template: the catalogue test finds every key in use by reading t() calls.
    atlas = t("app.title", lang)
    return {
        "title": t("lesson.handout_teacher", lang, atlas=atlas) if teacher else t("lesson.handout", lang, atlas=atlas),
        "tagline": t("app.tagline", lang, first=span.first.year, last=span.last.year),
        "question": t("lesson.question", lang), "notes": t("lesson.notes", lang), "source": t("source", lang),
        "places": t("lesson.places", lang), "sources": t("ui.sources", lang),
    }


def handout_html(prepared: Prepared, teacher: bool = False) -> str:
    """A printable lesson handout in the data's language (``prepared``): each chapter with its map, its question (and,
    for the teacher, its notes), then the places and the sources."""
    ctx, lang = prepared.ctx, prepared.ctx.lang
    tables = prepared.tables
    span = data_span(tables)
    limits = limits_for(tables, span.first, span.last)
    rows = tables["chapters"].sort_values("chapter").to_dict("records")
    place_ids = list(dict.fromkeys(r["place_id"] for r in rows if r.get("place_id")))
    return TEMPLATES.get_template("handout.html.j2").render(
        lang=lang,
        words=_words(lang, teacher, span),
        colours=COLOURS,
        teacher=teacher,
        chapters=[_chapter(row, prepared, limits) for row in rows],
        places=[ctx.place_name(place_id) for place_id in place_ids],
        sources=[_source(source_id, ctx, lang) for source_id in dict.fromkeys(r["source_id"] for r in rows)],
    )
