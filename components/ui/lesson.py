"""Lesson mode: chapters from data/chapters.csv move the slider, the map and the captions together."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from components.data import dates
from components.map.assets import LESSON_KEYS_JS, PAGE_PREFIX
from components.model.escaping import markdown_text
from components.model.formatting import format_day
from components.model.i18n import t, translated
from components.model.timeline import DEFAULT_WINDOW, Span
from components.ui import state
from components.ui.state import LAYERS, key

# Presenter clickers send Page Up / Page Down; arrows too (static/atlas/lesson-keys.js, served from static/).
KEYS_HTML = f'<script src="{PAGE_PREFIX}{LESSON_KEYS_JS}"></script>'


def chapter_day(text: str, span: Span) -> date:
    """The slider day of a chapter: its own day, or the end of a month, year or span; kept inside the data."""
    parsed = dates.parse(text)
    day = parsed.start if parsed.precision == "day" else parsed.end
    return min(max(day, span.first), span.last)


def apply_chapter(row: dict, span: Span) -> None:
    state.put("chapter", int(row["chapter"]))
    state.put("date", chapter_day(row["date"], span))
    state.put("window", row["window"])
    months = row.get("months")
    state.put("months", DEFAULT_WINDOW[1] if pd.isna(months) else int(months))
    state.put("site", row.get("place_id") or "")
    state.put("caption", row.get("caption_id") or "")
    state.put("view", row["view"] if row["view"] != "site" or row.get("place_id") else "coast")
    layers = {part.strip() for part in (row.get("layers") or "").split(",") if part.strip()} or set(LAYERS)
    for layer in LAYERS:
        state.put(f"layer.{layer}", layer in layers)
    state.put("playing", False)
    state.put("captions_shown", None)


def _go(chapters: list[dict], number: int, span: Span) -> None:
    for row in chapters:
        if int(row["chapter"]) == number:
            apply_chapter(row, span)
            return


def _leave() -> None:
    state.put("chapter", 0)
    state.put("present", False)


def start_button(chapters: pd.DataFrame, span: Span, lang: str) -> None:
    if chapters.empty or state.get("chapter"):
        return
    rows = chapters.sort_values("chapter").to_dict("records")
    st.button(t("lesson.start", lang, count=len(rows)), key="atlas-lesson-start", on_click=_go,
              args=(rows, int(rows[0]["chapter"]), span), type="primary", width="stretch")


def lesson_panel(chapters: pd.DataFrame, span: Span, ctx_name, lang: str) -> None:
    number = state.get("chapter")
    if not number or chapters.empty:
        return
    rows = chapters.sort_values("chapter").to_dict("records")
    numbers = [int(row["chapter"]) for row in rows]
    if number not in numbers:
        return
    row = rows[numbers.index(number)]
    position = numbers.index(number)
    with st.container(border=True, key="atlas-lesson"):
        place = f" · {ctx_name(row['place_id'])}" if row.get("place_id") else ""
        st.markdown(f"**{t('lesson.of', lang, n=position + 1, total=len(rows))}** · "
                    f"{markdown_text(format_day(chapter_day(row['date'], span), lang))}{markdown_text(place)}")
        st.markdown(f"### {markdown_text(translated(row, 'title', lang))}")
        prev_col, next_col = st.columns(2)
        prev_col.button(t("lesson.prev", lang), key="atlas-lesson-prev", disabled=position == 0, width="stretch",
                        on_click=_go, args=(rows, numbers[max(position - 1, 0)], span))
        next_col.button(t("lesson.next", lang), key="atlas-lesson-next", disabled=position == len(rows) - 1, width="stretch",
                        on_click=_go, args=(rows, numbers[min(position + 1, len(rows) - 1)], span), type="primary")
        st.markdown(markdown_text(translated(row, "narrative", lang)))
        st.markdown(f"**{markdown_text(t('lesson.question', lang))}** {markdown_text(translated(row, 'question', lang))}")
        st.toggle(t("lesson.show_notes", lang), key=key("teacher"))
        st.toggle(t("lesson.present", lang), key=key("present"))
        st.button(t("lesson.leave", lang), key="atlas-lesson-leave", on_click=_leave)
        if state.get("teacher") and translated(row, "teacher_notes", lang):
            st.info(markdown_text(translated(row, "teacher_notes", lang)))
        st.caption(t("lesson.keys", lang))
    components.html(KEYS_HTML, height=0)


PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {display: none !important;}
.block-container {max-width: 100% !important; padding-top: 1rem !important;}
html {font-size: 20px;}
.st-key-atlas-lesson p, .st-key-atlas-lesson li {font-size: 1.25rem; line-height: 1.5;}
</style>
"""


def presentation_style() -> None:
    if state.get("present"):
        st.markdown(PRESENT_CSS, unsafe_allow_html=True)  # static CSS only
