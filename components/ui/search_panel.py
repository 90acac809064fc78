"""The search box: events, photos, places, sources and the IOM's incidents by any word of their texts
(components/model/search.py).

The query is neither part of the view nor of the link: it is a way to reach a view, and choosing a result puts the
view's date, place and caption in the link, which is what a teacher shares. A link that reopened a list of results
would show a viewer a question instead of the map. The box keeps its text across page switches (persist_state).
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from calais_atlas.map.framing import view_showing
from calais_atlas.model import transitions as move
from calais_atlas.model.escaping import markdown_text
from calais_atlas.model.formatting import format_date
from calais_atlas.model.i18n import t
from calais_atlas.model.search import MAX_QUERY_CHARS, MAX_QUERY_WORDS, Found, Hit, first_day
from calais_atlas.model.shown import Prepared
from calais_atlas.model.view_state import Limits
from calais_atlas.ui import state
from calais_atlas.ui.dataset import current_search

SEARCH_KEY = state.key("search")
RESULTS_SHOWN = 8  # a sidebar's height of results; more words narrow them
LABEL_CHARS = 90
QUOTED_CHARS = 40  # of a query that found nothing, said back to the viewer
SCROLL_FROM = 4  # more results than this scroll inside a box, so the controls below stay in reach
# Results read as a list, not as centred buttons; the details line is smaller, as a caption is.
RESULTS_STYLE = ("<style>.st-key-atlas-search-results button{justify-content:flex-start;text-align:left;padding:2px 0}"
                 ".st-key-atlas-search-results button>div{width:100%;justify-content:flex-start}"
                 ".st-key-atlas-search-results button [data-testid=stMarkdownContainer]{width:100%}"
                 ".st-key-atlas-search-results button p{text-align:left}"
                 ".st-key-atlas-search-results button em{font-style:normal;font-size:0.85em;opacity:0.75}</style>")


def _kind(kind: str, lang: str) -> str:
    return {"event": t("search.event", lang), "caption": t("search.caption", lang), "place": t("search.place", lang),
            "source": t("search.source", lang), "death": t("search.death", lang)}.get(kind, kind)


def _event_categories(prepared: Prepared) -> Mapping[str, str]:
    events = prepared.tables["events"]
    return prepared.remembered(("event_categories",), lambda: dict(zip(events["event_id"], events["category"], strict=True)))


def _death_views(prepared: Prepared) -> Mapping[str, str]:
    """Each IOM incident's view that has it in sight (map/framing.view_showing), found once per data."""
    deaths = prepared.tables["deaths"]
    return prepared.remembered(("death_views",), lambda: {
        iom_id: view_showing(float(lat), float(lon))
        for iom_id, lat, lon in zip(deaths["iom_id"], deaths["lat"], deaths["lon"], strict=True)})


def _label(hit: Hit, prepared: Prepared, hidden: bool, lang: str) -> str:
    """The result's button: its label, then date · place · kind, every part of it escaped (it is the data's text)."""
    place = prepared.ctx.place_name(hit.place_id) if hit.place_id and hit.kind != "place" else ""  # a place's label is its name
    parts = [format_date(hit.date, lang), place, _kind(hit.kind, lang)]
    if hidden:
        parts.append(t("search.hidden", lang))
    details = " · ".join(markdown_text(part) for part in parts if part)
    return f"{markdown_text(hit.label or hit.id, LABEL_CHARS)}  \n*{details}*"


def _status(found: Found, query: str, lang: str) -> str | None:
    """What to say above the results (escaped Markdown), or None when the box is empty."""
    if not query.strip():
        return None
    if not found.words:
        return t("search.no_words", lang)
    if not found.total:
        asked = query.strip()
        return markdown_text(t("search.none", lang, query=asked if len(asked) <= QUOTED_CHARS else asked[:QUOTED_CHARS] + "…"))
    said = t("search.found", lang, count=found.total)
    if found.total > len(found.hits):
        said += f", {t('search.first', lang, shown=len(found.hits))}"
    return markdown_text(said)


def search_panel(prepared: Prepared, limits: Limits, data: tuple[str, str], lang: str) -> None:
    """The box and its results; a result goes to its date and place (transitions.go_to_found)."""
    query = st.text_input(t("search.label", lang), key=SEARCH_KEY, placeholder=t("search.placeholder", lang),
                          help=t("search.help", lang), persist_state="session")
    query = query if isinstance(query, str) else ""
    if not query.strip():
        return
    found = current_search(lang, data).search(query, limit=RESULTS_SHOWN)
    st.caption(_status(found, query, lang))
    if found.cut:
        st.caption(t("search.cut", lang, chars=MAX_QUERY_CHARS, words=MAX_QUERY_WORDS))
    if not found.hits:
        return
    view = state.current()
    categories, shown = _event_categories(prepared), view.categories
    st.html(RESULTS_STYLE)
    with st.container(height=260 if len(found.hits) > SCROLL_FROM else "content", key="atlas-search-results"):
        for number, hit in enumerate(found.hits):
            category = categories.get(hit.id, "") if hit.kind == "event" else ""
            hidden = bool(shown) and bool(category) and category not in shown
            death = hit.kind == "death"
            st.button(_label(hit, prepared, hidden, lang), key=state.key(f"found.{number}"), type="tertiary",
                      on_click=state.apply, width="stretch",
                      args=(move.go_to_found, first_day(hit, view.date), hit.place_id, limits,
                            hit.id if hit.kind == "caption" else "", category, "deaths" if death else "",
                            _death_views(prepared).get(hit.id, "") if death else ""))
