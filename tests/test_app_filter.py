"""The category filter and the search box on the atlas page, under AppTest, on the shipped data."""

from __future__ import annotations

from datetime import date

import pytest

from apptest_helpers import count_class, groups_js, open_page, page_failed, run_app
from calais_atlas.data.loader import load_dataset
from calais_atlas.model.filters import CATEGORIES, stops_for
from calais_atlas.model.timeline import event_stops
from serve import ROOT

DATA = ROOT / "data"
START = date(2016, 1, 20)  # the default day: demolitions and clashes both in its window


def events_on_map(app) -> dict[str, int]:
    js = groups_js(app)
    return {category: count_class(js, f"atlas-event-{category}") for category in CATEGORIES}


def view(app):
    return app.session_state["atlas.view_state"]


def found_buttons(app) -> list:
    return [button for button in app.button if (button.key or "").startswith("atlas.found.")]


def test_the_filter_changes_the_maps_events_and_previous_next(monkeypatch) -> None:
    """Only demolitions: the clashes leave the map, the demolitions stay; Next goes to the next demolition."""
    app = run_app(monkeypatch, DATA)
    before = events_on_map(app)
    assert before["demolition"] > 0 and before["clash"] > 0

    app.button_group(key="atlas.categories").set_value(["demolition"]).run()
    after = events_on_map(app)
    assert after["demolition"] == before["demolition"]
    assert sum(after.values()) == after["demolition"]
    assert app.query_params["categories"] == "demolition"

    events = load_dataset(DATA).tables["events"]
    next_any = next(day for day in event_stops(events) if day > START)
    next_demolition = next(day for day in stops_for(events, ["demolition"]) if day > START)
    assert next_any != next_demolition  # otherwise this test would not tell them apart
    app.button(key="atlas.btn.next").click().run()
    assert view(app).date == next_demolition
    app.button(key="atlas.btn.prev").click().run()
    assert view(app).date == max(day for day in stops_for(events, ["demolition"]) if day < next_demolition)

    app.button_group(key="atlas.categories").set_value([]).run()  # nothing picked: every category again
    assert "categories" not in app.query_params and view(app).categories == ()


def test_the_filter_survives_a_link_round_trip_and_a_page_switch(monkeypatch) -> None:
    """?categories=death,demolition opens filtered, in the legend's order; its own link reopens the same view."""
    app = run_app(monkeypatch, DATA, {"categories": "death,demolition"})
    assert not page_failed(app)
    assert app.button_group(key="atlas.categories").value == ["demolition", "death"]
    assert view(app).categories == ("demolition", "death")
    assert app.query_params["categories"] == "demolition,death"
    assert events_on_map(app)["clash"] == 0

    reopened = run_app(monkeypatch, DATA, dict(app.query_params))
    assert view(reopened) == view(app)
    assert events_on_map(reopened) == events_on_map(app)

    open_page(app, "check")
    open_page(app, "")
    assert app.button_group(key="atlas.categories").value == ["demolition", "death"]
    assert app.query_params["categories"] == "demolition,death"


def test_a_search_result_moves_the_date_and_selects_the_place(monkeypatch) -> None:
    """"Wissant", then its event: the date is the event's, Wissant is selected; the filter let the event back in."""
    app = run_app(monkeypatch, DATA, {"categories": "demolition"})
    app.text_input(key="atlas.search").input("Wissant").run()
    results = found_buttons(app)
    kayak = [button for button in results if "kayaker" in button.label]
    assert len(kayak) == 1 and "event" in kayak[0].label and "hidden by the category filter" in kayak[0].label
    kayak[0].click().run()
    assert (view(app).date, view(app).site, view(app).view) == (date(2021, 11, 1), "wissant", "site")
    assert view(app).categories == ("demolition", "death")
    assert app.query_params["site"] == "wissant" and app.query_params["date"] == "2021-11-01"
    assert "search" not in app.query_params and "Wissant" not in str(dict(app.query_params))
    assert app.text_input(key="atlas.search").value == "Wissant"  # the box keeps its text


def test_a_caption_result_is_highlighted_at_its_place(monkeypatch) -> None:
    """A caption chosen from the results is the selected caption, at its place and date, as "Show on map" does."""
    app = run_app(monkeypatch, DATA)
    captions = load_dataset(DATA).tables["captions"]
    row = captions.iloc[0]
    app.text_input(key="atlas.search").input(" ".join(str(row["text"]).split()[:6])).run()
    chosen = [button for button in found_buttons(app) if "photo" in button.label.split("\n")[-1]]
    assert chosen, [button.label for button in found_buttons(app)]
    chosen[0].click().run()
    shown = view(app)
    assert shown.caption and shown.site == captions.set_index("caption_id").loc[shown.caption, "place_id"]
    assert app.query_params["caption"] == shown.caption


@pytest.mark.parametrize(("query", "said"), [
    ("x" * 10_000, "Only the beginning of the query was searched"),
    (".*[(", "Type a word: letters or digits."),
    ("<b>zzqq</b>", "Nothing found for"),
    ("liniere", "result"),
])
def test_bad_input_gets_a_sensible_answer(monkeypatch, query: str, said: str) -> None:
    """Long, regex, HTML or accentless input: the page answers in words, escaped, and never fails."""
    app = run_app(monkeypatch, DATA)
    app.text_input(key="atlas.search").input(query).run()
    assert not page_failed(app)
    shown = " ".join(caption.value for caption in app.sidebar.caption)
    assert said in shown
    assert "<b>" not in shown  # markup is escaped (\<b\>), never passed through
    if query == "liniere":
        assert any("Linière" in button.label for button in found_buttons(app))


def test_an_empty_query_lists_nothing(monkeypatch) -> None:
    app = run_app(monkeypatch, DATA)
    app.text_input(key="atlas.search").input("   ").run()
    assert not page_failed(app) and not found_buttons(app)
