"""An outside audit: axe-core (npm, pinned in tests/browser/package-lock.json) on the app's pages and inside the map frame.

Serious and critical violations in the app's own content fail; Streamlit's own chrome (its header, toolbar and page
navigation) is reported apart and not counted, since the app cannot change it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_support import map_frame, open_map, settled
from serve import ROOT

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
STREAMLIT_CHROME = ('[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebarNav"], '
                    '[data-testid="stSidebarCollapseButton"], [data-testid="stSidebarCollapsedControl"], '
                    '[data-testid="stDecoration"], [data-testid="stStatusWidget"], [data-testid="stSkipLink"]')
RUN_AXE = """async chrome => {
    const result = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'], elementRef: true,
                                            resultTypes: ['violations']});
    return result.violations.flatMap(v => v.nodes.map(n => ({
        id: v.id, impact: v.impact, target: n.target.join(' '), chrome: !!(n.element && n.element.closest(chrome)),
        summary: n.failureSummary.slice(0, 300)})));
}"""
SEVERE = ("serious", "critical")


@pytest.fixture(scope="module")
def axe_script() -> Path:
    if not AXE.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{AXE} is missing: make test installs it with npm ci --prefix tests/browser")
        pytest.skip("axe-core not installed (npm ci --prefix tests/browser)")
    return AXE


def audit(frame, axe_script: Path) -> tuple[list[dict], list[dict]]:
    """(the app's serious or critical violations, Streamlit's own), each node once."""
    frame.add_script_tag(path=str(axe_script))
    found = frame.evaluate(RUN_AXE, STREAMLIT_CHROME)
    severe = [node for node in found if node["impact"] in SEVERE]
    return [n for n in severe if not n["chrome"]], [n for n in severe if n["chrome"]]


@pytest.mark.parametrize("query", ["", "?lang=fr", "?chapter=4", "?chapter=4&lang=fr"])
def test_the_map_page_and_its_frame_pass_axe(page, axe_script, query) -> None:
    open_map(page, query)
    settled(page)
    own, chrome = audit(page, axe_script)
    assert own == [], own
    print("Streamlit's own chrome:", chrome)  # noqa: T201 - reported apart, as the issue asks
    frame_own, _ = audit(map_frame(page), axe_script)
    assert frame_own == [], frame_own


def test_the_check_page_passes_axe_before_and_after_an_upload(page, axe_script) -> None:
    page.goto(f"{page.base_url}/check")
    expect(page.get_by_role("heading", level=1)).to_be_visible(timeout=30_000)
    settled(page)
    own, _ = audit(page, axe_script)
    assert own == [], own
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [str(ROOT / "tests" / "fixtures" / "broken" / "unknown-category" / "events.csv")])
    expect(page.get_by_text("events.csv").first).to_be_visible(timeout=30_000)
    settled(page)
    own, _ = audit(page, axe_script)
    assert own == [], own


@pytest.mark.parametrize(("query", "lang"), [("", "en"), ("?lang=fr", "fr")])
def test_the_language_is_declared_in_the_page_and_in_the_map(page, query, lang) -> None:
    open_map(page, query)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    map_frame(page).wait_for_function("lang => document.documentElement.lang === lang", arg=lang)
