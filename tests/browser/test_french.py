"""?lang=fr in Chromium at 1280×720, as a French reader sees it: the population chart's months, numbers and wording
legend, the strip's "janv." with its full stop, the map's credit line, and an event's French title and description."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser_support import map_frame, open_map, wait_for_view
from calais_atlas.data.loader import default_data_dir, load_dataset
from calais_atlas.model.chart_locale import vega_locale

CHART = '[data-testid="stVegaLiteChart"]'
STRIP = ".st-key-atlas-strip-box"
ENGLISH_MONTHS = set(vega_locale("en")["time"]["months"]) | set(vega_locale("en")["time"]["shortMonths"])
FRENCH_MONTHS = set(vega_locale("fr")["time"]["months"]) | set(vega_locale("fr")["time"]["shortMonths"])


@pytest.fixture
def french_page(open_page):
    return open_page(1280, 720)


def _words(labels: list[str]) -> set[str]:
    return {word for label in labels for word in label.split()}


def test_the_population_chart_reads_in_french(french_page) -> None:
    """The chart tab (drawn when opened): French month names on the date axis and none in English, thousands grouped
    with a narrow no-break space (6 000), and the wording legend "exact, environ, plus de, moins de, prévu"."""
    page = french_page
    open_map(page, "?lang=fr&date=2016-01-20")
    page.get_by_role("tab", name="Population dans le temps").click()
    chart = page.get_by_role("tabpanel").locator(CHART)
    labels = chart.locator("svg .role-axis-label text")
    expect(labels.first).to_be_attached(timeout=30_000)
    expect(chart.locator("svg .role-legend-label text").first).to_be_attached()
    texts = labels.all_text_contents()
    assert _words(texts) & FRENCH_MONTHS, texts
    assert not _words(texts) & ENGLISH_MONTHS - FRENCH_MONTHS, texts  # "mars" is no English; "March" would be
    counts = chart.locator('svg .role-axis[aria-label^="Y-axis"] .role-axis-label text').all_text_contents()
    thousands = [text for text in counts if len(text) > 3]
    assert thousands and all(re.fullmatch(r"\d{1,3}(\u202f\d{3})+", text) for text in thousands), counts
    legend = chart.locator("svg .role-legend-label text").all_text_contents()
    assert {"exact", "environ", "plus de", "moins de", "prévu"} <= set(legend), legend
    assert not {"about", "over", "under", "planned"} & set(legend), legend


def test_the_strip_and_the_map_credit_read_in_french(french_page) -> None:
    """The strip's focus row names January "janv." with its full stop ("janv. 2016"), and the map's credit line is
    French."""
    page = french_page
    frame = open_map(page, "?lang=fr&date=2016-01-20")
    labels = page.locator(f"{STRIP} svg .role-axis-label text")
    expect(labels.filter(has_text=re.compile(r"^janv\. 2016$"))).to_have_count(1, timeout=30_000)
    texts = labels.all_text_contents()
    assert not any(re.fullmatch(r"(janv|févr|avr|juil|sept|oct|nov|déc)( \d{4})?", text) for text in texts), texts
    credit = frame.locator(".leaflet-control-attribution")
    expect(credit).to_contain_text(re.compile(r"Fond de carte\s*: Natural Earth \(domaine public\)"))
    expect(credit).to_contain_text(re.compile(r"côte près de Calais et de Brachay\s*: GSHHG"))
    expect(credit).not_to_contain_text("Basemap")


def test_an_event_shows_its_french_title_and_description(french_page) -> None:
    """Hovering the Jungle's demolition marker on 20 Jan 2016 shows the French title in its tooltip; clicking it opens
    a popup with the French title and description; the text view lists the French title."""
    events = load_dataset(default_data_dir()).tables["events"].set_index("event_id")
    buffer = events.loc["buffer-zone-clearing-2016-01-20"]
    page = french_page
    frame = open_map(page, "?lang=fr&date=2016-01-20&site=calais-jungle")
    wait_for_view(map_frame(page))
    marker = frame.locator(".atlas-event-demolition.atlas-place-calais-jungle").first
    marker.hover(force=True)
    tooltip = frame.locator(".leaflet-tooltip")
    expect(tooltip).to_contain_text(buffer["title_fr"])
    expect(tooltip).not_to_contain_text(buffer["title"])
    marker.dispatch_event("click")  # the Jungle's markers overlap: a click at its centre could land on another
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(buffer["title_fr"], timeout=15_000)
    expect(popup).to_contain_text(buffer["description_fr"])
    expect(popup).not_to_contain_text(buffer["description"])
    page.get_by_role("tab", name="Ce que montre la carte (texte)").click()
    expect(page.get_by_role("tabpanel").locator('[data-testid="stTable"]').nth(1)).to_contain_text(buffer["title_fr"])
