"""What the atlas page draws under and beside the map once the first map is out (ui/atlas_page.py): the downloads,
the lesson or the presented chapter's text, the captions, and the tabs. A session's first run never imports it, so
its modules (the exports' templates, the printed map, the charts) do not hold up the first map either."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calais_atlas.map.layers import events_grouped
from calais_atlas.model.i18n import t
from calais_atlas.model.shown import Prepared, Shown
from calais_atlas.model.view_state import Limits
from calais_atlas.ui import state
from calais_atlas.ui.captions import captions_panel
from calais_atlas.ui.export_panel import export_panel
from calais_atlas.ui.lesson import lesson_panel, presentation_text
from calais_atlas.ui.map_panel import frame
from calais_atlas.ui.tabs import chart_panel, sources_panel, text_view


def under_and_beside(prepared: Prepared, chapters: pd.DataFrame, limits: Limits, shown: Shown,
                     items: dict[str, list[dict]], columns: tuple, on_projector: bool) -> None:
    """``columns``: the map's column and the one beside it."""
    view = state.current()
    lang, ctx, at = view.lang, prepared.ctx, view.date
    left, right = columns
    with left:
        if events_grouped(shown.event_records):
            st.caption(t("ui.grouped", lang, count=len(shown.event_records)))
        # Right under the map, in the fragment: a download is of the date shown, which the sidebar (drawn by the full
        # run only) would not follow.
        export_panel(shown, prepared, items, frame(ctx, prepared.death_points()), lang, view.categories)
    with right:
        if on_projector:
            presentation_text(chapters, limits, ctx.place_name, lang)
        else:
            lesson_panel(chapters, limits, ctx.place_name, lang)
        captions_panel(shown.caption_records, ctx, lang)

    # Lazy tabs: only the open one is rendered. A chart re-embedded on every slider step would hold up
    # the map, whose iframe shares the page's main thread.
    chart_tab, text_tab, sources_tab = st.tabs([t("ui.population", lang), t("ui.textview", lang), t("ui.sources", lang)],
                                               key=state.key("tab"), on_change="rerun")
    if chart_tab.open:
        with chart_tab:
            chart_panel(prepared, shown.states, at, lang)
    if text_tab.open:
        with text_tab:
            text_view(shown.states, shown.events, shown.captions, ctx, at, lang, view.categories, shown.deaths)
    if sources_tab.open:
        with sources_tab:
            sources_panel(prepared.tables, ctx, lang)
