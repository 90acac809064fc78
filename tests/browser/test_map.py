"""What a person sees in Chromium: the map, the markers, the slider, the linked captions, the deep link, no stray requests."""

from __future__ import annotations

import re
from datetime import date, datetime

from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg

from browser_support import IFRAME, exposed_point, map_frame, next_frames, open_map, requests_reported, wait_for_view
from calais_atlas.map.framing import PLACE_ZOOM

THUMB = '[data-testid="stSliderThumbValue"]'  # hidden on screen; its text is ui/controls.py's SLIDER_FORMATS


def _is_tick(frame) -> bool:
    """The page asks for a timed rerun of a fragment (a ``run_every`` fragment's tick), in Streamlit's own protocol."""
    if not isinstance(frame, bytes):
        return False
    message = BackMsg()
    message.ParseFromString(frame)
    return message.WhichOneof("type") == "rerun_script" and message.rerun_script.is_auto_rerun
CORE_ON_COAST = ("calais-jungle", "grande-synthe-camp", "wissant")


def slider(page):
    return page.get_by_role("slider", name="Date")


def test_map_visible_with_core_sites_layer_control_and_legend(page) -> None:
    """The iframe is visible, the Channel-coast core sites are drawn, the layer control and legend are there."""
    frame = open_map(page)
    expect(page.locator(IFRAME)).to_be_visible()
    box = page.locator(IFRAME).bounding_box()
    assert box["height"] >= 500 and box["width"] >= 400
    for place_id in CORE_ON_COAST:
        expect(frame.locator(f".atlas-place-{place_id}").first).to_be_visible()
    expect(frame.locator(".atlas-place-brachay").first).to_be_attached()  # 365 km away: drawn, outside the coast view
    frame.locator(".leaflet-control-layers").hover()
    labels = frame.locator(".leaflet-control-layers-overlays label")
    expect(labels).to_have_count(5)
    expect(labels.first).to_contain_text("Context places")
    expect(frame.locator("details.atlas-legend summary")).to_have_text("Legend")
    expect(frame.locator(".atlas-legend")).to_contain_text("Clash with police")  # folded: its text is there, for a reader
    expect(frame.locator(".atlas-site-label").filter(has_text="Calais 'Jungle'")).to_contain_text("4,000 residents")


def test_slider_changes_markers_and_labels_without_reloading_the_map(page) -> None:
    """Moving the slider swaps markers and population labels in the same iframe document, keeping the user's zoom."""
    frame = open_map(page)
    live = map_frame(page)
    live.evaluate("window.__atlasProbe = 'same-document'")
    opened_at = wait_for_view(live)[0]
    frame.locator(".leaflet-control-zoom-in").click()
    zoom_before = wait_for_view(live, zoom=opened_at + 1)[0]  # the user's zoom, once its animation has ended
    live.evaluate("window.__atlasMoves = []; "
                  "window.map.on('zoomstart movestart viewreset', event => window.__atlasMoves.push(event.type))")
    label = frame.locator(".atlas-site-label.atlas-place-calais-jungle")
    expect(label).to_contain_text("4,000 residents")
    events_before = frame.locator(".atlas-event").count()

    slider(page).focus()
    page.keyboard.press("End")  # 3 May 2026, the data's last day: the Jungle is long closed, its events out of the window
    expect(label).to_contain_text("closed (26 Oct 2016)")
    expect(frame.locator(".atlas-event")).not_to_have_count(events_before)
    assert live.evaluate("window.__atlasProbe") == "same-document"
    # The new layers and any setView come in one render; an animated setView starts on the next animation frame.
    next_frames(live)
    assert live.evaluate("window.__atlasMoves") == [], "the slider moved or zoomed the map"
    assert live.evaluate("window.map.getZoom()") == zoom_before
    expect(page.locator(IFRAME)).to_have_count(1)


def test_clicking_a_site_shows_its_captions(page) -> None:
    """A click on the Grande-Synthe camp circle filters the captions panel to that camp's photos."""
    open_map(page)
    page.mouse.click(*exposed_point(page, "path.atlas-site.atlas-place-grande-synthe-camp"))  # as a person clicks it
    heading = page.get_by_text(re.compile(r"Photos at Grande-Synthe camp"))
    expect(heading).to_be_visible(timeout=15_000)
    cards = page.locator('[class*="st-key-atlas-caption-time-"]')
    expect(cards.first).to_contain_text("Grande-Synthe")
    # Cards of the previous run linger until the new run ends: wait for them to go rather than read them once.
    expect(cards.filter(has_not_text="Grande-Synthe")).to_have_count(0)


def test_choosing_a_caption_highlights_its_site(page) -> None:
    """'Show on map' on a Grande-Synthe caption draws the highlight ring there and centres the map on it."""
    frame = open_map(page)
    card = page.locator('[class*="st-key-atlas-caption-"]').filter(has_text="spider man jacket")
    cards, more = page.locator('[class*="st-key-atlas-caption-"]'), page.get_by_role("button", name=re.compile(r"^Show more"))
    expect(cards.first).to_be_visible()
    while card.count() == 0 and more.count():  # the panel draws eight cards at a time
        drawn = cards.count()
        more.click()
        expect(cards).not_to_have_count(drawn)
    card.get_by_role("button", name="Show on map").click()
    ring = frame.locator("path.atlas-highlight.atlas-place-grande-synthe-camp")
    expect(ring).to_be_attached(timeout=15_000)
    wait_for_view(map_frame(page), zoom=PLACE_ZOOM, center=(51.0045, 2.30))
    expect(card).to_contain_text("Selected")


def test_deep_link_opens_the_same_state(page) -> None:
    """A copied link with date, site, window and layers reopens exactly that view."""
    frame = open_map(page, "?date=2016-10-25&site=calais-jungle&window=upto&layers=sites,captions")
    expect(page.locator(THUMB)).to_have_text("25 October 2016")
    expect(frame.locator("path.atlas-highlight.atlas-place-calais-jungle")).to_be_attached()
    expect(frame.locator(".atlas-event")).to_have_count(0)  # events layer off
    expect(page.get_by_text("Photos at Calais 'Jungle'")).to_be_visible()
    expect(page.get_by_label("Everything up to the date")).to_be_checked()


def test_no_request_leaves_the_machine(page) -> None:
    """With the offline basemap, every request the page makes goes to the app's own host."""
    frame = open_map(page)
    live = map_frame(page)
    opened_at = wait_for_view(live)[0]
    frame.locator(".leaflet-control-zoom-in").click()
    wait_for_view(live, zoom=opened_at + 1)  # tile layers, if any, ask for the new zoom's tiles by now
    requests_reported(page, live)
    assert page.requests.hosts() == {"127.0.0.1"}, page.requests.hosts()


def test_online_tiles_are_requested_only_when_chosen(page) -> None:
    """Choosing OpenStreetMap requests tiles from tile.openstreetmap.org and nowhere else; answered locally here."""
    page.route("https://tile.openstreetmap.org/**", lambda route: route.fulfill(status=404, body=""))
    open_map(page)
    requests_reported(page, map_frame(page))
    assert page.requests.hosts() == {"127.0.0.1"}
    with page.expect_request(lambda request: request.url.startswith("https://tile.openstreetmap.org/"), timeout=20_000):
        page.get_by_text("OpenStreetMap (needs internet)").click()
    # A new basemap is a new map: the iframe is remounted, and for a moment there are two. Wait for the
    # end state itself (one map, holding tiles), since "one iframe" is also true before the remount starts.
    page.wait_for_function(
        """selector => { const frames = document.querySelectorAll(selector);
            return frames.length === 1 && !!frames[0].contentDocument?.querySelector('img.leaflet-tile'); }""",
        arg=IFRAME, timeout=20_000,
    )
    requests_reported(page, map_frame(page))  # and nothing else was asked for, by either map
    assert page.requests.hosts() == {"127.0.0.1", "tile.openstreetmap.org"}
    expect(page.frame_locator(IFRAME).locator(".leaflet-control-attribution")).to_contain_text("OpenStreetMap")


def test_play_steps_to_the_next_events_and_pause_stops(page) -> None:
    """Play moves the date from event to event on its own; Pause holds it: no timed rerun is asked for after it."""
    page.clock.install()  # the page's timers on a clock the test can move on (it runs at the real pace meanwhile)
    ticks = []
    page.on("websocket", lambda socket: socket.on("framesent", lambda frame: ticks.append(frame) if _is_tick(frame) else None))
    open_map(page, "?date=2016-01-20")
    thumb = page.locator(THUMB)
    expect(thumb).to_have_text("20 January 2016")
    page.get_by_role("button", name="▶ Play").click()
    expect(thumb).not_to_have_text("20 January 2016", timeout=15_000)
    first_stop = thumb.inner_text()
    expect(thumb).not_to_have_text(first_stop, timeout=15_000)
    assert datetime.strptime(first_stop, "%d %B %Y").date() > date(2016, 1, 20)
    assert ticks, "Play stepped the date without the page's timed reruns"
    page.get_by_role("button", name="⏸ Pause").click()
    # "Play" is drawn by the run that Pause started; the slider comes before it in that run, so the thumb already
    # shows the held date, and that run registers no ticker any more.
    expect(page.get_by_role("button", name="▶ Play")).to_be_visible()
    held, before = thumb.inner_text(), len(ticks)
    # Two steps' worth at the default 2 s, at once: a ticker still set would fire now and send its rerun, which the
    # websocket's frames report before this page's answer to the round trip below.
    page.clock.run_for(4_500)
    page.evaluate("() => 0")
    assert len(ticks) == before, "a timed rerun was asked for after Pause"
    expect(thumb).to_have_text(held)
