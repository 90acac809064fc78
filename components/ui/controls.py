"""Sidebar controls and the time bar. Every callback is a named transition of the view (components/ui/state.py)."""

from __future__ import annotations

import base64
import time
from datetime import date
from functools import cache

import pandas as pd
import streamlit as st

from calais_atlas.map.symbols import CATEGORY_SYMBOLS, svg
from calais_atlas.model import transitions as move
from calais_atlas.model.context import place_names
from calais_atlas.model.filters import CATEGORIES
from calais_atlas.model.formatting import format_day
from calais_atlas.model.i18n import LANGS, t
from calais_atlas.model.timeline import Span, window_bounds
from calais_atlas.model.view_state import BASEMAPS, LAYERS, MAX_MONTHS, WINDOW_MODES, Limits
from calais_atlas.ui import state
from calais_atlas.ui.dataset import derived

LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
SPEEDS = (1.0, 2.0, 4.0)
DEFAULT_SPEED = 2.0
SLIDER_FORMATS = {"en": "D MMMM YYYY", "fr": "DD/MM/YYYY"}  # Moment.js formats (Streamlit's slider); Moment speaks English


def sidebar(places: pd.DataFrame, lang: str) -> None:
    view = state.current()
    with st.sidebar:
        st.radio(t("ui.language", lang), LANGS, format_func=LANGUAGE_NAMES.get, key=state.WIDGET_KEYS["lang"], horizontal=True,
                 on_change=state.on_widget("lang", move.set_lang))
        st.subheader(t("ui.layers", lang))
        for layer in LAYERS:
            st.checkbox(t(f"layer.{layer}", lang), key=state.layer_key(layer), on_change=state.on_layer(layer))
        category_filter(lang, disabled="events" not in view.layers)
        st.radio(t("ui.basemap", lang), BASEMAPS, format_func=lambda name: t(f"basemap.{name}", lang),
                 key=state.WIDGET_KEYS["basemap"], on_change=state.on_widget("basemap", move.set_basemap))
        names = derived(places, f"place_names.{lang}", lambda: place_names(places, lang))
        options = ["", *names] + ([view.site] if view.site and view.site not in names else [])
        st.selectbox(t("ui.goto", lang), options, format_func=lambda pid: names.get(pid, pid) or t("ui.goto_none", lang),
                     key=state.WIDGET_KEYS["site"], on_change=state.on_widget("site", move.select_site))
        # One under the other: side by side, the sidebar's half width cut both labels.
        st.button(t("ui.show_all", lang), key=state.key("btn.all"), on_click=state.apply, args=(move.set_view, "all"),
                  width="stretch")
        st.button(t("ui.show_coast", lang), key=state.key("btn.coast"), on_click=state.apply, args=(move.set_view, "coast"),
                  width="stretch")
        st.radio(t("ui.window", lang), WINDOW_MODES, format_func=lambda mode: t(f"window.{mode}", lang),
                 key=state.WIDGET_KEYS["window"], on_change=state.on_widget("window", move.set_window))
        if view.window == "around":
            st.number_input(t("ui.months", lang), min_value=0, max_value=MAX_MONTHS, step=1, key=state.WIDGET_KEYS["months"],
                            on_change=state.on_widget("months", move.set_months))


@cache
def _symbol(category: str) -> str:
    """The legend's symbol of ``category`` as a Markdown image: a widget's label cannot hold inline SVG."""
    encoded = base64.b64encode(svg(CATEGORY_SYMBOLS[category], size=16).encode()).decode()
    return f"![](data:image/svg+xml;base64,{encoded})"


def category_filter(lang: str, disabled: bool = False) -> None:
    """The event categories shown, in the legend's order with its symbols. Nothing picked is every category."""
    st.pills(t("ui.categories", lang), CATEGORIES, selection_mode="multi", key=state.WIDGET_KEYS["categories"],
             format_func=lambda name: f"{_symbol(name)} {t(f'category.{name}', lang)}", help=t("ui.categories_help", lang),
             on_change=state.on_widget("categories", move.set_categories), disabled=disabled)


def _step(stops: tuple[date, ...], direction: int) -> None:
    before = state.current()
    state.apply(move.step_date, stops, direction)
    if direction > 0 and state.current() == before:
        state.set_session_value("playing", False)  # the last event: playback ends there


def _toggle_play() -> None:
    state.set_session_value("playing", not state.session_value("playing", False))
    state.set_session_value("last_tick", time.monotonic())


def _explanation(view, lang: str) -> str:
    start, end = window_bounds(view.date, view.window, view.months)
    if view.window == "upto":
        return t("ui.window_explain_upto", lang, date=format_day(view.date, lang))
    return t("ui.window_explain_around", lang, start=format_day(start.date(), lang), end=format_day(end.date(), lang),
             count=view.months, date=format_day(view.date, lang))


def time_bar(span: Span, limits: Limits, lang: str, more: tuple[str, ...] = ()) -> date:
    """One row of date controls over the slider: the explanation (and ``more`` of it) waits behind a small "?"."""
    view = state.current()
    playing = state.session_value("playing", False)
    with st.container(key="atlas-timebar"):
        cols = st.columns([1.0, 1.68, 0.84, 1.52, 1.4, 0.52], vertical_alignment="center", gap="small")
        # Not a heading: the page's next heading level is the captions' (### after the title would skip h2).
        cols[0].markdown(f'<p class="atlas-date">{format_day(view.date, lang)}</p>', unsafe_allow_html=True)
        cols[1].button(t("ui.prev", lang), key=state.key("btn.prev"), on_click=_step, args=(span.stops, -1), width="stretch")
        cols[2].button(t("ui.pause" if playing else "ui.play", lang), key=state.key("btn.play"), on_click=_toggle_play,
                       width="stretch", type="primary" if playing else "secondary")
        cols[3].button(t("ui.next", lang), key=state.key("btn.next"), on_click=_step, args=(span.stops, 1), width="stretch")
        # Its label is shown beside it (ui/style.py): "2 s" alone did not say what it set.
        cols[4].selectbox(t("ui.speed", lang), SPEEDS, index=SPEEDS.index(DEFAULT_SPEED), key=state.key("speed"),
                          format_func=lambda s: f"{s:g} s", persist_state="session")
        with cols[5].popover("?", help=t("ui.explain", lang), width="stretch"):
            st.markdown(" ".join((_explanation(view, lang), t("ui.population_rule", lang))))
            for paragraph in more:
                st.markdown(paragraph)
        # The date's words are the label above (.atlas-date); the slider's own texts, its ends and its value, are hidden
        # (ui/style.py), and what a screen reader hears is Moment's format, which has no French: the day, not ISO.
        st.slider(t("ui.date", lang), min_value=span.first, max_value=span.last, key=state.WIDGET_KEYS["date"],
                  format=SLIDER_FORMATS[lang], label_visibility="collapsed",
                  on_change=state.on_widget("date", move.set_date, limits))
    return view.date


def playback_interval() -> float | None:
    """Seconds between automatic reruns of the date fragment while playing; None when paused."""
    if not state.session_value("playing", False):
        return None
    return float(state.session_value("speed") or DEFAULT_SPEED)


def advance_playback(stops: tuple[date, ...], now: float | None = None) -> None:
    """While playing, each timed rerun moves the date to the next event; a rerun for any other reason does not."""
    seconds = playback_interval()
    if seconds is None:
        return
    now = time.monotonic() if now is None else now
    if now - state.session_value("last_tick", 0.0) < seconds * 0.9:
        return
    state.set_session_value("last_tick", now)
    _step(stops, 1)
