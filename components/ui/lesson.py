"""Lesson mode: chapters from data/chapters.csv move the slider, the map and the captions together.

Two layouts of one chapter: the ordinary panel beside the map, and the presentation for a projector
(``present=1``), where the chapter's controls run along the top and the text and the map fill the first screen.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from calais_atlas.model import transitions as move
from calais_atlas.model.escaping import markdown_text
from calais_atlas.model.formatting import format_day
from calais_atlas.model.i18n import t, translated
from calais_atlas.model.palette import CAPTION, FOCUS, NOTES, RULE
from calais_atlas.model.view_state import Limits, chapter_day
from calais_atlas.ui import state
from calais_atlas.ui.dataset import derived
from calais_atlas.ui.page_scripts import lesson_keys, present_script

NOTES_KEY = "teacher"  # the notes are the teacher's, not the link's: kept for the session, never written to the URL


@dataclass(frozen=True)
class Chapter:
    """The chapter on screen, with its neighbours for Previous and Next."""

    row: dict
    position: int
    rows: list[dict]

    @property
    def first(self) -> bool:
        return self.position == 0

    @property
    def last(self) -> bool:
        return self.position == len(self.rows) - 1


def _chapter(chapters: pd.DataFrame) -> Chapter | None:
    number = state.current().chapter
    if not number or chapters.empty:
        return None
    rows, numbers = _rows(chapters)
    if number not in numbers:
        return None
    return Chapter(rows[numbers.index(number)], numbers.index(number), rows)


def _rows(chapters: pd.DataFrame) -> tuple[list[dict], list[int]]:
    """The chapters in order, and their numbers: found once per data, not on every step of a lesson."""
    def ordered() -> tuple[list[dict], list[int]]:
        rows = chapters.sort_values("chapter").to_dict("records")
        return rows, [int(row["chapter"]) for row in rows]

    return derived(chapters, "chapter_rows", ordered)


def _go(row: dict, limits: Limits) -> None:
    state.apply(move.go_to_chapter, row, limits)
    state.set_session_value("playing", False)
    state.set_session_value("captions_shown", None)
    if state.current().present:  # on the projector a new chapter opens on its narrative, never on the last notes
        st.session_state[state.key(NOTES_KEY)] = False


def start_button(chapters: pd.DataFrame, limits: Limits, lang: str) -> None:
    if chapters.empty or state.current().chapter:
        return
    rows, _ = _rows(chapters)
    st.button(t("lesson.start", lang, count=len(rows)), key="atlas-lesson-start", on_click=_go, args=(rows[0], limits),
              type="primary", width="stretch")


def _heading(chapter: Chapter, limits: Limits, ctx_name, lang: str) -> None:
    row = chapter.row
    place = f" · {ctx_name(row['place_id'])}" if row.get("place_id") else ""
    st.markdown(f"**{t('lesson.of', lang, n=chapter.position + 1, total=len(chapter.rows))}** · "
                f"{markdown_text(format_day(chapter_day(row['date'], limits), lang))}{markdown_text(place)}")
    st.markdown(f"### {markdown_text(translated(row, 'title', lang))}")


def _chapter_buttons(chapter: Chapter, limits: Limits, lang: str, places=(st, st), width: str = "stretch",
                     keys_help: str | None = None) -> None:
    """Previous and Next, under the keys the presenter's script presses (static/atlas/lesson-keys.js)."""
    rows, position = chapter.rows, chapter.position
    places[0].button(t("lesson.prev", lang), key="atlas-lesson-prev", disabled=chapter.first, width=width,
                     help=keys_help, on_click=_go, args=(rows[max(position - 1, 0)], limits))
    places[1].button(t("lesson.next", lang), key="atlas-lesson-next", disabled=chapter.last, width=width,
                     help=keys_help, on_click=_go, args=(rows[min(position + 1, len(rows) - 1)], limits), type="primary")


def _ways_out(lang: str) -> None:
    st.toggle(t("lesson.present", lang), key=state.WIDGET_KEYS["present"],
              on_change=state.on_widget("present", move.set_present))
    st.button(t("lesson.leave", lang), key="atlas-lesson-leave", on_click=state.apply, args=(move.leave_lesson,))


def _question(row: dict, lang: str) -> None:
    st.markdown(f"**{markdown_text(t('lesson.question', lang))}** {markdown_text(translated(row, 'question', lang))}")


def lesson_panel(chapters: pd.DataFrame, limits: Limits, ctx_name, lang: str) -> None:
    """The chapter beside the map: its text, Previous and Next, the notes under the question, the ways out."""
    chapter = _chapter(chapters)
    if chapter is None:
        return
    row = chapter.row
    with st.container(border=True, key="atlas-lesson"):
        _heading(chapter, limits, ctx_name, lang)
        # One above the other: side by side in this third of the page, "◀ Chapitre précédent" was cut at 1024 px.
        _chapter_buttons(chapter, limits, lang)
        st.markdown(markdown_text(translated(row, "narrative", lang)))
        _question(row, lang)
        notes = st.toggle(t("lesson.show_notes", lang), key=state.key(NOTES_KEY), persist_state="session")
        _ways_out(lang)
        if notes and translated(row, "teacher_notes", lang):
            st.info(markdown_text(translated(row, "teacher_notes", lang)))
        st.caption(t("lesson.keys", lang))
    lesson_keys()  # presenter clickers send Page Up / Page Down; arrows too


def presenting(chapters: pd.DataFrame) -> bool:
    """Whether this run draws the presentation: asked for, and in a chapter the data has."""
    return state.current().present and _chapter(chapters) is not None


def presentation_bar(chapters: pd.DataFrame, limits: Limits, lang: str) -> None:
    """The presenter's row along the top: Previous, Next, the notes, the ways out; each label whole (content width)."""
    chapter = _chapter(chapters)
    if chapter is None:
        return
    with st.container(key="atlas-present-bar", horizontal=True, vertical_alignment="center", gap="small"):
        _chapter_buttons(chapter, limits, lang, width="content", keys_help=t("lesson.keys", lang))
        st.toggle(t("lesson.show_notes", lang), key=state.key(NOTES_KEY), persist_state="session")
        st.space("stretch")
        _ways_out(lang)
    lesson_keys()


def presentation_text(chapters: pd.DataFrame, limits: Limits, ctx_name, lang: str) -> None:
    """The chapter for the room: its title, its narrative (or, at one toggle, the teacher's notes in its place) in a
    box that scrolls inside the screen, and the question always under it."""
    chapter = _chapter(chapters)
    if chapter is None:
        return
    row = chapter.row
    notes = bool(state.session_value(NOTES_KEY, False)) and translated(row, "teacher_notes", lang)
    with st.container(key="atlas-lesson"):
        _heading(chapter, limits, ctx_name, lang)
        with st.container(key="atlas-lesson-notes" if notes else "atlas-lesson-narrative"):
            if notes:
                st.markdown(f"**{markdown_text(t('lesson.notes', lang))}**")
                st.markdown(markdown_text(translated(row, "teacher_notes", lang)))
            else:
                st.markdown(markdown_text(translated(row, "narrative", lang)))
        _question(row, lang)


# The presentation for a projector, read from the back of a room at 1280×720 or 1024×768: the header and the sidebar
# go; the chapter's controls run along the top (.st-key-atlas-present-bar); the text and the map share the rest of
# the first screen, down to its bottom edge. --atlas-present-top is where that part starts, measured by
# static/atlas/present.js (which also enlarges the map's labels); the fallback is its usual value.
# No CSS comments inside: st.markdown would read their asterisks as emphasis.
_FILL = "calc(100dvh - var(--atlas-present-top, 11rem) - .75rem)"
PRESENT_CSS = f"""
<span class="atlas-style"></span><style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {{display: none !important;}}
:root [data-testid="stMainBlockContainer"] {{max-width: 100% !important; padding: .5rem 1rem 2rem 1rem !important;}}
.st-key-atlas-head {{display: none !important;}}
.st-key-atlas-present-bar {{gap: .6rem; row-gap: .3rem;}}
.st-key-atlas-present-bar button p, .st-key-atlas-present-bar label p {{white-space: nowrap;}}
.st-key-atlas-present-bar [data-testid="stCheckbox"] {{min-height: 0;}}
.st-key-atlas-present-cols iframe {{height: {_FILL} !important; min-height: 20rem;}}
:root .st-key-atlas-lesson {{flex: none; height: {_FILL}; min-height: 20rem; flex-wrap: nowrap; gap: .5rem;}}
.st-key-atlas-lesson > * {{flex: 0 0 auto;}}
.st-key-atlas-lesson p {{font-size: clamp(1.1rem, .55rem + 1.05vw, 1.5rem); line-height: 1.42; margin-bottom: .35em;}}
.st-key-atlas-lesson h3 {{font-size: clamp(1.6rem, 1rem + 1.4vw, 2.3rem); line-height: 1.18; padding: 0 0 .1rem 0;}}
.st-key-atlas-lesson > [data-testid="stElementContainer"]:first-child p
  {{font-size: clamp(1rem, .7rem + .6vw, 1.25rem); margin: 0 0 .3rem 0; color: {CAPTION};}}
:root .st-key-atlas-lesson > :has(> .st-key-atlas-lesson-narrative),
:root .st-key-atlas-lesson > :has(> .st-key-atlas-lesson-notes) {{flex: 1 1 0; min-height: 4rem;}}
:root .st-key-atlas-lesson-narrative, :root .st-key-atlas-lesson-notes
  {{height: 100%; overflow-y: auto; padding-right: .5rem; scrollbar-color: {CAPTION} transparent;}}
.st-key-atlas-lesson-narrative {{border-bottom: 1px solid {RULE};}}
.st-key-atlas-lesson-notes {{background: {NOTES}; border-left: .3rem solid {FOCUS}; padding: .4rem .6rem;}}
</style>
"""


def presentation_style(chapters: pd.DataFrame) -> None:
    if presenting(chapters):  # the presenter's bar, with its way out, is on screen only in a chapter
        st.markdown(PRESENT_CSS, unsafe_allow_html=True)  # static CSS only
        present_script()
