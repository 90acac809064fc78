"""In Chromium, the browser's Back and Forward walk through the views a person stepped through, as on any map site."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from browser_support import open_map
from calais_atlas.model.formatting import format_day


def _link_date(page) -> date:
    found = re.search(r"[?&]date=(\d{4}-\d{2}-\d{2})", page.url)
    assert found, f"no date in the link {page.url}"
    return date.fromisoformat(found.group(1))


def _expect_view(page, day: date) -> None:
    """The date shown and the link's date= both say ``day``."""
    expect(page).to_have_url(re.compile(rf"[?&]date={day.isoformat()}(&|$)"))
    expect(page.locator(".atlas-date")).to_have_text(format_day(day, "en"))


def test_back_and_forward_walk_through_the_steps(open_page) -> None:
    """Three *Next event* presses, then Back three times: each Back shows the date before (the label and the link
    agree); Forward twice re-applies the steps; Back from the first view leaves the atlas at once (no entry of the
    address the atlas was opened with, "/", is left behind it)."""
    page = open_page(1280, 720)
    elsewhere = f"{page.base_url}/_stcore/health"
    page.goto(elsewhere)
    open_map(page)
    expect(page).to_have_url(re.compile(r"[?&]date="))
    dates = [_link_date(page)]
    _expect_view(page, dates[0])
    for _ in range(3):
        page.get_by_role("button", name="Next event").click()
        expect(page).not_to_have_url(re.compile(rf"[?&]date={dates[-1].isoformat()}(&|$)"))
        dates.append(_link_date(page))
        _expect_view(page, dates[-1])
    assert dates == sorted(set(dates)), f"Next event went {dates}"
    for day in reversed(dates[:-1]):
        page.go_back()
        _expect_view(page, day)
    for day in dates[1:3]:
        page.go_forward()
        _expect_view(page, day)
    for day in reversed(dates[:2]):
        page.go_back()
        _expect_view(page, day)
    page.go_back()
    expect(page).to_have_url(elsewhere)


def test_play_adds_one_entry_and_back_returns_to_where_it_started(open_page) -> None:
    """Play through three events, then Pause: one history entry for the whole play, so Back shows the date Play
    started from (not each tick's date in turn)."""
    page = open_page(1280, 720)
    open_map(page)
    expect(page).to_have_url(re.compile(r"[?&]date="))
    start = _link_date(page)
    entries = page.evaluate("history.length")
    page.locator(".st-key-atlas-speed").get_by_role("combobox").click()
    page.get_by_role("option", name="1 s").click()
    page.get_by_role("button", name="Play").click()
    seen = [start]
    while len(seen) < 4:
        expect(page).not_to_have_url(re.compile(rf"[?&]date={seen[-1].isoformat()}(&|$)"), timeout=15_000)
        seen.append(_link_date(page))
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    played = _link_date(page)
    _expect_view(page, played)
    assert page.evaluate("history.length") == entries + 1
    page.go_back()
    _expect_view(page, start)
