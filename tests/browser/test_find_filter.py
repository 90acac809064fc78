"""In Chromium: a person searches, picks a result and the page follows; a link with categories opens filtered."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from browser_support import map_frame, open_map, wait_for_view
from calais_atlas.map.framing import PLACE_ZOOM

THUMB = '[data-testid="stSliderThumbValue"]'  # hidden on screen; its text is ui/controls.py's SLIDER_FORMATS
SEARCH = "Search events, photos, places, sources"
WISSANT = (50.8858, 1.6625)


def sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def test_a_person_types_wissant_picks_the_result_and_the_page_moves(page) -> None:
    frame = open_map(page)
    expect(page.locator(THUMB)).to_have_text("20 January 2016")
    box = sidebar(page).get_by_role("textbox", name=SEARCH)
    box.fill("Wissant")
    box.press("Enter")
    result = sidebar(page).get_by_role("button", name=re.compile("kayaker.*event", re.S))
    expect(result).to_have_count(1)
    result.click()

    expect(page.locator(THUMB)).to_have_text("1 November 2021")
    expect(frame.locator("path.atlas-highlight.atlas-place-wissant")).to_have_count(1)
    expect(frame.locator(".atlas-event-death.atlas-place-wissant").first).to_be_visible()
    zoom, lat, lng = wait_for_view(map_frame(page), zoom=PLACE_ZOOM)
    assert abs(lat - WISSANT[0]) < 0.05 and abs(lng - WISSANT[1]) < 0.05, (lat, lng)
    expect(page.get_by_text("Photos at Wissant")).to_be_visible()
    expect(page).to_have_url(re.compile(r"site=wissant"))
    expect(page).to_have_url(re.compile(r"date=2021-11-01"))
    expect(page.get_by_text("Something went wrong")).to_have_count(0)


def test_a_link_with_categories_opens_filtered(page) -> None:
    frame = open_map(page, "?categories=death,demolition")
    expect(frame.locator(".atlas-event-demolition").first).to_be_attached()
    expect(frame.locator(".atlas-event-clash")).to_have_count(0)
    expect(frame.locator(".atlas-event-camp")).to_have_count(0)
    pills = page.locator(".st-key-atlas-categories")
    expect(pills.get_by_role("button", name="Demolition, eviction")).to_have_attribute("aria-pressed", "true")
    expect(pills.get_by_role("button", name="Clash with police")).to_have_attribute("aria-pressed", "false")
    expect(pills.locator("img")).to_have_count(9)  # the legend's symbols, one per category
    expect(page).to_have_url(re.compile(r"categories=demolition,death|categories=demolition%2Cdeath"))

    pills.get_by_role("button", name="Clash with police").click()  # one more category: its events come back
    expect(frame.locator(".atlas-event-clash").first).to_be_attached()
    expect(page).to_have_url(re.compile(r"categories=demolition(,|%2C)clash(,|%2C)death"))
