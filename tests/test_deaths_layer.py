"""The IOM's record of deaths at the border as a map layer (issue 22): which incidents a date shows (the events' window
rule), their circles (area by dead and missing, the camps' function), the approximate ones' dashed ring, their popup
(unknown said as unknown, every text escaped), their credit, and search, the CSV, the step state and the framing."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import replace
from datetime import date
from functools import cache

import pandas as pd
import pytest

from apptest_helpers import run_app, set_date
from calais_atlas.data.loader import default_data_dir, load_dataset
from calais_atlas.export.rows import shown_rows_csv
from calais_atlas.map import layers
from calais_atlas.map.feature_groups import layer_credit, layer_items
from calais_atlas.map.framing import frame_for, frame_of_view, view_showing
from calais_atlas.map.step import base_config, step_state
from calais_atlas.model import transitions as move
from calais_atlas.model.deaths import DEATHS_CREDIT, DEATHS_CREDIT_URL
from calais_atlas.model.escaping import markdown_text
from calais_atlas.model.palette import DEATH_FILL, UNCERTAINTY
from calais_atlas.model.search import SearchIndex
from calais_atlas.model.shown import Prepared
from calais_atlas.model.view_state import LAYERS, AtlasState, Limits

CHANNEL_27 = "2021.MMP0189"  # 24 Nov 2021: 27 dead or missing
NOV_24 = date(2021, 11, 24)


@cache
def shipped() -> dict[str, pd.DataFrame]:
    return load_dataset(default_data_dir()).tables


@cache
def prepared(lang: str = "en") -> Prepared:
    return Prepared.build(shipped(), lang)


def with_deaths(frame: pd.DataFrame, lang: str = "en") -> Prepared:
    """The shipped data with ``frame`` as its deaths table."""
    return Prepared.build({**shipped(), "deaths": frame}, lang)


def one_incident(**values) -> pd.DataFrame:
    """The 27's row, changed by ``values``: a loaded row, with the loader's types (Int64, NA for an empty count)."""
    deaths = shipped()["deaths"]
    row = deaths[deaths["iom_id"] == CHANNEL_27].copy()
    for column, value in values.items():
        row[column] = pd.Series([value], index=row.index, dtype=row[column].dtype)
    return row


def death_items(shown_prepared: Prepared, day: date = NOV_24) -> list[dict]:
    shown = shown_prepared.at(day, "around", 3)
    return layer_items(shown.ctx, shown.states, shown.event_records, shown.caption_records, ["deaths"],
                       deaths=shown.death_records)["deaths"]


def marker(items: list[dict], iom_id: str) -> dict:
    own = layers.death_class(iom_id)
    return next(item for item in items if own in item["options"]["className"].split()
                and "atlas-death" in item["options"]["className"].split())


def test_at_24_november_2021_the_27_are_shown_by_the_events_window_rule() -> None:
    """The incidents a date shows are those in the events' window (timeline.Dated): the 27 at 24 Nov 2021, 3 months
    around; a window of 0 months the day before leaves them out, and "everything up to" the day keeps them."""
    shown = prepared().at(NOV_24, "around", 3)
    assert CHANNEL_27 in {row["iom_id"] for row in shown.death_records}
    assert CHANNEL_27 not in {row["iom_id"] for row in prepared().at(date(2021, 11, 23), "around", 0).death_records}
    assert CHANNEL_27 in set(prepared().at(NOV_24, "upto", 0).deaths["iom_id"])
    assert marker(death_items(prepared()), CHANNEL_27)["tooltip"].startswith("<b>27 dead or missing</b>")


def test_a_circles_area_follows_dead_and_missing_with_the_camps_function() -> None:
    """The radius is layers.circle_radius (the camps' function) on the deaths' scale: area ∝ dead + missing, so 27 has
    27 times the area of 1, and one person is still the smallest clickable circle."""
    items = death_items(with_deaths(pd.concat([one_incident(), one_incident(iom_id="2021.MMP9999", dead=1, missing=0)])))
    big, small = marker(items, CHANNEL_27)["options"]["radius"], marker(items, "2021.MMP9999")["options"]["radius"]
    assert big == layers.circle_radius(27, layers.DEATH_PX_PER_ROOT_PERSON)
    assert math.isclose((big / small) ** 2, 27)
    assert small == layers.MIN_RADIUS_PX
    assert marker(items, CHANNEL_27)["options"]["fillColor"] == DEATH_FILL
    assert items.index(marker(items, CHANNEL_27)) < items.index(marker(items, "2021.MMP9999"))  # the smaller on top


def test_an_approximate_position_has_the_dashed_ring_of_uncertain_places() -> None:
    """An approximate incident gets the dashed ring approximate places have (its colour, dash, no fill), around its
    circle, and says so in its tooltip and popup; a reported one has neither."""
    items = death_items(with_deaths(one_incident(location_precision="approximate")))
    ring = next(item for item in items if "atlas-uncertainty" in item["options"]["className"].split())
    circle = marker(items, CHANNEL_27)
    assert (ring["options"]["color"], ring["options"]["dashArray"], ring["options"]["fill"]) == (UNCERTAINTY, "4 4", False)
    assert ring["options"]["radius"] > circle["options"]["radius"] and ring["options"]["interactive"] is False
    assert "approximate position" in circle["tooltip"] and "approximate position" in circle["popup"]
    reported = death_items(with_deaths(one_incident(location_precision="reported")))
    assert [item for item in reported if "atlas-uncertainty" in item["options"]["className"]] == []
    assert "approximate" not in marker(reported, CHANNEL_27)["popup"]


def test_the_popup_says_everything_iom_says_with_the_credit_in_both_languages() -> None:
    """The popup has the date, IOM's words for the place, dead, missing and survivors, the cause, the sources, the
    links, the quality scores as IOM gives them (never summed), the IOM id and the credit linked to IOM."""
    row = one_incident(dead=3, missing=24, survivors=2, cause="Drowning", sources="AFP, BBC",
                       links="https://example.org/a https://example.org/b", source_quality="4 5")
    popup = marker(death_items(with_deaths(row)), CHANNEL_27)["popup"]
    for said in ("24 Nov 2021", "Dead: 3", "Missing: 24", "Survivors: 2", "Cause (IOM): Drowning", "AFP, BBC",
                 'href="https://example.org/b"', "IOM source quality (1 to 5): 4, 5", "IOM id: 2021.MMP0189",
                 f'<a href="{DEATHS_CREDIT_URL}"', DEATHS_CREDIT.replace("'", "&#x27;")):
        assert said in popup, said
    assert row["location"].iloc[0].split()[0] in popup
    french = marker(death_items(with_deaths(row, "fr"), NOV_24), CHANNEL_27)["popup"]
    assert "24 nov. 2021" in french and "Morts\u00a0: 3" in french and "Disparus\u00a0: 24" in french
    assert "Données\u00a0:" in french


def test_an_unknown_count_is_said_unknown_never_0() -> None:
    """An empty count (IOM does not know) reads "unknown" in the popup, the text view's words and the CSV's empty
    cell; a count of 0 reads 0. Neither known: "number not known", never "0 dead or missing"."""
    row = one_incident(dead=pd.NA, missing=0, survivors=pd.NA)
    item = marker(death_items(with_deaths(row)), CHANNEL_27)
    assert "Dead: unknown" in item["popup"] and "Missing: 0" in item["popup"] and "Survivors: unknown" in item["popup"]
    unknown = marker(death_items(with_deaths(one_incident(dead=pd.NA, missing=pd.NA))), CHANNEL_27)
    assert "Number of dead and missing not known" in unknown["tooltip"] and "0 dead" not in unknown["tooltip"]
    shown = with_deaths(row).at(NOV_24, "around", 0)
    text = shown_rows_csv(NOV_24, {}, shown.events.iloc[:0], shown.captions.iloc[:0], shown.ctx, shown.deaths)
    death_row = next(r for r in csv.DictReader(io.StringIO(text)) if r["layer"] == "death")
    assert (death_row["dead"], death_row["missing"], death_row["survivors"]) == ("", "0", "")


HOSTILE = "<img src=x onerror=alert(1)> `${alert(2)}` \\ \" ' & Wimereux"


def test_a_hostile_location_cause_and_link_are_escaped() -> None:
    """IOM's texts are data: a location, cause or source with markup reaches the tooltip and popup escaped (also for
    the JS template literal folium puts them in), and a javascript: link is not made a link."""
    row = one_incident(location=HOSTILE, cause=HOSTILE, sources=HOSTILE, note=HOSTILE,
                       links="javascript:alert(3) https://example.org/ok")
    item = marker(death_items(with_deaths(row)), CHANNEL_27)
    for text in (item["tooltip"], item["popup"]):
        assert "<img" not in text and "`" not in text and "${" not in text
        assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "javascript:" not in item["popup"] and 'href="https://example.org/ok"' in item["popup"]


def test_search_finds_the_incidents_at_wimereux_and_gris_nez() -> None:
    """Typing "Wimereux" or "Gris-Nez" finds IOM's incidents whose place IOM words so; each is a "death" result with
    its IOM id and date, and no place id."""
    index = SearchIndex.build(shipped())
    deaths = shipped()["deaths"]
    for query in ("Wimereux", "Gris-Nez"):
        hits = [hit for hit in index.search(query).hits if hit.kind == "death"]
        assert hits, query
        for hit in hits:
            row = deaths[deaths["iom_id"] == hit.id].iloc[0]
            assert (hit.date, hit.place_id) == (row["date"], "")
            assert query.split("-")[0].lower() in " ".join(str(row[c]) for c in ("location", "cause", "sources")).lower()


def test_choosing_an_incident_in_search_brings_its_layer_and_a_view_with_it() -> None:
    """A death result chosen moves to its date, brings the layer back when it was off, and the view that has it in
    sight: the coast for Wimereux, every place for Norway."""
    limits = Limits(date(1999, 1, 1), date(2026, 12, 31))
    state = AtlasState(layers=("sites", "events"), view="site", site="brachay")
    moved = move.go_to_found(state, NOV_24, "", limits, layer="deaths", view=view_showing(50.77, 1.61))
    assert (moved.date, moved.layers, moved.view, moved.site) == (NOV_24, ("sites", "events", "deaths"), "coast", "brachay")
    assert view_showing(58.97, 5.73) == "all"


def test_show_all_places_fits_every_incident_while_the_layer_is_shown() -> None:
    """The view of every place fits the incidents too (Essex, Belgium, the Netherlands, Norway), as a new frame;
    without them it is the places' as before."""
    ctx, points = prepared().ctx, prepared().death_points()
    (south, west), (north, east) = frame_for(ctx, "all", points=points)["bounds"]
    deaths = shipped()["deaths"]
    assert south <= deaths["lat"].min() and north >= deaths["lat"].max()
    assert west <= deaths["lon"].min() and east >= deaths["lon"].max()
    assert frame_for(ctx, "all", points=points)["key"] != frame_for(ctx, "all")["key"]
    assert frame_for(ctx, "coast", points=points) == frame_for(ctx, "coast")


def test_a_printed_chapter_of_every_place_fits_the_incidents_as_the_live_map_does() -> None:
    """One rule for the live map and the handout (framing.frame_of_view): the view of every place fits the incidents
    while their layer is shown (chapter 1 then reaches the incidents in England), and only then."""
    ctx, points = prepared().ctx, prepared().death_points()
    with_deaths = AtlasState(view="all", layers=("sites", "deaths"))
    north = frame_of_view(ctx, with_deaths, points)["bounds"][1][0]
    assert north >= shipped()["deaths"]["lat"].max()
    assert frame_of_view(ctx, replace(with_deaths, layers=("sites",)), points) == frame_for(ctx, "all")


def test_the_step_state_carries_the_incidents_popups_and_the_base_config_their_credit() -> None:
    """An incident selects no place, so its popup travels at every step (a click opens it); its key is the same from
    step to step; the base config gives the layer its label and its credit, linked, for the map's credit line."""
    shown = prepared().at(NOV_24, "around", 3)
    items = layer_items(shown.ctx, shown.states, shown.event_records, shown.caption_records, list(LAYERS),
                        deaths=shown.death_records)
    state = step_state(items, site=None)
    drawn = [item for item in state["items"]["deaths"] if "place" not in item and "tooltip" in item]
    assert drawn and all("popup" in item for item in drawn)
    assert "deaths" in state["visible"]
    later = step_state(layer_items(shown.ctx, shown.states, shown.event_records, shown.caption_records, list(LAYERS),
                                   deaths=prepared().at(date(2021, 12, 24), "around", 3).death_records))

    def key_of_27(step: dict) -> str:
        return next(item["k"] for item in step["items"]["deaths"] if "27 dead or missing" in item.get("tooltip", ""))

    assert key_of_27(state) == key_of_27(later)  # a marker that stands keeps its key: the browser keeps its layer
    layer = next(entry for entry in base_config("fr")["layers"] if entry[0] == "deaths")
    assert layer[1] == "Morts à la frontière (OIM)"
    assert DEATHS_CREDIT_URL in layer[2] and layer_credit("sites", "en") is None


def test_the_rows_csv_has_the_incidents_shown_with_their_credit() -> None:
    """The CSV of rows shown lists each incident in the window, with its counts, IOM's sources and id, and the credit."""
    shown = prepared().at(NOV_24, "around", 3)
    text = shown_rows_csv(NOV_24, shown.states, shown.events, shown.captions, shown.ctx, shown.deaths)
    rows = [row for row in csv.DictReader(io.StringIO(text)) if row["layer"] == "death"]
    assert len(rows) == len(shown.death_records)
    the_27 = next(row for row in rows if CHANNEL_27 in row["source"])
    assert (the_27["date"], the_27["what"]) == ("2021-11-24", "27 dead or missing")
    assert all(row["credit"] == f"{DEATHS_CREDIT} ({DEATHS_CREDIT_URL})" for row in rows)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_layer_is_on_by_default_and_named_in_both_languages(lang: str) -> None:
    """A teacher opening the map sees the layer exists: it is one of the default view's layers, in the one layer list
    the sidebar, the link and the map's control share."""
    assert "deaths" in AtlasState().layers and "deaths" in LAYERS
    assert next(entry for entry in base_config(lang)["layers"] if entry[0] == "deaths")[1] in (
        "Deaths at the border (IOM)", "Morts à la frontière (OIM)")


def test_the_text_view_lists_the_incidents_in_the_window_with_unknown_and_the_credit(monkeypatch) -> None:
    """The text view (the map as tables) lists IOM's incidents in the window: at 24 Nov 2021 the 27 with IOM's id,
    and, at 1 Nov 2014, an incident whose survivors IOM does not give says "unknown"; the credit is above them."""
    app = run_app(monkeypatch, default_data_dir(), {"date": "2021-11-24"})
    app.session_state["atlas.tab"] = "What the map shows (text)"
    app.run()
    deaths = next(table.value for table in app.table if "IOM id" in table.value.columns)
    the_27 = deaths[deaths["IOM id"] == markdown_text(CHANNEL_27)].iloc[0]
    assert (the_27["Dead"], the_27["Missing"], the_27["Survivors"]) == ("27", "0", "2")
    assert any(f"[{markdown_text(DEATHS_CREDIT)}]({DEATHS_CREDIT_URL})" in caption.value for caption in app.caption)
    set_date(app, date(2014, 11, 1))
    deaths = next(table.value for table in app.table if "IOM id" in table.value.columns)
    assert "unknown" in set(deaths["Survivors"]) and "0" in set(deaths["Missing"])
