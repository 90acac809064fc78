"""Back and Forward on the server side: the browser's history rerun applies its entry's link, and only that rerun."""

from __future__ import annotations

import dataclasses
from datetime import date

from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext

from apptest_helpers import run_app, set_date
from calais_atlas.ui import state
from datafolders import MINIMAL


def _steps(monkeypatch):
    """The app after two steps of the slider, with the link of each view on the way."""
    app = run_app(monkeypatch, MINIMAL)
    links = [dict(app.query_params)]
    for day in (date(2016, 1, 21), date(2016, 1, 22)):
        set_date(app, day)
        links.append(dict(app.query_params))
    assert [_date(link) for link in links] == [date(2016, 1, 20), date(2016, 1, 21), date(2016, 1, 22)]
    return app, links


def _date(link) -> date:
    value = link["date"]
    return date.fromisoformat(value[0] if isinstance(value, list) else value)


def test_streamlit_still_marks_the_history_rerun_and_a_fragments_own() -> None:
    """ui/state.history_navigation and fragment_rerun read Streamlit's private fields of the run's context: they must
    still exist."""
    fields = {field.name for field in dataclasses.fields(ScriptRunContext)}
    assert {"is_history_navigation", "fragment_ids_this_run"} <= fields


def test_a_history_rerun_applies_the_entry_link(monkeypatch) -> None:
    """Back to the first entry: the slider, the view and the link are the first view's, as one step."""
    app, links = _steps(monkeypatch)
    app.query_params.clear()
    app.query_params.update(links[0])
    monkeypatch.setattr(state, "history_navigation", lambda: True, raising=False)
    app.run()
    assert app.slider(key="atlas.date").value == _date(links[0])
    assert _date(dict(app.query_params)) == _date(links[0])


def test_an_ordinary_rerun_with_an_older_link_keeps_the_view(monkeypatch) -> None:
    """A click sent before the browser had the last link carries an older one: the session's view stands, and its
    link is written again."""
    app, links = _steps(monkeypatch)
    app.query_params.clear()
    app.query_params.update(links[0])
    app.run()
    assert app.slider(key="atlas.date").value == _date(links[-1])
    assert _date(dict(app.query_params)) == _date(links[-1])


def test_a_history_rerun_stops_playback(monkeypatch) -> None:
    """Back while playing: the entry's view stays, Play is off (its next tick would leave the view Back chose)."""
    app, links = _steps(monkeypatch)
    app.button(key="atlas.btn.play").click().run()
    assert app.session_state["atlas.playing"] is True
    app.query_params.clear()
    app.query_params.update(links[1])
    monkeypatch.setattr(state, "history_navigation", lambda: True, raising=False)
    app.run()
    assert app.session_state["atlas.playing"] is False
    assert app.slider(key="atlas.date").value == _date(links[1])
