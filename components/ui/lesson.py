"""Lesson mode: chapters from data/chapters.csv move the slider, the map and the captions together."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.model import transitions as move
from components.model.escaping import markdown_text
from components.model.formatting import format_day
from components.model.i18n import t, translated
from components.model.view_state import Limits, chapter_day
from components.ui import state
from components.ui.page_scripts import lesson_keys


def _go(row: dict, limits: Limits) -> None:
    state.apply(move.go_to_chapter, row, limits)
    state.set_session_value("playing", False)
    state.set_session_value("captions_shown", None)


def start_button(chapters: pd.DataFrame, limits: Limits, lang: str) -> None:
    if chapters.empty or state.current().chapter:
        return
    rows = chapters.sort_values("chapter").to_dict("records")
    st.button(t("lesson.start", lang, count=len(rows)), key="atlas-lesson-start", on_click=_go, args=(rows[0], limits),
              type="primary", width="stretch")


def lesson_panel(chapters: pd.DataFrame, limits: Limits, ctx_name, lang: str) -> None:
    number = state.current().chapter
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
                    f"{markdown_text(format_day(chapter_day(row['date'], limits), lang))}{markdown_text(place)}")
        st.markdown(f"### {markdown_text(translated(row, 'title', lang))}")
        prev_col, next_col = st.columns(2)
        prev_col.button(t("lesson.prev", lang), key="atlas-lesson-prev", disabled=position == 0, width="stretch",
                        on_click=_go, args=(rows[max(position - 1, 0)], limits))
        next_col.button(t("lesson.next", lang), key="atlas-lesson-next", disabled=position == len(rows) - 1, width="stretch",
                        on_click=_go, args=(rows[min(position + 1, len(rows) - 1)], limits), type="primary")
        st.markdown(markdown_text(translated(row, "narrative", lang)))
        st.markdown(f"**{markdown_text(t('lesson.question', lang))}** {markdown_text(translated(row, 'question', lang))}")
        # The notes are the teacher's, not the link's: kept for the session, never written to the URL.
        notes = st.toggle(t("lesson.show_notes", lang), key=state.key("teacher"), persist_state="session")
        st.toggle(t("lesson.present", lang), key=state.WIDGET_KEYS["present"],
                  on_change=state.on_widget("present", move.set_present))
        st.button(t("lesson.leave", lang), key="atlas-lesson-leave", on_click=state.apply, args=(move.leave_lesson,))
        if notes and translated(row, "teacher_notes", lang):
            st.info(markdown_text(translated(row, "teacher_notes", lang)))
        st.caption(t("lesson.keys", lang))
    lesson_keys()  # presenter clickers send Page Up / Page Down; arrows too


PRESENT_CSS = """
<span class="atlas-style"></span><style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {display: none !important;}
[data-testid="stMainBlockContainer"] {max-width: 100% !important; padding: .6rem 1rem 2rem 1rem !important;}
html {font-size: 20px;}
.st-key-atlas-head {display: none !important;}
.st-key-atlas-timebar button {min-height: 0; padding-top: .15rem; padding-bottom: .15rem;}
.st-key-atlas-lesson p, .st-key-atlas-lesson li {font-size: 1.25rem; line-height: 1.5;}
</style>
"""


def presentation_style() -> None:
    view = state.current()
    if view.present and view.chapter:  # the lesson panel, with its way out, is on screen only in a chapter
        st.markdown(PRESENT_CSS, unsafe_allow_html=True)  # static CSS only
