"""The default view reads: no label over a marker or another label, no place name cut by the map's edge, and a place
whose label gives way is reachable."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError

from browser_support import map_frame, open_map, wait_for_view

DRAWN = """selector => Array.from(document.querySelectorAll(selector))
    .filter(el => getComputedStyle(el).visibility !== 'hidden' && el.getBoundingClientRect().width > 0)
    .map(el => { const r = el.getBoundingClientRect();
                 return {text: el.innerText || el.getAttribute('class'), left: r.left, right: r.right, top: r.top,
                         bottom: r.bottom}; })"""
SETTLED = """([labels, markers]) => {
    const drawn = sel => Array.from(document.querySelectorAll(sel)).filter(el =>
        getComputedStyle(el).visibility !== 'hidden' && el.getBoundingClientRect().width > 0)
        .map(el => el.getBoundingClientRect());
    const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const l = drawn(labels), m = drawn(markers);
    return l.every((a, i) => l.slice(i + 1).every(b => !hit(a, b)) && m.every(b => !hit(a, b)));
}"""
LABELS = ".atlas-site-label .atlas-label, .atlas-context-name"
MARKERS = ".leaflet-marker-icon.atlas-event, .leaflet-marker-icon.atlas-caption, path.atlas-site"
FRAME = """() => { const r = document.querySelector('.leaflet-container').getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }"""
HIDDEN_PLACES = """() => Array.from(document.querySelectorAll('.atlas-label-hidden'))
    .map(el => Array.from(el.closest('.leaflet-marker-icon').classList).find(c => c.startsWith('atlas-place-')))"""


def _hit(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def _cut(names: list[dict], frame: dict) -> list[str]:
    """The names the map's edge cuts: drawn partly inside it."""
    inside = [n for n in names if _hit(n, frame)]
    return [n["text"] for n in inside if n["left"] < frame["left"] or n["right"] > frame["right"]
            or n["top"] < frame["top"] or n["bottom"] > frame["bottom"]]


def _overlapping(labels: list[dict], markers: list[dict]) -> list[tuple[str, str]]:
    pairs = [(a, b) for i, a in enumerate(labels) for b in labels[i + 1:]] + [(a, b) for a in labels for b in markers]
    return [(a["text"], b["text"]) for a, b in pairs if _hit(a, b)]


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_no_label_covers_another_at_the_default_view(page, size) -> None:
    """At the default view no label covers another label or a marker, no place name is cut by the map's edge, and a
    place whose label gave way stays reachable (a named button)."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_map(page)
    live = map_frame(page)
    wait_for_view(live)
    live.wait_for_function("() => document.querySelectorAll('.atlas-site-label .atlas-label').length > 0")
    # The labels are placed again whenever the view or a label's size changes: wait until none covers another, and
    # if they never get there, say which still do.
    try:
        live.wait_for_function(SETTLED, arg=[LABELS, MARKERS], timeout=20_000)
    except PlaywrightError as error:
        still = _overlapping(live.evaluate(DRAWN, LABELS), live.evaluate(DRAWN, MARKERS))
        raise AssertionError(f"the labels never came to rest clear of each other and of the markers: {still}") from error
    labels, markers = live.evaluate(DRAWN, LABELS), live.evaluate(DRAWN, MARKERS)
    assert len(labels) >= 5, labels  # the coast is still labelled
    assert _overlapping(labels, markers) == []
    # a name the edge would cut goes to the other side of its mark
    assert _cut(live.evaluate(DRAWN, ".atlas-context-name"), live.evaluate(FRAME)) == []
    for place in live.evaluate(HIDDEN_PLACES):  # a label that gave way leaves its place reachable
        assert live.locator(f".{place}[role='button'][aria-label]").count() >= 1, place
