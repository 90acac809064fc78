"""The one bridge between the view (an AtlasState, components/model/view_state.py) and Streamlit.

The view lives in session state under a key no widget owns. Streamlit drops a widget's key at the end of any run that
does not draw the widget: a number input hidden by the window mode, or every atlas widget while the viewer is on the
check page. So widgets are only windows on the view: each run starts by setting every widget key from the view, and
every widget's callback replaces the view through a named transition. The link is read on a session's first run and
on the browser's Back and Forward, and written on every run. Panels ask this module for the view; none reads
st.session_state or st.query_params for it.

Back and Forward: Streamlit's frontend pushes a browser history entry each time the server changes st.query_params
(pushState; the page script static/atlas/history.js makes the first write and Play's ticks replace instead), and on
popstate it reruns the whole script with the entry's query string, flagged as a history navigation. That run is the one
time after the first that the link, not the session, says what the view is: start() applies the entry's link, so the
date and the link agree and Back goes to the previous view. Any other run keeps the session's view, even when the
query string it carries is older (a click sent before the browser had the last link), and writes its own link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from calais_atlas.model import transitions as move
from calais_atlas.model.link import FOREIGN_PARAMS as STREAMLIT_PARAMS
from calais_atlas.model.link import Ignored, from_query, to_query
from calais_atlas.model.view_state import LAYERS, AtlasState, Limits

KEY_PREFIX = "atlas."  # every widget and session-state key of the atlas page starts with it
VIEW_KEY = KEY_PREFIX + "view_state"

# The widget that shows each field of the view; the layers have one checkbox each.
WIDGET_KEYS = {name: KEY_PREFIX + name
               for name in ("date", "window", "months", "site", "basemap", "lang", "present", "categories")}


def key(name: str) -> str:
    return KEY_PREFIX + name


def layer_key(layer: str) -> str:
    return key(f"layer.{layer}")


def _link() -> list[tuple[str, str]]:
    params = st.query_params
    return [(name, value) for name in params for value in params.get_all(name)]


def current() -> AtlasState:
    """The view. Before the atlas page has run in this session (the check page opened first), the link's own."""
    view = st.session_state.get(VIEW_KEY)
    if isinstance(view, AtlasState):
        return view
    lang = st.query_params.get("lang")
    return AtlasState(lang=lang) if lang in ("en", "fr") else AtlasState()


def lang() -> str:
    return current().lang


def has_view() -> bool:
    """Whether the atlas page has run in this session: before that, start() reads the view from the link."""
    return isinstance(st.session_state.get(VIEW_KEY), AtlasState)


def link() -> dict[str, str]:
    """The view's own link, as write_url() writes it (Streamlit's parameters aside)."""
    return to_query(current())


def _widget_values(view: AtlasState) -> dict[str, object]:
    """Each widget's key, and the value that shows ``view``."""
    values: dict[str, object] = {}
    for name, widget in WIDGET_KEYS.items():
        value = getattr(view, name)
        values[widget] = list(value) if isinstance(value, tuple) else value  # a multi-choice widget's value is a list
    for layer in LAYERS:
        values[layer_key(layer)] = layer in view.layers
    return values


def _store(view: AtlasState, before: AtlasState | None = None, own: str | None = None) -> None:
    """The view, and every widget set to show it.

    After a callback's transition (``before`` given), a widget other than the callback's ``own`` whose field the
    transition left alone keeps the value it has: changes made while a run was in progress arrive as one rerun, and
    each changed widget's callback, in turn, must read its own new value, not the view from before it ran. The next
    run's start() sets any widget still left apart."""
    st.session_state[VIEW_KEY] = view
    untouched = _widget_values(before) if before is not None else {}
    for widget, value in _widget_values(view).items():
        if widget != own and widget in untouched and untouched[widget] == value:
            continue
        if st.session_state.get(widget) != value:
            st.session_state[widget] = value


def _fit(view: AtlasState, limits: Limits) -> AtlasState:
    """The view kept as far as the data allows, after the files changed under a running session."""
    if limits.admits(view):
        return view
    fitted = replace(view, date=limits.clamp(view.date))
    if fitted.caption and limits.caption_places.get(fitted.caption) != fitted.site:
        fitted = replace(fitted, caption="")
    if fitted.site and fitted.site not in limits.place_ids:
        fitted = move.clear_site(fitted)
    if fitted.chapter and fitted.chapter not in limits.chapters:
        fitted = move.leave_lesson(fitted)
    return fitted


def history_navigation() -> bool:
    """True when this run answers the browser's Back or Forward (Streamlit marks the rerun it sends on popstate).

    Streamlit has no public accessor for the flag: it is read from the run's context, like fragment_rerun() the private
    uses of this module (pinned by tests/test_history_navigation.py), and any failure reads as an ordinary run.
    """
    ctx = get_script_run_ctx(suppress_warning=True)
    return bool(getattr(ctx, "is_history_navigation", False))


def fragment_rerun() -> bool:
    """True when this run is a fragment's alone (a slider step), not the whole page's. Read from the run's context like
    history_navigation(), and pinned by the same test."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return bool(getattr(ctx, "fragment_ids_this_run", None))


def start(limits: Limits) -> list[Ignored]:
    """Before any widget is drawn: the view (from the link on a session's first run, or on Back and Forward), and every
    widget set to it."""
    if has_view() and not history_navigation():
        view, ignored = _fit(current(), limits), []
    else:
        view, ignored = from_query(_link(), limits)
        # The entry's view as one step; playback stops there, or its next tick would leave the view Back returned to.
        set_session_value("playing", False)
    _store(view)
    return ignored


def write_url() -> None:
    """The link to the view, written once the run's callbacks have settled it; Streamlit's own parameters are kept."""
    wanted = link()
    params = st.query_params
    for name in list(params):
        if name not in wanted and name not in STREAMLIT_PARAMS:
            del params[name]
    for name, value in wanted.items():
        if params.get_all(name) != [value]:
            params[name] = value


def _apply(own: str | None, transition: Callable[..., AtlasState], *args) -> None:
    before = current()
    _store(transition(before, *args), before, own)


def apply(transition: Callable[..., AtlasState], *args) -> None:
    """A callback: the view after ``transition``, with the widgets it changed set to match before they are drawn."""
    _apply(None, transition, *args)


def on_widget(name: str, transition: Callable[..., AtlasState], *extra) -> Callable[[], None]:
    """The on_change of the widget that shows field ``name``: its new value goes through ``transition``, and the
    widget shows the result (a value the transition refused is put back)."""
    widget = WIDGET_KEYS[name]
    return lambda: _apply(widget, transition, st.session_state[widget], *extra)


def on_layer(layer: str) -> Callable[[], None]:
    widget = layer_key(layer)
    return lambda: _apply(widget, move.set_layer, layer, bool(st.session_state[widget]))


# Things of this session that are not part of the view (and not in the link): playback, paging, the chart's site.
def session_value(name: str, default=None):
    return st.session_state.get(key(name), default)


def set_session_value(name: str, value) -> None:
    st.session_state[key(name)] = value
