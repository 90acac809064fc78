"""Many viewers on one server: every page opens the map, then all step the slider at the same time.

    python tests/bench/concurrency.py [DATA_DIR] [--viewers 30] [--steps 5]   # prints one JSON line

One streamlit server, one Chromium, one browser context (own cookies, own Streamlit session) per viewer,
driven with Playwright's async API. A warm-up viewer opens and closes the map first, so the data is in the
server's cache and the baseline memory counts it once. Then all viewers open the page together; when every
one has its map (or has failed), all of them step the slider (End / Home) ``--steps`` times, each with a
small random pause between steps, as people would. Streamlit's message cache is off, as in browser_timing.py.
Server memory is the streamlit process's resident set (psutil when installed, else VmRSS in /proc/<pid>/status),
sampled every 0.25 s.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import signal
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from browser_timing import MAP_VISIBLE, NO_MESSAGE_CACHE, WATCH, app_server, percentile, summary  # noqa: E402

from browser_support import IFRAME  # noqa: E402
from serve import CHROMIUM, CHROMIUM_ARGS, ROOT  # noqa: E402

# A smaller viewport than the single-viewer run: 30 full-size pages on a 2-core machine mostly measure painting.
CONCURRENT_VIEWPORT = {"width": 1200, "height": 900}


def rss_bytes(pid: int) -> int:
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss
    except ImportError:
        pass
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


async def _open(browser, url: str, timeout_s: float):
    context = await browser.new_context(viewport=CONCURRENT_VIEWPORT)
    page = await context.new_page()
    started = time.perf_counter()
    await page.goto(url, timeout=timeout_s * 1000)
    await page.wait_for_function(MAP_VISIBLE, polling=100, timeout=timeout_s * 1000)
    return context, page, time.perf_counter() - started


async def _viewer(index: int, browser, url: str, steps: int, open_timeout: float, step_timeout: float,
                  opened: list, all_open: asyncio.Event, record: dict) -> None:
    rng = random.Random(index)
    try:
        context, page, open_s = await _open(browser, url, open_timeout)
    except Exception as err:  # noqa: BLE001 - a viewer without a map is a result, not a crash
        record.update(got_map=False, error=f"open: {type(err).__name__}: {str(err)[:200]}")
        opened.append(index)
        if len(opened) == record["_n"]:
            all_open.set()
        return
    record.update(got_map=True, open_s=round(open_s, 2), latencies_ms=[], kinds=[])
    record["_context"] = context
    await page.evaluate(WATCH)
    await page.wait_for_function("() => window.__atlasWatch.documents >= 1", timeout=30_000)
    opened.append(index)
    if len(opened) == record["_n"]:
        all_open.set()
    await all_open.wait()
    slider = page.get_by_role("slider", name="Date")
    try:
        for step in range(steps):
            await asyncio.sleep(rng.uniform(0.1, 0.6))
            await slider.focus()
            await page.keyboard.press("End" if step % 2 == 0 else "Home")
            await page.wait_for_function("() => window.__atlasWatch.hit !== null", polling="raf", timeout=step_timeout * 1000)
            hit = await page.evaluate("window.__atlasWatch.hit")
            record["latencies_ms"].append(float(hit["ms"]))
            record["kinds"].append(hit["kind"])
            # Let the rerun finish before the next step: one iframe left, the script no longer running.
            await page.wait_for_function(
                f"() => document.querySelectorAll('{IFRAME}').length === 1 && "
                "!document.querySelector('[data-testid=\"stStatusWidget\"] [data-testid=\"stStatusWidgetRunningIcon\"]')",
                timeout=step_timeout * 1000)
        record["map_at_end"] = await page.evaluate(MAP_VISIBLE)
        record["map_documents"] = await page.evaluate("window.__atlasWatch.documents")
    except Exception as err:  # noqa: BLE001
        record["error"] = f"step {len(record['latencies_ms']) + 1}: {type(err).__name__}: {str(err)[:200]}"


async def _sample(pid: int, samples: list, stop: asyncio.Event) -> None:
    while not stop.is_set():
        samples.append((time.perf_counter(), rss_bytes(pid)))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.25)


async def run(data_dir: Path, viewers: int = 30, steps: int = 5, open_timeout: float = 300.0, step_timeout: float = 120.0,
              progress=print) -> dict:
    from playwright.async_api import async_playwright

    result: dict = {"data": str(data_dir), "viewers_requested": viewers, "steps_per_viewer": steps}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            with app_server(data_dir, env=NO_MESSAGE_CACHE) as (url, process, _):
                result["rss_idle_mb"] = round(rss_bytes(process.pid) / 2**20, 1)
                context, page, warm_s = await _open(browser, url, open_timeout)
                await context.close()
                await asyncio.sleep(1.0)
                before = rss_bytes(process.pid)
                result["warmup_open_s"] = round(warm_s, 2)
                result["rss_before_mb"] = round(before / 2**20, 1)
                progress(f"    server RSS idle {result['rss_idle_mb']} MB, "
                         f"after one warm-up viewer {result['rss_before_mb']} MB; opening {viewers} viewers")

                samples: list = []
                stop = asyncio.Event()
                sampler = asyncio.create_task(_sample(process.pid, samples, stop))
                opened: list = []
                all_open = asyncio.Event()
                records = [{"_n": viewers} for _ in range(viewers)]
                started = time.perf_counter()
                tasks = [
                    asyncio.create_task(_viewer(i, browser, url, steps, open_timeout, step_timeout, opened, all_open, records[i]))
                    for i in range(viewers)
                ]
                await all_open.wait()
                all_open_s = time.perf_counter() - started
                rss_open = rss_bytes(process.pid)
                progress(f"    all {viewers} pages answered in {all_open_s:.1f} s; "
                         f"server RSS {rss_open / 2**20:.0f} MB; stepping")
                await asyncio.gather(*tasks)
                stepping_s = time.perf_counter() - started - all_open_s
                rss_after = rss_bytes(process.pid)
                stop.set()
                await sampler
                for record in records:
                    context = record.pop("_context", None)
                    record.pop("_n", None)
                    if context is not None:
                        await context.close()
        finally:
            await browser.close()

    ok = [r for r in records if r.get("got_map")]
    latencies = [ms for r in ok for ms in r.get("latencies_ms", [])]
    complete = [r for r in ok if len(r.get("latencies_ms", [])) == steps and not r.get("error")]
    peak = max((rss for _, rss in samples), default=rss_after)
    n_ok = max(1, len(ok))
    result.update({
        "viewers_run": viewers,
        "viewers_with_map": len(ok),
        "every_viewer_got_map": len(ok) == viewers,
        "viewers_completed_all_steps": len(complete),
        "maps_still_shown_at_end": sum(1 for r in ok if r.get("map_at_end")),
        "iframe_reloads": sum(1 for r in ok if r.get("map_documents", 1) > 1),
        "open_s": summary([r["open_s"] for r in ok]) if ok else None,
        "all_open_s": round(all_open_s, 1),
        "stepping_s": round(stepping_s, 1),
        "slider_ms": summary(latencies),
        "slider_ms_p95": round(percentile(latencies, 0.95), 1) if latencies else None,
        "slider_ms_median": summary(latencies)["median"],
        "rss_with_all_open_mb": round(rss_open / 2**20, 1),
        "rss_after_steps_mb": round(rss_after / 2**20, 1),
        "rss_peak_mb": round(peak / 2**20, 1),
        "rss_per_viewer_mb": round((rss_open - before) / 2**20 / n_ok, 2),
        "rss_per_viewer_after_steps_mb": round((rss_after - before) / 2**20 / n_ok, 2),
        "errors": [f"viewer {i}: {r['error']}" for i, r in enumerate(records) if r.get("error")][:10],
    })
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Concurrent viewers on one server (one JSON line on stdout).")
    parser.add_argument("data", nargs="?", type=Path, default=ROOT / "data")
    parser.add_argument("--viewers", type=int, default=30)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--open-timeout", type=float, default=300.0)
    parser.add_argument("--step-timeout", type=float, default=120.0)
    args = parser.parse_args(argv)

    async def guarded() -> dict:
        # run.py's time limit sends SIGTERM: cancel, so the finally blocks stop the server and the browser.
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, asyncio.current_task().cancel)
        return await run(args.data.resolve(), args.viewers, args.steps, args.open_timeout, args.step_timeout,
                         progress=lambda message: print(message, file=sys.stderr, flush=True))

    result = asyncio.run(guarded())
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
