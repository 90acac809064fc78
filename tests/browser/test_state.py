"""In Chromium, each path a person takes between pages, widgets and links keeps the view."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from browser_support import open_map
from datafolders import MINIMAL

DATA_FOLDER = MINIMAL
THUMB = '[data-testid="stSliderThumbValue"]'  # hidden on screen; its text is ui/controls.py's SLIDER_FORMATS
LAYER_LABELS = ("Sites and population", "Events", "Photo captions", "Context places", "Deaths at the border (IOM)")


def sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def test_map_to_check_page_and_back(page) -> None:
    """A maintainer leaves the map for the check page and comes back: same date and site, no error."""
    frame = open_map(page, "?date=2015-12-01&site=calais-jungle")
    sidebar(page).get_by_role("link", name="Check your data").click()
    expect(page.get_by_role("heading", name="Check your data")).to_be_visible()
    sidebar(page).get_by_role("link", name="Map").click()
    expect(page.locator(THUMB)).to_have_text("1 December 2015")
    expect(frame.locator("path.atlas-highlight.atlas-place-calais-jungle")).to_have_count(1)
    expect(page.get_by_text("Something went wrong")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"date=2015-12-01.*site=calais-jungle|site=calais-jungle.*date=2015-12-01"))


def test_months_are_kept_across_a_window_switch(page) -> None:
    """Months 5, then "Everything up to the date", then back: the box shows 5."""
    open_map(page)
    months = page.locator(".st-key-atlas-months input")
    months.fill("5")
    months.press("Enter")
    expect(page).to_have_url(re.compile(r"months=5"))
    sidebar(page).get_by_text("Everything up to the date").click()
    expect(page).to_have_url(re.compile(r"window=upto"))
    expect(months).to_have_count(0)
    sidebar(page).get_by_text("Months around the date").click()
    expect(months).to_have_value("5")
    expect(page).not_to_have_url(re.compile(r"window="))


def test_every_layer_off_is_kept_across_a_reload(page) -> None:
    """Every layer switched off, then the page reloaded from its own address: still every layer off."""
    open_map(page)
    for label in LAYER_LABELS:
        box = sidebar(page).get_by_role("checkbox", name=label)
        box.uncheck(force=True)  # Streamlit hides the input under its own drawn box
        expect(box).not_to_be_checked()
    expect(page).to_have_url(re.compile(r"layers=none"))
    page.reload()
    for label in LAYER_LABELS:
        expect(sidebar(page).get_by_role("checkbox", name=label)).not_to_be_checked()


def test_language_switch_mid_lesson_stays_on_the_chapter(page) -> None:
    """Chapter 2 of the lesson, then Français: still chapter 2, on the same date, in French."""
    page.goto(f"{page.base_url}/?chapter=2")  # 2021: the camps it shows are closed, and drawn as such
    expect(page.locator(".st-key-atlas-lesson")).to_contain_text("Chapter 2 of 2")
    sidebar(page).get_by_text("Français").click()
    expect(page.locator(".st-key-atlas-lesson")).to_contain_text("Chapitre 2 sur 2")
    expect(page.locator(THUMB)).to_have_text("24/11/2021")  # in French, Moment's day/month/year
    expect(page).to_have_url(re.compile(r"chapter=2"))


def test_a_reload_after_the_slider_moved_opens_the_same_date(page) -> None:
    """Two steps of the slider, then reload from the address bar: the same date."""
    open_map(page)
    slider = page.get_by_role("slider", name="Date")
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator(THUMB)).to_have_text("22 January 2016")
    expect(page).to_have_url(re.compile(r"date=2016-01-22"))
    page.reload()
    expect(page.locator(THUMB)).to_have_text("22 January 2016")


def test_a_hostile_link_opens_the_page_with_its_notice(page) -> None:
    """Markup, an impossible date, a missing chapter and a 10 kB value: the map opens, and a notice says what was ignored."""
    open_map(page, "?date=9999-99-99&chapter=99&window=upto&%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1&site=" + "x" * 10_000)
    notice = page.get_by_text("Ignored from the link")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("<img src=x onerror=alert(1)>")  # shown as text, not as an element
    expect(notice).to_contain_text("date=9999-99-99")
    expect(sidebar(page).get_by_role("radio", name="Everything up to the date")).to_be_checked()
    assert page.dialogs == []
    assert page.locator('img[src="x"]').count() == 0
