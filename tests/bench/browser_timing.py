"""Browser timings for the benchmark: cold start to a visible map, and slider step to map updated.

A step alternates Home and End on the date slider so the map always changes. "Updated" is the first
DOM mutation in Leaflet's marker and overlay panes inside the map iframe after the key press:
streamlit-folium swaps the FeatureGroups in one synchronous eval, so that mutation is the update.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from browser_support import IFRAME  # noqa: E402
from serve import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, wait_healthy  # noqa: E402

OBSERVE = """() => {
  if (window.__atlasMutations !== undefined) return;
  window.__atlasMutations = 0;
  const observer = new MutationObserver(() => { window.__atlasMutations += 1; });
  for (const pane of document.querySelectorAll('.leaflet-marker-pane, .leaflet-overlay-pane')) {
    observer.observe(pane, {childList: true, subtree: true});
  }
}"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(data_dir: Path, steps: int = 20, app: str = "app.py", viewers: int = 1) -> dict:
    """Start a fresh server on ``data_dir``; return cold start, slider latencies and reload checks."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", app, "--server.headless", "true", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    env = {**__import__("os").environ, "CALAIS_ATLAS_DATA": str(data_dir)}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, timeout=120)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            page.frame_locator(IFRAME).locator(".leaflet-marker-pane > *, path.leaflet-interactive").first.wait_for(timeout=120_000)
            cold = time.perf_counter() - started
            sizes = page.evaluate("""() => performance.getEntriesByType('resource')
                .filter(e => e.name.includes('/component/') || e.name.includes('/app/static/'))
                .reduce((sum, e) => sum + (e.encodedBodySize || 0), 0)""")
            frame = page.locator(IFRAME).element_handle().content_frame()
            frame.evaluate(OBSERVE)
            frame.evaluate("window.__atlasProbe = 'same-document'")
            slider = page.get_by_role("slider", name="Date")
            slider.focus()
            latencies = []
            for step in range(steps):
                before = frame.evaluate("window.__atlasMutations")
                t0 = time.perf_counter()
                page.keyboard.press("End" if step % 2 == 0 else "Home")
                frame.wait_for_function(f"() => window.__atlasMutations > {before}", polling="raf", timeout=60_000)
                latencies.append((time.perf_counter() - t0) * 1000)
                page.wait_for_timeout(150)  # let the rerun settle before the next step
            same_document = frame.evaluate("window.__atlasProbe") == "same-document"
            iframes = page.locator(IFRAME).count()
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
    return {
        "cold_start_s": round(cold, 2),
        "slider_ms_median": round(statistics.median(latencies), 1),
        "slider_ms_p95": round(percentile(latencies, 0.95), 1),
        "slider_steps": steps,
        "iframe_reloaded": not same_document or iframes != 1,
        "static_and_component_bytes": sizes,
    }


if __name__ == "__main__":
    print(measure(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data"))
