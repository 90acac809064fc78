"""A long session in Chromium: many slider steps on one page, and what the page and the server hold along the way.

One fresh server and one page; after the first map, the date slider goes to its first day (Home), then alternates
End / Home for ``--steps`` steps (300 by default), so every step swaps the map's layers for another date. Before the
first step, every ``--every`` steps (50) and at the end, with the slider back on its first day each time (an even
number of steps), it reads:

- the JS heap through CDP: ``HeapProfiler.collectGarbage`` (twice), then ``Performance.getMetrics`` → JSHeapUsedSize,
  with the renderer's DOM nodes, documents, frames and event listeners. The map iframe is same-origin, so Chromium
  runs it in the page's renderer and V8 isolate: it has no CDP session of its own (the attempt is recorded), and the
  page's heap includes the map's;
- in the map iframe: its elements (``document.querySelectorAll('*').length``), among them the ``<style>`` elements of
  Streamlit's theme (streamlit-component-lib appends a new one on every render event), Leaflet's layers
  (``window.map._layers``), the children of the marker and overlay panes, the window's own properties (a global
  left behind by each swap would show there) and the length of ``window.feature_group``, where streamlit-folium
  pushes every FeatureGroup it adds (it takes them off the map on the next render but never empties the list);
  in the top page its elements;
- in the map iframe, the map's 'click' listeners that belong to a layer control no longer on the map (Leaflet 1.9's
  collapsed ``L.Control.Layers`` adds one and never removes it; streamlit-folium replaces the control on every render);
- the server's resident set: VmRSS (and the peak, VmHWM) of the streamlit process in /proc/<pid>/status.

After the last reading, a diagnosis (it changes the page, so it comes last): the groups in ``window.feature_group``
that are no longer on the map, the stale layer controls' 'click' listeners and all but the newest theme ``<style>``
are dropped, and the heap is read once more; what it loses is what those held.

Step latencies (keydown → map changed, as in browser_timing.py) are kept too, with their median between two readings
and the machine's load average at each: a session that slows down as it ages shows in the first 50 steps against the
last 50, unless the load changed meanwhile. Budgets (run.py reports them, nothing is asserted): JS heap growth
<= 5 MB; the map holds no more elements at the end than at the same date at the start; server RSS growth <= 60 MB.

    python tests/bench/soak.py [DATA_DIR] [--bare] [--steps 300] [--every 50]   # prints one JSON line
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from browser_timing import (  # noqa: E402
    IFRAME,
    MAP_VISIBLE,
    NO_MESSAGE_CACHE,
    VIEWPORT,
    WATCH,
    app_server,
    map_frame,
    page_app,
    stop_on_sigterm,
    summary,
    wait_settled,
)

from serve import CHROMIUM, CHROMIUM_ARGS, ROOT  # noqa: E402

BUDGETS = {"js_heap_growth_mb": 5.0, "server_rss_growth_mb": 60.0}
METRICS = ("JSHeapUsedSize", "JSHeapTotalSize", "Nodes", "Documents", "Frames", "JSEventListeners", "LayoutObjects")

# In the map iframe. Own window properties are counted against a fresh window's (an about:blank iframe's) so the
# number is what the map's scripts added.
MAP_COUNTS = r"""() => {
  const panes = ['marker', 'overlay', 'tooltip', 'popup'].map(name => {
    const pane = document.querySelector('.leaflet-' + name + '-pane');
    return pane ? pane.querySelectorAll('*').length : null;
  });
  return {
    elements: document.querySelectorAll('*').length,
    theme_styles: Array.from(document.querySelectorAll('head > style'))
      .filter(style => /^\s*:root\s*\{\s*--primary-color/.test(style.textContent)).length,
    leaflet_layers: window.map && window.map._layers ? Object.keys(window.map._layers).length : null,
    marker_pane: panes[0], overlay_pane: panes[1], tooltip_pane: panes[2], popup_pane: panes[3],
    window_properties: Object.getOwnPropertyNames(window).length,
    retained_feature_groups: Array.isArray(window.feature_group) ? window.feature_group.length : null,
    stale_layer_controls: window.map && window.map._events && window.map._events.click
      ? window.map._events.click.filter(l => l.ctx instanceof L.Control.Layers && l.ctx !== window.layer_control).length
      : null,
  };
}"""


# After the last reading only, in two stages, each followed by a heap reading; what the heap loses at a stage is what
# the dropped objects alone kept alive. 1: what streamlit-folium keeps of the groups it took off the map
# (window.feature_group) and all but the newest theme <style>. 2: the map 'click' listeners of the layer controls it
# took off the map (Leaflet 1.9's collapsed Control.Layers adds one in _initLayout and its onRemove never removes it,
# so every old control, with its detached DOM and the groups it lists, stays reachable from the map).
DROP_GROUPS = r"""() => {
  const before = Array.isArray(window.feature_group) ? window.feature_group.length : 0;
  if (before) window.feature_group = window.feature_group.filter(group => window.map.hasLayer(group));
  const styles = Array.from(document.querySelectorAll('head > style'))
    .filter(style => /^\s*:root\s*\{\s*--primary-color/.test(style.textContent));
  styles.slice(0, -1).forEach(style => style.remove());
  return {groups_dropped: before - (window.feature_group || []).length, theme_styles_dropped: Math.max(0, styles.length - 1)};
}"""
DROP_CONTROLS = r"""() => {
  const stale = (window.map._events.click || [])
    .filter(l => l.ctx instanceof L.Control.Layers && l.ctx !== window.layer_control);
  stale.forEach(l => window.map.off('click', l.fn, l.ctx));
  return {layer_control_listeners_dropped: stale.length};
}"""


def rss_mb(pid: int) -> dict:
    """VmRSS and VmHWM of a process, in MB (10^6 bytes), from /proc/<pid>/status."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = round(int(rest.split()[0]) * 1024 / 1e6, 1)
    return {"rss_mb": values.get("VmRSS"), "peak_rss_mb": values.get("VmHWM")}


def heap(cdp) -> dict:
    """Collect garbage twice (a second pass frees what the first one's finalisers released), then read the metrics."""
    for _ in range(2):
        cdp.send("HeapProfiler.collectGarbage")
    metrics = {item["name"]: item["value"] for item in cdp.send("Performance.getMetrics")["metrics"]}
    out = {name: metrics.get(name) for name in METRICS}
    out["js_heap_used_mb"] = round(metrics["JSHeapUsedSize"] / 1e6, 2)
    return out


def frame_session(page) -> dict:
    """Try a CDP session for the map iframe; a same-origin iframe in the page's renderer has none."""
    try:
        session = page.context.new_cdp_session(map_frame(page))
    except Exception as err:  # noqa: BLE001 - Playwright's Error, reported as such
        return {"session": None, "note": str(err).splitlines()[0][:300]}
    session.send("Performance.enable")
    return {"session": session, "note": "separate CDP session"}


def checkpoint(page, cdp, frame_cdp, pid: int, step: int) -> dict:
    point = {"step": step, "at_s": None, "load_avg_1min": round(os.getloadavg()[0], 2), "page": heap(cdp), **rss_mb(pid)}
    if frame_cdp is not None:
        point["map_iframe_heap"] = heap(frame_cdp)
    point["map"] = map_frame(page).evaluate(MAP_COUNTS)
    point["top_elements"] = page.evaluate("() => document.querySelectorAll('*').length")
    point["iframes"] = page.locator(IFRAME).count()
    point["slider"] = page.get_by_role("slider", name="Date").get_attribute("aria-valuetext")
    return point


def diagnose(page, cdp) -> dict:
    """After the soak: the heap once the retained groups and extra theme styles are dropped, then the stale controls."""
    out = {}
    for stage, script in (("groups_and_styles", DROP_GROUPS), ("then_layer_controls", DROP_CONTROLS)):
        dropped = map_frame(page).evaluate(script)
        out[stage] = {**dropped, "page": heap(cdp), "map": map_frame(page).evaluate(MAP_COUNTS)}
    return out


def step(page, slider, key: str, ws_state: dict, timeout_s: float) -> float | None:
    """Press ``key`` on the slider; the keydown → map changed time in ms, or None past the timeout."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    if slider.evaluate("el => el !== document.activeElement"):
        slider.focus()
    page.keyboard.press(key)
    try:
        page.wait_for_function("() => window.__atlasWatch.hit !== null", polling="raf", timeout=timeout_s * 1000)
    except PlaywrightTimeout:
        return None
    hit = page.evaluate("window.__atlasWatch.hit")
    wait_settled(page, ws_state, timeout_s=timeout_s)
    return float(hit["ms"])


def open_page(browser, url: str, timeout_s: float):
    page = browser.new_page(viewport=VIEWPORT)
    ws_state = {"bytes": 0, "frames": 0, "last": time.monotonic()}

    def on_frame(payload) -> None:
        ws_state["bytes"] += len(payload) if isinstance(payload, (bytes, bytearray)) else len(payload.encode())
        ws_state["last"] = time.monotonic()

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    page.goto(url, timeout=timeout_s * 1000)
    page.wait_for_function(MAP_VISIBLE, polling=50, timeout=timeout_s * 1000)
    wait_settled(page, ws_state, timeout_s=timeout_s)
    page.evaluate(WATCH)
    page.wait_for_function("() => window.__atlasWatch.documents >= 1", timeout=10_000)
    return page, ws_state


def run_steps(page, cdp, frame_cdp, pid: int, ws_state: dict, args, say) -> dict:
    """Home (the first day), a checkpoint, then End / Home ``args.steps`` times with a checkpoint every ``args.every``."""
    slider = page.get_by_role("slider", name="Date")
    slider.focus()
    if not slider.evaluate("el => el.value === el.min") and step(page, slider, "Home", ws_state, args.step_timeout) is None:
        return {"status": "error: the map did not change when the slider went to its first day", "checkpoints": [],
                "latencies": []}
    started = time.perf_counter()
    points, latencies, status = [checkpoint(page, cdp, frame_cdp, pid, 0)], [], "ok"
    points[0]["at_s"] = 0.0
    say(f"    step 0: heap {points[0]['page']['js_heap_used_mb']} MB, map {points[0]['map']['elements']} elements, "
        f"RSS {points[0]['rss_mb']} MB")
    for number in range(1, args.steps + 1):
        ms = step(page, slider, "End" if number % 2 else "Home", ws_state, args.step_timeout)
        if ms is None:
            status = f"timeout (step {number} > {args.step_timeout:.0f} s)"
            break
        latencies.append(ms)
        if number % args.every == 0 or number == args.steps:
            point = checkpoint(page, cdp, frame_cdp, pid, number)
            point["at_s"] = round(time.perf_counter() - started, 1)
            since = latencies[points[-1]["step"]:]
            point["slider_ms_since_previous"] = {"median": round(statistics.median(since), 1), "n": len(since)}
            points.append(point)
            say(f"    step {number}: heap {point['page']['js_heap_used_mb']} MB, map {point['map']['elements']} elements, "
                f"{point['map']['leaflet_layers']} layers, RSS {point['rss_mb']} MB ({point['at_s']} s)")
    return {"status": status, "checkpoints": points, "latencies": latencies}


def verdict(points: list[dict], latencies: list[float], every: int) -> dict:
    """Growth from the first checkpoint to the last (both on the slider's first day), against the budgets."""
    first, last = points[0], points[-1]
    heap_growth = round(last["page"]["js_heap_used_mb"] - first["page"]["js_heap_used_mb"], 2)
    rss_growth = round(last["rss_mb"] - first["rss_mb"], 1)
    same_date = first["slider"] == last["slider"]
    early, late = latencies[:every], latencies[-every:]
    return {
        "js_heap_growth_mb": heap_growth, "js_heap_ok": heap_growth <= BUDGETS["js_heap_growth_mb"],
        "map_elements_start": first["map"]["elements"], "map_elements_end": last["map"]["elements"],
        "leaflet_layers_start": first["map"]["leaflet_layers"], "leaflet_layers_end": last["map"]["leaflet_layers"],
        "theme_styles_start": first["map"]["theme_styles"], "theme_styles_end": last["map"]["theme_styles"],
        "retained_feature_groups_start": first["map"]["retained_feature_groups"],
        "retained_feature_groups_end": last["map"]["retained_feature_groups"],
        "stale_layer_controls_start": first["map"]["stale_layer_controls"],
        "stale_layer_controls_end": last["map"]["stale_layer_controls"],
        "renderer_nodes_start": first["page"]["Nodes"], "renderer_nodes_end": last["page"]["Nodes"],
        "js_event_listeners_start": first["page"]["JSEventListeners"], "js_event_listeners_end": last["page"]["JSEventListeners"],
        "same_date": same_date, "date": first["slider"],
        "map_elements_ok": same_date and last["map"]["elements"] <= first["map"]["elements"],
        "server_rss_growth_mb": rss_growth, "server_rss_ok": rss_growth <= BUDGETS["server_rss_growth_mb"],
        "slider_ms_first_steps": round(statistics.median(early), 1) if early else None,
        "slider_ms_last_steps": round(statistics.median(late), 1) if late else None,
    }


def soak(data_dir: Path, app: str | Path, args, say) -> dict:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    result: dict = {"app": Path(app).name, "data": str(data_dir), "steps_requested": args.steps, "every": args.every,
                    "budgets": BUDGETS, "load_avg_before": list(os.getloadavg())}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        result["chromium"] = browser.version
        try:
            env = None if args.message_cache else NO_MESSAGE_CACHE
            with app_server(data_dir, app, env=env, timeout=args.cold_timeout) as (url, process, _):
                page, ws_state = open_page(browser, url, args.cold_timeout)
                cdp = page.context.new_cdp_session(page)
                cdp.send("Performance.enable")
                frame = frame_session(page)
                result["map_iframe_cdp"] = frame["note"]
                run = run_steps(page, cdp, frame["session"], process.pid, ws_state, args, say)
                watch = page.evaluate("window.__atlasWatch")
                result.update({"status": run["status"], "checkpoints": run["checkpoints"], "slider_steps": len(run["latencies"]),
                               "slider_ms": summary(run["latencies"]), "slider_samples_ms": run["latencies"],
                               "map_documents": watch["documents"],
                               "iframe_reloaded": watch["documents"] > 1})
                if len(run["checkpoints"]) > 1:
                    result["verdict"] = verdict(run["checkpoints"], run["latencies"], args.every)
                    result["diagnosis"] = diagnose(page, cdp)
                    start_mb = run["checkpoints"][0]["page"]["js_heap_used_mb"]
                    for stage, reading in result["diagnosis"].items():
                        result["verdict"][f"js_heap_growth_after_dropping_{stage}_mb"] = round(
                            reading["page"]["js_heap_used_mb"] - start_mb, 2)
        except (TimeoutError, RuntimeError, PlaywrightError) as err:
            result["status"] = f"error: {err}"[:500]
        finally:
            browser.close()
    result["load_avg_after"] = list(os.getloadavg())
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A long slider session in Chromium (one JSON line on stdout).")
    parser.add_argument("data", nargs="?", type=Path, default=ROOT / "data")
    parser.add_argument("--bare", action="store_true", help="soak tests/bench/bare_app.py instead of app.py")
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--every", type=int, default=50, help="steps between two readings (even: same date each time)")
    parser.add_argument("--cold-timeout", type=float, default=180.0)
    parser.add_argument("--step-timeout", type=float, default=60.0)
    parser.add_argument("--message-cache", action="store_true", help="keep Streamlit's browser-side message cache on")
    args = parser.parse_args(argv)
    if args.every % 2 or args.steps % 2:
        parser.error("--steps and --every must be even, so that every reading is on the slider's first day")
    stop_on_sigterm()
    kind = "bare" if args.bare else "atlas"
    with tempfile.TemporaryDirectory(prefix=f"atlas-soak-{kind}-") as tmp:
        result = soak(args.data.resolve(), page_app(kind, Path(tmp)), args,
                      lambda message: print(message, file=sys.stderr, flush=True))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
