"""The charts and the map's credit speak the interface's language: month names, the number format, the chart's wording
legend and the strip's month labels from Babel's CLDR data; the basemap's and OpenStreetMap's credits from the catalogue.
"""

from __future__ import annotations

from datetime import date

import folium
import pytest

from calais_atlas.map.basemap import Basemap, add_basemap, osm_attribution
from calais_atlas.map.mapview import base_map
from calais_atlas.model.chart_locale import date_axis_format, vega_locale
from calais_atlas.model.population_chart import QUALIFIER_SHAPES, population_spec
from calais_atlas.model.strip import Strip, StripLine, strip_spec


def test_the_french_locale_has_french_months_and_groups_thousands_with_a_narrow_no_break_space() -> None:
    """Vega's d3 locale for French: "janvier", "janv." with its full stop, Sunday first, 6 000 and 2,5."""
    french = vega_locale("fr")
    assert french["time"]["months"][0] == "janvier" and french["time"]["shortMonths"][:2] == ["janv.", "févr."]
    assert french["time"]["days"][0] == "dimanche" and len(french["time"]["shortDays"]) == 7
    assert (french["number"]["thousands"], french["number"]["decimal"]) == ("\u202f", ",")
    english = vega_locale("en")
    assert english["time"]["months"][0] == "January" and english["number"]["thousands"] == ","


def test_a_day_on_a_date_axis_is_written_in_the_languages_order() -> None:
    """d3's own "%b %d" would write "janv. 19"; French writes "19 janv.", English "Jan 19"."""
    assert date_axis_format("fr")["date"] == "%-d %b" and date_axis_format("fr")["week"] == "%-d %b"
    assert date_axis_format("en")["date"] == "%b %-d"


ROWS = [{"start": "2015-09-01", "end": "2015-11-30", "mid": "2015-10-16", "count": 6000, "top": 6000, "qualifier": "over",
         "figure": "plus de 6 000", "kind": "résidents", "when": "sept. – nov. 2015", "source": "TIME", "quote": ""}]


@pytest.mark.parametrize(("lang", "words"), [
    ("fr", ["exact", "environ", "plus de", "moins de", "prévu"]),
    ("en", ["exact", "about", "over", "under", "planned"]),
])
def test_the_population_chart_is_drawn_in_the_interface_language(lang: str, words: list[str]) -> None:
    """The chart carries its language's locale, its date axes the language's day format, and the wording legend
    names each qualifier in the language (the shapes stay keyed by the data's values)."""
    spec = population_spec(ROWS, [], date(2016, 1, 20), lang)
    assert spec["config"]["locale"] == vega_locale(lang)
    points = spec["layer"][4]["encoding"]
    assert points["x"]["axis"]["format"] == date_axis_format(lang)
    assert points["shape"]["scale"]["domain"] == list(QUALIFIER_SHAPES)
    legend = points["shape"]["legend"]["labelExpr"]
    assert all(f'"{qualifier}": "{word}"' in legend for qualifier, word in zip(QUALIFIER_SHAPES, words, strict=True))


def test_the_strips_months_keep_their_full_stop() -> None:
    """The focus row's labels are "janv. 2016", "févr.": Babel's abbreviations as French writes them, not "janv"."""
    strip = Strip([], [], [], [], [], aggregated=False)
    line = StripLine([], [], [], qualified=False)
    spec = strip_spec(strip, line, date(2016, 1, 20), (date(2015, 10, 20), date(2016, 4, 20)),
                      (date(1999, 1, 1), date(2021, 12, 31)), "fr")
    labels = spec["vconcat"][1]["layer"][0]["encoding"]["x"]["axis"]["labelExpr"]
    assert '"janv.", "févr.", "mars"' in labels
    assert spec["config"]["locale"] == vega_locale("fr")


def test_the_map_credit_is_in_french() -> None:
    """The basemap's credit and OpenStreetMap's are in the page's language; the English ones are unchanged."""
    assert "<summary>Fond de carte\u00a0: Natural Earth, GSHHG</summary>" in Basemap(lang="fr").credit
    assert "Fond de carte\u00a0: Natural Earth (domaine public)" in Basemap(lang="fr").credit
    assert "GSHHG (Wessel &amp; Smith 1996, LGPL-3+)" in Basemap(lang="fr").credit
    assert "Basemap: Natural Earth (public domain)" in Basemap().credit
    assert osm_attribution("fr") == ('<span class="atlas-credit">© les contributeurs d’'
                                     '<a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a></span>')
    html = base_map("osm", "fr").get_root().render()
    assert "Fond de carte" in html and "les contributeurs d" in html and "Basemap:" not in html


def test_a_standalone_basemap_takes_the_language_too() -> None:
    """add_basemap passes the language to the credit (the offline export uses it)."""
    html = add_basemap(folium.Map(tiles=None), "offline", inline=False, lang="fr").get_root().render()
    assert "Fond de carte" in html
