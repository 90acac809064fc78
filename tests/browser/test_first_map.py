"""The first map comes first: a session's first run draws the title, the time bar and the map, and holds back the
rest; the map's `drawn` message brings the whole page, and nothing the map sits under moves (shipped data: the strip
has its deaths row)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from first_map_support import assert_map_stays_put, load_and_watch


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768), (390, 844)])
def test_the_map_stays_put_when_the_rest_of_the_page_arrives(open_page, size) -> None:
    page = open_page(*size)
    assert_map_stays_put(load_and_watch(page))


def test_the_whole_page_arrives_without_a_click(page) -> None:
    """Nobody clicks: the captions, the downloads, the chart and the sidebar's widgets are all there."""
    load_and_watch(page)
    expect(page.get_by_role("heading", name="Photo captions")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Deaths at the border (IOM)")).to_be_checked()
    expect(page.locator(".st-key-atlas-population-chart, [data-testid='stVegaLiteChart']").first).to_be_visible()
    assert page.locator(".atlas-strip-held").count() == 0
