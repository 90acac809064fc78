"""What a page does while it loads: the held-back first run, then the whole page (ui/atlas_page.py)."""

from __future__ import annotations

from playwright.sync_api import expect

from browser_support import IFRAME

# Each animation frame from the start of the page: whether the strip's place is held, whether the strip is drawn, the
# strip box's height, and the map iframe's top.
WATCH_LOAD = """(() => {
  window.__load = [];
  const look = () => {
    const box = document.querySelector('.st-key-atlas-strip-box');
    const frame = document.querySelector('IFRAME');
    window.__load.push({
      held: Boolean(document.querySelector('.atlas-strip-held')),
      strip: Boolean(box && box.querySelector('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg')),
      box: box ? Math.round(box.getBoundingClientRect().height) : null,
      top: frame ? Math.round(frame.getBoundingClientRect().top + window.scrollY) : null,
    });
    if (window.__load.length < 20000) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();""".replace("IFRAME", IFRAME)


def load_and_watch(page) -> list[dict]:
    """Open the page, wait for the whole page (the strip drawn, the sidebar's search box), return what each frame saw."""
    page.add_init_script(WATCH_LOAD)
    page.goto(page.base_url + "/")
    expect(page.locator('.st-key-atlas-strip-box [data-testid="stVegaLiteChart"]')).to_be_visible(timeout=30_000)
    expect(page.get_by_role("textbox", name="Search events, photos, places, sources")).to_be_visible()
    page.wait_for_function("() => { const l = window.__load; return l.length > 5 && l.slice(-5).every(f => f.strip); }")
    return page.evaluate("window.__load")


def assert_map_stays_put(frames: list[dict]) -> None:
    """The strip's place was held while the map came; then the rest of the page came, and from the last frame with
    the strip's place held to the end, the map never moved (its own first layout, before, is the stack's)."""
    held = [index for index, frame in enumerate(frames) if frame["held"]]
    assert held, "the first run held the strip's place"
    after = frames[held[-1]:]
    assert any(frame["strip"] for frame in after), "then the strip was drawn"
    tops = [frame["top"] for frame in after]
    assert len(set(tops)) == 1, f"the map moved when the rest of the page came: its top went {sorted(set(tops))} px"
