"""The lesson handout as a teacher prints it (issue 21): downloaded from the app, laid out for A4 in Chromium's print
media, every chapter's map visible with its place named, and a first page that is not half empty."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser_support import open_map
from calais_atlas.data.loader import load_dataset
from calais_atlas.model.i18n import t
from datafolders import ROOT

MM = 96 / 25.4  # CSS pixels in a millimetre
# The handout's @page: A4 with 14 mm top and bottom and 15 mm side margins (templates/handout.html.j2).
PAGE_WIDTH, PAGE_HEIGHT = round((210 - 2 * 15) * MM), (297 - 2 * 14) * MM

# Per chapter: its map's box, whether its basemap and focus name are drawn; then how far page 1 is filled. A block that
# cannot break (a chapter's heading, date and map) and crosses the foot of page 1 goes to page 2, so page 1 ends above it.
MEASURE = """(pageHeight) => {
  const chapters = Array.from(document.querySelectorAll('section.chapter')).map((section) => {
    const map = section.querySelector('svg.print-map');
    const box = map ? map.getBoundingClientRect() : null;
    const focus = map && map.querySelector('g.map-focus');
    const focusBox = focus ? focus.getBoundingClientRect() : null;
    return {
      id: section.id, width: box ? box.width : 0, height: box ? box.height : 0,
      visible: !!map && getComputedStyle(map).visibility === 'visible' && getComputedStyle(map).display !== 'none',
      basemap: map ? map.querySelectorAll('path').length : 0,
      focus: focus ? focus.textContent : '',
      focusInside: !!focusBox && focusBox.left >= box.left && focusBox.right <= box.right
                   && focusBox.top >= box.top && focusBox.bottom <= box.bottom,
    };
  });
  const top = document.querySelector('h1').getBoundingClientRect().top;
  let end = pageHeight;
  for (const block of document.querySelectorAll('.chapter-head')) {
    const box = block.getBoundingClientRect();
    if (box.bottom - top > pageHeight) { if (box.top - top < pageHeight) { end = box.top - top; } break; }
  }
  const first = document.querySelector('section.chapter h2').getBoundingClientRect();
  return {chapters, fill: end / pageHeight, firstHeading: first.top - top};
}"""


CHAPTERS = load_dataset(ROOT / "data")["chapters"]
PLACELESS = {f"chapter-{row.chapter}" for row in CHAPTERS.itertuples() if not row.place_id}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_printed_handout_has_a_visible_map_per_chapter_and_a_full_first_page(page, browser, tmp_path, lang: str) -> None:
    """The teacher's handout downloaded from the Export panel: titled as the edition with notes; printed on A4, each
    chapter shows its map (drawn, full width, its place's name inside it) and page 1 is more than 60% filled, the
    first chapter starting on it."""
    open_map(page, f"?lang={lang}")
    page.get_by_text(t("export.title", lang), exact=True).click()
    button = page.get_by_role("button", name=t("export.handout_teacher", lang))
    expect(button).to_be_enabled()
    with page.expect_download(timeout=60_000) as download:  # built on click: ten maps, on a busy test machine
        button.click()
    saved = tmp_path / f"handout-{lang}.html"
    download.value.save_as(saved)

    printing = browser.new_context(viewport={"width": PAGE_WIDTH, "height": round(PAGE_HEIGHT)})
    handout = printing.new_page()
    handout.emulate_media(media="print")
    handout.goto(saved.as_uri())
    expect(handout.locator("h1")).to_have_text(t("lesson.handout_teacher", lang, atlas=t("app.title", lang)))
    measured = handout.evaluate(MEASURE, PAGE_HEIGHT)

    assert len(measured["chapters"]) == len(CHAPTERS)
    for chapter in measured["chapters"]:
        assert chapter["visible"] and chapter["width"] >= PAGE_WIDTH - 2, chapter
        assert chapter["height"] >= 0.5 * chapter["width"] and chapter["basemap"] >= 2, chapter
        # A chapter about a place rings and names it inside its map; a chapter about the whole coast names none.
        assert chapter["id"] in PLACELESS or (chapter["focus"] and chapter["focusInside"]), chapter
    assert measured["firstHeading"] < PAGE_HEIGHT
    assert measured["fill"] > 0.6, measured["fill"]
    pdf = handout.pdf(format="A4", prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    (tmp_path / f"handout-{lang}.pdf").write_bytes(pdf)
    printing.close()
