"""The population chart as a plain Vega-Lite spec: figures are points shaped by qualifier, spans are bars,
ranges are vertical rules, and the slider's date is a dashed line. Behind them, as steps, what the map shows from day to
day (the strip's line, read from timeline's rule), so the chart says which figures the map uses and when.
Building a dict costs nothing per rerun; altair's schema validation of the same chart was slow (BENCHMARKS.md).
"""

from __future__ import annotations

import json
from datetime import date

import pandas as pd

from calais_atlas.data.schema import HEAD_COUNTS
from calais_atlas.model.chart_locale import date_axis_format, vega_locale
from calais_atlas.model.formatting import format_date, format_figure
from calais_atlas.model.i18n import t
from calais_atlas.model.palette import HIGHLIGHT, INK_MUTED

LEGEND_LABEL_LIMIT = 420  # px: Vega's default (160) cut "Le Monde (with AFP), republished by kelnews.fr"
QUALIFIER_SHAPES = {"exact": "circle", "about": "diamond", "over": "triangle-up", "under": "triangle-down", "planned": "square"}


def _iso(stamp: pd.Timestamp) -> str:
    return stamp.strftime("%Y-%m-%d")


def chart_rows(population: pd.DataFrame, source_short, place_id: str, lang: str) -> list[dict]:
    """Every figure of ``place_id``; ``source_short(source_id)`` names its source (MapContext.source_short)."""
    rows = []
    for figure in population[population["place_id"] == place_id].to_dict("records"):
        count_max = None if pd.isna(figure["count_max"]) else int(figure["count_max"])
        middle = figure["date_start"] + (figure["date_end"] - figure["date_start"]) / 2
        rows.append({
            "start": _iso(figure["date_start"]), "end": _iso(figure["date_end"]), "mid": _iso(middle),
            "count": int(figure["count"]), "top": count_max or int(figure["count"]), "qualifier": figure["qualifier"],
            "figure": format_figure(int(figure["count"]), figure["qualifier"], count_max, lang),
            "kind": t(f"what.{figure['what']}", lang) + ("" if figure["what"] in HEAD_COUNTS else " *"),
            "when": format_date(figure["date"], lang),
            "source": source_short(figure["source_id"]),
            "quote": str(figure.get("quote") or "")[:300],
        })
    return rows


def population_spec(rows: list[dict], shown: list[dict], at: date, lang: str) -> dict:
    """``rows`` from chart_rows; ``shown`` the steps the map shows (model/strip.StripLine.rows: x, y, y2)."""
    y = {"field": "count", "type": "quantitative", "title": t("col.population", lang)}
    axis = {"format": date_axis_format(lang)}
    steps_x = {"field": "x", "type": "temporal", "title": t("col.date", lang), "axis": axis}
    steps_y = {**y, "field": "y"}
    color = {"field": "source", "type": "nominal", "title": t("col.source", lang)}
    tooltip = [{"field": "figure", "title": "#"}, {"field": "kind", "title": " "},
               {"field": "when", "title": t("col.date", lang)},
               {"field": "source", "title": t("col.source", lang)}, {"field": "quote", "title": "“…”"}]
    # The rows and the date are named datasets: Streamlit sends those apart from the spec, and when only they change
    # (a slider step) the browser updates the drawn chart instead of embedding a new one, which held the map up.
    return {
        "height": 300,
        "datasets": {"figures": rows, "shown": shown, "now": [{"at": at.isoformat()}]},
        "data": {"name": "figures"},
        "layer": [
            {"data": {"name": "shown"},
             "mark": {"type": "area", "interpolate": "step-after", "color": INK_MUTED, "opacity": 0.12},
             "encoding": {"x": steps_x, "y": steps_y, "y2": {"field": "y2"}}},
            {"data": {"name": "shown"},
             "mark": {"type": "line", "interpolate": "step-after", "color": INK_MUTED, "strokeWidth": 1, "opacity": 0.6},
             "encoding": {"x": steps_x, "y": steps_y}},
            {"mark": {"type": "rule", "strokeWidth": 3, "opacity": 0.35},
             "encoding": {"x": {"field": "start", "type": "temporal"}, "x2": {"field": "end"}, "y": y, "color": color}},
            {"mark": {"type": "rule", "strokeWidth": 1.5},
             "encoding": {"x": {"field": "mid", "type": "temporal"}, "y": y, "y2": {"field": "top"}, "color": color}},
            {"mark": {"type": "point", "size": 110, "filled": True, "opacity": 0.9},
             "encoding": {"x": {"field": "mid", "type": "temporal", "title": t("col.date", lang), "axis": axis}, "y": y,
                          "color": color,
                          "shape": {"field": "qualifier", "type": "nominal", "title": t("col.qualifier", lang),
                                    "scale": {"domain": list(QUALIFIER_SHAPES), "range": list(QUALIFIER_SHAPES.values())},
                                    "legend": {"labelExpr": f"{_wordings(lang)}[datum.label]"}},
                          "tooltip": tooltip}},
            {"data": {"name": "now"},
             "mark": {"type": "rule", "color": HIGHLIGHT, "strokeDash": [6, 4], "strokeWidth": 2},
             "encoding": {"x": {"field": "at", "type": "temporal"}}},
        ],
        # Beside the plot, the second legend fell below the chart's height and was cut, and long source names were cut
        # at 160 px: under the plot, side by side, each legend in columns, whole. The locale: month names and 6 000 on
        # the axes in the page's language.
        "config": {"locale": vega_locale(lang),
                   "legend": {"orient": "bottom", "direction": "horizontal", "columns": 3, "labelLimit": LEGEND_LABEL_LIMIT,
                              "layout": {"bottom": {"anchor": "start", "direction": "vertical", "margin": 8}}}},
        "autosize": {"type": "fit-x", "contains": "padding"},  # the plot keeps its height; the legends add theirs
    }


def _wordings(lang: str) -> str:
    """The qualifier legend's labels, "exact", "environ", "plus de"…: a Vega object literal keyed by the data's values."""
    return json.dumps({qualifier: t(f"wording.{qualifier}", lang) for qualifier in QUALIFIER_SHAPES}, ensure_ascii=False)
