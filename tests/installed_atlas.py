"""CI's check of the installed atlas (.ci/wheel-check): serve it from another folder and see it draw the map.

    python tests/installed_atlas.py /path/to/fresh-venv/bin/calais-atlas

Run from the folder to serve from, with this project's test venv (Playwright); the console script is the one a
fresh venv got from the wheel. Starts `calais-atlas serve --port N`, waits for its health check, fetches Leaflet from
/app/static/, opens the atlas in Debian's Chromium until the map's camps and the offline basemap are drawn (both come
from the installed bundle's static files), then stops the server as Ctrl-C does and expects a clean exit.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import urllib.request

from playwright.sync_api import sync_playwright

from browser_support import open_map
from serve import CHROMIUM, CHROMIUM_ARGS, free_port, wait_healthy


def check_static(url: str) -> None:
    with urllib.request.urlopen(f"{url}/app/static/vendor/leaflet/leaflet.js", timeout=10) as answer:
        if answer.status != 200 or b"Leaflet" not in answer.read(64):
            raise AssertionError(f"{url}/app/static/vendor/leaflet/leaflet.js: HTTP {answer.status}, not Leaflet")


def check_map(url: str) -> int:
    """Open the atlas; return how many camps the map drew once the basemap is there too."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.base_url = url
        frame = open_map(page)  # waits for the first camp's circle in the map's iframe
        frame.locator(".leaflet-container.atlas-basemap-ready").wait_for(timeout=30_000)
        drawn = frame.locator("path.atlas-site").count()
        browser.close()
    return drawn


def main(console_script: str) -> int:
    port = free_port()
    server = subprocess.Popen([console_script, "serve", "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, server)
        print(f"{url}/_stcore/health: ok")
        check_static(url)
        print(f"{url}/app/static/vendor/leaflet/leaflet.js: 200")
        print(f"the map drew {check_map(url)} camps on the offline basemap")
    finally:
        server.send_signal(signal.SIGINT)  # what Ctrl-C sends
        try:
            code = server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
    if code != 0:
        print(f"the server's exit on Ctrl-C: {code}\n{server.stderr.read()}", file=sys.stderr)
        return 1
    print("stopped cleanly on Ctrl-C")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
