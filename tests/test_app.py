"""The page logic under AppTest: what the slider, the URL and the captions panel hand to the map."""

from __future__ import annotations

import re
from datetime import date

import pytest

from apptest_helpers import count_class, drawn_js, groups_js, has_text, map_args, page_failed, run_app, set_date, step_frame
from calais_atlas.data.loader import load_dataset
from calais_atlas.map.framing import COAST_BOUNDS, PLACE_ZOOM
from datafolders import MINIMAL, build_data_folder


@pytest.fixture
def app(monkeypatch):
    return run_app(monkeypatch, MINIMAL)


def test_page_runs_without_exception(app) -> None:
    """The page renders with one map, the default date, and no exception."""
    assert not page_failed(app)
    assert app.slider(key="atlas.date").value == date(2016, 1, 20)
    assert map_args(app)["height"] == 600


def test_map_assets_never_leave_the_machine(app) -> None:
    """Every script and stylesheet the map loads is served by the app itself, not a CDN."""
    args = map_args(app)
    links = args["js_links"] + args["css_links"]
    assert links and all(link.startswith("../../app/static/") for link in links)
    page = args["header"] + args["html"]
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page), "no script or stylesheet from another host"
    assert "L.tileLayer" not in args["script"], "the offline basemap requests no tiles"


def test_slider_changes_events_and_population(app) -> None:
    """Moving the date changes which events are on the map and the population label of the Jungle."""
    set_date(app, date(2015, 5, 1))
    early = groups_js(app)
    assert count_class(early, "atlas-event") == 0
    assert "1,500 residents" in early
    set_date(app, date(2015, 11, 25))
    late = groups_js(app)
    assert count_class(late, "atlas-event") == 2  # the Sep–Nov growth and the 25 Nov clash
    assert "over 6,000 residents" in late and "1,500 residents" not in late


def test_closed_camp_shows_closed_not_its_last_population(app) -> None:
    """After the Jungle's active interval the site is drawn as closed, with no population."""
    js = groups_js(set_date(app, date(2016, 11, 1)))
    assert "atlas-site-closed" in js and "closed (Oct 2016)" in js
    assert "6,000" not in js


def test_query_params_restore_state(monkeypatch) -> None:
    """A copied link reopens the same date, window, layers, site and language."""
    app = run_app(monkeypatch, MINIMAL, {"date": "2015-11-25", "window": "upto", "layers": "sites,events",
                                         "site": "calais-jungle", "lang": "fr"})
    assert not page_failed(app)
    assert app.slider(key="atlas.date").value == date(2015, 11, 25)
    assert app.radio(key="atlas.window").value == "upto"
    layers = ("sites", "events", "captions", "context")
    assert [app.checkbox(key=f"atlas.layer.{name}").value for name in layers] == [True, True, False, False]
    js, drawn = groups_js(app), drawn_js(app)
    assert count_class(drawn, "atlas-caption") == 0 and count_class(drawn, "atlas-context") == 0
    assert count_class(drawn, "atlas-highlight") == 1
    assert has_text(js, "plus de 6\u202f000 résidents")
    assert step_frame(app) | {"key": ""} == {"key": "", "center": [50.9662, 1.8937], "zoom": PLACE_ZOOM,
                                              "focus": [50.9662, 1.8937], "place": "calais-jungle"}


def test_bad_query_params_are_ignored_and_said(monkeypatch) -> None:
    """A link with an unknown site or an impossible date opens the default view and says what it ignored."""
    app = run_app(monkeypatch, MINIMAL, {"date": "2015-02-30", "site": "<script>"})
    assert not page_failed(app)
    assert app.slider(key="atlas.date").value == date(2016, 1, 20)
    notices = [info.value for info in app.info if "2015" in info.value]
    assert len(notices) == 1
    # in code spans: markdown shows them as text (tests/test_link_bounds.py has the hostile cases)
    assert "` date=2015-02-30 ` (not a value it can take)" in notices[0]
    assert "` site=<script> ` (not in the data)" in notices[0]


def test_state_is_written_to_the_url(app) -> None:
    """Changing the date and a layer updates the query string, so the address bar is always a deep link."""
    set_date(app, date(2015, 11, 25))
    app.checkbox(key="atlas.layer.context").uncheck().run()
    assert app.query_params["date"] == "2015-11-25"
    assert app.query_params["layers"] == "sites,events,captions,deaths"


def test_choosing_a_caption_highlights_and_centres_its_site(app) -> None:
    """'Show on map' on a caption selects its site: highlight ring, map centred there, panel filtered."""
    app.button(key="atlas.show.time-02").click().run()
    assert count_class(groups_js(app), "atlas-highlight") == 1
    assert step_frame(app)["center"] == [50.9662, 1.8937]
    assert app.session_state["atlas.site"] == "calais-jungle"
    assert app.query_params["caption"] == "time-02"


def test_next_and_previous_event_buttons_step_through_events(app) -> None:
    """The event buttons jump the slider to the next and previous event dates."""
    set_date(app, date(2015, 10, 1))
    app.button(key="atlas.btn.next").click().run()
    assert app.slider(key="atlas.date").value == date(2015, 11, 25)
    app.button(key="atlas.btn.prev").click().run()
    assert app.slider(key="atlas.date").value == date(2015, 9, 1)


def test_show_all_view_zooms_out_to_every_place(tmp_path, monkeypatch) -> None:
    """'Show all places' frames every place instead of the coast's camps, Brachay far inland included."""
    folder = build_data_folder(tmp_path / "data")  # the minimal places all fit the coast view: add one that does not
    with (folder / "places.csv").open("a", encoding="utf-8") as places:
        places.write('brachay,Brachay,,village,"Brachay, Haute-Marne, France",48.4406,5.1872,exact,manual: test fixture,,,,,\n')
    dataset = load_dataset(folder)
    assert dataset.ok, dataset.problems
    app = run_app(monkeypatch, folder)
    assert step_frame(app)["bounds"] == [list(corner) for corner in COAST_BOUNDS]
    app.button(key="atlas.btn.all").click().run()
    (south, west), (north, east) = step_frame(app)["bounds"]
    assert (south, east) == (48.4406, 5.1872)  # Brachay is the south-eastern corner
    assert north == dataset["places"]["lat"].max() and west == dataset["places"]["lon"].min()
