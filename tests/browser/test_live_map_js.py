"""static/atlas/live-map.js where it runs: Chromium, on a fixture page with the vendored Leaflet and the states Python
makes (map/step.py), no Streamlit. The merge, the keys, the label placing, what the map sends back, the version
check; and the exported file, which runs the same script."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest

from calais_atlas.export.standalone import standalone_map
from calais_atlas.map.assets import STATIC_DIR
from calais_atlas.map.feature_groups import fixed_items, layer_items
from calais_atlas.map.framing import frame_for
from calais_atlas.map.protocol import VERSION
from calais_atlas.map.step import base_config, step_state
from calais_atlas.model.palette import SITE_FILL, css_variables
from calais_atlas.model.shown import Prepared
from calais_atlas.model.view_state import LAYERS
from map_items import items_at

JUNGLE = "calais-jungle"
FIXTURE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="stylesheet" href="{static}/vendor/leaflet/leaflet.css">
<link rel="stylesheet" href="{static}/atlas/legend.css">
<style>{palette} html, body, #map {{margin: 0; width: 100%; height: 100%;}}</style>
<script src="{static}/vendor/leaflet/leaflet.js"></script>
<script src="{static}/atlas/live-map.js"></script>
</head><body><div id="map"></div><script>
window.sent = [];  // every message but "drawn", which goes to window.drawn
window.drawn = [];
window.Streamlit = {{setComponentValue: value => (value.kind === "drawn" ? window.drawn : window.sent).push(value)}};
window.map = L.map("map").setView([50.97, 1.95], 10);
</script></body></html>"""
# Labels and markers drawn where they overlap, once the placing has run (it runs on a timer after each apply).
OVERLAPS = """() => {
    const drawn = sel => Array.from(document.querySelectorAll(sel)).filter(el =>
        getComputedStyle(el).visibility !== 'hidden' && el.getBoundingClientRect().width > 0)
        .map(el => ({text: el.textContent || el.getAttribute('class'), box: el.getBoundingClientRect()}));
    const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const labels = drawn('.atlas-site-label .atlas-label, .atlas-context-name');
    const markers = drawn('.leaflet-marker-icon.atlas-event, .leaflet-marker-icon.atlas-caption, path.atlas-site');
    const pairs = [];
    labels.forEach((a, i) => labels.slice(i + 1).concat(markers).forEach(b => {
        if (hit(a.box, b.box)) pairs.push([a.text, b.text]);
    }));
    return {labels: labels.length, pairs};
}"""


@pytest.fixture
def fixture_page(browser, tmp_path: Path):
    """A page with the map and live-map.js loaded, not initialised."""
    page_file = tmp_path / "live-map.html"
    page_file.write_text(FIXTURE.format(static=STATIC_DIR.as_uri(), palette=css_variables()), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    page = context.new_page()
    page.goto(page_file.as_uri())
    page.wait_for_function("() => window.atlas && window.map")
    yield page
    context.close()


def init(page, lang: str = "en") -> None:
    page.evaluate("config => window.atlas.init(window.map, config)", base_config(lang))


def apply(page, state: dict) -> None:
    page.evaluate("state => window.atlas.apply(state)", state)


def test_an_unchanged_item_keeps_its_leaflet_layer_and_a_changed_one_is_replaced(fixture_page, prepared) -> None:
    """The merge: between two states, an item with the same key and content keeps its Leaflet layer object; a changed
    one gets a new layer, a key no longer sent is removed from the map, a new key is drawn."""
    first = step_state(items_at(prepared, date(2016, 1, 20)))
    second = copy.deepcopy(first)
    sites = second["items"]["sites"]
    changed = next(item for item in sites if item.get("place") == JUNGLE and item["type"] == "circle")
    changed["tooltip"] += " (changed)"
    removed = second["items"]["context"].pop(0)
    added = {**copy.deepcopy(second["items"]["context"][0]), "k": "context.added"}
    second["items"]["context"].append(added)
    init(fixture_page)
    apply(fixture_page, first)
    fixture_page.evaluate("() => Object.entries(window.atlas.shown).forEach(([k, s]) => { s.layer.probe = k; })")
    old = fixture_page.evaluate("k => { window.oldLayers = {changed: window.atlas.shown[k[0]].layer, "
                                "removed: window.atlas.shown[k[1]].layer}; return true; }", [changed["k"], removed["k"]])
    assert old
    apply(fixture_page, second)
    kept = fixture_page.evaluate("() => Object.entries(window.atlas.shown).filter(([k, s]) => s.layer.probe === k)"
                                 ".map(([k]) => k)")
    sent_keys = [item["k"] for layer in second["items"].values() for item in layer]
    assert sorted(fixture_page.evaluate("() => Object.keys(window.atlas.shown)")) == sorted(sent_keys)
    assert sorted(kept) == sorted(set(sent_keys) - {changed["k"], "context.added"})
    assert fixture_page.evaluate("() => !window.map.hasLayer(window.oldLayers.changed) && "
                                 "!window.map.hasLayer(window.oldLayers.removed)")
    assert "(changed)" in fixture_page.evaluate("k => window.atlas.shown[k].layer.getTooltip().getContent()", changed["k"])


def based(prepared: Prepared, day: date, with_base: bool) -> tuple[dict, dict]:
    """The state at ``day`` built on the base part (brought along or not), and the whole state."""
    shown = prepared.at(day, "around", 3)
    items = layer_items(shown.ctx, shown.states, shown.event_records, shown.caption_records, list(LAYERS), None,
                        shown.death_records)
    return step_state(items, base=fixed_items(shown.ctx, shown.states), with_base=with_base), step_state(items)


def drawn_keys(page) -> list[str]:
    return sorted(page.evaluate("() => Object.keys(window.atlas.shown).filter(k => "
                                "window.map.hasLayer(window.atlas.shown[k].group) && "
                                "window.atlas.shown[k].group.hasLayer(window.atlas.shown[k].layer))"))


def test_steps_built_on_the_base_part_draw_it_once_and_keep_its_layers(fixture_page, prepared) -> None:
    """The first step brings the base part: the map draws what the whole step would. A later step that only names it
    draws what the whole later step would, the base part's markers keeping their Leaflet layers, and asks for
    nothing."""
    first, first_whole = based(prepared, date(2016, 1, 20), with_base=True)
    later, later_whole = based(prepared, date(2016, 2, 20), with_base=False)
    init(fixture_page)
    apply(fixture_page, first)
    assert drawn_keys(fixture_page) == sorted(item["k"] for layer in first_whole["items"].values() for item in layer)
    base_keys = [item["k"] for layer in first["basePart"]["items"].values() for item in layer]
    fixture_page.evaluate("keys => keys.forEach(k => { window.atlas.shown[k].layer.probe = k; })", base_keys)
    apply(fixture_page, later)
    assert drawn_keys(fixture_page) == sorted(item["k"] for layer in later_whole["items"].values() for item in layer)
    kept = fixture_page.evaluate("keys => keys.filter(k => window.atlas.shown[k].layer.probe === k)", base_keys)
    assert kept == base_keys
    names = [item for item in first["basePart"]["items"]["context"] if item["type"] == "icon"]
    assert fixture_page.locator(".atlas-context-name").count() == len(names)
    assert fixture_page.evaluate("window.sent") == []


def test_a_map_that_lost_its_base_part_asks_for_it_and_is_then_drawn_whole(fixture_page, prepared) -> None:
    """A new map frame given a step built on a base part it never got draws the step's own markers (not a blank map)
    and sends {kind: base, key}, at each such step; the step that brings the base part draws the map whole."""
    lacking, whole = based(prepared, date(2016, 1, 20), with_base=False)
    bringing, _ = based(prepared, date(2016, 1, 20), with_base=True)
    init(fixture_page)
    apply(fixture_page, lacking)
    own = sorted(item["k"] for layer in lacking["items"].values() for item in layer)
    assert drawn_keys(fixture_page) == own and fixture_page.locator("path.atlas-site").count() > 0
    assert fixture_page.locator(".atlas-context-name").count() == 0
    apply(fixture_page, lacking)
    sent = fixture_page.evaluate("window.sent")
    assert [(m["v"], m["kind"], m["key"]) for m in sent] == [(VERSION, "base", lacking["base"])] * 2
    apply(fixture_page, bringing)
    assert drawn_keys(fixture_page) == sorted(item["k"] for layer in whole["items"].values() for item in layer)
    names = [item for item in whole["items"]["context"] if item["type"] == "icon"]
    assert fixture_page.locator(".atlas-context-name").count() == len(names) > 0
    assert len(fixture_page.evaluate("window.sent")) == 2


def test_keys_are_used_as_sent_and_items_drawn_with_their_style_and_symbol(fixture_page, prepared) -> None:
    """live-map.js computes no key: two items with the same classes and Python's keys are both drawn under those keys;
    a circle gets its shared style and its own radius, an event its named symbol."""
    state = step_state(items_at(prepared, date(2016, 1, 20)))
    twin = copy.deepcopy(state["items"]["context"][-1])
    state["items"]["context"] += [{**twin, "k": "twin-1"}, {**twin, "k": "twin-2"}]
    init(fixture_page)
    apply(fixture_page, state)
    keys = fixture_page.evaluate("() => Object.keys(window.atlas.shown)")
    assert {"twin-1", "twin-2"} <= set(keys)
    assert len(keys) == sum(len(layer) for layer in state["items"].values())
    jungle = next(item for item in state["items"]["sites"] if item.get("place") == JUNGLE and item["type"] == "circle")
    options = fixture_page.evaluate("k => window.atlas.shown[k].layer.options", jungle["k"])
    assert options["radius"] == jungle["options"]["radius"] and options["fillColor"] == SITE_FILL
    event = state["items"]["events"][0]
    html = fixture_page.evaluate("k => window.atlas.shown[k].layer.getElement().innerHTML", event["k"])
    assert html.startswith("<svg")


def test_the_first_step_drawn_is_said_once_and_a_preview_says_nothing(fixture_page, prepared) -> None:
    """Once its first reporting step is drawn and painted, the map sends {v, seq, kind: drawn}, once for the frame;
    a preview (report false) never sends it."""
    state = step_state(items_at(prepared, date(2016, 1, 20)))
    init(fixture_page)
    apply(fixture_page, {**state, "report": False})
    apply(fixture_page, state)
    fixture_page.wait_for_function("() => window.drawn.length > 0")
    apply(fixture_page, state)
    fixture_page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))")
    drawn = fixture_page.evaluate("window.drawn")
    assert [(m["v"], m["kind"]) for m in drawn] == [(VERSION, "drawn")]
    assert fixture_page.locator("path.atlas-site").count() > 0


def test_a_click_sends_the_place_id_and_a_preview_sends_nothing(fixture_page, prepared) -> None:
    """A click on a site sends {v, seq, kind: click, place}; a second click is a new message; Enter on a circle or an
    icon is a click; with report false (a preview, the exported file) a click sends nothing."""
    state = step_state(items_at(prepared, date(2016, 1, 20)))
    init(fixture_page)
    apply(fixture_page, state)
    site = fixture_page.locator(f"path.atlas-site.atlas-place-{JUNGLE}")
    site.dispatch_event("click")
    site.dispatch_event("click")
    sent = fixture_page.evaluate("window.sent")
    assert [(m["v"], m["kind"], m["place"]) for m in sent] == [(VERSION, "click", JUNGLE)] * 2
    assert sent[1]["seq"] > sent[0]["seq"]
    fixture_page.locator(f"path.atlas-site.atlas-place-{JUNGLE}").press("Enter")  # the keyboard's click, on a circle ...
    event = state["items"]["events"][0]
    fixture_page.locator(f".leaflet-marker-icon.atlas-event.atlas-place-{event['place']}").first.press("Enter")  # an icon
    assert [m["place"] for m in fixture_page.evaluate("window.sent")[2:]] == [JUNGLE, event["place"]]
    apply(fixture_page, {**state, "report": False})
    fixture_page.locator(f"path.atlas-site.atlas-place-{JUNGLE}").dispatch_event("click")
    assert len(fixture_page.evaluate("window.sent")) == 4


def test_the_layer_control_sends_the_viewers_choice_and_the_state_decides(fixture_page, prepared) -> None:
    """Unticking Events in the control sends the layers shown; the layers a state shows or hides send nothing; and
    the next state's visible layers are what the map shows, whatever the control said before."""
    state = step_state(items_at(prepared, date(2016, 1, 20)))
    init(fixture_page)
    apply(fixture_page, state)
    apply(fixture_page, {**state, "visible": ["sites", "highlight"]})
    apply(fixture_page, state)
    assert fixture_page.evaluate("window.sent") == []
    fixture_page.locator(".leaflet-control-layers").hover()
    events = fixture_page.locator(".leaflet-control-layers-overlays label").filter(has_text="Events").locator("input")
    events.uncheck()
    sent = fixture_page.evaluate("window.sent")
    assert [(m["v"], m["kind"], m["layers"]) for m in sent] == [(VERSION, "layers", ["context", "sites", "deaths", "captions"])]
    assert fixture_page.locator(".atlas-event").count() == 0
    apply(fixture_page, state)  # a state that still shows the events (sent before Python had the message)
    assert events.is_checked() and fixture_page.locator(".atlas-event").count() > 0
    assert len(fixture_page.evaluate("window.sent")) == 1


@pytest.mark.parametrize("where", ["state", "config"])
def test_a_version_mismatch_is_shown_and_reported_not_drawn(fixture_page, prepared, where) -> None:
    """A state or base config of another version draws nothing: the map shows a notice and sends a mismatch."""
    state = step_state(items_at(prepared, date(2016, 1, 20)))
    if where == "config":
        fixture_page.evaluate("config => window.atlas.init(window.map, config)", {**base_config("fr"), "v": VERSION + 1})
        apply(fixture_page, state)
    else:
        init(fixture_page, "fr")
        apply(fixture_page, {**state, "v": VERSION + 1})
    notice = fixture_page.get_by_role("alert")
    assert notice.is_visible() and "Rechargez la page" in notice.inner_text()
    assert fixture_page.locator("path.atlas-site").count() == 0
    assert [(m["kind"], m["got"]) for m in fixture_page.evaluate("window.sent")][:1] == [("mismatch", VERSION + 1)]


def test_labels_are_placed_clear_of_each_other_and_of_the_markers(fixture_page, prepared) -> None:
    """After a state is applied, no site label or context name covers another or a marker (the placing runs in the
    page, on what is drawn)."""
    init(fixture_page)
    apply(fixture_page, step_state(items_at(prepared, date(2016, 1, 20))))
    fixture_page.wait_for_function(f"() => ({OVERLAPS})().pairs.length === 0 && ({OVERLAPS})().labels >= 5")
    found = fixture_page.evaluate(OVERLAPS)
    assert found["pairs"] == [] and found["labels"] >= 5


def test_the_exported_file_runs_the_same_script_with_popups_keyboard_and_labels(browser, tmp_path, prepared) -> None:
    """The exported map draws with live-map.js: markers are named buttons, labels are placed, every popup is there,
    and a click opens its popup and sends nothing (there is no Streamlit)."""
    page_file = tmp_path / "export.html"
    coast = frame_for(prepared.ctx, "coast")
    page_file.write_text(standalone_map(items_at(prepared, date(2016, 1, 20)), coast, "en"), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    page = context.new_page()
    try:
        page.goto(page_file.as_uri())
        site = page.locator(f"path.atlas-site.atlas-place-{JUNGLE}")
        site.wait_for()
        assert site.get_attribute("role") == "button" and "Calais" in site.get_attribute("aria-label")
        page.wait_for_function(f"() => ({OVERLAPS})().pairs.length === 0 && ({OVERLAPS})().labels >= 5")
        page.locator(".leaflet-marker-icon.atlas-event").first.dispatch_event("click")
        assert page.locator(".leaflet-popup-content").is_visible()
        assert page.locator(".leaflet-control-layers").count() == 1 and page.get_by_role("alert").count() == 0
        # framed as the live map is: the coast's camps whole in the reader's window
        (south, west), (north, east) = coast["bounds"]
        assert page.evaluate(f"() => window.atlas.map.getBounds().contains([[{south}, {west}], [{north}, {east}]])")
    finally:
        context.close()
