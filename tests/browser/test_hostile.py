"""In Chromium: attack strings in the data render as text, and no dialog ever opens."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from browser_support import map_frame, open_map

DATA_FOLDER = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"
INJECTED = 'img[src="x"], [onload], [onerror], a[href^="javascript"]'
OPEN_EVERY_POPUP = """() => {
    const texts = [];
    window.map.eachLayer(layer => {
        if (!layer.getPopup || !layer.getPopup()) return;
        layer.openPopup();
        texts.push(layer.getPopup().getElement().querySelector('.leaflet-popup-content').innerText);
        layer.closePopup();
    });
    return texts;
}"""
OPEN_EVERY_TOOLTIP = """() => {
    const texts = [];
    window.map.eachLayer(layer => {
        if (!layer.getTooltip || !layer.getTooltip()) return;
        layer.openTooltip();
        texts.push(layer.getTooltip().getElement().innerText);
        layer.closeTooltip();
    });
    return texts;
}"""
HAS_POPUPS = """() => { let found = false; window.map.eachLayer(l => { found = found || !!(l.getPopup && l.getPopup()); });
    return found; }"""
SCRIPTS_WITH_ALERT = "Array.from(document.scripts).filter(s => s.textContent.includes('alert(')).length"
# Only the chosen tab's panel is in the page; each shows an attack string from the fixture, as text, once drawn.
TABS = {
    "What the map shows (text)": ('[data-testid="stTable"]', "Calais 'Jungle' <script>alert('script')</script>"),
    "Sources": ('[data-testid="stMarkdown"]',
                "The Many Lives of the Calais 'Jungle' Refugee Camp <script>alert('script')</script>"),
    "Population over time": ('[data-testid="stVegaLiteChart"] svg', "TIME <img src=x onerror"),  # the chart's legend, cut short
}


def test_hostile_text_renders_as_text_and_never_runs(page) -> None:
    """Tooltips, popups, the captions panel and every tab show the attack strings literally; no alert fires."""
    frame = open_map(page, "?date=2021-11-30&window=upto")
    # Before any marker is clicked: a click selects a site, and the panel then lists only that site's captions.
    expect(page.locator('[class*="st-key-atlas-caption-time-01"]')).to_contain_text("<script>alert('script')</script>")
    # Every tooltip at once, in one script (clicking marker after marker, each popup pans the map under the next),
    # and one hovered with the pointer, as a person would.
    tooltips = map_frame(page).evaluate(OPEN_EVERY_TOOLTIP)
    assert len(tooltips) >= 5 and any("alert(" in text for text in tooltips)  # the attacks are shown, as text
    frame.locator(".atlas-caption.atlas-place-calais-jungle").first.hover()
    expect(frame.locator(".leaflet-tooltip").first).to_contain_text("alert(")
    # Popups travel for the selected place only (components/map/step.py): select the Jungle, wait for its popups, then
    # open every popup in turn in one synchronous script, which no rerun can interleave with.
    # Enter on a marker is a click that no popup can intercept.
    frame.locator(".atlas-event.atlas-place-calais-jungle").first.press("Enter")
    expect(page).to_have_url(re.compile(r"site=calais-jungle"))
    map_frame(page).wait_for_function(HAS_POPUPS)
    popups = map_frame(page).evaluate(OPEN_EVERY_POPUP)
    assert popups, "the markers carry popups"
    assert any("alert(" in text for text in popups)  # the attack is shown, as text
    for name, (content, attack) in TABS.items():
        tab = page.get_by_role("tab", name=name)
        tab.click()
        expect(tab).to_have_attribute("aria-selected", "true")
        expect(page.get_by_role("tabpanel").locator(content).first).to_contain_text(attack, timeout=15_000)
    # An injected element would be found below even if its handler had not fired yet; a dialog is a second witness.
    assert page.dialogs == []
    assert page.locator(INJECTED).count() == 0
    assert page.evaluate(SCRIPTS_WITH_ALERT) == 0
    inner = map_frame(page)
    assert inner.evaluate(f"document.querySelectorAll({INJECTED!r}).length") == 0
