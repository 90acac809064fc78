"""The population chart as a Vega-Lite spec (altair): figures are points with their qualifiers, spans are bars."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from .formatting import format_date, format_figure
from .i18n import t
from .schema import HEAD_COUNTS

QUALIFIER_SHAPES = {"exact": "circle", "about": "diamond", "over": "triangle-up", "under": "triangle-down", "planned": "square"}


def chart_rows(population: pd.DataFrame, sources: pd.DataFrame, place_id: str, lang: str) -> pd.DataFrame:
    rows = population[population["place_id"] == place_id].copy()
    if rows.empty:
        return rows
    publishers = sources.set_index("source_id")["publisher"] if not sources.empty else pd.Series(dtype=str)
    rows["mid"] = rows["date_start"] + (rows["date_end"] - rows["date_start"]) / 2
    rows["top"] = rows["count_max"].fillna(rows["count"]).astype("int64")
    rows["count"] = rows["count"].astype("int64")
    rows["figure"] = [format_figure(c, q, None if pd.isna(m) else int(m), lang) for c, q, m in zip(rows["count"], rows["qualifier"], rows["count_max"])]
    rows["when"] = [format_date(text, lang) for text in rows["date"]]
    rows["kind"] = [t(f"what.{w}", lang) + ("" if w in HEAD_COUNTS else " *") for w in rows["what"]]
    rows["source"] = rows["source_id"].map(publishers).fillna(rows["source_id"])
    return rows[["mid", "date_start", "date_end", "count", "top", "qualifier", "figure", "when", "kind", "source", "quote"]]


def population_chart(rows: pd.DataFrame, at: date, lang: str) -> alt.LayerChart:
    y = alt.Y("count:Q", title=t("col.population", lang))
    tooltip = [alt.Tooltip("figure:N", title="#"), alt.Tooltip("when:N", title=t("col.date", lang)),
               alt.Tooltip("kind:N", title=""), alt.Tooltip("source:N", title=t("col.source", lang)),
               alt.Tooltip("quote:N", title="“…”")]
    base = alt.Chart(rows)
    spans = base.mark_rule(strokeWidth=3, opacity=0.35).encode(x="date_start:T", x2="date_end:T", y=y, color="source:N")
    ranges = base.mark_rule(strokeWidth=1.5).encode(x="mid:T", y="count:Q", y2="top:Q", color="source:N")
    points = base.mark_point(size=110, filled=True, opacity=0.9).encode(
        x=alt.X("mid:T", title=t("col.date", lang)), y=y, color=alt.Color("source:N", title=t("col.source", lang)),
        shape=alt.Shape("qualifier:N", scale=alt.Scale(domain=list(QUALIFIER_SHAPES), range=list(QUALIFIER_SHAPES.values()))),
        tooltip=tooltip,
    )
    today = alt.Chart(pd.DataFrame({"at": [pd.Timestamp(at)]})).mark_rule(color="#D55E00", strokeDash=[6, 4], strokeWidth=2).encode(x="at:T")
    return (spans + ranges + points + today).properties(height=300)
