"""The timeline strip and the fold, in Chromium: marks shaped and coloured as on the map, a click on a mark moves the
date and selects its place, the slider moves the rule, and the map fills most of a classroom screen without scrolling."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser_support import IFRAME, map_frame, open_map, wait_for_view
from calais_atlas.model.palette import CATEGORY_COLOURS, HIGHLIGHT

STRIP = ".st-key-atlas-strip-box"


def _visible_share(page, width: int, height: int) -> tuple[float, float]:
    box = page.locator(IFRAME).bounding_box()
    high = max(0.0, min(box["y"] + box["height"], height) - max(box["y"], 0.0))
    wide = max(0.0, min(box["x"] + box["width"], width) - max(box["x"], 0.0))
    return high / height, wide / width


@pytest.mark.parametrize(("width", "height", "query", "min_high", "min_wide"), [
    (1280, 720, "", 0.60, 0.55),
    (1024, 768, "", 0.60, 0.50),
    # Presenting, the map shares the screen with the chapter's text (test_present.py) and fills its height.
    (1280, 720, "?chapter=4&present=1", 0.70, 0.50),
    (1024, 768, "?chapter=4&present=1", 0.70, 0.50),
])
def test_the_map_is_above_the_fold(open_page, width, height, query, min_high, min_wide) -> None:
    """Without scrolling, the map is most of the screen's height, and wide; presenting, higher still, beside the text."""
    page = open_page(width, height)
    open_map(page, query)
    wait_for_view(map_frame(page))
    # The page has settled: the strip is drawn (a projector's first screen has the chapter's text instead).
    settled = ".st-key-atlas-lesson h3" if "present" in query else f"{STRIP} svg .mark-symbol path"
    expect(page.locator(settled).first).to_be_attached(timeout=30_000)
    high, wide = _visible_share(page, width, height)
    assert page.evaluate("window.scrollY") == 0
    assert high >= min_high and wide >= min_wide, f"map is {high:.0%} high and {wide:.0%} wide at {width}×{height}{query}"


HEADER_CLEAR = """() => {
    const box = sel => document.querySelector(sel).getBoundingClientRect();
    const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const date = box('.atlas-date');
    const buttons = Array.from(document.querySelectorAll('.st-key-atlas-timebar button')).map(b => b.getBoundingClientRect());
    const title = box('h1'), top = document.elementFromPoint(title.left + 8, title.top + title.height / 2);
    return {title_on_top: !!top && !!top.closest('h1'), on_top: top && top.outerHTML.slice(0, 80),
            date_covered: buttons.some(b => hit(date, b))};
}"""


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 720)])
def test_the_title_and_date_are_clear_of_the_header_and_buttons(open_page, width, height) -> None:
    """Nothing covers the title (on a phone, Streamlit's header with the sidebar button), and the date has its own line."""
    page = open_page(width, height)
    open_map(page)
    shown = page.evaluate(HEADER_CLEAR)
    assert shown["title_on_top"], shown
    assert not shown["date_covered"], shown


def _marks(page):
    return page.locator(f"{STRIP} svg .mark-symbol path")


def _rule_x(page) -> list[float]:
    """The x of each row's date rule (the strip's only rules drawn in the highlight colour): the top row's, the deaths
    row's under it, and the focus row's."""
    return page.evaluate("""colour => [...document.querySelectorAll('.st-key-atlas-strip-box svg .mark-rule line')]
        .filter(p => (p.getAttribute('stroke') || '').toLowerCase() === colour.toLowerCase())
        .map(p => p.getBoundingClientRect().x)""", HIGHLIGHT)


def test_strip_draws_events_in_the_maps_colours_and_shapes(page) -> None:
    open_map(page)
    marks = _marks(page)
    expect(marks.first).to_be_attached(timeout=30_000)
    fills = {fill.lower() for fill in marks.evaluate_all("paths => paths.map(p => p.getAttribute('fill') || '')")}
    assert {CATEGORY_COLOURS[c].lower() for c in ("death", "demolition", "camp", "clash")} <= fills
    # The dagger of a death (model/shapes.py), not one of Vega's stock symbols: its path has 12 corners.
    shapes = marks.evaluate_all("paths => paths.map(p => [p.getAttribute('fill'), p.getAttribute('d')])")
    deaths = [d for fill, d in shapes if fill.lower() == CATEGORY_COLOURS["death"].lower()]
    assert deaths and all(d.count("L") >= 10 for d in deaths)


def test_slider_moves_the_rule(page) -> None:
    open_map(page)
    expect(_marks(page).first).to_be_attached(timeout=30_000)
    before = _rule_x(page)
    assert len(before) == 3
    page.get_by_role("slider", name="Date").focus()
    page.keyboard.press("End")
    expect(page.locator(".atlas-date")).to_have_text("3 May 2026")
    page.wait_for_function("""([before, colour]) => {
        const now = [...document.querySelectorAll('.st-key-atlas-strip-box svg .mark-rule line')]
            .filter(p => (p.getAttribute('stroke') || '').toLowerCase() === colour.toLowerCase())
            .map(p => p.getBoundingClientRect().x);
        return now.length === 3 && now[0] > before[0] + 20 && now[1] > before[1] + 20;
    }""", arg=[before, HIGHLIGHT], timeout=15_000)


def test_clicking_a_mark_moves_the_date_and_selects_the_place(page) -> None:
    """A death in November 2021 on the top row: the date goes to it and its place is selected, in the link too."""
    open_map(page)
    marks = _marks(page)
    expect(marks.first).to_be_attached(timeout=30_000)
    death = CATEGORY_COLOURS["death"].lower()
    index = marks.evaluate_all(
        "(paths, colour) => paths.findLastIndex(p => (p.getAttribute('fill') || '').toLowerCase() === colour)", death)
    marks.nth(index).click(force=True)
    expect(page.locator(".atlas-date")).to_contain_text("2021", timeout=15_000)
    expect(page).to_have_url(re.compile(r"[?&]site=[a-z0-9-]+"), timeout=15_000)
    expect(page).to_have_url(re.compile(r"[?&]date=2021-"))


STRIP_AT_THE_DATE = """colour => {
    const svg = document.querySelector('.st-key-atlas-strip-box svg.marks');
    if (!svg) return null;
    const rules = [...svg.querySelectorAll('.mark-rule line')]
        .filter(p => (p.getAttribute('stroke') || '').toLowerCase() === colour.toLowerCase())
        .map(p => p.getBoundingClientRect());
    if (rules.length !== 3) return null;
    const rule = rules[2];  // the focus row's, under the top row's and the deaths row's
    const inRow = box => box.top < rule.bottom && box.bottom > rule.top;
    const lines = [...svg.querySelectorAll('.mark-line path')].map(p => p.getBoundingClientRect()).filter(inRow);
    const dots = [...svg.querySelectorAll('.mark-symbol path[aria-label]')]
        .filter(p => (p.getAttribute('fill') || '').toLowerCase() === colour.toLowerCase());
    return {line_at_date: lines.some(box => box.left <= rule.left + 1 && box.right >= rule.left - 1),
            said: dots.map(p => p.getAttribute('aria-label'))};
}"""


def test_the_strip_and_the_map_agree_on_the_jungles_population(open_page) -> None:
    """One rule for population as of a date (issue 20): on 15 Jun 2015, with the Jungle selected, the strip's line is
    drawn through the date, and its dot on the date says the figure the map's label for the Jungle says (1,500–6,000;
    the strip used to start the Jungle's line on 1 Sep 2015)."""
    page = open_page(1280, 720)
    frame = open_map(page, "?date=2015-06-15&site=calais-jungle")
    label = frame.locator(".atlas-site-label.atlas-place-calais-jungle")
    expect(label).to_contain_text("1,500–6,000", timeout=15_000)
    # The strip is drawn when both rows have their date's rule; its line and dot come in the same render.
    page.wait_for_function(f"() => ({STRIP_AT_THE_DATE})({HIGHLIGHT!r}) !== null", timeout=30_000)
    strip = page.evaluate(STRIP_AT_THE_DATE, HIGHLIGHT)
    assert strip["line_at_date"], strip
    assert len(strip["said"]) == 1 and "1,500–6,000" in strip["said"][0], strip
    expect(label).to_contain_text(strip["said"][0])
