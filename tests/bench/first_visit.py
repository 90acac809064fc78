"""What a first visit costs the network: every byte a new browser fetches until the map is drawn.

    python tests/bench/first_visit.py URL [URL ...]   # prints one JSON line: per URL, bytes on the wire and decoded

Chromium's own count through CDP (Network.loadingFinished's encodedDataLength: headers and body as transferred,
compressed or not), in a fresh browser context with an empty cache, so it is what a school network pays per new
browser. Used to compare the app served directly by Streamlit with the same app behind .deploy/nginx.conf (gzip).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from browser_support import IFRAME  # noqa: E402
from serve import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


def first_visit(browser, url: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    wire: dict[str, float] = {}
    decoded: dict[str, int] = {}
    encodings: dict[str, str] = {}
    urls: dict[str, str] = {}
    cdp.on("Network.responseReceived", lambda event: (
        urls.__setitem__(event["requestId"], event["response"]["url"]),
        encodings.__setitem__(event["requestId"], event["response"]["headers"].get("content-encoding", "")
                              or event["response"]["headers"].get("Content-Encoding", "")),
    ))
    cdp.on("Network.dataReceived", lambda event: decoded.__setitem__(
        event["requestId"], decoded.get(event["requestId"], 0) + event["dataLength"]))
    cdp.on("Network.loadingFinished", lambda event: wire.__setitem__(event["requestId"], event["encodedDataLength"]))
    page.goto(url)
    page.frame_locator(IFRAME).locator("path.atlas-site").first.wait_for(state="attached", timeout=60_000)
    page.wait_for_load_state("networkidle")
    # The iframe's own requests are reported by the same session (same-origin frames share the renderer).
    scripts = [rid for rid, address in urls.items() if address.split("?")[0].endswith(".js")]
    result = {
        "requests": len(wire),
        "wire_bytes": int(sum(wire.values())),
        "decoded_bytes": int(sum(decoded.values())),
        "js_wire_bytes": int(sum(wire.get(rid, 0) for rid in scripts)),
        "js_decoded_bytes": int(sum(decoded.get(rid, 0) for rid in scripts)),
        "gzipped_responses": sum(1 for rid in wire if encodings.get(rid) == "gzip"),
    }
    context.close()
    return result


def main(argv: list[str]) -> int:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        results = {url: first_visit(browser, url) for url in argv}
        browser.close()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
