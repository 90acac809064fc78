"""Session state for the atlas page: defaults, the URL query string in and out.

Every widget has a key under "atlas."; the URL is read once per session and written on every run,
so a copied link reopens the same date, site, window and layers.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from components.data.schema import LAYER_NAMES
from components.map.basemap import BASEMAPS
from components.model.i18n import LANGS
from components.model.timeline import DEFAULT_WINDOW, WINDOW_MODES

LAYERS = tuple(name for name, _ in LAYER_NAMES)  # the layer names chapters.csv may use, in drawing-control order
DEFAULT_DATE = date(2016, 1, 20)  # the day Sessini photographed both the Jungle and Grande-Synthe
KEY_PREFIX = "atlas."  # every widget and session-state key of the atlas page starts with it


def key(name: str) -> str:
    return KEY_PREFIX + name


def _get(name: str, default=None):
    return st.session_state.get(key(name), default)


def _parse_date(text: str, first: date, last: date) -> date | None:
    try:
        value = date.fromisoformat(text)
    except ValueError:
        return None
    return value if first <= value <= last else None


def init_state(first: date, last: date, place_ids: set[str], caption_ids: set[str],
               chapter_ids: set[int] | None = None) -> list[str]:
    """Set defaults, overridden by the URL on a session's first run. Returns the URL items that were ignored."""
    if st.session_state.get(key("ready")):
        return []
    params = st.query_params
    ignored: list[str] = []

    def take(name: str, valid) -> str | None:
        raw = params.get(name)
        if raw is None:
            return None
        if valid(raw):
            return raw
        ignored.append(f"{name}={raw}")
        return None

    requested = take("date", lambda raw: _parse_date(raw, first, last) is not None)
    default_day = min(max(DEFAULT_DATE, first), last)
    st.session_state[key("date")] = _parse_date(requested, first, last) if requested else default_day
    st.session_state[key("window")] = take("window", lambda raw: raw in WINDOW_MODES) or DEFAULT_WINDOW[0]
    months = take("months", lambda raw: raw.isdigit() and 0 <= int(raw) <= 120)
    st.session_state[key("months")] = int(months) if months else DEFAULT_WINDOW[1]
    layers = take("layers", lambda raw: all(part in LAYERS for part in raw.split(",") if part))
    chosen = set(layers.split(",")) if layers is not None else set(LAYERS)
    for layer in LAYERS:
        st.session_state[key(f"layer.{layer}")] = layer in chosen
    st.session_state[key("basemap")] = take("basemap", lambda raw: raw in BASEMAPS) or "offline"
    st.session_state[key("lang")] = take("lang", lambda raw: raw in LANGS) or "en"
    st.session_state[key("site")] = take("site", lambda raw: raw in place_ids) or ""
    st.session_state[key("caption")] = take("caption", lambda raw: raw in caption_ids) or ""
    default_view = "site" if st.session_state[key("site")] else "coast"
    st.session_state[key("view")] = take("view", lambda raw: raw in ("coast", "all", "site")) or default_view
    st.session_state[key("playing")] = False
    st.session_state[key("speed")] = 2.0
    chapter = take("chapter", lambda raw: raw.isdigit() and int(raw) in (chapter_ids or set()))
    st.session_state[key("chapter")] = int(chapter) if chapter else 0
    st.session_state[key("present")] = take("present", lambda raw: raw in ("0", "1")) == "1"
    st.session_state[key("teacher")] = False
    st.session_state[key("ready")] = True
    return ignored


def active_layers() -> list[str]:
    return [layer for layer in LAYERS if _get(f"layer.{layer}", True)]


def write_url() -> None:
    """Mirror the shareable state into the query string; defaults are left out to keep links short."""
    wanted = {
        "date": _get("date").isoformat(),
        "window": _get("window"),
        "months": str(_get("months")),
        "layers": ",".join(active_layers()),
        "site": _get("site"),
        "caption": _get("caption"),
        "basemap": _get("basemap"),
        "lang": _get("lang"),
        "view": _get("view"),
        "chapter": str(_get("chapter") or ""),
        "present": "1" if _get("present") else "",
    }
    defaults = {"window": DEFAULT_WINDOW[0], "months": str(DEFAULT_WINDOW[1]), "layers": ",".join(LAYERS),
                "basemap": "offline", "lang": "en", "view": "coast", "site": "", "caption": "", "chapter": "", "present": ""}
    for name, value in wanted.items():
        keep = value and value != defaults.get(name)
        if keep and st.query_params.get(name) != value:
            st.query_params[name] = value
        elif not keep and name in st.query_params:
            del st.query_params[name]


def lang() -> str:
    """The viewer's language: the atlas page's choice, else ?lang= (read before init_state: the page titles, the check page)."""
    chosen = _get("lang") or st.query_params.get("lang", "en")
    return chosen if chosen in LANGS else "en"


def get(name: str, default=None):
    return _get(name, default)


def put(name: str, value) -> None:
    st.session_state[key(name)] = value
