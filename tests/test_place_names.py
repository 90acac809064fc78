"""Places are named in the interface's language: their name_fr in French when it is filled, their name otherwise."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pandas as pd
import pytest

from apptest_helpers import groups_js, page_failed, run_app
from calais_atlas.data.loader import load_dataset
from calais_atlas.export.handout import handout_html
from calais_atlas.export.rows import shown_rows_csv
from calais_atlas.map.feature_groups import layer_items
from calais_atlas.model.context import MapContext, place_names
from calais_atlas.model.escaping import html_text
from calais_atlas.model.search import SearchIndex
from calais_atlas.model.shown import Prepared
from calais_atlas.model.strip import build_strip
from calais_atlas.model.view_state import LAYERS
from datafolders import MINIMAL

JUNGLE_FR = "«\u00a0Jungle\u00a0» de Calais (Lande de Calais)"
PLACES = pd.DataFrame({
    "place_id": ["jungle", "calais", "camp", "town", "sangatte", "sea"],
    "name": ["Calais 'Jungle'", "Calais", "Grande-Synthe camp (Basroch)", "Grande-Synthe", "Sangatte", "English Channel"],
    "name_fr": ["«\u00a0Jungle\u00a0» de Calais", "", "Camp de Grande-Synthe (Basroch)", "", float("nan"), "La Manche"],
    "lat": [50.9686, 50.9481, 51.0045, 51.01389, 50.9475, None],
    "lon": [1.9058, 1.8564, 2.3000, 2.30278, 1.7575, None],
})
SOURCES = pd.DataFrame({"source_id": ["s"], "publisher": ["P"], "title": ["T"], "url": [""]})


@pytest.mark.parametrize(
    ("place_id", "english", "french"),
    [
        ("jungle", "Calais 'Jungle'", "«\u00a0Jungle\u00a0» de Calais"),
        ("camp", "Grande-Synthe camp (Basroch)", "Camp de Grande-Synthe (Basroch)"),
        ("calais", "Calais", "Calais"),  # empty name_fr: the name
        ("sangatte", "Sangatte", "Sangatte"),  # a missing value (NaN) is no French name either
        ("atlantis", "atlantis", "atlantis"),  # an unknown place is named by its id, as before
    ],
)
def test_a_place_is_named_in_the_interface_language(place_id: str, english: str, french: str) -> None:
    names = [MapContext.build(PLACES, SOURCES, lang).place_name(place_id) for lang in ("en", "fr")]
    assert names == [english, french]


def test_a_table_without_name_fr_names_its_places_by_name() -> None:
    """An older places.csv, or a frame built without the column, still names every place."""
    ctx = MapContext.build(PLACES.drop(columns="name_fr"), SOURCES, "fr")
    assert [ctx.place_name(p) for p in ("jungle", "camp")] == ["Calais 'Jungle'", "Grande-Synthe camp (Basroch)"]


def test_the_go_to_list_is_in_alphabetical_order_of_the_language_shown() -> None:
    """Guillemets, case and accents do not move a name: « Jungle » files under J. Places without a point are left out."""
    assert list(place_names(PLACES, "en").values()) == ["Calais", "Calais 'Jungle'", "Grande-Synthe",
                                                         "Grande-Synthe camp (Basroch)", "Sangatte"]
    assert list(place_names(PLACES, "fr").values()) == ["Calais", "Camp de Grande-Synthe (Basroch)", "Grande-Synthe",
                                                         "«\u00a0Jungle\u00a0» de Calais", "Sangatte"]


def _drawn_names(items: dict[str, list[dict]]) -> dict[str, list[str]]:
    """place_id -> the tooltips and label HTML the map draws for it."""
    drawn: dict[str, list[str]] = {}
    for layer in items.values():
        for item in layer:
            icon = item.get("icon", {})
            found = re.search(r"atlas-place-([\w-]+)", icon.get("className", "") + item.get("options", {}).get("className", ""))
            texts = [item.get("tooltip", ""), icon.get("html", "") if "label" in icon.get("className", "")
                     or "atlas-context-name" in icon.get("html", "") else ""]
            if found:
                drawn.setdefault(found.group(1), []).extend(text for text in texts if text)
    return drawn


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_map_names_places_in_the_interface_language(shipped, lang: str) -> None:
    """Every tooltip and label of a place carries its name in the language shown, and none its name in the other."""
    shown = Prepared.build(shipped, lang).at(date(2016, 1, 20), "around", 3)
    drawn = _drawn_names(layer_items(shown.ctx, shown.states, shown.events, shown.captions, list(LAYERS), "calais-jungle"))
    places = shipped["places"].set_index("place_id")
    translated = places[places["name_fr"] != ""]
    assert {"calais-jungle", "grande-synthe-camp", "dunkirk", "english-channel"} <= set(drawn) & set(translated.index)
    for place_id, texts in drawn.items():
        english, french = places.loc[place_id, "name"], places.loc[place_id, "name_fr"]
        shown_name, other = (french or english, english if french else None) if lang == "fr" else (english, french or None)
        for text in texts:
            assert html_text(shown_name) in text, (place_id, text)
            if other and other not in shown_name:  # "Dunkirk (Dunkerque)" holds its French name
                assert html_text(other) not in text, (place_id, text)


def test_the_french_labels_are_the_french_names(shipped) -> None:
    shown = Prepared.build(shipped, "fr").at(date(2016, 1, 20), "around", 3)
    drawn = _drawn_names(layer_items(shown.ctx, shown.states, shown.events, shown.captions, list(LAYERS)))
    assert any(f"<b>{html_text(JUNGLE_FR)}</b>" in text for text in drawn["calais-jungle"])
    assert any('atlas-context-name">Dunkerque<' in text for text in drawn["dunkirk"])
    assert any("<b>Camp de Grande-Synthe (Basroch)</b>" in text for text in drawn["grande-synthe-camp"])


def test_the_exports_name_places_in_french(shipped) -> None:
    """The CSV of what is shown, the handout and the strip's tooltips use the French names with lang=fr."""
    shown = Prepared.build(shipped, "fr").at(date(2016, 1, 20), "around", 3)
    rows = list(csv.DictReader(io.StringIO(shown_rows_csv(date(2016, 1, 20), shown.states, shown.events, shown.captions,
                                                          shown.ctx))))
    by_id = {row["place_id"]: row["place"] for row in rows}
    assert by_id["calais-jungle"] == JUNGLE_FR and by_id["grande-synthe-camp"] == "Camp de Grande-Synthe (Basroch)"
    handout = handout_html(Prepared.build(shipped, "fr"))
    assert html_text(JUNGLE_FR) in handout and "Calais &#x27;Jungle&#x27;" not in handout
    strip = build_strip(shipped["events"], date(1999, 1, 1), date(2021, 12, 31), shown.ctx.place_name, "fr")
    tips = [row["t"] for row in strip.focus_rows(date(2016, 1, 1), date(2016, 3, 31)) if "t" in row]
    assert tips and any(JUNGLE_FR in tip for tip in tips) and not any("Calais 'Jungle'" in tip for tip in tips)


def test_search_labels_places_in_french_and_finds_them_by_either_name(shipped) -> None:
    index = SearchIndex.build(shipped, "fr")
    for query in ("Dunkerque", "Dunkirk"):
        places = [hit for hit in index.search(query).hits if hit.kind == "place"]
        assert [(hit.id, hit.label) for hit in places][:1] == [("dunkirk", "Dunkerque")], query


def test_the_french_page_names_places_in_french(monkeypatch) -> None:
    """?lang=fr: the "go to place" list, the captions panel and the map use the French name of the Jungle."""
    app = run_app(monkeypatch, MINIMAL, {"lang": "fr", "site": "calais-jungle", "date": "2016-01-20"})
    assert not page_failed(app)
    options = app.selectbox(key="atlas.site").options
    assert "« Jungle » de Calais" in options and "Calais 'Jungle'" not in options
    assert any("« Jungle » de Calais" in block.value for block in app.markdown)  # the captions panel's heading
    assert "« Jungle » de Calais" in groups_js(app)
    english = run_app(monkeypatch, MINIMAL, {"site": "calais-jungle", "date": "2016-01-20"})
    assert "Calais 'Jungle'" in english.selectbox(key="atlas.site").options


def test_a_hostile_french_name_is_escaped_on_the_map() -> None:
    """name_fr is untrusted CSV text like name: in French its markup reaches the map as text."""
    tables = load_dataset(MINIMAL.parent / "hostile").tables
    shown = Prepared.build(tables, "fr").at(date(2021, 11, 30), "upto", 0)
    drawn = _drawn_names(layer_items(shown.ctx, shown.states, shown.events, shown.captions, list(LAYERS), "calais-jungle"))
    texts = " ".join(text for place in drawn.values() for text in place)
    assert "« Jungle » de Calais &quot;&gt;&lt;svg onload=alert(&#x27;svg&#x27;)&gt;" in texts  # shown, as text
    assert "&#36;{alert(&#x27;template&#x27;)}&#96;" in texts  # Wissant's French name cannot end a JS template literal
    assert "<svg onload" not in texts and "${alert" not in texts
