"""The captions panel beside the map, linked both ways with the map's selected site."""

from __future__ import annotations

import streamlit as st

from calais_atlas.model import transitions as move
from calais_atlas.model.context import MapContext
from calais_atlas.model.escaping import markdown_text
from calais_atlas.model.formatting import format_date
from calais_atlas.model.i18n import t
from calais_atlas.ui import state

PAGE = 8  # cards drawn at a time: each adds to the slider step (BENCHMARKS.md); the list scrolls past four
TEXT_LIMIT = 1500
BUTTON_WORDS = 6  # of the caption, in its button's label


def source_link(ctx: MapContext, source_id: str) -> str:
    """The citation (MapContext.citation) as escaped markdown, linked when its URL is http(s)."""
    label, url = markdown_text(ctx.citation(source_id)), ctx.citation_url(source_id)
    return f"[{label}]({url.replace('(', '%28').replace(')', '%29')})" if url else label


def caption_card(row: dict, ctx: MapContext, lang: str, selected: bool) -> None:
    with st.container(border=True, key=f"atlas-caption-{row['caption_id']}"):
        flag = f"**▶ {t('ui.selected', lang)}** · " if selected else ""
        text = str(row["text"])
        cut = f"  \n*{t('text.cut', lang, count=len(text))}*" if len(text) > TEXT_LIMIT else ""
        st.markdown(
            f"{flag}**{markdown_text(format_date(row['date'], lang))}** · {markdown_text(ctx.place_name(row['place_id']))}\n\n"
            f"{markdown_text(text, TEXT_LIMIT)}{cut}\n\n"
            f"*{markdown_text(row['credit'], 200)}* · {source_link(ctx, row['source_id'])}"
        )
        # Each button names its caption, so a screen reader's list of buttons is not twenty "Show on map".
        words = " ".join(text.split()[:BUTTON_WORDS])
        label = t("ui.show_caption_on_map", lang, date=format_date(row["date"], lang), words=words)
        st.button(markdown_text(label, 160), key=state.key(f"show.{row['caption_id']}"), on_click=state.apply,
                  args=(move.choose_caption, row["caption_id"], row["place_id"]), type="primary" if selected else "secondary")


def _more() -> None:
    state.set_session_value("captions_shown", (state.session_value("captions_shown") or PAGE) + PAGE)


def captions_panel(captions: list[dict], ctx: MapContext, lang: str) -> None:
    """``captions``: the window's caption records, oldest first (model/shown.py)."""
    st.subheader(t("ui.captions", lang))
    view = state.current()
    site = view.site
    rows = [row for row in captions if row["place_id"] == site] if site else captions
    if site:
        st.markdown(f"**{markdown_text(t('ui.captions_for', lang, place=ctx.place_name(site)))}**")
        st.button(t("ui.clear_site", lang), key=state.key("btn.clear_site"), on_click=state.apply,
                  args=(move.clear_site,))
    else:
        st.caption(t("ui.captions_all", lang))
    if not rows:
        st.info(t("ui.captions_none", lang))
        return
    chosen = view.caption
    rows = sorted(rows, key=lambda row: row["caption_id"] != chosen)  # the chosen one on top, the rest in order
    shown = state.session_value("captions_shown") or PAGE
    with st.container(height=620, key="atlas-captions-list"):
        for row in rows[:shown]:
            caption_card(row, ctx, lang, selected=row["caption_id"] == chosen)
        if len(rows) > shown:
            st.button(t("ui.more", lang, count=len(rows) - shown), key=state.key("btn.more_captions"), on_click=_more)
