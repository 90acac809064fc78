"""Helpers for the browser tests: open the app and reach the map inside its iframe."""

from __future__ import annotations

IFRAME = 'iframe[title="streamlit_folium.st_folium"]'


def open_map(page, query: str = ""):
    """Open the app and wait until markers are drawn inside the map iframe; return the frame locator."""
    page.goto(f"{page.base_url}/{query}")
    frame = page.frame_locator(IFRAME)
    frame.locator("path.atlas-site").first.wait_for(timeout=30_000)
    return frame


def map_frame(page):
    """The live Frame object of the map iframe (for evaluate)."""
    handle = page.locator(IFRAME).element_handle()
    return handle.content_frame()
