"""The time bar, the strip and the page around them look finished at a classroom's screen sizes, in both languages
(issue 21): the strip's focus row spans the window alone, its marks keep their shapes once a site is selected, no
chart toolbar shows over the slider, the slider never shows an ISO date, the speed menu is named, no button or label
text is cut, the population chart's legends are whole, and Export is where the README says: under the map."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from babel.dates import get_month_names
from playwright.sync_api import expect

from browser_support import IFRAME, new_page, open_map
from calais_atlas.model.i18n import t
from calais_atlas.model.palette import CATEGORY_COLOURS, SITE_STROKE
from calais_atlas.model.strip import focus_range
from calais_atlas.model.timeline import window_bounds
from datafolders import ROOT

SIZES = [(1280, 720), (1024, 768)]
LANGS = ["en", "fr"]
VIEWS = [pytest.param(width, height, lang, id=f"{width}x{height}-{lang}") for width, height in SIZES for lang in LANGS]
SPAN = (date(1999, 9, 1), date(2026, 5, 3))  # the shipped data's span: the slider's ends (the last death IOM records)
STRIP = ".st-key-atlas-strip-box"
SPEED = {"en": "Speed", "fr": "Vitesse"}
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _open(page, query: str):
    open_map(page, query)
    expect(page.locator(f"{STRIP} svg .mark-symbol path").first).to_be_attached(timeout=30_000)
    return page


@pytest.fixture(scope="module", params=[pytest.param(view.values, id=view.id) for view in VIEWS])
def shown(request, browser, app_url):
    """One page per size and language on 20 Nov 2015, for the checks that only read it."""
    width, height, lang = request.param
    page = _open(new_page(browser, app_url, width, height), f"?date=2015-11-20&lang={lang}")
    page.view = (width, height, lang)
    yield page
    page.context.close()


FOCUS_LABELS = f"""() => {{
    const axes = [...document.querySelectorAll('{STRIP} svg .role-axis')];
    return axes.length === 2 ? [...axes[1].querySelectorAll('.role-axis-label text')].map(t => t.textContent) : null;
}}"""


def _label_day(label: str, lang: str, focus: tuple[date, date]) -> date:
    """The day a focus-row label names ("Sep", "8 Nov", "Jan 2016", "janv. 2016"), in the year that puts it nearest
    the row."""
    months = {name.rstrip(".").lower(): number for number, name in get_month_names("abbreviated", locale=lang).items()}
    match = re.fullmatch(r"(?:(\d{1,2}) )?([^\d\s]+)\.?(?: (\d{4}))?", label.strip())
    assert match and match[2].rstrip(".").lower() in months, f"unreadable focus label {label!r}"
    month, day = months[match[2].rstrip(".").lower()], int(match[1] or 1)
    years = [int(match[3])] if match[3] else range(focus[0].year, focus[1].year + 1)
    return min((date(year, month, day) for year in years), key=lambda d: max((focus[0] - d).days, (d - focus[1]).days))


@pytest.mark.parametrize(("query", "at", "window", "months"), [
    ("?date=2015-11-20", date(2015, 11, 20), "around", 3),
    ("?date=2009-09-22", date(2009, 9, 22), "around", 3),
    ("?date=2021-11-24", date(2021, 11, 24), "around", 3),
    ("?date=2002-01-01", date(2002, 1, 1), "around", 3),
    ("?chapter=9", date(2021, 11, 24), "around", 1),
    ("?chapter=10", date(2021, 11, 26), "around", 1),
])
@pytest.mark.parametrize(("width", "height", "lang"), [pytest.param(*SIZES[0], "en", id="1280x720-en"),
                                                        pytest.param(*SIZES[1], "fr", id="1024x768-fr")])
def test_the_focus_rows_axis_spans_only_the_window(open_page, width, height, lang, query, at, window, months) -> None:
    """Every label on the focus row's axis names a day inside the window (20 Nov 2015 once read "Jan 2004 … Jan 2016"):
    the population step in force at the window's start no longer widens the row."""
    page = _open(open_page(width, height), f"{query}&lang={lang}")
    start, end = window_bounds(at, window, months)
    focus = focus_range(at, start.date(), end.date(), *SPAN)
    page.wait_for_function(f"() => ({FOCUS_LABELS})() !== null", timeout=30_000)
    labels = page.evaluate(FOCUS_LABELS)
    assert len(labels) >= 3, labels
    margin = timedelta(days=(focus[1] - focus[0]).days // 150 + 1)
    days = [_label_day(label, lang, focus) for label in labels]
    outside = [label for label, day in zip(labels, days, strict=True) if not focus[0] - margin <= day <= focus[1] + margin]
    assert not outside, f"{query}: the focus row shows {labels}, beyond {focus[0]} – {focus[1]}"


MARK_SHAPES = """([colours, site]) => {
    const shapes = {};
    for (const path of document.querySelectorAll('.st-key-atlas-strip-box svg .mark-symbol path')) {
        const fill = (path.getAttribute('fill') || '').toLowerCase();
        if (colours.includes(fill)) (shapes[fill] = shapes[fill] || new Set()).add(path.getAttribute('d'));
    }
    const points = [...document.querySelectorAll('.st-key-atlas-strip-box svg .mark-symbol path')]
        .filter(p => (p.getAttribute('fill') || '').toLowerCase() === site).length;
    return {points, shapes: Object.fromEntries(Object.entries(shapes).map(([k, v]) => [k, [...v].sort()]))};
}"""


@pytest.mark.parametrize(("width", "height", "lang"), VIEWS)
def test_the_marks_keep_their_shapes_after_a_site_is_selected(open_page, width, height, lang) -> None:
    """Selecting the Jungle draws its figures as points shaped by qualifier; the event marks keep their category's
    shape (a camp's square stayed a circle, a demolition's cross became a diamond, when the two scales were merged)."""
    page = _open(open_page(width, height), f"?date=2015-11-20&lang={lang}")
    colours = sorted({colour.lower() for colour in CATEGORY_COLOURS.values()})
    before = page.evaluate(MARK_SHAPES, [colours, SITE_STROKE.lower()])
    assert before["points"] == 0 and len(before["shapes"]) >= 4, before
    place = page.get_by_role("combobox", name=t("ui.goto", lang))
    place.click()
    place.fill("Jungle")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]site=calais-jungle"), timeout=15_000)
    page.wait_for_function(f"([c, s]) => ({MARK_SHAPES})([c, s]).points > 0", arg=[colours, SITE_STROKE.lower()],
                           timeout=30_000)
    after = page.evaluate(MARK_SHAPES, [colours, SITE_STROKE.lower()])
    for fill, shapes in after["shapes"].items():
        assert set(shapes) <= set(before["shapes"].get(fill, shapes)), f"the marks coloured {fill} changed shape"
    assert after["shapes"].keys() & before["shapes"].keys()


def test_no_chart_toolbar_or_vega_actions_over_the_slider(shown) -> None:
    """Hovering the strip shows no Vega actions menu and none of the chart toolbar's icons (data, PNG, spec,
    fullscreen), which used to cover the slider."""
    page = shown
    page.locator(STRIP).hover()
    assert page.locator(".vega-actions, details.vega-embed, .vega-embed summary").count() == 0
    toolbar = page.locator(f"{STRIP} [data-testid='stElementToolbar'] button")
    assert toolbar.count() == 0 or not any(button.is_visible() for button in toolbar.all())


@pytest.mark.parametrize(("width", "height", "lang"), VIEWS)
def test_the_slider_shows_no_iso_date_after_it_moves(open_page, width, height, lang) -> None:
    """After the slider moves (and while hovered), nothing under or on it is an ISO date ("1999-09-01" used to show at
    its ends); what a screen reader hears is the day, in English as the date label above says it."""
    page = _open(open_page(width, height), f"?date=2015-11-20&lang={lang}")
    slider = page.get_by_role("slider")
    slider.focus()
    page.keyboard.press("End")
    expect(page.locator(".atlas-date")).to_have_text("3 May 2026" if lang == "en" else "3 mai 2026", timeout=15_000)
    page.locator(".st-key-atlas-timebar [data-testid='stSlider']").hover()
    text = page.locator(".st-key-atlas-timebar").inner_text()
    assert not ISO.search(text), f"{width}x{height} {lang}: {text!r}"
    spoken = slider.get_attribute("aria-valuetext") or ""
    assert not ISO.search(spoken) and "2026" in spoken, spoken
    assert spoken == ("3 May 2026" if lang == "en" else "03/05/2026")


def test_the_speed_menu_is_named(shown) -> None:
    """The speed menu ("2 s") is named Speed / Vitesse, for a screen reader and on screen beside it."""
    lang = shown.view[2]
    menu = shown.get_by_role("combobox", name=SPEED[lang], exact=True)
    expect(menu).to_be_visible()
    expect(menu).to_have_value("2 s")
    expect(shown.locator(".st-key-atlas-speed [data-testid='stWidgetLabel']")).to_have_text(SPEED[lang])
    expect(shown.locator(".st-key-atlas-speed [data-testid='stWidgetLabel']")).to_be_visible()


CUT = """() => {
    const cut = [];
    const controls = document.querySelectorAll(
        '[data-testid="stSidebar"] button, [data-testid="stSidebar"] label, .st-key-atlas-timebar button, '
        + '.st-key-atlas-timebar label, .st-key-atlas-timebar [data-baseweb="select"], .st-key-atlas-timebar .atlas-date, '
        + '.st-key-atlas-lesson button, .st-key-atlas-lesson label');
    for (const control of controls) {
        for (const el of [control, ...control.querySelectorAll('*')]) {
            if (el.clientWidth <= 2 || !el.textContent.trim()) continue;  // visually hidden inputs' labels
            if (el.scrollWidth > el.clientWidth + 1) cut.push(`${el.textContent.trim()} (${el.scrollWidth} > ${el.clientWidth})`);
        }
        const box = control.getBoundingClientRect();
        const column = control.closest('[data-testid="stColumn"]') || control.closest('[data-testid="stSidebarContent"]');
        if (column && box.width && box.right > column.getBoundingClientRect().right + 1) {
            cut.push(`${control.textContent.trim()} overflows`);
        }
    }
    return cut;
}"""


def test_no_button_or_label_text_is_cut(shown) -> None:
    """Every text of a button or label in the sidebar and the time bar is whole: "Show all…", "Back to …", the
    categories' pills and "◀ Événement préc…" used to end in an ellipsis."""
    assert shown.evaluate(CUT) == [], shown.view


@pytest.mark.parametrize(("width", "height", "lang"), [(1024, 768, "fr"), (1280, 720, "en")])
def test_no_lesson_control_is_cut(open_page, width, height, lang) -> None:
    """Beside the map, a chapter's Previous and Next read whole ("◀ Chapitr…" at 1024x768 in French, before)."""
    page = _open(open_page(width, height), f"?chapter=10&lang={lang}")
    expect(page.locator(".st-key-atlas-lesson button").first).to_be_visible()
    assert page.evaluate(CUT) == []


def test_export_is_right_under_the_map_as_the_readme_says(shown) -> None:
    """The README's promise ("Exports (under the map, *Export*)") is where the page puts it: under the map, in its
    column, before the tabs (it used to sit at the very bottom, under the whole sources list)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "**Exports** (under the map, *Export*)" in readme
    export = shown.locator(".st-key-atlas-export").bounding_box()
    map_box = shown.locator(IFRAME).bounding_box()
    tabs = shown.locator("[data-baseweb='tab-list'], [role='tablist']").first.bounding_box()
    assert export and map_box and tabs
    assert map_box["y"] + map_box["height"] <= export["y"] < tabs["y"], (map_box, export, tabs)
    assert abs(export["x"] - map_box["x"]) < 20 and export["width"] <= map_box["width"] + 20


LEGEND = """() => {
    const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
    const chart = charts.find(c => c.querySelector('.role-legend'));
    if (!chart) return null;
    const box = chart.getBoundingClientRect();
    const texts = [...chart.querySelectorAll('.role-legend text')];
    return {texts: texts.map(t => t.textContent), legends: chart.querySelectorAll('.role-legend').length,
            outside: texts.filter(t => { const r = t.getBoundingClientRect();
                return r.bottom > box.bottom + 1 || r.right > box.right + 1; }).map(t => t.textContent)};
}"""


def test_the_population_charts_legends_are_whole(shown) -> None:
    """The chart's legends are inside the chart and whole: the "Wording" legend used to fall below the chart's height,
    and "Le Monde (with AFP), republished by kelnews.fr" was cut to "Le Monde (with AFP), rep…"."""
    shown.get_by_role("tab", name=t("ui.population", shown.view[2])).click()
    shown.wait_for_function(f"() => ({LEGEND})() !== null && ({LEGEND})().texts.length > 8", timeout=30_000)
    legend = shown.evaluate(LEGEND)
    assert not [text for text in legend["texts"] if text.endswith("…")], legend["texts"]
    assert legend["outside"] == [], legend
    assert legend["legends"] == 2, legend
