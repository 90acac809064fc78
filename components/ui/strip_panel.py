"""The timeline strip under the slider (model/strip.py): a click on a mark is a transition of the view, like a button."""

from __future__ import annotations

from datetime import date

import streamlit as st

from calais_atlas.model import transitions as move
from calais_atlas.model.death_texts import credit_link
from calais_atlas.model.deaths import monthly_totals
from calais_atlas.model.filters import filter_events
from calais_atlas.model.formatting import format_count, format_day
from calais_atlas.model.i18n import t
from calais_atlas.model.shown import Prepared
from calais_atlas.model.strip import (
    MAX_MARKS,
    PICKS,
    Strip,
    StripLine,
    build_strip,
    death_months,
    population_line,
    strip_spec,
)
from calais_atlas.model.timeline import Span, window_bounds
from calais_atlas.model.view_state import AtlasState, Limits
from calais_atlas.ui import state
from calais_atlas.ui.vega import with_arrow_datasets

STRIP_KEY = "atlas-strip"

# The strip's height in px as Vega draws strip_spec at its default row heights, with the deaths row and without: a
# session's first page holds its place with a box this high (strip_held), and the box never shrinks below it (the
# page's CSS, STRIP_CSS), so that nothing under it moves when the strip arrives, nor while Streamlit loads Vega's code
# for the page's first chart (tests/browser/test_first_map*.py measure both). Presenting, the rows are lower and
# have no least height: it is the map that must fit.
DRAWN_HEIGHT = {True: 124, False: 114}
CHART_BOXES = {"deaths": DRAWN_HEIGHT[True], "plain": DRAWN_HEIGHT[False], "present": 0}  # key suffix: least height
STRIP_CSS = "".join(f".st-key-atlas-strip-chart-{name}{{gap:0;min-height:{height}px}}" for name, height in CHART_BOXES.items())


def _chart_box(deaths: bool, present: bool):
    """The container of the strip's chart, or of its held place."""
    return st.container(key=f"atlas-strip-chart-{'present' if present else 'deaths' if deaths else 'plain'}")


def _picked(strip: Strip, limits: Limits) -> None:
    """The mark just clicked, in either row: its date, and its place selected. A selection seen before is not news."""
    selection = (st.session_state.get(STRIP_KEY) or {}).get("selection", {})
    seen = state.session_value("strip_seen") or {}
    now = {pick: [row.get("i") for row in selection.get(pick) or []] for pick in PICKS}
    state.set_session_value("strip_seen", now)
    for pick in PICKS:
        if now[pick] and now[pick] != seen.get(pick):
            mark = strip.mark(pick, int(now[pick][0]))
            if mark:
                state.apply(move.go_to_event, mark.day, mark.place_id, limits)
            return


def _line(prepared: Prepared, site: str, last: date) -> tuple[StripLine, str]:
    """The selected site's head counts when it has any, else every site's together; and what the line is of."""
    counted = site if site and site in prepared.sites.figures else ""
    line = prepared.remembered(("strip-line", counted, last),
                               lambda: population_line(prepared.sites, counted, last, prepared.ctx.lang))
    return line, prepared.ctx.place_name(counted) if counted else t("strip.all_sites", prepared.ctx.lang)


def _deaths(prepared: Prepared, lang: str) -> list[dict]:
    """The deaths row's bars, one per month with incidents; none when the data records no deaths."""
    deaths = prepared.tables.get("deaths")
    if deaths is None or deaths.empty:
        return []
    return prepared.remembered(("strip-deaths", lang), lambda: death_months(monthly_totals(deaths), lang))


def strip_texts(prepared: Prepared, site: str, span: Span, lang: str) -> tuple[str, ...]:
    """The strip's explanation, for the time bar's "?"."""
    _, what = _line(prepared, site, span.last)
    texts = [t("strip.explain", lang, what=what)]
    if _deaths(prepared, lang):
        texts.append(t("strip.deaths_explain", lang))
    if len(prepared.tables["events"]) > MAX_MARKS:
        texts.append(t("strip.counted", lang, limit=MAX_MARKS))
    return tuple(texts)


def _credit(lang: str) -> str:
    """Whose counts the bars are, linked, as the licence asks: IOM's words, never markup."""
    return t("strip.deaths_credit", lang, credit=credit_link(lang))


def strip_held(prepared: Prepared, view: AtlasState) -> None:
    """The strip's place, kept empty until the first map is drawn (ui/atlas_page.py): Vega's first drawing of it would
    share the page's main thread with the map's."""
    lang = view.lang
    deaths = bool(_deaths(prepared, lang))
    with st.container(key="atlas-strip-box"):
        _chart_box(deaths, view.present).html(
            f'<div class="atlas-strip-held" style="height:{DRAWN_HEIGHT[deaths]}px" aria-hidden="true"></div>')
        if deaths:
            st.caption(_credit(lang))


def strip_panel(prepared: Prepared, span: Span, limits: Limits, view: AtlasState) -> None:
    lang = view.lang
    events = prepared.tables["events"]
    strip = prepared.remembered(("strip", lang, view.categories, span.first, span.last),
                                lambda: build_strip(filter_events(events, view.categories), span.first, span.last,
                                                    prepared.ctx.place_name, lang))
    line, what = _line(prepared, view.site, span.last)
    start, end = window_bounds(view.date, view.window, view.months)
    window = (span.first if view.window == "upto" else start.date(), end.date())
    deaths = _deaths(prepared, lang)
    if view.present:  # presenting: the map comes first
        heights = {"overview_height": 20, "focus_height": 30, "deaths_height": 16}
    else:  # the deaths row and its credit take their height from the other two rows: the map stays above the fold
        heights = {"overview_height": 24, "focus_height": 32} if deaths else {}
    spec = strip_spec(strip, line, view.date, window, (span.first, span.last), lang, deaths=deaths, **heights)
    alt = t("strip.alt", lang, first=format_day(span.first, lang), last=format_day(span.last, lang), what=what)
    if deaths:
        alt += t("strip.alt_deaths", lang, total=format_count(sum(row["y"] for row in deaths), lang))
    with st.container(key="atlas-strip-box"):
        _chart_box(bool(deaths), view.present).vega_lite_chart(
            with_arrow_datasets(spec), key=STRIP_KEY, on_select=lambda: _picked(strip, limits),
            selection_mode=list(PICKS), width="stretch", alt=alt)
        if deaths:
            st.caption(_credit(lang))
