"""Helpers to run the page under AppTest and read what it hands to st_folium."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

from serve import ROOT

APP = str(ROOT / "app.py")


def first_run(monkeypatch, data_dir: Path, query: dict[str, str] | None = None) -> AppTest:
    """A session's first run alone: the title, the time bar and the map; the rest is held back (ui/atlas_page.py)."""
    monkeypatch.setenv("CALAIS_ATLAS_DATA", str(data_dir))
    app = AppTest.from_file(APP, default_timeout=60)
    for name, value in (query or {}).items():
        app.query_params[name] = value
    return app.run()


def run_app(monkeypatch, data_dir: Path, query: dict[str, str] | None = None) -> AppTest:
    """The page as a viewer has it once the map is drawn: the first run, then the rerun the map's `drawn` message
    starts (AppTest has no browser to send it)."""
    return first_run(monkeypatch, data_dir, query).run()


def open_page(app: AppTest, url_path: str) -> AppTest:
    """Open the st.navigation page served at /``url_path`` (as a browser would) and run it; call after a first run.

    AppTest.switch_page() only takes a page file, and these pages are functions; so the page is looked up in what
    st.navigation registered on the last run and requested the way switch_page() requests it (AppTest has no
    public accessor for either). Tests should still check that the page they wanted is the one drawn.
    """
    hashes = [page_hash for page_hash, info in app._registered_pages.items() if info.get("url_pathname") == url_path]
    assert len(hashes) == 1, f"no page at /{url_path}: {[info.get('url_pathname') for info in app._registered_pages.values()]}"
    app._page_hash = hashes[0]
    return app.run()


def page_failed(app: AppTest) -> bool:
    """True when the page raised, whether AppTest saw it or the guard in pages.py caught it."""
    return bool(app.exception) or any("Something went wrong" in error.value for error in app.error)


def notice_text(app: AppTest) -> str | None:
    """The map page's one line about rows not shown (problems_panel.data_notice), or None when there is none."""
    lines = [caption.value for caption in app.caption if "atlas's data are not shown" in caption.value
             or "données de l'atlas ne sont pas affichées" in caption.value]
    assert len(lines) <= 1, lines
    return lines[0] if lines else None


def map_args(app: AppTest) -> dict:
    components = [c for c in app.get("component_instance") if c.proto.component_name == "streamlit_folium.st_folium"]
    assert len(components) == 1, "exactly one st_folium on the page"
    return json.loads(components[0].proto.json_args)


def groups_js(app: AppTest) -> str:
    return map_args(app)["feature_group"]


def step_state_of(app: AppTest) -> dict:
    """The map's step state (map/step.py) in the last run's step layer."""
    js = groups_js(app)
    start = js.index("window.atlas.apply(") + len("window.atlas.apply(")
    state, _ = json.JSONDecoder().raw_decode(js[start:])
    return state


def step_frame(app: AppTest) -> dict:
    """The frame in the map's step state (map/framing.py): where the browser is told to look."""
    return step_state_of(app)["frame"]


def drawn_js(app: AppTest) -> str:
    """The items the map draws after the last run, as JSON: the step's own, and those of the base part it brings, of
    the layers it sends, except those it omits (static/atlas/PROTOCOL.md). A step that only names its base part (the
    session's map has it) gives its own items only."""
    state = step_state_of(app)
    base, omit = state.get("basePart", {"items": {}}), set(state.get("omit", []))
    return json.dumps({name: [item for item in base["items"].get(name, []) if item["k"] not in omit] + layer
                       for name, layer in state["items"].items()}, ensure_ascii=False)


def count_class(js: str, css_class: str) -> int:
    """Markers of one class in the generated JS (class names appear once per marker)."""
    return len(re.findall(rf'"(?:className|class_name)": ?"[^"]*\b{re.escape(css_class)}\b', js))


def set_date(app: AppTest, day: date) -> AppTest:
    app.slider(key="atlas.date").set_value(day)
    return app.run()


def has_text(js: str, text: str) -> bool:
    """True when ``text`` is in the step layer's JS, encoded as ui/live_folium.step_script encodes it."""
    return json.dumps(text, ensure_ascii=False)[1:-1].replace("</", "<\\/") in js


def outside_code_spans(markdown: str) -> str:
    """The markdown with its inline code spans cut out: what the reader would still read as markup.

    A span opens with a run of backticks and closes at the next run of the same length (CommonMark)."""
    return re.sub(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", "", markdown, flags=re.DOTALL)
