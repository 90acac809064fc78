"""The map's surface at a classroom's screen sizes, in both languages (issue 21, "The map"): a popup opens clear of the
map's controls and inside the map, with no tooltip over it and its figure said once; the scale bar and the credit
never meet; the legend is drawn once, in the map, where a keyboard reaches it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser_support import IFRAME, exposed_point, map_frame, new_page, open_map, wait_for_view
from calais_atlas.model.i18n import t

SIZES = [(1280, 720), (1024, 768)]
VIEWS = [pytest.param(width, height, lang, id=f"{width}x{height}-{lang}") for width, height in SIZES for lang in ("en", "fr")]
JUNGLE = "path.atlas-site.atlas-place-calais-jungle"
FIGURE = {"en": "4,000 residents", "fr": "4\u202f000 résidents"}  # the Jungle's on 20 Jan 2016, the default date
CONTROLS = {"zoom": ".leaflet-control-zoom", "layers": ".leaflet-control-layers", "legend": ".atlas-legend"}
BOX = """selector => { const el = document.querySelector(selector); if (!el) return null;
    const r = el.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }"""
SHOWN_TOOLTIPS = """() => Array.from(document.querySelectorAll('.leaflet-tooltip'))
    .filter(el => getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden'
                  && Number(getComputedStyle(el).opacity) > 0).map(el => el.innerText)"""


def _hit(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def _inside(box: dict, frame: dict) -> bool:
    return (box["left"] >= frame["left"] and box["right"] <= frame["right"] and box["top"] >= frame["top"]
            and box["bottom"] <= frame["bottom"])


def _open(page, query: str):
    open_map(page, query)
    return page


def _settled(page) -> None:
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=30_000)  # no run in progress
    wait_for_view(map_frame(page))


@pytest.fixture(scope="module", params=[pytest.param(view.values, id=view.id) for view in VIEWS])
def shown(request, browser, app_url):
    """One map page per size and language, for the checks that only read it (or open and close a fold)."""
    width, height, lang = request.param
    page = _open(new_page(browser, app_url, width, height), f"?lang={lang}")
    page.lang = lang
    _settled(page)
    yield page
    page.context.close()


def _popup_clear_of_the_controls(live) -> None:
    box, map_box = live.evaluate(BOX, ".leaflet-popup"), live.evaluate(BOX, ".leaflet-container")
    for name, selector in CONTROLS.items():
        control = live.evaluate(BOX, selector)
        assert not _hit(box, control), f"the popup {box} meets the {name} {control}"
    assert _inside(box, map_box), (box, map_box)


def _open_jungle_popup(page) -> None:
    frame = page.frame_locator(IFRAME)
    page.mouse.click(*exposed_point(page, JUNGLE))  # where nothing covers it, as a person clicks
    expect(frame.locator(".leaflet-popup")).to_be_visible(timeout=15_000)
    _settled(page)  # the click's rerun, and the popup's own pan
    expect(frame.locator(".leaflet-popup")).to_have_count(1)


@pytest.mark.parametrize(("width", "height", "lang"), [view.values for view in VIEWS], ids=[view.id for view in VIEWS])
def test_the_jungles_popup_opens_clear_of_the_controls_without_its_tooltip(open_page, width, height, lang) -> None:
    """With the Jungle selected, a click on its circle opens its popup clear of the zoom buttons, the Legend button and
    the layer control (Leaflet paints controls above every popup) and whole inside the map: first with the legend
    open, which folds; then with the Jungle moved next to the top-left corner, where the popup opened under the
    Legend button. The Jungle's tooltip is not shown while its popup is open, even when the pointer comes back over
    the circle; the popup says "4,000 residents" once."""
    page = _open(open_page(width, height), f"?site=calais-jungle&lang={lang}")
    _settled(page)
    frame, live = page.frame_locator(IFRAME), map_frame(page)
    frame.locator(".atlas-legend summary").click()
    expect(frame.locator(".atlas-legend[open] ul")).to_be_visible()
    _open_jungle_popup(page)
    _popup_clear_of_the_controls(live)
    expect(frame.locator(".atlas-legend[open]")).to_have_count(0)
    assert live.evaluate(SHOWN_TOOLTIPS) == []
    page.mouse.move(1, 1)
    frame.locator(JUNGLE).hover(force=True)  # the pointer back over the circle: the tooltip would open
    assert live.evaluate(SHOWN_TOOLTIPS) == []
    text = frame.locator(".leaflet-popup-content").inner_text()
    assert text.count(FIGURE[lang]) == 1, text

    frame.locator(".leaflet-popup-close-button").click()
    expect(frame.locator(".leaflet-popup")).to_have_count(0)
    live.evaluate("""selector => { const site = document.querySelector(selector).getBoundingClientRect();
        window.map.panBy([(site.left + site.right) / 2 - 170, (site.top + site.bottom) / 2 - 120], {animate: false});
    }""", JUNGLE)
    wait_for_view(live)
    _open_jungle_popup(page)
    _popup_clear_of_the_controls(live)


def test_the_scale_bar_and_the_credit_never_meet(shown) -> None:
    """The credits (the basemap's; the IOM's while its layer is shown) are short lines in the corner opposite the scale
    bar, parted by space, not by the bare ", " Leaflet puts between credits, and both are shown; opened, a full
    credit (licences and citation) grows upward and still leaves the scale bar clear."""
    frame, live = shown.frame_locator(IFRAME), map_frame(shown)
    scale, credit = frame.locator(".leaflet-control-scale"), frame.locator(".leaflet-control-attribution")
    expect(scale).to_be_visible()
    expect(credit).to_be_visible()
    scale_box = live.evaluate(BOX, ".leaflet-control-scale")
    assert not _hit(scale_box, live.evaluate(BOX, ".leaflet-control-attribution")), scale_box
    expect(credit).to_contain_text(t("credit.short", shown.lang))
    expect(credit).to_contain_text(t("credit.deaths", shown.lang))
    assert " , " not in credit.inner_text() and not credit.inner_text().startswith(",")
    basemap = t("credit.basemap", shown.lang)
    for short, full in ((t("credit.short", shown.lang), basemap[basemap.index("GSHHG"):]),
                        (t("credit.deaths", shown.lang), "Giorgio Coppola")):
        summary = frame.locator(".atlas-credit summary", has_text=short)
        summary.click()
        expect(credit).to_contain_text(full)
        expect(frame.locator(".atlas-credit[open]")).to_have_count(1)
        assert not _hit(scale_box, live.evaluate(BOX, ".leaflet-control-attribution"))
        expect(scale).to_be_visible()
        summary.click()
        expect(frame.locator(".atlas-credit[open]")).to_have_count(0)


def test_the_legend_is_drawn_once_and_a_keyboard_opens_it(shown) -> None:
    """One legend on the page, in the map (there was a second one, open, under the map); it comes in the tab order
    right after the zoom buttons, and Enter unfolds it."""
    frame = shown.frame_locator(IFRAME)
    expect(frame.locator(".atlas-legend")).to_have_count(1)
    expect(shown.locator(".atlas-legend")).to_have_count(0)
    frame.locator(".leaflet-control-zoom-out").focus()
    shown.keyboard.press("Tab")
    summary = frame.locator(".atlas-legend summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_text(t("legend.title", shown.lang))
    shown.keyboard.press("Enter")
    expect(frame.locator(".atlas-legend ul")).to_contain_text(t("category.clash", shown.lang))
    shown.keyboard.press("Enter")
    expect(frame.locator(".atlas-legend[open]")).to_have_count(0)
