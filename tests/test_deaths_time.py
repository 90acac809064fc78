"""The deaths at the border in time (issue 22): the slider, the strip and the subtitle reach the data's last date by one
rule (timeline.data_span), the strip counts the dead and missing per month, and the lesson has a chapter on the
crossings after the camps, in both languages, whose figures are the data's."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from apptest_helpers import run_app
from calais_atlas.data.loader import load_dataset
from calais_atlas.export.handout import handout_html
from calais_atlas.model.deaths import monthly_totals, yearly_totals
from calais_atlas.model.escaping import markdown_text
from calais_atlas.model.i18n import t
from calais_atlas.model.shown import Prepared
from calais_atlas.model.strip import build_strip, death_months, population_line, strip_spec
from calais_atlas.model.timeline import data_span
from datafolders import MINIMAL, ROOT

LAST_INCIDENT = date(2026, 5, 3)  # the shipped deaths table's last incident
CHAPTER = 11  # the crossings after the camps, 2018–2026
BILINGUAL = ("title", "narrative", "question", "teacher_notes")


@pytest.fixture(scope="module")
def shipped():
    loaded = load_dataset(ROOT / "data")
    return loaded


def _bars(tables, lang: str = "en") -> list[dict]:
    return death_months(monthly_totals(tables["deaths"]), lang)


def test_the_span_ends_at_the_last_incident(shipped) -> None:
    """The slider's span runs to the deaths table's last incident (3 May 2026), not to the last event (Nov 2021); a
    folder without deaths still ends at its own last dated row."""
    span = data_span(shipped.tables)
    assert (span.first, span.last) == (date(1999, 9, 1), LAST_INCIDENT)
    assert span.last == shipped.tables["deaths"]["date_start"].max().date()
    minimal = load_dataset(MINIMAL).tables
    assert minimal["deaths"].empty and data_span(minimal).last == date(2021, 11, 30)


def test_the_subtitle_says_the_span_years(monkeypatch) -> None:
    """The page's subtitle names the years of the data's span (data_span), in each language: 1999–2026 on the shipped
    data, where it used to say 1999–2021 whatever the data."""
    for lang in ("en", "fr"):
        app = run_app(monkeypatch, ROOT / "data", {"lang": lang})
        tagline = t("app.tagline", lang, first=1999, last=2026)
        assert "1999–2026" in tagline
        assert tagline in [caption.value for caption in app.caption], lang


def test_the_handouts_subtitle_follows_the_data(shipped) -> None:
    """The handout's subtitle is the page's: the span's years, not a fixed 1999–2021."""
    html = handout_html(Prepared.build(shipped.tables, "en"))
    assert "1999–2026" in html and "1999–2021:" not in html


def test_the_strips_bars_count_the_dead_and_missing_per_month(shipped) -> None:
    """One bar per month with incidents, from its first day to the next month's, as high as its dead and missing:
    the 2024 bars add up to 85 (the worst year here), and November 2021's includes the 27 of 24 November."""
    bars = _bars(shipped.tables)
    assert [bar["x"] for bar in bars] == sorted(bar["x"] for bar in bars)
    assert all(bar["x"].endswith("-01") and bar["x2"].endswith("-01") and bar["x2"] > bar["x"] for bar in bars)
    assert sum(bar["y"] for bar in bars if bar["x"].startswith("2024-")) == 85 == yearly_totals(shipped.tables["deaths"])[2024]
    november = next(bar for bar in bars if bar["x"] == "2021-11-01")
    assert november["x2"] == "2021-12-01" and november["y"] >= 27
    assert november["t"].startswith(f"Nov 2021: {november['y']} dead or missing (")
    assert sum(bar["y"] for bar in bars) == 370


def test_a_bar_says_its_month_and_counts_in_each_language() -> None:
    """The tooltip and accessible name of a bar: the month, dead or missing, dead, missing and incidents, with the
    plural each count needs, in the page's language."""
    monthly = pd.DataFrame({"month": pd.to_datetime(["2021-11-01", "2024-05-01"]), "dead": [30, 1], "missing": [4, 0],
                            "total": [34, 1], "incidents": [4, 1], "dead_unknown": [0, 0], "missing_unknown": [0, 0]})
    english, french = death_months(monthly, "en"), death_months(monthly, "fr")
    assert english[0]["t"] == "Nov 2021: 34 dead or missing (30 dead, 4 missing; 4 incidents)"
    assert english[1]["t"] == "May 2024: 1 dead or missing (1 dead, 0 missing; 1 incident)"
    assert french[0]["t"] == "nov. 2021\u00a0: 34 morts ou disparus (30 morts, 4 disparus\u00a0; 4 incidents)"
    assert french[1]["t"].startswith("mai 2024\u00a0: 1 mort ou disparu (1 mort, 0 disparu")


def test_a_bar_never_says_0_for_a_count_nobody_knows() -> None:
    """An empty count is unknown, not 0: a month whose incidents all lack it says so; one where some lack it says
    "at least"; in both languages."""
    monthly = pd.DataFrame({"month": pd.to_datetime(["2018-08-01", "2024-03-01", "2024-04-01"]), "dead": [0, 3, 2],
                            "missing": [1, 0, 0], "total": [1, 3, 2], "incidents": [1, 2, 2], "dead_unknown": [1, 0, 1],
                            "missing_unknown": [0, 1, 0]})
    english, french = death_months(monthly, "en"), death_months(monthly, "fr")
    assert english[0]["t"] == "Aug 2018: 1 dead or missing (dead: unknown, 1 missing; 1 incident)"
    assert english[1]["t"] == "Mar 2024: 3 dead or missing (3 dead, missing: unknown; 2 incidents)"
    assert english[2]["t"] == "Apr 2024: 2 dead or missing (at least 2 dead, 0 missing; 2 incidents)"
    assert "morts\u00a0: nombre inconnu, 1 disparu" in french[0]["t"]
    assert "au moins 2 morts" in french[2]["t"]


def test_the_shipped_months_with_unknown_counts_say_so(shipped) -> None:
    """August 2018's only incident has no count of the dead (IOM's 2018.MMP01042): its bar does not say 0 dead."""
    august = next(bar for bar in _bars(shipped.tables) if bar["x"].startswith("2018-08"))
    assert "dead: unknown" in august["t"] and "0 dead" not in august["t"], august["t"]


def test_the_deaths_row_sits_under_the_top_row_on_its_scale(shipped) -> None:
    """With deaths in the data the strip has a third row between the top row and the focus row: bars on the top row's
    scale (the whole span), with its window shading and date rule, a label saying what is counted, and each bar's
    words as its tooltip and accessible name. Without deaths, the strip is the two rows it was."""
    tables = shipped.tables
    prepared, span = Prepared.build(tables), data_span(tables)
    strip = build_strip(tables["events"], span.first, span.last, prepared.ctx.place_name, "fr")
    line = population_line(prepared.sites, "", span.last, "fr")
    window = (date(2024, 6, 3), date(2024, 12, 3))
    spec = strip_spec(strip, line, date(2024, 9, 3), window, (span.first, span.last), "fr", deaths=_bars(tables, "fr"))
    assert len(spec["vconcat"]) == 3
    top, row, _ = spec["vconcat"]
    bars = next(layer for layer in row["layer"] if layer["data"].get("name") == "deaths")
    assert bars["mark"]["type"] == "rect"
    assert bars["encoding"]["x"]["scale"] == top["layer"][0]["encoding"]["x"]["scale"]
    assert bars["encoding"]["x"]["axis"] is None
    assert bars["encoding"]["tooltip"] == {"field": "t"} == bars["encoding"]["description"]
    assert bars["encoding"]["y"]["scale"]["domain"] == [0, max(bar["y"] for bar in spec["datasets"]["deaths"])]
    assert {layer["data"].get("name") for layer in row["layer"]} >= {"overview_window", "now", "deaths"}
    label = next(layer for layer in row["layer"] if layer["mark"]["type"] == "text")
    assert label["mark"]["text"] == "Morts et disparus par mois, OIM"
    assert len(strip_spec(strip, line, date(2024, 9, 3), window, (span.first, span.last), "fr")["vconcat"]) == 2


def _chapter(tables) -> dict:
    rows = tables["chapters"].set_index("chapter", drop=False)
    return rows.loc[CHAPTER].to_dict()


def _figures(text: str) -> list[str]:
    return sorted(re.findall(r"\d+", re.sub(r"(?<=\d)[,\u202f\u00a0](?=\d{3}\b)", "", text)))


def test_the_crossings_chapter_is_in_both_languages_and_validates(shipped) -> None:
    """Chapter 11, after the camps (2018–2026), is filled in English and French, with French typography and the same
    figures in both; it opens in 2024 on the coast with every layer, and the shipped folder loads with no problem."""
    assert shipped.problems == []
    row = _chapter(shipped.tables)
    for column in BILINGUAL:
        english, french = row[column], row[f"{column}_fr"]
        assert english and french and english != french, column
        assert _figures(english) == _figures(french), column
        assert not re.search(r" [:;?!»]|« ", french), column
    assert (row["date"], row["view"], row["layers"], row["source_id"]) == ("2024-09-03", "coast", "", "iom-missing-migrants")
    numbers = sorted(int(n) for n in shipped.tables["chapters"]["chapter"])
    assert numbers == list(range(1, CHAPTER + 1))  # added at the end, after 2021: no chapter renumbered


def test_the_chapters_figures_are_the_datas(shipped) -> None:
    """What the chapter tells the class is what the deaths table holds: 290 dead or missing in 142 incidents from
    2018 to 3 May 2026, 85 in 2024, 13 off Cap Gris-Nez on 3 Sep 2024, 39 in Essex; its notes' 16 split incidents
    and 197 of 220 scored 4 or 5 (a split incident by all its scores)."""
    deaths = shipped.tables["deaths"]
    row = _chapter(shipped.tables)
    since = deaths[deaths["date_start"] >= pd.Timestamp("2018-01-01")]
    totals = yearly_totals(deaths)
    assert sum(total for year, total in totals.items() if year >= 2018) == 290 and len(since) == 142
    assert totals[2024] == 85 == max(totals.values())
    gris_nez = deaths.set_index("iom_id").loc["2024.MMP1147"]
    assert (gris_nez["date"], int(gris_nez["dead"])) == ("2024-09-03", 13) and "Gris-Nez" in gris_nez["location"]
    assert int(deaths.set_index("iom_id").loc["2019.MMP01519", "dead"]) == 39
    split = deaths["incident_ids"].str.contains(" ")
    best = deaths["source_quality"].str.fullmatch(r"[45]( [45])*")
    assert (len(deaths), int(split.sum()), int(best.sum())) == (220, 16, 197)
    for figure in ("290", "142", "85", "13", "39"):
        assert re.search(rf"\b{figure}\b", row["narrative"]) and re.search(rf"\b{figure}\b", row["narrative_fr"]), figure
    for figure in ("16 of the 220", "197 of the 220"):
        assert figure in row["teacher_notes"]


def test_the_chapters_notes_say_what_the_numbers_are_and_are_not(shipped) -> None:
    """The teacher notes: a lower bound (bodies never found, deaths never reported), how IOM counts (dead and
    missing apart, one row per incident, split incidents, sources per row), the 1–5 score, and the credit."""
    row = _chapter(shipped.tables)
    notes, notes_fr = row["teacher_notes"], row["teacher_notes_fr"]
    for words in ("lower bound", "bodies never found", "deaths never reported", "one row each", "split incident",
                  "cites IOM's sources", "from 1 to 5", "Giorgio Coppola", "CC BY 4.0", "missingmigrants.iom.int"):
        assert words in notes, words
    for words in ("minimum", "corps jamais retrouvés", "morts jamais signalées", "une ligne chacun", "split incident",
                  "de 1 à 5", "Giorgio Coppola", "missingmigrants.iom.int"):
        assert words in notes_fr, words


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_chapter_is_in_the_handout_with_its_map(shipped, lang: str) -> None:
    """The handout has chapter 11 in the page's language, with its map dated 3 Sep 2024."""
    html = handout_html(Prepared.build(shipped.tables, lang))
    section = re.search(r'<section class="chapter" id="chapter-11">(.*?)</section>', html, re.S)
    assert section, "no chapter 11 in the handout"
    row = _chapter(shipped.tables)
    title = row["title"] if lang == "en" else row["title_fr"]
    assert title.replace("'", "&#39;") in section.group(1)
    assert section.group(1).count('class="print-map"') == 1
    assert ("3 Sep 2024" if lang == "en" else "3 sept. 2024") in section.group(1)


@pytest.mark.parametrize(("query", "lang"), [({}, "en"), ({"present": "1"}, "en"), ({"lang": "fr"}, "fr"),
                                             ({"present": "1", "lang": "fr"}, "fr")])
def test_the_chapter_opens_in_the_lesson_and_the_presentation(monkeypatch, shipped, query, lang) -> None:
    """?chapter=11 opens the chapter, in the lesson panel and presenting, in each language: its title, its narrative
    and its question on the page, at 3 Sep 2024; the page draws without an error."""
    app = run_app(monkeypatch, ROOT / "data", {"chapter": str(CHAPTER), **query})
    assert not app.exception and not app.error
    row = _chapter(shipped.tables)
    suffix = "_fr" if lang == "fr" else ""
    shown = " ".join(block.value for block in app.markdown)
    for column in ("title", "narrative", "question"):
        assert markdown_text(row[f"{column}{suffix}"])[:60] in shown, column
    assert app.query_params["date"] == "2024-09-03"
