"""The 'Check your data' page in Chromium: an upload gives its report, its changes and a map preview."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from serve import ROOT


def test_upload_shows_report_changes_and_preview(page) -> None:
    """Uploading an events.csv with a day-first date lists the problem with file, line and column; nothing is saved."""
    before = (ROOT / "data" / "events.csv").read_bytes()
    page.goto(f"{page.base_url}/check")
    expect(page.get_by_role("heading", name="Check your data")).to_be_visible(timeout=30_000)
    edited = before.replace(b"2015-11-25,calais-jungle", b"25/11/2015,calais-jungle", 1)
    assert edited != before
    page.locator('input[type="file"]').set_input_files(files=[{"name": "events.csv", "mimeType": "text/csv", "buffer": edited}])
    expect(page.get_by_text(re.compile(r"\d+ problems?\. Valid rows"))).to_be_visible(timeout=30_000)
    expect(page.get_by_text("What changes", exact=True)).to_be_visible()
    expect(page.get_by_text("events.csv: 0 added, 0 removed, 0 changed, 1 not valid")).to_be_visible()
    expect(page.locator('iframe[title="streamlit_folium.st_folium"]')).to_be_visible()
    report = page.locator('[data-testid="stDataFrame"]').first
    expect(report).to_be_visible()
    assert page.dialogs == []
    assert (ROOT / "data" / "events.csv").read_bytes() == before
