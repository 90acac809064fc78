"""The place a view is about is in sight and named. For every lesson chapter with a place, and for a search result, at
classroom sizes: the place is inside the part of the map the viewer sees, with a margin, and a label that no other
label covers names it. On a phone, the coast view shows its camps whole."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser_support import map_frame, open_map, wait_for_view
from calais_atlas.data.loader import load_dataset
from serve import ROOT

MARGIN_PX = 20  # live-map.js keeps 40: what is asserted leaves room for a marker's own size
READ_VIEW = """(latlng) => {
    const map = window.map, point = map.latLngToContainerPoint(latlng), size = map.getSize();
    const box = map.getContainer().getBoundingClientRect();
    const seen = Math.min(size.y, window.parent.innerHeight - window.frameElement.getBoundingClientRect().top);
    const drawn = sel => Array.from(document.querySelectorAll(sel))
        .filter(el => getComputedStyle(el).visibility !== 'hidden' && el.getBoundingClientRect().width > 0)
        .map(el => { const r = el.getBoundingClientRect();
                     return {text: el.innerText.replace(/\\s+/g, ' ').trim(), focus: !!el.closest('.atlas-focus'),
                             left: r.left - box.left, right: r.right - box.left, top: r.top - box.top,
                             bottom: r.bottom - box.top}; });
    return {x: point.x, y: point.y, width: size.x, seen: seen,
            labels: drawn('.atlas-site-label .atlas-label, .atlas-context-name, .atlas-focus .atlas-label')};
}"""
FOCUS_SHOWN = """(place) => Array.from(document.querySelectorAll(
        '.atlas-focus.atlas-place-' + place + ' .atlas-label, .atlas-focus.atlas-place-' + place + ' .atlas-context-name'))
    .some(el => !el.classList.contains('atlas-label-hidden') && el.getBoundingClientRect().width > 0)"""


FOCUS_PLACED = """(place) => {
    const box = window.map.getContainer().getBoundingClientRect();
    const seen = Math.min(box.bottom, window.parent.innerHeight - window.frameElement.getBoundingClientRect().top);
    return Array.from(document.querySelectorAll('.atlas-focus.atlas-place-' + place + ' .atlas-label, '
                                                + '.atlas-focus.atlas-place-' + place + ' .atlas-context-name'))
        .some(el => { const r = el.getBoundingClientRect();
                      return r.width > 0 && r.top >= box.top && r.bottom <= seen; });
}"""


@pytest.fixture(scope="module")
def places() -> dict[str, dict]:
    return load_dataset(ROOT / "data")["places"].set_index("place_id").to_dict("index")


@pytest.fixture(scope="module")
def chapters() -> list[tuple[int, str]]:
    frame = load_dataset(ROOT / "data")["chapters"]
    return [(int(row["chapter"]), row["place_id"]) for row in frame.to_dict("records") if row["place_id"]]


def _hit(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def assert_in_sight_and_named(page, place_id: str, place: dict) -> None:
    live = map_frame(page)
    live.locator(f"path.atlas-highlight.atlas-place-{place_id}").wait_for(state="attached")
    live.wait_for_function(FOCUS_SHOWN, arg=place_id)
    wait_for_view(live)
    live.wait_for_function(FOCUS_PLACED, arg=place_id)  # the labels are placed again after the view rests
    view = live.evaluate(READ_VIEW, [place["lat"], place["lon"]])
    where = f"{place_id} at ({view['x']:.0f}, {view['y']:.0f}) in a map of {view['width']}x{view['seen']} px seen"
    assert MARGIN_PX <= view["x"] <= view["width"] - MARGIN_PX, where
    assert MARGIN_PX <= view["y"] <= view["seen"] - MARGIN_PX, where
    focus = [label for label in view["labels"] if label["focus"]]
    assert len(focus) == 1, (place_id, focus)
    label = focus[0]
    assert place["name"] in label["text"], (place["name"], label["text"])
    assert label["left"] >= 0 and label["right"] <= view["width"] and label["top"] >= 0 and label["bottom"] <= view["seen"], \
        (where, label)
    covering = [other["text"] for other in view["labels"] if not other["focus"] and _hit(other, label)]
    assert covering == [], (place_id, covering)


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_every_chapter_shows_and_names_its_place(page, places, chapters, size) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    first, place_id = chapters[0]
    page.goto(f"{page.base_url}/?chapter={first}")
    assert_in_sight_and_named(page, place_id, places[place_id])
    for number, place_id in chapters[1:]:
        page.get_by_role("button", name=re.compile(r"^Next chapter")).click()
        expect(page).to_have_url(re.compile(rf"chapter={number}\b"))
        assert_in_sight_and_named(page, place_id, places[place_id])


def test_a_search_result_shows_and_names_its_place(page, places) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    open_map(page)
    box = page.locator('[data-testid="stSidebar"]').get_by_role("textbox", name="Search events, photos, places, sources")
    box.fill("liniere")
    box.press("Enter")
    result = page.locator('[data-testid="stSidebar"]').get_by_role("button", name=re.compile(r"La Linière.*place", re.S))
    result.first.click()
    expect(page).to_have_url(re.compile(r"site=la-liniere"))
    assert_in_sight_and_named(page, "la-liniere", places["la-liniere"])


def test_the_phone_coast_view_shows_every_camp_whole(page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    live_locator = open_map(page)
    live_locator.locator(".atlas-site-label .atlas-label").first.wait_for()
    live = map_frame(page)
    wait_for_view(live)
    circles = live.evaluate("""() => { const box = window.map.getContainer().getBoundingClientRect();
        return Array.from(document.querySelectorAll('path.atlas-site')).map(el => { const r = el.getBoundingClientRect();
            return {left: r.left - box.left, right: r.right - box.left, bottom: r.bottom - box.top,
                    width: box.width, height: box.height}; }); }""")
    assert circles
    for circle in circles:  # inside, and off the bottom edge by a margin
        assert circle["left"] >= 0 and circle["right"] <= circle["width"], circle
        assert circle["bottom"] <= circle["height"] - MARGIN_PX, circle
    labels = live.evaluate("""() => { const box = window.map.getContainer().getBoundingClientRect();
        return Array.from(document.querySelectorAll('.atlas-site-label .atlas-label'))
            .filter(el => getComputedStyle(el).visibility !== 'hidden' && el.getBoundingClientRect().width > 0)
            .map(el => { const r = el.getBoundingClientRect();
                         return {text: el.innerText, left: r.left - box.left, right: r.right - box.left, width: box.width,
                                 top: r.top - box.top, bottom: r.bottom - box.top, height: box.height}; }); }""")
    on_map = [label for label in labels if _hit(label, {"left": 0, "right": label["width"], "top": 0, "bottom": label["height"]})]
    assert on_map  # Brachay's, 365 km inland, is drawn far outside
    cut = [label["text"] for label in on_map if label["left"] < 0 or label["right"] > label["width"]]
    assert cut == [], cut
