"""Helpers for the browser tests: open the app, reach the map inside its iframe, and wait for its state (never for a time)."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

IFRAME = 'iframe[title="streamlit_folium.st_folium"]'

# Leaflet's view is settled when no zoom or pan animation runs: getZoom() only changes at the end of a zoom
# animation, and getCenter() is interpolated during a pan.
_VIEW_SETTLED = """([zoom, lat, lng, tolerance]) => {
    const map = window.map;
    if (!map || map._animatingZoom || (map._panAnim && map._panAnim._inProgress)) return false;
    if (zoom !== null && map.getZoom() !== zoom) return false;
    if (lat === null) return true;
    const center = map.getCenter();
    return Math.abs(center.lat - lat) <= tolerance && Math.abs(center.lng - lng) <= tolerance;
}"""
_VIEW = "[window.map.getZoom(), window.map.getCenter().lat, window.map.getCenter().lng]"


class Requests:
    """Every request the page makes, by host."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def hosts(self) -> set[str]:
        return {urlsplit(url).hostname or "" for url in self.urls if urlsplit(url).scheme in ("http", "https", "ws", "wss")}


def new_page(browser, base_url: str, width: int = 1400, height: int = 1000, **options):
    """A page in a fresh browser context (its own cookies and storage) at ``base_url``; close it with ``page.context``.

    ``page.requests`` records every request it makes, ``page.dialogs`` every dialog's message (dismissed).
    ``options`` go to the context (is_mobile, has_touch, ...).
    """
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    page.requests = Requests()
    page.on("request", lambda request: page.requests.urls.append(request.url))
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.base_url = base_url
    return page


def open_map(page, query: str = ""):
    """Open the app and wait until markers are drawn inside the map iframe and the page is whole (the run the map's
    first `drawn` message starts has drawn what the first run held back: ui/atlas_page.py); return the frame locator."""
    page.goto(f"{page.base_url}/{query}")
    frame = page.frame_locator(IFRAME)
    frame.locator("path.atlas-site").first.wait_for(timeout=30_000)
    whole(page)
    return frame


def whole(page) -> None:
    """The atlas page drawn whole: the sidebar's layer boxes are there, and no run is in progress."""
    expect(page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]').first).to_be_attached(timeout=30_000)
    settled(page)


def settled(page) -> None:
    """No script run in progress, and no element left faded from the run before."""
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=30_000)
    expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=30_000)


def map_frame(page):
    """The live Frame object of the map iframe (for evaluate). While a layout change (presenting, a lesson) redraws
    the map, the old iframe stays until the run ends: wait for the one map."""
    expect(page.locator(IFRAME)).to_have_count(1, timeout=30_000)
    handle = page.locator(IFRAME).element_handle()
    return handle.content_frame()


def wait_for_view(live, zoom: int | None = None, center: tuple[float, float] | None = None, tolerance: float = 0.01,
                  timeout: float = 15_000) -> list[float]:
    """Wait until the Leaflet map of the frame `live` rests (no animation) at `zoom` and/or `center`; return [zoom, lat, lng].

    With neither, wait only for the view to come to rest. Fails with the view actually shown if it never gets there.
    """
    lat, lng = center if center is not None else (None, None)
    try:
        live.wait_for_function(_VIEW_SETTLED, arg=[zoom, lat, lng, tolerance], timeout=timeout)
    except PlaywrightError as error:
        shown = live.evaluate(f"window.map ? {_VIEW} : null")
        raise AssertionError(f"map never rested at zoom={zoom} center={center}; it shows [zoom, lat, lng] = {shown}") from error
    return live.evaluate(_VIEW)


def next_frames(live, count: int = 2) -> None:
    """Return after the frame `live` has painted `count` more animation frames.

    Leaflet starts an animated setView on the next animation frame, so after two frames a view change asked for in
    an earlier task has fired its zoomstart/movestart.
    """
    live.evaluate("""count => new Promise(done => {
        const step = left => left ? requestAnimationFrame(() => step(left - 1)) : done();
        step(count);
    })""", count)


def requests_reported(page, live) -> None:
    """Return once every request the page has issued so far has reached its 'request' listeners.

    A marker request to the app's own health check is sent now from the frame `live` and waited for. Chromium
    reports the requests of one renderer in the order they are issued, and the map iframe is same-origin (it shares
    the page's renderer), so whatever the page or the map requested before the marker has been recorded.
    """
    with page.expect_request(lambda request: "atlas-requests-reported" in request.url, timeout=15_000):
        live.evaluate("() => { fetch('/_stcore/health?atlas-requests-reported=' + Date.now()).catch(() => {}); }")


# A point of an element of the map frame that nothing covers (a click there reaches it): the Jules Ferry centre's
# circle, for one, sits on the middle of the Jungle's.
_EXPOSED_POINT = """selector => {
    const target = document.querySelector(selector), box = target.getBoundingClientRect();
    // The lower half first (a tooltip opens above the pointer), then the upper half: event icons crowd a busy site.
    for (const dy of [0.5, 0.6, 0.7, 0.8, 0.9, 0.4, 0.3, 0.2, 0.1]) for (let dx = 0.1; dx < 1; dx += 0.1) {
        const x = box.left + box.width * dx, y = box.top + box.height * dy;
        if (document.elementFromPoint(x, y) === target) return [x, y];
    }
    return null;
}"""


def exposed_point(page, selector: str) -> tuple[float, float]:
    """Page coordinates of a point of the map's element ``selector`` that no other element covers."""
    inside = map_frame(page).evaluate(_EXPOSED_POINT, selector)
    assert inside is not None, f"{selector} is covered everywhere"
    frame_box = page.locator(IFRAME).bounding_box()
    return frame_box["x"] + inside[0], frame_box["y"] + inside[1]
