"""The atlas page, composed from the panels. Reads the data, then the URL, then draws."""

from __future__ import annotations

import streamlit as st

from components.map.feature_groups import feature_groups
from components.map.layers import events_grouped
from components.model.escaping import markdown_text
from components.model.i18n import t
from components.model.link import Ignored
from components.model.shown import shown_at
from components.model.timeline import data_span
from components.model.view_state import limits_for
from components.ui import state
from components.ui.captions import captions_panel
from components.ui.controls import sidebar, time_bar
from components.ui.dataset import current_dataset
from components.ui.export_panel import export_panel
from components.ui.lesson import lesson_panel, presentation_style, start_button
from components.ui.map_panel import focus, legend_strip, map_panel
from components.ui.problems_panel import problems_panel
from components.ui.style import apply_style
from components.ui.tabs import chart_panel, sources_panel, text_view


def _notice(ignored: list[Ignored], lang: str) -> str:
    items = ", ".join(f"{item.name}={item.value} ({t('url.' + item.reason, lang)})" for item in ignored)
    return markdown_text(t("ui.url_ignored", lang, items=items))


def render() -> None:
    dataset = current_dataset()
    tables = dataset.tables
    places, population = tables["places"], tables["population"]
    span = data_span(tables)
    chapters = tables["chapters"]
    limits = limits_for(tables, span.first, span.last)
    ignored = state.start(limits)
    view = state.current()
    lang = view.lang
    # Widget values and callbacks are applied before the script runs, so the view is final here. Writing the URL now,
    # not at the end, keeps it right even when a newer rerun interrupts this one.
    state.write_url()

    apply_style()
    presentation_style()
    st.title(t("app.title", lang))
    st.caption(t("app.tagline", lang))
    if ignored:
        st.info(_notice(ignored, lang))
    problems_panel(dataset, lang)
    with st.sidebar:
        start_button(chapters, limits, lang)
    sidebar(places, lang)
    at = time_bar(span, limits, lang)

    shown = shown_at(tables, at, view.window, view.months, lang)
    ctx, states, events, captions = shown.ctx, shown.states, shown.events, shown.captions

    def build_groups():
        return feature_groups(ctx, states, events, captions, list(view.layers), view.site)

    in_lesson = bool(view.chapter)
    left, right = st.columns([1.7, 1] if in_lesson else [2.6, 1], gap="small")  # a lesson's text sits beside the map
    with left:
        map_panel(ctx, build_groups(), basemap=view.basemap, height=760 if view.present else 600)
        if events_grouped(events):
            st.caption(t("ui.grouped", lang, count=len(events)))
        legend_strip(lang)
    with right:
        lesson_panel(chapters, limits, ctx.place_name, lang)
        captions_panel(captions, ctx, lang)

    # Lazy tabs: only the open one is rendered. A chart re-embedded on every slider step would hold up
    # the map, whose iframe shares the page's main thread.
    chart_tab, text_tab, sources_tab = st.tabs([t("ui.population", lang), t("ui.textview", lang), t("ui.sources", lang)],
                                               key=state.key("tab"), on_change="rerun")
    if chart_tab.open:
        with chart_tab:
            chart_panel(population, states, ctx, at, lang)
    if text_tab.open:
        with text_tab:
            text_view(states, events, captions, ctx, at, lang)
    if sources_tab.open:
        with sources_tab:
            sources_panel(tables, ctx, lang)
    export_panel(ctx, at, states, events, captions, chapters, build_groups, focus(ctx), lang)
