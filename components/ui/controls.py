"""Sidebar controls and the time bar. Callbacks change state before the next run, never after a widget exists."""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from datetime import date

import pandas as pd
import streamlit as st

from components.map.basemap import BASEMAPS
from components.model.formatting import format_day
from components.model.i18n import LANGS, t
from components.model.timeline import WINDOW_MODES, Span, window_bounds
from components.ui import state
from components.ui.state import LAYERS, key

LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
SPEEDS = (1.0, 2.0, 4.0)


def _choose_site() -> None:
    state.put("caption", "")
    state.put("view", "site" if state.get("site") else "coast")


def _set_view(view: str) -> None:
    state.put("view", view)


def sidebar(places: pd.DataFrame, lang: str) -> None:
    with st.sidebar:
        st.radio(t("ui.language", lang), LANGS, format_func=LANGUAGE_NAMES.get, key=key("lang"), horizontal=True)
        st.subheader(t("ui.layers", lang))
        for layer in LAYERS:
            st.checkbox(t(f"layer.{layer}", lang), key=key(f"layer.{layer}"))
        st.radio(t("ui.basemap", lang), BASEMAPS, format_func=lambda name: t(f"basemap.{name}", lang), key=key("basemap"))
        located = places.dropna(subset=["lat", "lon"]).sort_values("name")
        names = dict(zip(located["place_id"], located["name"], strict=True))
        st.selectbox(t("ui.goto", lang), ["", *names], format_func=lambda pid: names.get(pid, t("ui.goto_none", lang)),
                     key=key("site"), on_change=_choose_site)
        left, right = st.columns(2)
        left.button(t("ui.show_all", lang), key=key("btn.all"), on_click=_set_view, args=("all",), width="stretch")
        right.button(t("ui.show_coast", lang), key=key("btn.coast"), on_click=_set_view, args=("coast",), width="stretch")
        st.radio(t("ui.window", lang), WINDOW_MODES, format_func=lambda mode: t(f"window.{mode}", lang), key=key("window"))
        if state.get("window") == "around":
            st.number_input(t("ui.months", lang), min_value=0, max_value=120, step=1, key=key("months"))


def _step(stops: tuple[date, ...], direction: int) -> None:
    current = state.get("date")
    if direction > 0:
        index = bisect_right(stops, current)
        target = stops[index] if index < len(stops) else None
    else:
        index = bisect_left(stops, current) - 1
        target = stops[index] if index >= 0 else None
    if target is not None:
        state.put("date", target)
    elif direction > 0:
        state.put("playing", False)


def _toggle_play() -> None:
    state.put("playing", not state.get("playing"))
    state.put("last_tick", time.monotonic())


def time_bar(span: Span, lang: str) -> date:
    st.slider(t("ui.date", lang), min_value=span.first, max_value=span.last, key=key("date"), format="YYYY-MM-DD")
    at = state.get("date")
    playing = state.get("playing")
    cols = st.columns([1.3, 1, 1.3, 0.9, 2.2], vertical_alignment="center")
    cols[0].button(t("ui.prev", lang), key=key("btn.prev"), on_click=_step, args=(span.stops, -1), width="stretch")
    cols[1].button(t("ui.pause" if playing else "ui.play", lang), key=key("btn.play"), on_click=_toggle_play, width="stretch",
                   type="primary" if playing else "secondary")
    cols[2].button(t("ui.next", lang), key=key("btn.next"), on_click=_step, args=(span.stops, 1), width="stretch")
    cols[3].selectbox(t("ui.speed", lang), SPEEDS, key=key("speed"), label_visibility="collapsed",
                      format_func=lambda s: f"{s:g} s")
    cols[4].markdown(f"### {format_day(at, lang)}")
    mode, months = state.get("window"), state.get("months")
    start, end = window_bounds(at, mode, months)
    if mode == "upto":
        explain = t("ui.window_explain_upto", lang, date=format_day(at, lang))
    else:
        explain = t("ui.window_explain_around", lang, start=format_day(start.date(), lang), end=format_day(end.date(), lang),
                    count=months, date=format_day(at, lang))
    st.caption(f"{explain} {t('ui.population_rule', lang)}")
    if playing:
        _ticker(span.stops)
    return at


def _ticker(stops: tuple[date, ...]) -> None:
    """While playing, a fragment wakes up and moves the date to the next event, then reruns the page."""
    seconds = float(state.get("speed") or 2.0)

    @st.fragment(run_every=seconds)
    def tick() -> None:
        if time.monotonic() - state.get("last_tick", 0.0) < seconds * 0.9:
            return
        state.put("last_tick", time.monotonic())
        _step(stops, 1)
        st.rerun()

    tick()
