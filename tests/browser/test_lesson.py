"""The classroom in Chromium: chapters by keyboard and URL, French, the text view, a phone, the offline export."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from browser_support import IFRAME, open_map, settled
from datafolders import MINIMAL

DATA_FOLDER = MINIMAL
THUMB = '[data-testid="stSliderThumbValue"]'  # hidden on screen; its text is ui/controls.py's SLIDER_FORMATS


def test_chapters_by_url_and_by_presenter_keys(page) -> None:
    """?chapter=1 opens chapter 1; Page Down and the right arrow go forward, Page Up and the left arrow back. Each key
    after the chapter before it is drawn, as a presenter waits for the slide."""
    open_map(page, "?chapter=1")
    lesson = page.locator(".st-key-atlas-lesson")
    expect(lesson).to_contain_text("Chapter 1 of 2")
    expect(page.locator(THUMB)).to_have_text("25 November 2015")
    page.locator("h1").click()  # focus the page, not the slider
    settled(page)
    page.keyboard.press("PageDown")
    expect(lesson).to_contain_text("Chapter 2 of 2")
    expect(page.locator(THUMB)).to_have_text("24 November 2021")
    settled(page)
    page.keyboard.press("ArrowLeft")
    expect(lesson).to_contain_text("Chapter 1 of 2")
    settled(page)
    page.keyboard.press("ArrowRight")
    expect(lesson).to_contain_text("Chapter 2 of 2")
    expect(page).to_have_url(re.compile(r"chapter=2"))


def test_french_interface(page) -> None:
    """?lang=fr: controls, dates, numbers and the legend are in French."""
    frame = open_map(page, "?lang=fr")
    expect(page.get_by_text("Événements", exact=True)).to_be_visible()
    expect(page.get_by_text("20 janv. 2016").first).to_be_visible()
    expect(frame.locator(".atlas-legend")).to_contain_text("Affrontement avec la police")
    expect(frame.locator("details.atlas-legend summary")).to_have_text("Légende")
    expect(frame.locator(".atlas-site-label.atlas-place-calais").first).to_contain_text("environ 72\u202f000 habitants")


def test_text_view_follows_the_slider(page) -> None:
    """The text view lists what the map shows, and changes with the date."""
    open_map(page)
    page.get_by_role("tab", name="What the map shows (text)").click()
    expect(page.get_by_text("Sites at 20 Jan 2016")).to_be_visible()
    page.get_by_role("slider", name="Date").focus()
    page.keyboard.press("End")
    expect(page.get_by_text("Sites at 30 Nov 2021")).to_be_visible()
    table = page.locator('[data-testid="stTable"]').nth(1)
    expect(table).to_contain_text("A body is found on a beach near Wissant")
    expect(page.locator('[data-testid="stTable"]').first).to_contain_text("closed (Oct 2016)")


def test_phone_viewport_is_usable(open_page) -> None:
    """At 390×844 the map, slider and captions are stacked and usable, with no horizontal scrolling."""
    page = open_page(390, 844, is_mobile=True, has_touch=True)
    open_map(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator(IFRAME).bounding_box()
    assert 300 <= box["width"] <= 390 and box["height"] >= 400
    expect(page.get_by_role("slider", name="Date")).to_be_visible()
    page.get_by_role("heading", name="Photo captions").scroll_into_view_if_needed()
    expect(page.get_by_role("heading", name="Photo captions")).to_be_visible()


def test_exported_map_opens_offline(page, browser, tmp_path) -> None:
    """The downloaded HTML map opens from disk with all network blocked, and shows its markers and coastline."""
    open_map(page)
    page.get_by_text("Export", exact=True).click()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="This map (HTML, works offline)").click()
    saved = tmp_path / "map.html"
    download_info.value.save_as(saved)
    offline = browser.new_context(offline=True)
    blocked = []
    offline.route("**/*", lambda route: (blocked.append(route.request.url), route.abort())
                  if not route.request.url.startswith("file:") else route.continue_())
    viewer = offline.new_page()
    viewer.goto(saved.as_uri())
    expect(viewer.locator("path.atlas-site").first).to_be_attached(timeout=15_000)
    expect(viewer.locator(".atlas-basemap-ready")).to_have_count(1)
    expect(viewer.locator("details.atlas-legend")).to_be_attached()
    assert blocked == []
    offline.close()
