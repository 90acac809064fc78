"""In Chromium: the IOM's record of deaths at the border on the map (issue 22): the 27 of 24 November 2021 with their
popup and credit, the credit in the map's credit line, search reaching an incident, and the layer switched off in the
sidebar leaving the map, its control and the link in agreement."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from browser_support import IFRAME, exposed_point, map_frame, open_map
from calais_atlas.data.loader import default_data_dir, load_dataset
from calais_atlas.map.layers import death_class
from calais_atlas.model.deaths import DEATHS_CREDIT, DEATHS_CREDIT_URL
from calais_atlas.model.search import SearchIndex

THUMB = '[data-testid="stSliderThumbValue"]'  # hidden on screen; its text is ui/controls.py's SLIDER_FORMATS
LAYER = "Deaths at the border (IOM)"
CHANNEL_27 = f"path.atlas-death.{death_class('2021.MMP0189')}"  # 24 Nov 2021: 27 dead or missing


def sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def _link_layers(url: str) -> list[str]:
    return parse_qs(urlsplit(url).query)["layers"][0].split(",")


def test_the_27_of_24_november_2021_are_on_the_map_with_their_popup_and_credit(page) -> None:
    """At ?date=2021-11-24 the layer is in the map's control, ticked, and the incident 2021.MMP0189 is drawn; a click on
    it opens its popup at once (it selects no place): 27 dead or missing, IOM's id and the credit, linked to IOM."""
    frame = open_map(page, "?date=2021-11-24")
    frame.locator(".leaflet-control-layers").hover()
    expect(frame.locator(".leaflet-control-layers-overlays label").filter(has_text=LAYER).locator("input")).to_be_checked()
    expect(frame.locator(CHANNEL_27)).to_have_count(1)
    page.mouse.move(0, 0)  # the control folds again
    page.mouse.click(*exposed_point(page, CHANNEL_27))
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("27 dead or missing")
    expect(popup).to_contain_text("2021.MMP0189")
    expect(popup).to_contain_text(DEATHS_CREDIT)
    expect(popup.get_by_role("link", name=DEATHS_CREDIT)).to_have_attribute("href", re.compile(re.escape(DEATHS_CREDIT_URL)))
    expect(page).not_to_have_url(re.compile(r"[?&]site="))  # nothing selected
    expect(page.get_by_text("Something went wrong")).to_have_count(0)


def test_the_credit_is_in_the_maps_credit_line_while_the_layer_is_shown(page) -> None:
    """The map's credit line names IOM's Missing Migrants Project while the layer is on; ▸ unfolds the whole credit,
    linked to IOM."""
    frame = open_map(page, "?date=2021-11-24")
    credit = frame.locator(".leaflet-control-attribution details.atlas-credit-deaths")
    expect(credit.locator("summary")).to_be_visible()
    expect(credit.locator("summary")).to_have_text("Deaths: IOM Missing Migrants Project")
    credit.locator("summary").click()
    expect(credit.get_by_role("link", name=DEATHS_CREDIT)).to_be_visible()
    expect(credit.get_by_role("link", name=DEATHS_CREDIT)).to_have_attribute("href", re.compile(re.escape(DEATHS_CREDIT_URL)))


def test_searching_wimereux_reaches_an_incident_there(page) -> None:
    """From the view of every place with the layer off, "Wimereux" lists IOM's incidents there; choosing the first moves
    the slider to its date, brings the layer back, and the incident's circle is drawn inside the map's view (the
    coast's)."""
    hit = next(hit for hit in SearchIndex.build(load_dataset(default_data_dir()).tables).search("Wimereux").hits
               if hit.kind == "death")
    frame = open_map(page, "?view=all&layers=sites,events")
    expect(frame.locator("path.atlas-death")).to_have_count(0)
    box = sidebar(page).get_by_role("textbox", name="Search events, photos, places, sources")
    box.fill("Wimereux")
    box.press("Enter")
    sidebar(page).get_by_role("button", name=re.compile(r"deaths at the border \(IOM\)")).first.click()

    expect(page).to_have_url(re.compile(rf"date={hit.date}"))
    marker = frame.locator(f"path.atlas-death.{death_class(hit.id)}")
    expect(marker).to_have_count(1)
    expect(sidebar(page).get_by_role("checkbox", name=LAYER)).to_be_checked()
    assert "deaths" in _link_layers(page.url), page.url
    expect(page).not_to_have_url(re.compile(r"[?&]view=all"))
    in_view = map_frame(page).wait_for_function(
        """([lat, lon]) => window.map && window.map.getBounds().contains([lat, lon])""",
        arg=[float(_row(hit.id)["lat"]), float(_row(hit.id)["lon"])], timeout=15_000)
    assert in_view.json_value()


def _row(iom_id: str) -> dict:
    deaths = load_dataset(default_data_dir()).tables["deaths"]
    return deaths[deaths["iom_id"] == iom_id].iloc[0].to_dict()


def test_switching_the_layer_off_in_the_sidebar_leaves_map_control_and_link_agreeing(page) -> None:
    """Unticking the layer in the sidebar empties it from the map, unticks it in the map's control, takes it out of
    the link (and its credit out of the credit line); a reload keeps it off."""
    frame = open_map(page, "?date=2021-11-24")
    expect(frame.locator(CHANNEL_27)).to_have_count(1)
    sidebar(page).get_by_role("checkbox", name=LAYER).uncheck(force=True)  # Streamlit hides the input under its own box

    expect(page).to_have_url(re.compile(r"[?&]layers="))
    assert _link_layers(page.url) == ["sites", "events", "captions", "context"], page.url
    expect(frame.locator("path.atlas-death")).to_have_count(0)
    expect(frame.locator(".atlas-credit-deaths")).to_have_count(0)
    frame.locator(".leaflet-control-layers").hover()
    expect(frame.locator(".leaflet-control-layers-overlays label").filter(has_text=LAYER).locator("input")) \
        .not_to_be_checked()

    page.reload()
    frame = page.frame_locator(IFRAME)
    frame.locator("path.atlas-site").first.wait_for(timeout=30_000)
    expect(sidebar(page).get_by_role("checkbox", name=LAYER)).not_to_be_checked()
    expect(frame.locator("path.atlas-death")).to_have_count(0)
