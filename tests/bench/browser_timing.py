"""Browser timings for the benchmark: cold start to a visible map, and slider step to map updated.

A step alternates End and Home on the date slider so the map always changes. The time of a step is
measured inside the browser, from the keydown on the slider to the first change of the map:

- the first DOM mutation in Leaflet's marker and overlay panes of a map document already on screen
  (streamlit-folium swaps the FeatureGroups in one synchronous eval, so that mutation is the update);
- or, when the iframe is remounted (a full rebuild, as in the naive baseline), the moment the new
  map document has its markers drawn.

A watcher script in the top page does both (the component iframe is same-origin), so the numbers are
browser clock to browser clock and do not include Playwright's round trips. The WebSocket bytes the
page receives per step, and the static files the map fetches, are recorded too.

    python tests/bench/browser_timing.py [DATA_DIR] [--naive | --bare] [--steps 20]   # prints one JSON line
    python tests/bench/browser_timing.py DATA_DIR --naive --serve                     # serve the naive app by hand

--bare measures tests/bench/bare_app.py, the floor of the stack (one slider, one st_folium on the atlas's base map,
four markers swapped through feature_group_to_add): the atlas's reference for its budgets (run.py reports the ratios).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from browser_support import IFRAME  # noqa: E402
from serve import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, wait_healthy  # noqa: E402

VIEWPORT = {"width": 1400, "height": 1000}
# Streamlit keeps large messages in a browser-side cache for two script runs and then sends only their hash. Stepping
# End / Home revisits the same two states, so the cache would spare every step after the second the transfer of the
# map; a viewer dragging the slider reaches new dates whose map was never sent. The benchmark's servers therefore
# turn the cache off (every step pays for its map, as at a new date); --message-cache keeps Streamlit's default.
NO_MESSAGE_CACHE = {"STREAMLIT_GLOBAL_MIN_CACHED_MESSAGE_SIZE": "1e15"}
MAP_DRAWN = ".leaflet-overlay-pane path.atlas-site, .leaflet-marker-pane > *"

# A map counts as drawn when one of its markers has a box on screen. (Playwright's "visible" on the first match is not
# enough: a CircleMarker outside the view is an empty SVG path, and with 1,000 places the first one often is.)
_DRAWN_JS = """(doc) => {
  if (!doc) return false;
  for (const el of doc.querySelectorAll('""" + MAP_DRAWN + """')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.height > 0) return true;
  }
  return false;
}"""

# In the top page: true once any map iframe has drawn markers (the component iframe is same-origin).
MAP_VISIBLE = """() => {
  const drawn = """ + _DRAWN_JS + """;
  for (const frame of document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')) {
    try { if (drawn(frame.contentDocument)) return true; } catch (error) {}
  }
  return false;
}"""

# Installed once per page (top document). keyAt: the last keydown; hit: the first map change after it.
WATCH = """() => {
  if (window.__atlasWatch) return;
  const IFRAME = 'iframe[title="streamlit_folium.st_folium"]';
  const drawn = """ + _DRAWN_JS + """;
  const watch = window.__atlasWatch = {keyAt: 0, hit: null, documents: 0, mutations: 0, errors: 0};
  const record = (kind) => {
    if (watch.keyAt && !watch.hit) watch.hit = {ms: Date.now() - watch.keyAt, kind: kind};
  };
  document.addEventListener('keydown', () => { watch.keyAt = Date.now(); watch.hit = null; }, true);
  const scan = () => {
    for (const frame of document.querySelectorAll(IFRAME)) {
      try {
        const win = frame.contentWindow, doc = frame.contentDocument;
        if (!win || !doc || win.__atlasWatched || !drawn(doc)) continue;
        win.__atlasWatched = true;
        watch.documents += 1;
        record('new-document');
        const observer = new win.MutationObserver(() => { watch.mutations += 1; record('mutation'); });
        for (const pane of doc.querySelectorAll('.leaflet-marker-pane, .leaflet-overlay-pane')) {
          observer.observe(pane, {childList: true, subtree: true});
        }
      } catch (error) { watch.errors += 1; }
    }
    requestAnimationFrame(scan);
  };
  scan();
}"""

RESOURCES = """() => [
  ...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')
].map(e => ({name: e.name, transfer: e.transferSize || 0, encoded: e.encodedBodySize || 0, decoded: e.decodedBodySize || 0}))"""


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 20 values is the 19th)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def summary(values: list[float]) -> dict:
    if not values:
        return {"median": None, "p95": None, "min": None, "max": None, "n": 0}
    return {"median": round(statistics.median(values), 1), "p95": round(percentile(values, 0.95), 1),
            "min": round(min(values), 1), "max": round(max(values), 1), "n": len(values)}


def _die_with_parent() -> None:
    """In the server's child process: get SIGTERM when the measuring process dies, even if it is killed."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def stop_on_sigterm() -> None:
    """A SIGTERM (run.py's time limit) unwinds like an exception, so the finally blocks stop the server and browser."""
    def handler(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, handler)


def app_dir(target: Path, script: str) -> Path:
    """A folder holding one of the reference pages (naive_app.py, bare_app.py) and a copy of static/: Streamlit serves
    ./static next to the main script (symlinks are refused), and the map reaches Leaflet, jQuery and the basemap at
    ../../app/static/."""
    target.mkdir(parents=True, exist_ok=True)
    if not (target / "static").exists():
        shutil.copytree(ROOT / "static", target / "static", ignore=shutil.ignore_patterns("screenshot.png", "*.py", "*.md"))
    shutil.copy(HERE / script, target / script)
    return target / script


def page_app(kind: str, target: Path) -> str | Path:
    """The script to serve for ``kind``: "atlas" (app.py), "naive" or "bare" (copied into ``target`` with static/)."""
    return "app.py" if kind == "atlas" else app_dir(target, f"{kind}_app.py")


@contextlib.contextmanager
def app_server(data_dir: Path, app: str | Path = "app.py", env: dict[str, str] | None = None,
               timeout: float = 120) -> Iterator[tuple[str, subprocess.Popen, float]]:
    """Start ``streamlit run`` on a free port (cwd = repo root, so .streamlit/config.toml applies).
    Yields (url, process, started) where started is the perf_counter just before the process was spawned."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
               "--server.enableStaticServing", "true"]
    environment = {**os.environ, **(env or {}), "CALAIS_ATLAS_DATA": str(data_dir), "CALAIS_ATLAS_ROOT": str(ROOT)}
    with tempfile.TemporaryFile(mode="w+") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=log, text=True,
                                   start_new_session=True, preexec_fn=_die_with_parent)
        url = f"http://127.0.0.1:{port}"
        try:
            try:
                wait_healthy(url, process, timeout=timeout)
            except RuntimeError:
                log.seek(0)
                raise RuntimeError(f"streamlit exited with code {process.returncode}: {log.read()[-2000:]}") from None
            yield url, process, started
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def map_frame(page):
    return page.locator(IFRAME).last.element_handle().content_frame()


def wait_settled(page, ws_state: dict, quiet_ms: int = 300, timeout_s: float = 60.0) -> None:
    """Until a single map iframe remains and the WebSocket has been quiet for ``quiet_ms`` (the rerun has finished)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        page.wait_for_timeout(50)
        quiet = (time.monotonic() - ws_state["last"]) * 1000 >= quiet_ms
        if quiet and page.locator(IFRAME).count() == 1:
            return


def asset_sizes(entries: list[dict]) -> dict:
    """Group resource-timing entries of the map iframe: static files by path, and the component's own bundle.
    "wire" is the body as sent (Streamlit gzips these files), "decoded" the body after decompression."""
    static: dict[str, dict] = {}
    component = {"wire": 0, "decoded": 0}
    for entry in entries:
        name = entry["name"].split("?")[0]
        sizes = {"wire": entry["encoded"], "decoded": entry["decoded"]}
        if "/app/static/" in name:
            static[name.split("/app/static/", 1)[1]] = sizes
        elif "/component/streamlit_folium" in name:
            component = {key: component[key] + sizes[key] for key in component}
    groups = {kind: {"wire": 0, "decoded": 0} for kind in ("leaflet", "jquery", "basemap_geojson", "offline_fixes", "other")}
    for path, sizes in static.items():
        kind = ("leaflet" if "vendor/leaflet" in path else "jquery" if "jquery" in path else "basemap_geojson"
                if path.startswith("basemap/") else "offline_fixes" if path.startswith("offline/") else "other")
        for key in ("wire", "decoded"):
            groups[kind][key] += sizes[key]
    total = {key: sum(sizes[key] for sizes in static.values()) for key in ("wire", "decoded")}
    return {"files": static, "by_kind": groups, "static_total": total, "component_bundle": component}


def measure(data_dir: Path, steps: int = 20, app: str | Path = "app.py", *, cold_timeout: float = 120.0,
            step_timeout: float = 60.0, budget_s: float | None = None, message_cache: bool = False, progress=None) -> dict:
    """Start a fresh server on ``data_dir`` and one Chromium page; return cold start, slider latencies and reload checks.

    Never raises for a slow app: a cold start beyond ``cold_timeout`` gives status "timeout (cold start)"; a step
    beyond ``step_timeout``, or steps past ``budget_s`` seconds in total, stop the loop with the steps done so far.
    """
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    say = progress or (lambda message: None)
    result: dict = {"app": Path(app).name, "data": str(data_dir), "status": "ok", "steps_requested": steps,
                    "streamlit_message_cache": message_cache}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        result["chromium"] = browser.version
        try:
            env = None if message_cache else NO_MESSAGE_CACHE
            with app_server(data_dir, app, env=env, timeout=cold_timeout) as (url, process, started):
                result["server_healthy_s"] = round(time.perf_counter() - started, 2)
                page = browser.new_page(viewport=VIEWPORT)
                ws_state = {"bytes": 0, "deflated": 0, "frames": 0, "last": time.monotonic()}
                # permessage-deflate keeps one raw-deflate stream per connection and flushes each message: the same here
                # gives the bytes on the wire when the server compresses (.streamlit/config.toml), which CDP does not show.
                deflater = zlib.compressobj(6, zlib.DEFLATED, -15)

                def on_frame(payload) -> None:
                    data = payload if isinstance(payload, (bytes, bytearray)) else payload.encode()
                    ws_state["bytes"] += len(data)
                    ws_state["deflated"] += len(deflater.compress(data) + deflater.flush(zlib.Z_SYNC_FLUSH))
                    ws_state["frames"] += 1
                    ws_state["last"] = time.monotonic()

                page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
                goto = time.perf_counter()
                page.goto(url, timeout=cold_timeout * 1000)
                remaining = max(1.0, cold_timeout - (time.perf_counter() - started))
                try:
                    page.wait_for_function(MAP_VISIBLE, polling=50, timeout=remaining * 1000)
                except PlaywrightTimeout:
                    result["status"] = "timeout (cold start)"
                    result["cold_start_s"] = None
                    say(f"    cold start: timeout after {cold_timeout:.0f} s")
                    return result
                now = time.perf_counter()
                result["cold_start_s"] = round(now - started, 2)
                result["page_to_map_s"] = round(now - goto, 2)
                say(f"    cold start {result['cold_start_s']} s (server healthy {result['server_healthy_s']} s, "
                    f"page to map {result['page_to_map_s']} s)")
                wait_settled(page, ws_state, timeout_s=step_timeout)
                result["first_page_ws_bytes"] = ws_state["bytes"]
                frame = map_frame(page)
                result["assets"] = asset_sizes(frame.evaluate(RESOURCES))
                result["markers_drawn"] = frame.evaluate(
                    "() => document.querySelectorAll('.leaflet-marker-pane > *, .leaflet-overlay-pane path').length")
                frame.evaluate("window.__atlasProbe = 'same-document'")
                page.evaluate(WATCH)
                page.wait_for_function("() => window.__atlasWatch.documents >= 1", timeout=10_000)

                slider = page.get_by_role("slider", name="Date")
                slider.focus()
                latencies, kinds, ws_bytes, ws_deflated = [], [], [], []
                loop_start = time.perf_counter()
                for step in range(steps):
                    if budget_s is not None and time.perf_counter() - loop_start > budget_s:
                        result["status"] = f"stopped after {step} steps (budget {budget_s:.0f} s)"
                        break
                    ws_state["bytes"] = ws_state["deflated"] = 0
                    page.keyboard.press("End" if step % 2 == 0 else "Home")
                    try:
                        page.wait_for_function("() => window.__atlasWatch.hit !== null", polling="raf",
                                               timeout=step_timeout * 1000)
                    except PlaywrightTimeout:
                        result["status"] = f"timeout (step {step + 1} > {step_timeout:.0f} s)"
                        say(f"    step {step + 1}: timeout after {step_timeout:.0f} s")
                        break
                    hit = page.evaluate("window.__atlasWatch.hit")
                    latencies.append(float(hit["ms"]))
                    kinds.append(hit["kind"])
                    wait_settled(page, ws_state, timeout_s=step_timeout)
                    ws_bytes.append(ws_state["bytes"])
                    ws_deflated.append(ws_state["deflated"])
                    if slider.evaluate("el => el !== document.activeElement"):
                        slider.focus()
                watch = page.evaluate("window.__atlasWatch")
                try:
                    same_document = map_frame(page).evaluate("window.__atlasProbe") == "same-document"
                except PlaywrightError:
                    same_document = False
                result.update({
                    "slider_ms": summary(latencies),
                    "slider_ms_median": summary(latencies)["median"],
                    "slider_ms_p95": summary(latencies)["p95"],
                    "slider_steps": len(latencies),
                    "slider_samples_ms": latencies,
                    "update_kinds": {kind: kinds.count(kind) for kind in sorted(set(kinds))},
                    "map_documents": watch["documents"],
                    "iframe_reloaded": (not same_document) or watch["documents"] > 1 or page.locator(IFRAME).count() != 1,
                    "ws_bytes_per_step": summary([float(b) for b in ws_bytes]),
                    "ws_deflated_bytes_per_step": summary([float(b) for b in ws_deflated]),
                    "watch_errors": watch["errors"],
                })
                say(f"    slider: median {result['slider_ms_median']} ms, p95 {result['slider_ms_p95']} ms "
                    f"over {len(latencies)} steps; iframe reloaded: {result['iframe_reloaded']}")
        except (TimeoutError, RuntimeError) as err:
            result["status"] = f"error: {err}"[:500]
        finally:
            browser.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Browser timings of the map (one JSON line on stdout).")
    parser.add_argument("data", nargs="?", type=Path, default=ROOT / "data")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--naive", action="store_true", help="measure tests/bench/naive_app.py instead of app.py")
    which.add_argument("--bare", action="store_true",
                       help="measure tests/bench/bare_app.py (one slider, one st_folium, four markers) instead of app.py")
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--cold-timeout", type=float, default=120.0)
    parser.add_argument("--step-timeout", type=float, default=60.0)
    parser.add_argument("--budget", type=float, default=None, help="seconds for all the steps together")
    parser.add_argument("--message-cache", action="store_true",
                        help="keep Streamlit's browser-side message cache on (default: off)")
    parser.add_argument("--serve", action="store_true", help="only start the server and print its URL")
    args = parser.parse_args(argv)
    stop_on_sigterm()
    kind = "naive" if args.naive else "bare" if args.bare else "atlas"
    with tempfile.TemporaryDirectory(prefix=f"atlas-{kind}-") as tmp:
        app = page_app(kind, Path(tmp))
        if args.serve:
            with app_server(args.data.resolve(), app) as (url, _, _):
                print(url, flush=True)
                with contextlib.suppress(KeyboardInterrupt):
                    while True:
                        time.sleep(3600)
            return 0
        result = measure(args.data.resolve(), args.steps, app, cold_timeout=args.cold_timeout, step_timeout=args.step_timeout,
                         budget_s=args.budget, message_cache=args.message_cache,
                         progress=lambda message: print(message, file=sys.stderr, flush=True))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
