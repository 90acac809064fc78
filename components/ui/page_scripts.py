"""The page's own scripts, as Streamlit components (``st.components.v2``): they run in the page itself, not in an iframe.

Each is an ES module under static/atlas/ whose default export Streamlit calls when the component is mounted and again
whenever its data changes; what it returns is called when the component goes. The modules are read once and handed
over inline (Streamlit loads them from a blob URL), so no URL has to resolve against the page's address.
- page.js, on every page: the page's declared language, and focus kept across reruns.
- history.js, on the atlas page: which writes of the link make a browser history entry (Back and Forward; see
  components/ui/state.py).
- lesson-keys.js, while the lesson panel is drawn: the presenter's keys.
- present.js, while a chapter is presented: the map's labels enlarged, and where the first screen's text and map start.
They draw nothing; each sits in a keyed container that the components' own style rule takes out of the layout, so
the page keeps its spacing.
"""

from __future__ import annotations

import streamlit as st

from calais_atlas.map.assets import HISTORY_JS, LESSON_KEYS_JS, PAGE_JS, PRESENT_JS, static_text

SCRIPTS_BOX = "atlas-scripts"  # the containers' key prefix; their CSS class is st-key-atlas-scripts-<name>
# Unisolated (isolate_styles=False), a component's CSS applies to the whole page: here, to its own container and the
# wrapper Streamlit puts around it (a flex item, which would leave a gap). The newlines are needed: Streamlit takes a
# one-line string with glob characters ("*", "[") for a file's path.
HIDE_CSS = (f'[data-testid="stLayoutWrapper"]:has(> [class*="st-key-{SCRIPTS_BOX}-"]),\n'
            f'[class*="st-key-{SCRIPTS_BOX}-"] {{\n  display: none !important;\n}}\n')


def _script(name: str, path: str):
    return st.components.v2.component(name, js=static_text(path), css=HIDE_CSS, isolate_styles=False)


_page = _script("calais_atlas_page", PAGE_JS)
_history = _script("calais_atlas_history", HISTORY_JS)
_lesson_keys = _script("calais_atlas_lesson_keys", LESSON_KEYS_JS)
_present = _script("calais_atlas_present", PRESENT_JS)


def _mount(name: str, component, data=None) -> None:
    with st.container(key=f"{SCRIPTS_BOX}-{name}"):
        component(key=f"{SCRIPTS_BOX}-{name}-script", data=data)


def page_script(lang: str) -> None:
    """The page's language ("en" or "fr": state.lang() admits nothing else) and the focus kept across reruns."""
    _mount("page", _page, {"lang": lang})


def history_script(first: dict[str, str] | None, playing: bool) -> None:
    """``first``: the link a session's first run writes, which replaces the address it was opened with rather than
    adding an entry; ``playing``: Play is running, and its ticks after the first replace the entry too."""
    _mount("history", _history, {"first": first, "play": playing})


def lesson_keys() -> None:
    """← → Page Up and Page Down press Previous and Next chapter, while the lesson panel is drawn."""
    _mount("lesson-keys", _lesson_keys)


def present_script() -> None:
    """While a chapter is presented: the map's labels enlarged (a class in its iframe), the first screen measured."""
    _mount("present", _present)
