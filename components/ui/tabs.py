"""Below the map: population chart, text view of what the map shows, and the sources."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from calais_atlas.model.context import MapContext, texts
from calais_atlas.model.death_texts import count_text, credit_link, text_of
from calais_atlas.model.escaping import markdown_text
from calais_atlas.model.formatting import cut_text, format_date, format_day
from calais_atlas.model.i18n import t
from calais_atlas.model.population_chart import chart_rows, population_spec
from calais_atlas.model.shown import Prepared
from calais_atlas.model.strip import population_line
from calais_atlas.model.summaries import site_summary
from calais_atlas.model.timeline import SiteState
from calais_atlas.ui import state
from calais_atlas.ui.captions import source_link
from calais_atlas.ui.export_panel import data_download_button
from calais_atlas.ui.vega import with_arrow_datasets

TEXT_ROWS = 300


def chart_panel(prepared: Prepared, states: dict[str, SiteState], at: date, lang: str) -> None:
    """The figures of one site, and the steps the map shows (the strip's line); both kept per data, not per date."""
    population, ctx = prepared.tables["population"], prepared.ctx
    with_figures = set(population["place_id"])
    counted = [pid for pid in states if pid in with_figures]
    if not counted:
        st.info(t("ui.no_population", lang))
        return
    selected = state.current().site
    default = selected if selected in counted else ("calais-jungle" if "calais-jungle" in counted else counted[0])
    if state.session_value("chart_site") not in counted:
        state.set_session_value("chart_site", default)
    place_id = st.selectbox(t("ui.population_site", lang), counted, format_func=ctx.place_name, key=state.key("chart_site"))
    rows = prepared.remembered(("chart", place_id, lang), lambda: chart_rows(population, ctx.source_short, place_id, lang))
    shown = prepared.remembered(("chart-steps", place_id, lang),
                                lambda: population_line(prepared.sites, place_id, date.max, lang))
    spec = population_spec(rows, shown.rows, at, lang)
    st.vega_lite_chart(with_arrow_datasets(spec), width="stretch", key="atlas-population-chart")


def text_view(states: dict[str, SiteState], events: pd.DataFrame, captions: pd.DataFrame, ctx: MapContext, at: date,
              lang: str, categories: tuple[str, ...] = (), deaths: pd.DataFrame | None = None) -> None:
    """The map as tables: readable by a screen reader and by keyboard, following the slider.

    ``events`` are those the category filter shows; ``categories`` (() for all) is said above them. ``deaths`` are the
    IOM's incidents in the same window, with their credit. st.table reads every cell as Markdown, so each text from
    the data is escaped (markdown_text): a link or an image written in a CSV is shown as written, never drawn.
    """
    st.markdown(f"#### {t('text.sites', lang, date=format_day(at, lang))}")
    sites = []
    for place_id, site in states.items():
        figure, detail = site_summary(site, ctx)
        sites.append({t("col.site", lang): markdown_text(ctx.place_name(place_id)),
                      t("col.population", lang): markdown_text(figure), t("col.figure_date", lang): markdown_text(detail)})
    st.table(pd.DataFrame(sites))
    st.markdown(f"#### {t('text.events', lang, n=len(events))}")
    if categories:
        st.caption(t("ui.categories_shown", lang, names=", ".join(t(f"category.{name}", lang) for name in categories)))
    if not events.empty:
        shown = events.head(TEXT_ROWS)
        st.table(pd.DataFrame({
            t("col.date", lang): [format_date(d, lang) for d in shown["date"]],
            t("col.place", lang): [markdown_text(ctx.place_name(p)) for p in shown["place_id"]],
            t("col.category", lang): [t(f"category.{c}", lang) for c in shown["category"]],
            t("col.event", lang): [markdown_text(cut_text(title, 300, lang)) for title in texts(shown, "title", lang)],
            t("col.source", lang): [markdown_text(ctx.citation(s)) for s in shown["source_id"]],
        }))
    st.markdown(f"#### {t('text.captions', lang, n=len(captions))}")
    if not captions.empty:
        shown = captions.head(TEXT_ROWS)
        st.table(pd.DataFrame({
            t("col.date", lang): [format_date(d, lang) for d in shown["date"]],
            t("col.place", lang): [markdown_text(ctx.place_name(p)) for p in shown["place_id"]],
            t("col.caption", lang): [markdown_text(cut_text(x, 400, lang)) for x in shown["text"]],
        }))
    if deaths is not None:
        deaths_table(deaths, lang)


def deaths_table(deaths: pd.DataFrame, lang: str) -> None:
    """The IOM's incidents in the window: the counts as IOM gives them ("unknown", never 0), its words for the place
    and the cause, its id, and the credit, linked."""
    st.markdown(f"#### {t('text.deaths', lang, n=len(deaths))}")
    before, after = t("death.credit", lang, credit="\0").split("\0")  # the link goes where the message puts it
    st.caption(f"{markdown_text(before)}{credit_link(lang)}{markdown_text(after)}")
    if deaths.empty:
        return
    rows = deaths.head(TEXT_ROWS).to_dict("records")
    st.table(pd.DataFrame({
        t("col.date", lang): [format_date(text_of(row, "date"), lang) for row in rows],
        t("death.place", lang): [markdown_text(cut_text(text_of(row, "location"), 300, lang)) for row in rows],
        t("death.dead", lang): [count_text(row.get("dead"), lang) for row in rows],
        t("death.missing", lang): [count_text(row.get("missing"), lang) for row in rows],
        t("death.survivors", lang): [count_text(row.get("survivors"), lang) for row in rows],
        t("death.cause", lang): [markdown_text(cut_text(text_of(row, "cause"), 300, lang)) for row in rows],
        t("death.id", lang): [markdown_text(text_of(row, "iom_id")) for row in rows],
    }))


def sources_panel(tables: dict[str, pd.DataFrame], ctx: MapContext, lang: str) -> None:
    cited = set()
    for name in ("places", "events", "population", "captions"):
        frame = tables.get(name)
        if frame is not None and "source_id" in frame:
            cited |= set(frame["source_id"]) - {""}
    lines = []
    for source_id in sorted(cited, key=lambda s: str(ctx.sources.get(s, {}).get("published", ""))):
        row = ctx.sources.get(source_id)
        if row is None:
            continue
        bits = [source_link(ctx, source_id)]
        if row["author"]:
            bits.append(markdown_text(row["author"]))
        if row["published"]:
            bits.append(markdown_text(t("ui.published", lang, date=format_date(row["published"], lang))))
        bits.append(f"`{source_id}`")
        lines.append("- " + " · ".join(bits))
    st.markdown("\n".join(lines))
    data_download_button(lang, "sources-download-data")
    st.caption(t("export.data_licence", lang))
