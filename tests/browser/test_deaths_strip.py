"""The dead and missing per month on the strip, and the slider to the last incident, in Chromium (issue 22): what a
reader sees of the bars (their months and counts, as their tooltips and accessible names say them), readable from a
classroom screen to a phone, with what they count and whose counts they are beside them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser_support import open_map
from calais_atlas.data.loader import load_dataset
from calais_atlas.model.deaths import monthly_totals
from datafolders import ROOT

STRIP = ".st-key-atlas-strip-box"
LABEL = "Dead and missing per month, IOM"
# Each bar of the deaths row, with the words Vega gives it as its accessible name (its description, model/strip.py).
BARS = """() => [...document.querySelectorAll('.st-key-atlas-strip-box svg .mark-rect path[aria-label]')]
    .filter(p => / dead or missing \\(/.test(p.getAttribute('aria-label')))
    .map(p => { const b = p.getBoundingClientRect();
                return {said: p.getAttribute('aria-label'), left: b.left, right: b.right, top: b.top, bottom: b.bottom}; })"""
LABEL_BOX = f"""() => {{
    const text = [...document.querySelectorAll('{STRIP} svg .mark-text text')].find(t => t.textContent === {LABEL!r});
    if (!text) return null;
    const b = text.getBoundingClientRect();
    return {{left: b.left, right: b.right, top: b.top, bottom: b.bottom}};
}}"""


def _count(said: str) -> int:
    return int(re.match(r"[^:]+: (\d+) dead or missing", said)[1])


def _open(browser, app_url, width: int, height: int, query: str = ""):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.base_url = app_url
    open_map(page, query)
    page.wait_for_function(f"() => ({BARS})().length > 0", timeout=30_000)  # the bars come in one render
    return context, page


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1024, 768), (390, 844)])
def test_the_strip_shows_the_dead_and_missing_per_month(browser, app_url, width, height) -> None:
    """A bar per month, each saying its month and counts: 2024's add up to 85 and stand out (September's 22 is the
    tallest of the year), November 2021's says at least the 27 of the 24th. The bars and their label are on screen and
    apart, nothing scrolls sideways, and the credit with IOM's link is under the strip."""
    context, page = _open(browser, app_url, width, height)
    bars = page.evaluate(BARS)
    by_month = {bar["said"].split(":")[0]: bar for bar in bars}
    assert len(by_month) == len(bars) == len(monthly_totals(load_dataset(ROOT / "data").tables["deaths"]))
    assert sum(_count(bar["said"]) for month, bar in by_month.items() if month.endswith("2024")) == 85, sorted(by_month)
    assert _count(by_month["Nov 2021"]["said"]) >= 27
    height_of = {month: bar["bottom"] - bar["top"] for month, bar in by_month.items()}
    assert height_of["Sep 2024"] > height_of["Nov 2024"] > height_of["May 2024"] > 0
    assert all(bar["left"] >= 0 and bar["right"] <= width for bar in bars)
    label = page.evaluate(LABEL_BOX)
    assert label and label["left"] >= 0 and label["right"] <= width, label
    overlapping = [bar["said"] for bar in bars if bar["left"] < label["right"] and label["left"] < bar["right"]
                   and bar["top"] < label["bottom"] and label["top"] < bar["bottom"]]
    assert not overlapping, overlapping
    credit = page.locator(f"{STRIP} [data-testid='stCaptionContainer']")
    expect(credit).to_contain_text("IOM's Missing Migrants Project, CC BY 4.0; route table compiled by Giorgio Coppola")
    expect(credit.locator("a[href='https://missingmigrants.iom.int']")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_a_bars_tooltip_says_its_month_and_counts(browser, app_url) -> None:
    """Pointing at the tallest bar of 2024 shows its month and its counts in the tooltip."""
    context, page = _open(browser, app_url, 1280, 720)
    bar = next(bar for bar in page.evaluate(BARS) if bar["said"].startswith("Sep 2024:"))
    page.mouse.move((bar["left"] + bar["right"]) / 2, bar["bottom"] - 2)
    tooltip = page.locator("#vg-tooltip-element")
    expect(tooltip).to_be_visible()
    # IOM's count of the missing is empty for one of the month's incidents and 0 for the others: not known.
    expect(tooltip).to_contain_text("Sep 2024: 22 dead or missing (22 dead, missing: unknown; 3 incidents)")
    context.close()


def test_the_slider_and_the_subtitle_reach_2026(browser, app_url) -> None:
    """The slider's end is the last incident IOM records (3 May 2026), and the subtitle names the years 1999–2026."""
    context, page = _open(browser, app_url, 1280, 720)
    expect(page.locator(".st-key-atlas-head")).to_contain_text("1999–2026")
    slider = page.get_by_role("slider", name="Date")
    slider.focus()
    page.keyboard.press("End")
    expect(page.locator(".atlas-date")).to_have_text("3 May 2026", timeout=15_000)
    assert slider.get_attribute("aria-valuetext") == "3 May 2026"
    context.close()
