"""The atlas page, composed from the panels. Reads the data, then the URL, then draws.

A session's first run draws the title, the time bar and the map, and holds back the rest (the strip, the captions or
the lesson, the downloads, the tabs, the sidebar's widgets): the browser's first drawing of them would share its main
thread with the first map's (tests/bench: 0.5 s of the first map on this machine). The strip's place is kept, so the
map does not move. The map's `drawn` message (static/atlas/PROTOCOL.md), or whatever the viewer does first, starts the
next run, which draws the whole page.

What the date drives (the time bar, the map, the captions, the tabs, the downloads) is one fragment: a slider step,
Previous/Next and playback rerun only that, with what does not depend on the date prepared once by the full run.
Anything else a step changes (a site picked on the map, a caption chosen) reruns the whole page, so the sidebar and
the lesson never show a stale view.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
import streamlit as st

from calais_atlas.map.feature_groups import layer_items
from calais_atlas.model.escaping import literal
from calais_atlas.model.filters import stops_for
from calais_atlas.model.i18n import t
from calais_atlas.model.link import Ignored
from calais_atlas.model.shown import Prepared
from calais_atlas.model.timeline import Span
from calais_atlas.model.view_state import AtlasState, Limits
from calais_atlas.ui import state
from calais_atlas.ui.controls import advance_playback, playback_interval, sidebar, time_bar
from calais_atlas.ui.dataset import current_basis, current_prepared, data_key, warm_search
from calais_atlas.ui.lesson import presentation_bar, presentation_style, presenting, start_button
from calais_atlas.ui.map_panel import map_panel
from calais_atlas.ui.navigation import check_page
from calais_atlas.ui.page_scripts import history_script
from calais_atlas.ui.problems_panel import data_notice
from calais_atlas.ui.search_panel import search_panel
from calais_atlas.ui.strip_panel import strip_held, strip_panel, strip_texts
from calais_atlas.ui.style import apply_style

STEP_FRAGMENT = "atlas.step"
DRAWN_KEY = "atlas.drawn"  # the view and playback the last full run drew, without the date, and whether it held back


@dataclass(frozen=True, eq=False)
class PageData:
    """Handed by the full run to the fragment, which reruns with it as long as the page is not redrawn."""

    prepared: Prepared
    span: Span
    limits: Limits
    chapters: pd.DataFrame
    held: bool  # drawn by a session's first run, which holds back all but the map


NOTICE_KEY = "link_notice"  # session value: what the link asked for that was not applied, and the view it opened
NOTICE_ITEMS = 5  # a link with thousands of bad parts gets a notice of a few lines, not of thousands


def _notice(ignored: list[Ignored], lang: str) -> str:
    """What the link asked for that was not applied; the link's own text (names, values) shown as text, never markup."""
    items = [f"{literal(f'{item.name}={item.value}')} ({t('url.' + item.reason, lang)})" for item in ignored[:NOTICE_ITEMS]]
    if len(ignored) > NOTICE_ITEMS:
        items.append(t("ui.url_more", lang, count=len(ignored) - NOTICE_ITEMS))
    return t("ui.url_ignored", lang, items=", ".join(items))


def _drawn(view: AtlasState, held: bool) -> tuple:
    return replace(view, date=view.date.min), bool(state.session_value("playing", False)), held


def render() -> None:
    key = data_key()
    basis = current_basis(key)  # found once per data, shared by every session
    dataset, span, limits = basis.dataset, basis.span, basis.limits
    tables = dataset.tables
    chapters = tables["chapters"]
    opening = not state.has_view()
    ignored = state.start(limits)
    view = state.current()
    lang = view.lang
    # Before the fragment writes the link: the history script must be in the page when the first link arrives.
    history_script(state.link() if opening else None, playing=bool(state.session_value("playing", False)))

    apply_style()
    presentation_style(chapters)
    with st.container(key="atlas-head"):  # the title and its line side by side: the map starts higher
        title, tagline = st.columns([1, 3.2], vertical_alignment="center")
        title.title(t("app.title", lang))
        tagline.caption(t("app.tagline", lang, first=span.first.year, last=span.last.year))
    if ignored:  # said until the view is no longer the link's: the run after a first one draws the page again
        state.set_session_value(NOTICE_KEY, (ignored, view))
    said = state.session_value(NOTICE_KEY)
    if said and said[1] == view:
        st.info(_notice(said[0], lang))
    data_notice(dataset, lang, check_page(lang))
    prepared = current_prepared(lang, key)
    st.session_state[DRAWN_KEY] = _drawn(view, opening)
    page = PageData(prepared, span, limits, chapters, opening)
    st.fragment(_date_driven, run_every=playback_interval(), key=STEP_FRAGMENT)(page)
    if opening:  # the next run, whatever starts it, is a full one (see _date_driven) and draws the rest
        return
    with st.sidebar:
        search_panel(prepared, limits, key, lang)
        start_button(chapters, limits, lang)
    sidebar(tables["places"], lang)
    warm_search(lang, key)


def _stops(page: PageData, categories: tuple[str, ...]) -> tuple[date, ...]:
    """Where Previous/Next and Play stop: the dates of the events the filter shows, found once per filter."""
    if not categories:
        return page.span.stops
    return page.prepared.remembered(("stops", categories), lambda: stops_for(page.prepared.tables["events"], categories))


def _date_driven(page: PageData) -> None:
    span = replace(page.span, stops=_stops(page, state.current().categories))
    advance_playback(span.stops)
    view = state.current()
    held = page.held and not state.fragment_rerun()
    if st.session_state.get(DRAWN_KEY) != _drawn(view, held):
        st.rerun()  # something besides the date changed, or the page was held back: the sidebar and the rest follow
    # Widget values and callbacks are applied before the script runs, so the view is final here. Writing the URL now,
    # not at the end, keeps it right even when a newer rerun interrupts this one.
    state.write_url()
    lang, ctx = view.lang, page.prepared.ctx
    # The time bar and the strip sit above the map but are drawn after it: the browser applies a step's elements in
    # the order they are sent, and the map is what a viewer waits for. The date is already final (see above).
    on_projector = presenting(page.chapters)
    if on_projector:
        presentation_bar(page.chapters, page.limits, lang)
    bar = st.container()
    at = view.date
    shown = page.prepared.at(at, view.window, view.months, view.categories)
    states = shown.states  # the rows as frames (shown.events...) are made only for the text view and a download

    in_lesson = bool(view.chapter)
    # A lesson's text sits beside the map; the captions go under it on narrow screens (ui/style.py NARROW). Presenting,
    # the two share the first screen at every width (ui/lesson.py PRESENT_CSS).
    box = "atlas-present-cols" if on_projector else "atlas-lessoncols" if in_lesson else "atlas-mapcols"
    with st.container(key=box):
        left, right = st.columns([11, 9] if on_projector else [2, 1] if in_lesson else [3, 1], gap="small")
    with left:
        items = layer_items(ctx, states, shown.event_records, shown.caption_records, list(view.layers), view.site,
                            shown.death_records)
        # Presenting, the page's CSS sizes the map to the first screen (ui/lesson.py); 560 is its size at 1280×720.
        map_panel(ctx, items, site=view.site, basemap=view.basemap, height=560 if on_projector else 600,
                  points=page.prepared.death_points(), sites=states)
    with bar:
        time_bar(span, page.limits, lang, strip_texts(page.prepared, view.site, page.span, lang))
        if held and not on_projector:
            strip_held(page.prepared, view)
        elif not on_projector:  # a projector's first screen is the chapter's: its date is in the time bar and the text
            strip_panel(page.prepared, page.span, page.limits, view)  # the date-free marks are kept; only the rule moves
    if held:
        return
    from calais_atlas.ui.page_rest import under_and_beside  # its modules (exports, tabs) load after the first map

    under_and_beside(page.prepared, page.chapters, page.limits, shown, items, (left, right), on_projector)
