"""Take the README screenshot: start the app, open it in Debian's Chromium, save static/screenshot.png.

    .venv/bin/python tests/screenshot.py [URL-QUERY] [OUTPUT] [WIDTHxHEIGHT]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser_support import IFRAME, map_frame, wait_for_view, whole  # noqa: E402
from serve import CHROMIUM, CHROMIUM_ARGS, ROOT, running_app  # noqa: E402


def main() -> None:
    query = sys.argv[1] if len(sys.argv) > 1 else ""
    output = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "static" / "screenshot.png"
    width, height = (int(v) for v in (sys.argv[3] if len(sys.argv) > 3 else "1440x1000").split("x"))
    output.parent.mkdir(parents=True, exist_ok=True)
    with running_app() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(f"{url}/{query}")
        frame = page.frame_locator(IFRAME)
        frame.locator("path.atlas-site").first.wait_for(state="attached", timeout=30_000)
        frame.locator(".atlas-basemap-ready").wait_for(state="attached", timeout=30_000)  # the coastline is drawn
        whole(page)  # the run the first map starts has drawn the rest of the page
        wait_for_view(map_frame(page))  # and the map has stopped zooming
        page.screenshot(path=str(output), full_page="full" in sys.argv)
        browser.close()
    print(output)


if __name__ == "__main__":
    main()
