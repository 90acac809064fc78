"""What a keyboard user and a hovering viewer meet in the map: named markers, Enter selects, a focus ring, readable tooltips."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from browser_support import IFRAME, map_frame, open_map

JUNGLE_SITE = "path.atlas-site.atlas-place-calais-jungle"


def test_every_marker_a_click_selects_is_a_named_button_in_the_tab_order(page) -> None:
    open_map(page)
    live = map_frame(page)
    live.wait_for_function("() => document.querySelectorAll('.leaflet-marker-icon.atlas-event[aria-label]').length > 0")
    unnamed = live.evaluate("""() => Array.from(document.querySelectorAll('path.atlas-site, '
        + '.leaflet-marker-icon.atlas-event, .leaflet-marker-icon.atlas-caption, .leaflet-marker-icon.atlas-context'))
        .filter(el => !(el.getAttribute('aria-label') || '').trim() || el.tabIndex < 0 || el.getAttribute('role') !== 'button')
        .map(el => el.getAttribute('class'))""")
    assert unnamed == []
    jungle = live.locator(JUNGLE_SITE).get_attribute("aria-label")
    assert "Calais" in jungle and re.search(r"\d{4}", jungle), jungle  # the place and the figure's date


def test_enter_on_a_site_selects_it_like_a_click(page) -> None:
    open_map(page)
    site = page.frame_locator(IFRAME).locator(JUNGLE_SITE)
    site.focus()
    site.press("Enter")
    expect(page).to_have_url(re.compile(r"site=calais-jungle"))
    expect(page.get_by_text("Photos at Calais 'Jungle' (Lande de Calais)")).to_be_visible()  # the captions followed


def test_a_focused_marker_shows_a_visible_ring(page) -> None:
    open_map(page)
    live = map_frame(page)
    page.frame_locator(IFRAME).locator(JUNGLE_SITE).focus()
    live.locator(JUNGLE_SITE).press("Shift")  # a key press: :focus-visible applies to keyboard focus
    stroke = live.eval_on_selector(JUNGLE_SITE, "el => [getComputedStyle(el).stroke, getComputedStyle(el).strokeWidth]")
    assert stroke == ["rgb(31, 78, 121)", "5px"], stroke  # the palette's FOCUS, thick


def test_the_busiest_tooltip_is_wide_enough_to_read_and_shorter_than_the_map(page) -> None:
    open_map(page, "?date=2016-01-20&months=6")
    live = map_frame(page)
    busiest = live.evaluate("""() => {
        const markers = Array.from(document.querySelectorAll(
            '.leaflet-marker-icon.atlas-caption, .leaflet-marker-icon.atlas-event'));
        const count = el => Number((el.querySelector('.atlas-count') || {}).textContent || 1);
        markers.sort((a, b) => count(b) - count(a));
        markers[0].setAttribute('data-busiest', '1');
        return count(markers[0]);
    }""")
    assert busiest > 4  # a marker whose tooltip would list many rows
    page.frame_locator(IFRAME).locator("[data-busiest='1']").hover()
    tooltip = page.frame_locator(IFRAME).locator(".leaflet-tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("click for all")
    box = tooltip.bounding_box()
    height = page.locator(IFRAME).bounding_box()["height"]
    assert box["width"] >= 220 and box["height"] <= height, (box, height)


def test_focus_stays_on_the_caption_button_pressed(page) -> None:
    open_map(page, "?date=2016-01-20")
    buttons = page.locator('[class*="st-key-atlas-caption-"] button')
    expect(buttons.first).to_be_visible()
    names = buttons.evaluate_all("els => els.map(el => el.innerText.trim())")
    assert len(set(names)) == len(names) > 1, names  # each button says which caption it shows
    target = buttons.nth(1)
    key = target.evaluate("el => Array.from(el.closest('[class*=\"st-key-\"]').classList).find(c => c.startsWith('st-key-'))")
    target.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"caption="))
    page.wait_for_function("key => document.activeElement && document.activeElement.closest('.' + key) !== null", arg=key)
