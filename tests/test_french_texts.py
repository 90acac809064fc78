"""The project's own texts in French: events' title_fr and description_fr, places' description_fr.

Described once in the schema, filled for every shipped row, and shown wherever the English is shown when the interface
is French, through one rule (i18n.translated, behind MapContext.text): the French when filled, else the English.
Quotes, captions and source titles have no French column: they stay in their own language.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pandas as pd
import pytest

from apptest_helpers import groups_js, page_failed, run_app
from calais_atlas.data.schema import EVENTS, PLACES
from calais_atlas.export.rows import shown_rows_csv
from calais_atlas.map.feature_groups import layer_items
from calais_atlas.model.context import MapContext, texts
from calais_atlas.model.escaping import html_text
from calais_atlas.model.search import SearchIndex
from calais_atlas.model.shown import Prepared
from calais_atlas.model.strip import build_strip
from calais_atlas.model.view_state import LAYERS
from datafolders import MINIMAL

FRENCH_COLUMNS = (("events", "title"), ("events", "description"), ("places", "description"))
SOURCES = pd.DataFrame({"source_id": ["s"], "publisher": ["P"], "title": ["T"], "url": [""]})
PLACES_FRAME = pd.DataFrame({
    "place_id": ["jungle", "calais", "sangatte"],
    "name": ["Calais 'Jungle'", "Calais", "Sangatte"],
    "description": ["The shantytown.", "Port town.", "Seaside commune."],
    "description_fr": ["Le bidonville.", "", float("nan")],
    "lat": [50.97, 50.95, 50.95], "lon": [1.9, 1.86, 1.76],
})


@pytest.mark.parametrize(("table", "column"), FRENCH_COLUMNS)
def test_the_schema_describes_each_french_column_once_beside_its_english(table: str, column: str) -> None:
    """`<column>_fr` is an optional text column that follows its English one, so the validator, data/README.md and the
    data package (all derived from the schema) describe it; empty means the English is shown."""
    schema = {"events": EVENTS, "places": PLACES}[table]
    french = schema.column(f"{column}_fr")
    assert (french.type, french.required, french.quoted) == ("text", False, False)
    assert "French" in french.description and "empty" in french.description
    names = list(schema.column_names)
    assert names.index(f"{column}_fr") == names.index(column) + 1


@pytest.mark.parametrize(("table", "column"), FRENCH_COLUMNS)
def test_every_shipped_text_has_its_french(shipped, table: str, column: str) -> None:
    """Every event's title and description, and every place's description, is translated in the shipped data."""
    frame = shipped[table]
    missing = frame[(frame[column] != "") & (frame[f"{column}_fr"] == "")]
    assert missing.empty, list(missing.iloc[:, 0])
    assert len(frame[frame[f"{column}_fr"] != ""]) == {"events": 36, "places": 16}[table]


def _numbers(text: str) -> list[str]:
    """The figures of a text, whatever its grouping: "1,500" in English and "1 500" in French are both 1500."""
    return sorted(re.findall(r"\d+", re.sub(r"(?<=\d)[,\u202f\u00a0](?=\d{3}\b)", "", text)))


@pytest.mark.parametrize(("table", "column"), FRENCH_COLUMNS)
def test_the_translations_keep_every_figure_and_french_typography(shipped, table: str, column: str) -> None:
    """A translation carries the same figures and dates as its English (no number lost, changed or added), groups
    thousands with a narrow no-break space, and puts a no-break space before : ; ? ! and inside « »."""
    for row in shipped[table].to_dict("records"):
        english, french = row[column], row[f"{column}_fr"]
        assert _numbers(english) == _numbers(french), (row[shipped[table].columns[0]], english, french)
        assert not re.search(r" [:;?!»]|« ", french), french
        assert not re.search(r"\d[ ,\u00a0]\d{3}\b", french), french
        assert french == french.strip() and "  " not in french


@pytest.mark.parametrize(
    ("place_id", "lang", "expected"),
    [
        ("jungle", "fr", "Le bidonville."),
        ("jungle", "en", "The shantytown."),
        ("calais", "fr", "Port town."),  # empty description_fr: the English
        ("sangatte", "fr", "Seaside commune."),  # a missing value (NaN) is no French either
        ("atlantis", "fr", ""),  # an unknown place has no description
    ],
)
def test_a_place_is_described_in_the_interface_language(place_id: str, lang: str, expected: str) -> None:
    assert MapContext.build(PLACES_FRAME, SOURCES, lang).place_description(place_id) == expected


@pytest.mark.parametrize(
    ("row", "lang", "expected"),
    [
        ({"title": "Clash", "title_fr": "Affrontement"}, "fr", "Affrontement"),
        ({"title": "Clash", "title_fr": "Affrontement"}, "en", "Clash"),
        ({"title": "Clash", "title_fr": ""}, "fr", "Clash"),
        ({"title": "Clash", "title_fr": float("nan")}, "fr", "Clash"),
        ({"title": "Clash"}, "fr", "Clash"),  # an older events.csv, without the column
        ({"title": float("nan")}, "fr", ""),
    ],
)
def test_one_accessor_picks_the_french_when_filled(row: dict, lang: str, expected: str) -> None:
    """MapContext.text, and context.texts for a whole column, follow the same rule as place names."""
    ctx = MapContext.build(PLACES_FRAME, SOURCES, lang)
    assert ctx.text(row, "title") == expected
    assert texts(pd.DataFrame([row]), "title", lang) == [expected]


def _texts_of(items: dict[str, list[dict]], key: str) -> str:
    return " ".join(item.get(key, "") for layer in items.values() for item in layer)


def test_the_french_map_shows_french_titles_and_descriptions(shipped) -> None:
    """?lang=fr: event tooltips and popups carry title_fr and description_fr, site popups and context tooltips the
    places' description_fr; none of them the English. Quotes stay as the source wrote them. A colon after a date or a
    label has its no-break space before it, as French writes it."""
    shown = Prepared.build(shipped, "fr").at(date(2016, 1, 20), "around", 3)
    items = layer_items(shown.ctx, shown.states, shown.events, shown.captions, list(LAYERS), "calais-jungle")
    tooltips, popups = _texts_of(items, "tooltip"), _texts_of(items, "popup")
    events = shipped["events"].set_index("event_id")
    buffer = events.loc["buffer-zone-clearing-2016-01-20"]
    assert html_text(buffer["title_fr"]) in tooltips and html_text(buffer["title"]) not in tooltips
    assert "\u00a0: " + html_text(buffer["title_fr"]) in tooltips  # "20 janv. 2016 : Dégagement…", French spacing
    assert "Source\u00a0: " in popups and "Source: " not in popups
    assert html_text(buffer["description_fr"]) in popups and html_text(buffer["description"]) not in popups
    assert html_text(buffer["quote"], 400)[:60] in popups  # the source's words, untranslated
    places = shipped["places"].set_index("place_id")
    jungle, dunkirk = places.loc["calais-jungle"], places.loc["dunkirk"]
    assert html_text(jungle["description_fr"], 400) in popups and html_text(jungle["description"], 400) not in popups
    assert html_text(dunkirk["description_fr"]) in tooltips and html_text(dunkirk["description"]) not in tooltips


def test_the_english_map_is_unchanged(shipped) -> None:
    """In English the same markers carry the English title and description, and no French."""
    shown = Prepared.build(shipped, "en").at(date(2016, 1, 20), "around", 3)
    items = layer_items(shown.ctx, shown.states, shown.events, shown.captions, list(LAYERS), "calais-jungle")
    popups = _texts_of(items, "popup")
    buffer = shipped["events"].set_index("event_id").loc["buffer-zone-clearing-2016-01-20"]
    assert html_text(buffer["title"]) in popups and html_text(buffer["title_fr"]) not in popups


def test_the_rows_csv_and_the_strip_are_in_french(shipped) -> None:
    """The CSV of what is shown gives an event's French title and description; the strip's mark tooltips its title."""
    shown = Prepared.build(shipped, "fr").at(date(2016, 1, 20), "around", 3)
    rows = list(csv.DictReader(io.StringIO(shown_rows_csv(date(2016, 1, 20), shown.states, shown.events, shown.captions,
                                                          shown.ctx))))
    buffer = shipped["events"].set_index("event_id").loc["buffer-zone-clearing-2016-01-20"]
    events = [row for row in rows if row["layer"] == "event"]
    assert {"what": buffer["title_fr"], "detail": buffer["description_fr"]}.items() <= \
        next(row for row in events if row["what"] == buffer["title_fr"]).items()
    assert not any(row["what"] == buffer["title"] for row in events)
    strip = build_strip(shipped["events"], date(1999, 1, 1), date(2021, 12, 31), shown.ctx.place_name, "fr")
    tips = " ".join(row["t"] for row in strip.focus_rows(date(2016, 1, 1), date(2016, 1, 31)))
    assert buffer["title_fr"] in tips and buffer["title"] not in tips


@pytest.mark.parametrize(("lang", "label"), [("fr", "title_fr"), ("en", "title")])
def test_a_french_title_is_found_in_either_interface(shipped, lang: str, label: str) -> None:
    """French words find the event in both languages; its label is the title in the interface's language."""
    buffer = shipped["events"].set_index("event_id").loc["buffer-zone-clearing-2016-01-20"]
    found = SearchIndex.build(shipped, lang).search("zone tampon autoroute")
    assert [(hit.id, hit.label) for hit in found.hits][:1] == [("buffer-zone-clearing-2016-01-20", buffer[label])]


def test_the_french_page_uses_the_french_columns(monkeypatch) -> None:
    """?lang=fr on the minimal data: the map's events carry title_fr, the Jungle's popup its description_fr, and the
    text view's events table the French title; a row without title_fr keeps its English title (popups travel only for
    the selected site: map/step.py)."""
    app = run_app(monkeypatch, MINIMAL, {"lang": "fr", "date": "2015-11-25", "site": "calais-jungle"})
    assert not page_failed(app)
    js = groups_js(app)
    assert "Affrontement entre des migrants et la police" in js and "Clash between migrants and police" not in js
    assert html_text("Le bidonville à l'est de Calais, sur la Lande.") in js
    assert "The camp passes 6000 residents" in js  # no title_fr: the English
    app.session_state["atlas.tab"] = "Ce que montre la carte (texte)"
    app.run()
    events = next(table.value for table in app.table if "Événement" in table.value.columns)
    assert "Affrontement entre des migrants et la police" in set(events["Événement"])
    assert "Clash between migrants and police" not in set(events["Événement"])
