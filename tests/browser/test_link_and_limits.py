"""In Chromium, in both languages: a link part the atlas ignores leaves its default (every layer stays on), and the
upload box states the limit the app applies (100 MB, not Streamlit's 200 MB)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser_support import open_map
from calais_atlas.model.i18n import t
from calais_atlas.model.view_state import LAYERS


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_unknown_layer_list_leaves_every_layer_on(page, lang) -> None:
    """?layers=foo is said to be ignored, and it is: the map draws every layer, every box stays ticked, and the link
    written back never says layers=none (it used to switch every layer off)."""
    page.set_viewport_size({"width": 1280, "height": 720})
    frame = open_map(page, f"?layers=foo&lang={lang}")
    expect(frame.locator(".atlas-event").first).to_be_attached()
    expect(frame.locator(".atlas-context").first).to_be_attached()
    sidebar = page.locator('[data-testid="stSidebar"]')
    for layer in LAYERS:
        expect(sidebar.get_by_role("checkbox", name=t(f"layer.{layer}", lang))).to_be_checked()
    expect(page.get_by_text("layers=foo")).to_be_visible()  # the notice names what it ignored
    expect(page).not_to_have_url(re.compile(r"layers=none"))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_upload_box_states_the_apps_limit(page, lang) -> None:
    """The check page's upload box says 100MB per file, the limit the app itself applies (csvread.max_bytes)."""
    page.goto(f"{page.base_url}/check?lang={lang}")
    instructions = page.locator('[data-testid="stFileUploaderDropzoneInstructions"]')
    expect(instructions).to_contain_text("100MB")
    expect(instructions).not_to_contain_text("200MB")
