"""The view survives what Streamlit does to widgets: pages switched, widgets hidden, reruns. Under AppTest."""

from __future__ import annotations

from datetime import date

from apptest_helpers import (
    count_class,
    first_run,
    groups_js,
    open_page,
    outside_code_spans,
    page_failed,
    run_app,
    set_date,
)
from datafolders import MINIMAL

LAYERS = ("sites", "events", "captions", "context", "deaths")


def layers_on(app) -> list[bool]:
    return [app.checkbox(key=f"atlas.layer.{name}").value for name in LAYERS]


def test_map_to_check_page_and_back_keeps_date_site_layers_and_chapter(monkeypatch) -> None:
    """Every atlas widget is dropped while the check page is drawn; back on the map, the view is as it was."""
    app = run_app(monkeypatch, MINIMAL, {"chapter": "1"})
    set_date(app, date(2015, 12, 1))
    app.checkbox(key="atlas.layer.context").uncheck().run()
    app.button(key="atlas.show.time-02").click().run()
    before = (app.slider(key="atlas.date").value, app.selectbox(key="atlas.site").value, layers_on(app), dict(app.query_params))

    open_page(app, "check")
    assert not page_failed(app)
    assert app.title[0].value == "Check your data"
    assert not [widget for widget in app.slider if widget.key == "atlas.date"], "the map's slider is not on the check page"
    open_page(app, "")  # the map is the default page, served at /

    assert not page_failed(app)
    assert (app.slider(key="atlas.date").value, app.selectbox(key="atlas.site").value, layers_on(app)) == before[:3]
    assert app.session_state["atlas.view_state"].chapter == 1
    assert dict(app.query_params) == before[3]
    assert "chapter" in before[3] and before[3]["date"] == "2015-12-01"


def test_months_survive_while_their_box_is_hidden(monkeypatch) -> None:
    """Months 5, then "everything up to the date" (the box is gone), then back: the box shows 5 again."""
    app = run_app(monkeypatch, MINIMAL)
    app.number_input(key="atlas.months").set_value(5).run()
    app.radio(key="atlas.window").set_value("upto").run()
    assert not [box for box in app.number_input if box.key == "atlas.months"]
    assert app.query_params["months"] == "5" and app.query_params["window"] == "upto"
    app.radio(key="atlas.window").set_value("around").run()
    assert app.number_input(key="atlas.months").value == 5
    assert "window" not in app.query_params and app.query_params["months"] == "5"


def test_every_layer_off_survives_a_rerun_and_is_in_the_link(monkeypatch) -> None:
    """No layer on is a view of its own: the map draws no marker, and the link says layers=none."""
    app = run_app(monkeypatch, MINIMAL)
    for name in LAYERS:
        app.checkbox(key=f"atlas.layer.{name}").uncheck().run()
    app.run()
    assert layers_on(app) == [False] * 5
    assert app.query_params["layers"] == "none"
    js = groups_js(app)
    assert sum(count_class(js, css) for css in ("atlas-site", "atlas-event", "atlas-caption", "atlas-context",
                                                        "atlas-death")) == 0

    reopened = run_app(monkeypatch, MINIMAL, dict(app.query_params))
    assert layers_on(reopened) == [False] * 5


def test_a_language_switch_in_a_lesson_stays_on_the_chapter(monkeypatch) -> None:
    """Chapter 2, then Français: the same chapter, date and site, in French."""
    app = run_app(monkeypatch, MINIMAL)
    app.button(key="atlas-lesson-start").click().run()
    app.button(key="atlas-lesson-next").click().run()
    before = app.session_state["atlas.view_state"]
    app.radio(key="atlas.lang").set_value("fr").run()
    after = app.session_state["atlas.view_state"]
    assert (after.chapter, after.date, after.site, after.lang) == (before.chapter, before.date, before.site, "fr")
    assert before.chapter == 2
    assert app.button(key="atlas-lesson-next").label.startswith("Chapitre suivant")


def test_a_hostile_link_opens_the_page_and_applies_the_rest(monkeypatch) -> None:
    """Unknown names, an absurd date, a 10 kB value and markup: the page opens, says so, and keeps the good parts."""
    app = run_app(monkeypatch, MINIMAL, {"date": "9999-99-99", "chapter": "99", "<b>x</b>": "1", "site": "x" * 10_000,
                                         "window": "upto", "layers": "sites,<script>"})
    assert not page_failed(app)
    assert app.radio(key="atlas.window").value == "upto"
    assert layers_on(app) == [True, False, False, False, False]
    notices = [info.value for info in app.info if "link" in info.value]
    assert len(notices) == 1 and "<" not in outside_code_spans(notices[0])
    for part in ("date=9999", "chapter=99", "layers=", "site=xxxx"):
        assert part in notices[0], part
    assert len(notices[0]) < 1_000, "a 10 kB value is shown cut short"
    assert "x" * 100 not in app.query_params.get("site", "")


def test_changes_sent_in_one_rerun_are_all_kept(monkeypatch) -> None:
    """Two boxes unticked while a run is in progress reach the server as one rerun, both changes in it (as AppTest
    sends them here): the first callback must not put back the second box before its own callback reads it."""
    app = run_app(monkeypatch, MINIMAL)
    app.checkbox(key="atlas.layer.context").uncheck()
    app.checkbox(key="atlas.layer.deaths").uncheck()
    app.radio(key="atlas.window").set_value("upto")
    app.run()
    assert layers_on(app) == [True, True, True, False, False]
    assert app.query_params["layers"] == "sites,events,captions"
    assert app.radio(key="atlas.window").value == "upto" and app.query_params["window"] == "upto"


def test_language_and_a_layer_sent_in_one_rerun_are_both_kept(monkeypatch) -> None:
    """Français and a layer unticked in one rerun, mid-lesson: the page is French, the layer off, still chapter 1."""
    app = run_app(monkeypatch, MINIMAL, {"chapter": "1"})
    before = layers_on(app)
    app.radio(key="atlas.lang").set_value("fr")
    app.checkbox(key="atlas.layer.sites").uncheck()
    app.run()
    assert app.session_state["atlas.view_state"].lang == "fr"
    assert before[0] and layers_on(app) == [False, *before[1:]]
    assert app.query_params["chapter"] == "1" and app.query_params["lang"] == "fr"


def test_a_sessions_first_run_draws_the_map_and_holds_back_the_rest(monkeypatch) -> None:
    """The first run: the time bar and the map, the strip's place held; no sidebar widget, caption, download or tab.
    The run the map's `drawn` message starts (here, the next run) draws them all, and no longer holds anything."""
    first = first_run(monkeypatch, MINIMAL)
    assert first.slider(key="atlas.date").value and first.get("component_instance")
    assert "atlas-strip-held" in " ".join(element.body for element in first.get("html"))
    assert not first.checkbox and not first.get("download_button") and not first.tabs
    assert not [button for button in first.button if button.key.startswith("atlas.show.")]
    whole = first.run()
    assert layers_on(whole) == [True] * 5 and whole.get("download_button") and whole.tabs
    assert "atlas-strip-held" not in " ".join(element.body for element in whole.get("html"))
    assert whole.query_params["date"] == first.query_params["date"]
