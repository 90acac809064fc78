"""French formatting, chapters driving the page, and the exports (offline map, shown rows, handout)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from apptest_helpers import count_class, groups_js, page_failed, run_app
from calais_atlas.data.loader import load_dataset
from calais_atlas.export.handout import handout_html
from calais_atlas.export.rows import shown_rows_csv
from calais_atlas.export.standalone import standalone_map
from calais_atlas.map.feature_groups import layer_items
from calais_atlas.model.formatting import format_count, format_date, format_figure
from calais_atlas.model.shown import Prepared, shown_at
from datafolders import MINIMAL


@pytest.mark.parametrize(
    ("text", "en", "fr"),
    [
        ("2015-11-25", "25 Nov 2015", "25 nov. 2015"),
        ("2015-11", "Nov 2015", "nov. 2015"),
        ("2015", "2015", "2015"),
        ("2015-09/2015-11", "Sep – Nov 2015", "sept. – nov. 2015"),
        ("2021-11/..", "since Nov 2021", "depuis nov. 2021"),
    ],
)
def test_dates_in_english_and_french_keep_their_precision(text: str, en: str, fr: str) -> None:
    """Dates read the French way ('25 nov. 2015') and never gain a day they do not have."""
    assert (format_date(text, "en"), format_date(text, "fr")) == (en, fr)


def test_numbers_and_figures_in_french() -> None:
    """French numbers group thousands with a (narrow) space, and qualifiers are translated."""
    assert format_count(6000, "fr") == "6\u202f000"
    assert format_figure(6000, "over", lang="fr") == "plus de 6\u202f000"
    assert format_figure(1500, "planned", lang="fr") == "prévu : 1\u202f500"


def test_chapter_in_the_url_sets_date_layers_site_and_caption(monkeypatch) -> None:
    """?chapter=1 opens the lesson there: its date, window, layers, place and caption."""
    app = run_app(monkeypatch, MINIMAL, {"chapter": "1"})
    assert not page_failed(app)
    assert app.slider(key="atlas.date").value == date(2015, 11, 25)
    layers = [app.checkbox(key=f"atlas.layer.{name}").value for name in ("sites", "events", "captions", "context")]
    assert layers == [True, True, False, False]
    assert app.session_state["atlas.site"] == "calais-jungle" and app.session_state["atlas.view_state"].caption == "time-01"
    assert any("Chapter 1 of 2" in block.value for block in app.markdown)
    assert count_class(groups_js(app), "atlas-highlight") == 1


def test_next_chapter_moves_everything_and_the_url(monkeypatch) -> None:
    """The next-chapter button moves slider, window, layers and site together, and the URL follows."""
    app = run_app(monkeypatch, MINIMAL, {"chapter": "1"})
    app.button(key="atlas-lesson-next").click().run()
    assert app.slider(key="atlas.date").value == date(2021, 11, 24)
    assert app.radio(key="atlas.window").value == "upto"
    assert app.session_state["atlas.site"] == "wissant"
    assert app.query_params["chapter"] == "2"
    assert app.button(key="atlas-lesson-next").disabled


def test_lesson_in_french_and_teacher_notes_hidden_until_asked(monkeypatch) -> None:
    """With lang=fr the chapter uses its French columns; teacher notes appear only after the toggle."""
    app = run_app(monkeypatch, MINIMAL, {"chapter": "1", "lang": "fr"})
    texts = " ".join(block.value for block in app.markdown)
    assert "La « Jungle » grandit" in texts and "Chapitre 1 sur 2" in texts
    assert not any("Les chiffres divergent" in info.value for info in app.info)
    app.toggle(key="atlas.teacher").set_value(True).run()
    assert any("Les chiffres divergent" in info.value for info in app.info)


def _shown(at: date):
    tables = load_dataset(MINIMAL).tables
    shown = shown_at(tables, at, "upto", 0, "en")
    return tables, shown.ctx, shown.states, shown.events, shown.captions


def test_standalone_map_needs_no_network() -> None:
    """The exported map inlines Leaflet, jQuery, the basemap and live-map.js: no script, stylesheet or data URL to fetch."""
    tables, ctx, states, events, captions = _shown(date(2016, 1, 20))
    items = layer_items(ctx, states, events, captions, ["sites", "events", "captions", "context"])
    page = standalone_map(items, {"key": "site", "center": [50.96, 2.0], "zoom": 10}, "en")
    assert not re.search(r"<(?:script|link)[^>]+(?:src|href)=", page)
    assert "window.atlas.init" in page and "window.atlas.apply" in page and "L.circleMarker" in page
    assert "atlas-basemap" in page and len(page) > 300_000


def test_shown_rows_csv_defuses_spreadsheet_formulas() -> None:
    """Rows shown are exported with their dates and sources; a cell starting with = is prefixed so Excel won't run it."""
    tables, ctx, states, events, captions = _shown(date(2021, 11, 30))
    events = events.assign(title=events["title"].where(events["event_id"] != "kayak-2021", "=HYPERLINK(\"http://x\")"))
    text = shown_rows_csv(date(2021, 11, 30), states, events, captions, ctx)
    lines = text.splitlines()
    assert lines[0] == "layer,date,place_id,place,what,count,count_max,qualifier,detail,source,dead,missing,survivors,credit"
    assert sum(line.startswith("event,") for line in lines) == 3 and sum(line.startswith("caption,") for line in lines) == 2
    assert "'=HYPERLINK" in text


def test_handout_lists_chapters_questions_and_sources_and_hides_notes() -> None:
    """The handout has every chapter with its question and the sources; teacher notes only in the teacher version."""
    tables = load_dataset(MINIMAL).tables
    student = handout_html(Prepared.build(tables, "en"))
    teacher = handout_html(Prepared.build(tables, "fr"), teacher=True)
    assert "1. The Jungle grows" in student and "Why did the camp grow?" in student and "<svg" in student
    assert "The figures disagree." not in student and "Les chiffres divergent." in teacher
    assert "@media print" in student
