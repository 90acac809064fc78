"""Presenting a chapter on a projector (?chapter=N&present=1), at 1280×720 and 1024×768, in English and in French.

Everything the room reads is on the first screen without scrolling: the title, the narrative (whole, or its first
screen in a box that scrolls), the question and the map; every control's label is whole; the teacher's notes are one
action away and then in view; the map's labels are larger than on the ordinary page. On the shipped data.
"""

from __future__ import annotations

import csv

import pytest
from playwright.sync_api import expect

from browser_support import IFRAME, map_frame, open_map
from calais_atlas.model.i18n import t, translated
from serve import ROOT

SIZES = [(1280, 720), (1024, 768)]
LONG_CHAPTER = 8  # the longest narrative of the shipped lesson (983 characters; 1,162 in French)
LINES = 4  # the narrative's first screen: at least this many lines of it in view
SITE_LABEL = ".atlas-site-label .atlas-label"

with (ROOT / "data" / "chapters.csv").open(encoding="utf-8") as chapters_file:
    CHAPTERS = {int(row["chapter"]): row for row in csv.DictReader(chapters_file)}

# The part of an element that can be seen without scrolling: its box cut by every ancestor that clips (a scroll box)
# and by the viewport. Its line height comes with it, to count lines.
SEEN = """el => {
    let r = el.getBoundingClientRect(), top = r.top, bottom = r.bottom, left = r.left, right = r.right;
    for (let a = el.parentElement; a; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const c = a.getBoundingClientRect();
        top = Math.max(top, c.top); bottom = Math.min(bottom, c.bottom);
        left = Math.max(left, c.left); right = Math.min(right, c.right);
    }
    top = Math.max(top, 0); bottom = Math.min(bottom, innerHeight); left = Math.max(left, 0); right = Math.min(right, innerWidth);
    return {box: [r.left, r.top, r.right, r.bottom], seen: [left, top, right, bottom],
            line: parseFloat(getComputedStyle(el).lineHeight) || 20};
}"""
# Every button and label that shows on the first screen, with the text it cuts: an ellipsis is a box narrower than
# its content (scrollWidth > clientWidth), on the control or on anything inside it that holds words.
CUT = """() => [...document.querySelectorAll('button, button *, label, label *')]
    .filter(el => el.innerText && el.innerText.trim() && el.getClientRects().length)
    .filter(el => { const r = el.getBoundingClientRect();
                    return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth; })
    .filter(el => el.scrollWidth > el.clientWidth + 1)
    .map(el => el.innerText.trim() + ' (' + el.scrollWidth + ' > ' + el.clientWidth + ')')"""
SCROLLED = "() => [document.scrollingElement.scrollTop, document.querySelector('[data-testid=stMain]').scrollTop]"


def _presenting(open_page, size, lang, chapter):
    page = open_page(*size)
    open_map(page, f"?chapter={chapter}&present=1&lang={lang}")
    expect(page.locator(".st-key-atlas-lesson")).to_contain_text(t("lesson.of", lang, n=chapter, total=len(CHAPTERS)))
    return page


def _seen(locator) -> dict:
    return locator.evaluate(SEEN)


def _inside(seen: dict) -> bool:
    """The whole box is seen: nothing of it is clipped or off screen."""
    return all(abs(a - b) <= 1 for a, b in zip(seen["box"], seen["seen"], strict=True))


def _paragraph(page, text: str):
    """The lesson's paragraph that starts with ``text`` (its first words: the markdown may escape what follows)."""
    return page.locator(".st-key-atlas-lesson p").filter(has_text=text.split(",")[0][:40]).first


def _assert_first_screen(page, lang: str, chapter: int) -> None:
    row = CHAPTERS[chapter]
    size = page.viewport_size
    title = page.locator(".st-key-atlas-lesson h3").filter(has_text=translated(row, "title", lang)[:30])
    expect(title).to_be_visible()
    assert _inside(_seen(title)), f"the title is not whole on the first screen: {_seen(title)}"
    narrative = _seen(_paragraph(page, translated(row, "narrative", lang)))
    top, bottom = narrative["seen"][1], narrative["seen"][3]
    assert abs(narrative["box"][1] - top) <= 1, f"the narrative's start is not on the first screen: {narrative}"
    assert bottom - top >= LINES * narrative["line"] - 1 or _inside(narrative), \
        f"less than {LINES} lines of the narrative are on the first screen: {narrative}"
    question = _paragraph(page, t("lesson.question", lang))
    expect(question).to_contain_text(translated(row, "question", lang)[:40])
    assert _inside(_seen(question)), f"the question is not whole on the first screen: {_seen(question)}"
    box = page.locator(IFRAME).bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= size["width"] + 1 \
        and box["y"] + box["height"] <= size["height"] + 1, f"the map is not whole on the first screen: {box}"
    assert box["width"] >= 0.4 * size["width"] and box["height"] >= 0.5 * size["height"], f"the map is too small: {box}"
    assert page.evaluate(SCROLLED) == [0, 0], "the page was scrolled"
    assert page.evaluate(CUT) == [], "a control's label is cut"


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_first_screen_holds_the_chapter(open_page, size, lang) -> None:
    """Chapter 4 and the longest chapter, presented: title, narrative (or its first lines), question and map all on
    the first screen without scrolling, and no control's label cut by an ellipsis."""
    page = _presenting(open_page, size, lang, 4)
    _assert_first_screen(page, lang, 4)
    open_map(page, f"?chapter={LONG_CHAPTER}&present=1&lang={lang}")
    expect(page.locator(".st-key-atlas-lesson")).to_contain_text(t("lesson.of", lang, n=LONG_CHAPTER, total=len(CHAPTERS)))
    _assert_first_screen(page, lang, LONG_CHAPTER)


@pytest.mark.parametrize(("size", "lang"), [(SIZES[0], "fr"), (SIZES[1], "en")], ids=["1280x720-fr", "1024x768-en"])
def test_notes_are_one_action_away(open_page, size, lang) -> None:
    """One click on the notes switch shows the chapter's teacher notes on the first screen; the clicker's Page Down
    still changes chapter from there, and the next chapter opens on its narrative, not on the notes."""
    page = _presenting(open_page, size, lang, 4)
    notes = _paragraph(page, translated(CHAPTERS[4], "teacher_notes", lang))
    expect(notes).to_have_count(0)
    page.get_by_text(t("lesson.show_notes", lang), exact=True).click()  # the switch's words, as a person clicks it
    switch = page.get_by_role("switch", name=t("lesson.show_notes", lang))
    expect(switch).to_be_checked()
    expect(notes).to_be_visible()
    seen = _seen(notes)
    assert abs(seen["box"][1] - seen["seen"][1]) <= 1 and seen["seen"][3] - seen["seen"][1] >= 3 * seen["line"] - 1, \
        f"the notes are not on the first screen: {seen}"
    assert page.evaluate(SCROLLED) == [0, 0], "the page was scrolled"
    switch.focus()  # where a click leaves it: a switch is an <input>, which the keys must not ignore
    page.keyboard.press("PageDown")
    expect(page.locator(".st-key-atlas-lesson")).to_contain_text(t("lesson.of", lang, n=5, total=len(CHAPTERS)))
    expect(_paragraph(page, translated(CHAPTERS[5], "narrative", lang))).to_be_visible()
    expect(_paragraph(page, translated(CHAPTERS[5], "teacher_notes", lang))).to_have_count(0)


# null while the map's labels are being drawn anew (the layout change redraws the map): a wait then goes on waiting.
LABEL_SIZE = f"(label => label && parseFloat(getComputedStyle(label).fontSize))(document.querySelector('{SITE_LABEL}'))"


def _label_size(page) -> float:
    live = map_frame(page)
    live.wait_for_selector(SITE_LABEL, state="attached")
    return float(live.evaluate(LABEL_SIZE))


def test_map_labels_are_larger_when_presenting(open_page) -> None:
    """The map's site labels are larger presenting than on the ordinary page, and back to their size once the
    presentation is switched off."""
    page = open_page(1280, 720)
    open_map(page, "?chapter=4")
    ordinary = _label_size(page)
    open_map(page, "?chapter=4&present=1")
    map_frame(page).wait_for_function(f"size => {LABEL_SIZE} > size", arg=ordinary)
    assert _label_size(page) >= ordinary + 3
    page.get_by_text(t("lesson.present", "en"), exact=True).click()
    expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()
    map_frame(page).wait_for_function(f"size => {LABEL_SIZE} === size", arg=ordinary)
