"""The benchmark: how fast the atlas loads, reruns and redraws its map, on the shipped data and on synthetic data.

    python tests/bench/run.py            # everything (about 25 minutes on 2 cores)
    python tests/bench/run.py --quick    # shipped data + 1k events, fewer steps and viewers (about 3 minutes)
    python tests/bench/run.py --only 10k,naive   # some parts; the results file keeps the others
    python tests/bench/run.py --only bare,soak   # the atlas against the bare page, and the long session
    python tests/bench/run.py --only load        # protocol-level viewers on the server alone (loadgen.py)
    python tests/bench/run.py --quick --only open   # a class opening one link at once (class_open.py), ~2 minutes
    make bench

Parts (names for --only): the data sets ``shipped``, ``1k``, ``10k``, ``100k``; ``naive`` (the naive baseline,
tests/bench/naive_app.py, on the data sets selected, or all of those run when none is named); ``bare`` (the bare
reference page, tests/bench/bare_app.py, in Chromium right after the atlas on the shipped data: the atlas's Chromium
run on the shipped data is part of it even when ``shipped`` is not named); ``concurrency`` (30 viewers on one server,
shipped data); ``soak`` (soak.py: 300 slider steps in one page of the atlas, then of the bare page, shipped data); ``load``
(loadgen.py: 1, 10 and 30 protocol-level viewers stepping the slider at once, no browser, with Streamlit's
runner.postScriptGC on and off, on one server and on 2 replicas behind .deploy/nginx.conf; a GC-off memory soak of
300 steps; a py-spy breakdown of a step; shipped data); ``open`` (class_open.py: 30 protocol-level viewers opening one
link at the same moment on a warm server, connect → map and the server's CPU per open; 30 stepping with and without
the deaths layer; py-spy's top items of an open and of a step; shipped data); ``search`` (search_timing.py: the search
index's build and queries as typed, in a fresh process per folder, on the shipped data and 100k events, or the data
sets named with it; against the 300 ms budget of issue 14).
Synthetic folders (1,000 places, 3,000 figures and captions, 50 sources) are written by synth.py into a temporary
folder and checked to have zero problems.

Per data set:
- load + validate: ``load_dataset(folder)``, median of 3 in one fresh process (server_timing.py);
- AppTest: first run of app.py, then the rerun after a slider change, median over >= 10 reruns alternating two
  days, in another fresh process; the st_folium ``json_args`` (script + feature_group + header + html) in bytes;
- Chromium (browser_timing.py): cold start from ``streamlit run`` to markers drawn; slider step (End / Home)
  to the map updated, median and p95 over >= 20 steps; whether the iframe was remounted; WebSocket bytes per
  step; the static files the map fetched (Leaflet, jQuery, basemap GeoJSON), as sent and decoded;
- the naive baseline, the same browser metrics, with timeouts: "timeout" is reported as such.
- the bare page (shipped data only; it reads no data): the same browser metrics, and the atlas over the bare page for
  slider → map and first map (goto → markers drawn), against the budgets (BARE_BUDGETS).

The soak (shipped data): JS heap after garbage collection, the map iframe's elements and Leaflet layers, and the server's
RSS, every 50 of 300 End / Home steps, against the budgets in soak.py; the bare page's soak is the reference.

Each measurement runs in its own process with a hard time limit, so a hung or very slow run cannot stop the others.
Results: BENCHMARKS-results.json at the repo root and tests/bench/results.md (a table for BENCHMARKS.md).
Not a test module: pytest does not collect it, and speed is not asserted anywhere.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.metadata
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

RESULTS_JSON = ROOT / "BENCHMARKS-results.json"
RESULTS_MD = HERE / "results.md"
DATASETS = {"shipped": None, "1k": 1_000, "10k": 10_000, "100k": 100_000}
PARTS = (*DATASETS, "naive", "bare", "concurrency", "soak", "load", "open", "search")
SEARCH_DATASETS = {"full": ("shipped", "100k"), "quick": ("shipped", "1k")}  # issue 14: the budget is at 100k
PACKAGES = ("streamlit", "folium", "streamlit-folium", "pandas", "pyarrow", "branca", "playwright")

# Naive baseline: (cold-start timeout s, per-step timeout s, budget s for all the steps, most steps). Beyond the shipped
# data each step takes seconds, so it gets fewer steps; beyond 1k it is expected to crawl: it is still run, within these
# limits, and a limit reached is reported as such ("timeout ...").
NAIVE_LIMITS = {"shipped": (120, 60, None, 20), "1k": (120, 60, 90, 6), "10k": (60, 30, 40, 4), "100k": (60, 30, 25, 3)}

# The atlas against the bare page (tests/bench/bare_app.py), from the issue: at most this many times the bare page's time.
BARE_BUDGETS = {"slider_median": 1.2, "first_map": 1.3}

T0 = time.perf_counter()


def say(message: str) -> None:
    print(f"[{time.perf_counter() - T0:6.0f} s] {message}", flush=True)


def run_json(command: list[str], timeout: float, label: str) -> dict:
    """Run a measuring script; its last stdout line is JSON. Stderr (progress) passes through.
    Past ``timeout`` it gets SIGTERM (it stops its server and browser), then SIGKILL."""
    process = subprocess.Popen([sys.executable, *command], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        out, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGTERM)
        try:
            out, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            out, _ = process.communicate()
        say(f"  {label}: hard time limit of {timeout:.0f} s reached")
        return {"status": f"timeout (hard limit {timeout:.0f} s)"}
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if process.returncode != 0 or not lines:
        return {"status": f"error: exit code {process.returncode}", "output": out[-1000:]}
    return json.loads(lines[-1])


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")),
                 platform.processor())
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    mem_kb = next((int(line.split()[1]) for line in meminfo.splitlines() if line.startswith("MemTotal:")), 0)
    try:
        chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired) as err:
        chromium = f"unavailable ({err})"
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    git = {}
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        git["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                       text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "app.py", "components"], cwd=ROOT, capture_output=True,
                               text=True).stdout
        git["uncommitted_app_files"] = len(dirty.splitlines())
    return {
        "cpu": model, "cores": os.cpu_count(), "ram_gb": round(mem_kb / 2**20, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(), "chromium": chromium, "packages": versions, "git": git,
        "load_average_at_start": list(os.getloadavg()),
    }


def code_fingerprint() -> str:
    """Hash of app.py and components/: other people edit the app while the benchmark runs; a changed hash between two
    data sets means they were measured on different code."""
    import hashlib

    digest = hashlib.blake2b(digest_size=6)
    for path in sorted([ROOT / "app.py", *(ROOT / "components").rglob("*.py")]):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def timed(entry: dict, part: str, function):
    """Run one measurement; note how long it took and the machine's 1-minute load average before and after it."""
    before, started = os.getloadavg()[0], time.perf_counter()
    value = function()
    entry.setdefault("context", {})[part] = {"load_avg_before": round(before, 2), "load_avg_after": round(os.getloadavg()[0], 2),
                                             "wall_s": round(time.perf_counter() - started, 1), "code": code_fingerprint()}
    return value


def prepare(name: str, workdir: Path) -> Path:
    count = DATASETS[name]
    if count is None:
        return ROOT / "data"
    from synth import generate

    folder = workdir / f"synth-{name}"
    started = time.perf_counter()
    counts = generate(folder, events=count, places=1000)
    say(f"  generated {folder.name}: " + ", ".join(f"{n} {table}" for table, n in counts.items())
        + f", 0 problems ({time.perf_counter() - started:.1f} s)")
    return folder


def ratio(naive: dict | None, real: dict | None, key: str) -> float | None:
    if not naive or not real or naive.get(key) is None or not real.get(key):
        return None
    return round(naive[key] / real[key], 2)


def measure_dataset(name: str, folder: Path, cfg: dict, with_real: bool, with_naive: bool, with_bare: bool = False) -> dict:
    entry: dict = {"name": name, "measured_at": dt.datetime.now().isoformat(timespec="seconds")}
    if with_real:
        say(f"  {name}: load + validate")
        loaded = timed(entry, "load", lambda: run_json(
            ["tests/bench/server_timing.py", str(folder), "--part", "load", "--loads", "3"], 300, f"{name} load"))
        entry["load"] = loaded.get("load", loaded)
        say(f"  {name}: load {entry['load'].get('load_s_median')} s (samples {entry['load'].get('load_s_samples')}); "
            f"{entry['load'].get('problems')} problems")
        say(f"  {name}: AppTest, {cfg['reruns']} + 4 reruns")
        apptest = timed(entry, "apptest", lambda: run_json(
            ["tests/bench/server_timing.py", str(folder), "--part", "apptest", "--reruns", str(cfg["reruns"]),
             "--reruns-ends", "4"], 600, f"{name} AppTest"))
        entry["apptest"] = apptest.get("apptest", apptest)
        payload = entry["apptest"].get("map_payload_default_day") or {}
        say(f"  {name}: AppTest first run {entry['apptest'].get('first_run_s')} s, "
            f"rerun median {entry['apptest'].get('rerun_ms_median')} ms; "
            f"json_args {payload.get('json_args_bytes')} bytes {entry['apptest'].get('error', '')}")
    if with_real or with_bare:
        say(f"  {name}: Chromium, real app, {cfg['steps']} steps")
        entry["browser"] = timed(entry, "browser", lambda: run_json(
            ["tests/bench/browser_timing.py", str(folder), "--steps", str(cfg["steps"]), "--cold-timeout", "180",
             "--step-timeout", "60", *cfg["cache_flag"]], 180 + 60 * cfg["steps"] + 60, f"{name} browser"))
    if with_bare:
        say(f"  {name}: Chromium, bare reference page, {cfg['steps']} steps")
        entry["bare"] = timed(entry, "bare", lambda: run_json(
            ["tests/bench/browser_timing.py", str(folder), "--bare", "--steps", str(cfg["steps"]), "--cold-timeout", "180",
             "--step-timeout", "60", *cfg["cache_flag"]], 180 + 60 * cfg["steps"] + 60, f"{name} bare"))
        bare = entry["bare"]
        say(f"  {name}: bare page: first map {bare.get('page_to_map_s')} s, slider median {bare.get('slider_ms_median')} ms, "
            f"p95 {bare.get('slider_ms_p95')} ms ({bare.get('status')})")
    if with_naive:
        cold, step, budget, most = NAIVE_LIMITS[name]
        steps = min(cfg["steps"], most if not cfg["quick"] or name == "shipped" else 5)
        say(f"  {name}: Chromium, naive baseline, {steps} steps (cold limit {cold} s, step limit {step} s"
            + (f", budget {budget} s)" if budget else ")"))
        command = ["tests/bench/browser_timing.py", str(folder), "--naive", "--steps", str(steps), "--cold-timeout", str(cold),
                   "--step-timeout", str(step), *cfg["cache_flag"]] + (["--budget", str(budget)] if budget else [])
        entry["naive"] = timed(entry, "naive",
                               lambda: run_json(command, cold + (budget or step * steps) + step + 90, f"{name} naive"))
    return entry


def ws_median(run: dict | None) -> dict:
    return {"ws_per_step": ((run or {}).get("ws_bytes_per_step") or {}).get("median")}


def atlas_over_bare(real: dict, bare: dict) -> dict:
    """The atlas's times over the bare page's, measured one after the other; each budgeted ratio with its verdict."""
    out = {"slider_median": ratio(real, bare, "slider_ms_median"), "slider_p95": ratio(real, bare, "slider_ms_p95"),
           "first_map": ratio(real, bare, "page_to_map_s"), "cold_start": ratio(real, bare, "cold_start_s"),
           "ws_per_step": ratio(ws_median(real), ws_median(bare), "ws_per_step"), "budgets": BARE_BUDGETS}
    for key, limit in BARE_BUDGETS.items():
        out[f"{key}_ok"] = None if out[key] is None else out[key] <= limit
    return out


def finish_entry(entry: dict) -> dict:
    real, naive, bare = entry.get("browser"), entry.get("naive"), entry.get("bare")
    if real and naive:
        entry["naive_over_real"] = {"slider_median": ratio(naive, real, "slider_ms_median"),
                                    "slider_p95": ratio(naive, real, "slider_ms_p95"),
                                    "cold_start": ratio(naive, real, "cold_start_s")}
    if real and bare:
        entry["atlas_over_bare"] = atlas_over_bare(real, bare)
    return entry


# ---------------------------------------------------------------------------------------------------------- report


def _fmt(value, unit: str = "", digits: int = 0) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        text = f"{value:,.{digits}f}"
        return f"{text} {unit}".strip()
    return str(value)


def _kb(value) -> str:
    return "–" if value is None else f"{value / 1000:,.1f} kB"


def _status(run: dict | None) -> str:
    if not run:
        return "not run"
    return run.get("status", "–")


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Generated {results['generated_at']} by "
        f"`python tests/bench/run.py{' --quick' if results.get('mode') == 'quick' else ''}` "
        f"(mode: {results.get('mode')}; the run took {_fmt(results.get('duration_s'), 's')}). Raw numbers: "
        f"`{results.get('json_file', 'BENCHMARKS-results.json')}`.",
        "",
        "## Machine",
        "",
        f"- CPU: {m['cpu']}, {m['cores']} cores; RAM {m['ram_gb']} GB; {m['os']}; load average at start "
        + " / ".join(f"{x:.2f}" for x in m.get("load_average_at_start", [])),
        f"- Python {m['python']}; {m['chromium']} (headless, via Playwright {m['packages'].get('playwright')})",
        "- " + ", ".join(f"{k} {v}" for k, v in m["packages"].items() if k != "playwright"),
        "- Browser and server share the machine's cores: with many viewers the browser's own work dominates the latencies.",
        f"- App at commit {m['git'].get('commit', '?')}"
        + (f", with {m['git']['uncommitted_app_files']} uncommitted files under app.py/components/"
           if m["git"].get("uncommitted_app_files") else ""),
        "",
    ]
    datasets = [results["datasets"][name] for name in DATASETS if name in results["datasets"]]

    lines += ["## Real app, per data set", "",
              "| data | events | places | CSV size | load + validate (median of 3) | AppTest first run "
              "| AppTest rerun after slider (median, mid / ends) | map json_args (default day) | map items "
              "| cold start (Chromium) | slider → map median | slider → map p95 | iframe reloaded "
              "| WebSocket per step (median) | deflated, as on the wire |",
              "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|:-:|--:|--:|"]
    for entry in datasets:
        load, app, browser = entry.get("load") or {}, entry.get("apptest") or {}, entry.get("browser") or {}
        rows = load.get("rows") or {}
        payload = app.get("map_payload_default_day") or {}
        mid, ends = app.get("rerun_ms_mid") or {}, app.get("rerun_ms_ends") or {}
        ws = (browser.get("ws_bytes_per_step") or {}).get("median")
        deflated = (browser.get("ws_deflated_bytes_per_step") or {}).get("median")
        cold = _fmt(browser.get("cold_start_s"), "s", 1) if browser.get("cold_start_s") is not None else _status(browser)
        lines.append(
            f"| {entry['name']} | {_fmt(rows.get('events'))} | {_fmt(rows.get('places'))} | {_kb(load.get('csv_bytes'))} "
            f"| {_fmt(load.get('load_s_median'), 's', 2)} | {_fmt(app.get('first_run_s'), 's', 2)} "
            f"| {_fmt(mid.get('median'), 'ms')} / {_fmt(ends.get('median'), 'ms')} "
            f"| {_kb(payload.get('json_args_bytes'))} | {_fmt(payload.get('map_items'))} | {cold} "
            f"| {_fmt(browser.get('slider_ms_median'), 'ms')} | {_fmt(browser.get('slider_ms_p95'), 'ms')} "
            f"| {_fmt(browser.get('iframe_reloaded'))} | {_kb(ws)} | {_kb(deflated)} |")
    errors = [f"- {e['name']}: {part}: {(e.get(part) or {}).get('error') or (e.get(part) or {}).get('status')}"
              for e in datasets for part in ("apptest", "browser") if (e.get(part) or {}).get("error")
              or ((e.get(part) or {}).get("status") not in (None, "ok"))]
    if errors:
        lines += ["", "Problems during the run:", "", *errors]

    lines += ["", "### What is sent for the map (real app)", "",
              "json_args is the st_folium component's arguments, sent over the WebSocket on every rerun "
              "(the feature_group part changes with the slider; script and header are the stable base map). "
              "Static files are fetched once per page; sizes as sent (Streamlit gzips them) and decoded.", "",
              "| data | json_args total | script | feature_group | header | html | static: Leaflet | jQuery | basemap GeoJSON "
              "| offline fixes | static total | streamlit-folium bundle |",
              "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for entry in datasets:
        payload = (entry.get("apptest") or {}).get("map_payload_default_day") or {}
        parts = payload.get("parts_bytes") or {}
        assets = (entry.get("browser") or {}).get("assets") or {}
        kinds = assets.get("by_kind") or {}

        def pair(sizes: dict | None) -> str:
            return "–" if not sizes else f"{sizes['wire'] / 1000:,.1f} / {sizes['decoded'] / 1000:,.1f} kB"

        lines.append(f"| {entry['name']} | {_kb(payload.get('json_args_bytes'))} | {_kb(parts.get('script'))} "
                     f"| {_kb(parts.get('feature_group'))} | {_kb(parts.get('header'))} | {_kb(parts.get('html'))} "
                     f"| {pair(kinds.get('leaflet'))} | {pair(kinds.get('jquery'))} | {pair(kinds.get('basemap_geojson'))} "
                     f"| {pair(kinds.get('offline_fixes'))} | {pair(assets.get('static_total'))} "
                     f"| {pair(assets.get('component_bundle'))} |")

    lines += ["", "### Conditions", "",
              "Other work on the same 2-core machine slows a measurement down: the load average (1 min) before each part, "
              "and the AppTest rerun's wall time against its CPU time, show when that happened. "
              "`code` is a hash of app.py and components/ at the time.",
              "", "| data | code | load avg before: AppTest / browser / naive | AppTest rerun wall / CPU (median, mid) "
              "| wall time: AppTest / browser / naive |",
              "|---|---|--:|--:|--:|"]
    for entry in datasets:
        context = entry.get("context") or {}
        app = entry.get("apptest") or {}
        codes = sorted({part.get("code") for part in context.values() if part.get("code")})
        loads = " / ".join(_fmt((context.get(p) or {}).get("load_avg_before"), "", 2) for p in ("apptest", "browser", "naive"))
        walls = " / ".join(_fmt((context.get(p) or {}).get("wall_s"), "s") for p in ("apptest", "browser", "naive"))
        lines.append(
            f"| {entry['name']} | {', '.join(codes) or '–'} "
            f"| {loads} "
            f"| {_fmt((app.get('rerun_ms_mid') or {}).get('median'), 'ms')} "
            f"/ {_fmt((app.get('rerun_cpu_ms_mid') or {}).get('median'), 'ms')} "
            f"| {walls} |")

    naive_rows = [e for e in datasets if e.get("naive")]
    if naive_rows:
        lines += ["", "## Naive baseline vs real app (Chromium)", "",
                  "The naive page (tests/bench/naive_app.py) rebuilds the whole folium map with one folium object per marker, "
                  "tooltip and popup on every rerun, and calls st_folium without feature_group_to_add, "
                  "so the iframe is remounted at each step. Same data, slider, window and assets.", "",
                  "| data | real: slider median / p95 | naive: status | naive: cold start | naive: slider median / p95 "
                  "| naive steps done | naive iframe reloaded | naive WebSocket per step | naive / real (median) "
                  "| naive / real (p95) |",
                  "|---|--:|---|--:|--:|--:|:-:|--:|--:|--:|"]
        for entry in naive_rows:
            real, naive = entry.get("browser") or {}, entry["naive"]
            ratios = entry.get("naive_over_real") or {}
            ws = (naive.get("ws_bytes_per_step") or {}).get("median")
            lines.append(
                f"| {entry['name']} | {_fmt(real.get('slider_ms_median'), 'ms')} / {_fmt(real.get('slider_ms_p95'), 'ms')} "
                f"| {_status(naive)} | {_fmt(naive.get('cold_start_s'), 's', 1)} "
                f"| {_fmt(naive.get('slider_ms_median'), 'ms')} / {_fmt(naive.get('slider_ms_p95'), 'ms')} "
                f"| {naive.get('slider_steps', 0)} of {naive.get('steps_requested', '–')} | {_fmt(naive.get('iframe_reloaded'))} "
                f"| {_kb(ws)} "
                f"| {_fmt(ratios.get('slider_median'), '×', 1)} | {_fmt(ratios.get('slider_p95'), '×', 1)} |")

    lines += bare_section(datasets)

    conc = results.get("concurrency")
    if conc:
        lines += ["", "## Concurrent viewers (shipped data, one server, one Chromium)", ""]
        if conc.get("viewers_run") is None:
            lines.append(f"Not completed: {conc.get('status')} {conc.get('output', '')[:300]}")
        else:
            open_s = conc.get("open_s") or {}
            slider = conc.get("slider_ms") or {}
            lines += [
                "| viewers run | every viewer got its map | completed all steps | steps each | all pages open after "
                "| page open median / max | slider → map median | slider → map p95 (all sessions) | iframe remounts "
                "| server RSS before → all open → after steps (peak) | RSS per viewer |",
                "|--:|:-:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
                f"| {conc['viewers_run']} | {_fmt(conc.get('every_viewer_got_map'))} ({conc.get('viewers_with_map')}) "
                f"| {conc.get('viewers_completed_all_steps')} | {conc.get('steps_per_viewer')} "
                f"| {_fmt(conc.get('all_open_s'), 's', 1)} "
                f"| {_fmt(open_s.get('median'), 's', 1)} / {_fmt(open_s.get('max'), 's', 1)} "
                f"| {_fmt(slider.get('median'), 'ms')} | {_fmt(conc.get('slider_ms_p95'), 'ms')} | {conc.get('iframe_reloads')} "
                f"| {_fmt(conc.get('rss_before_mb'), 'MB')} → {_fmt(conc.get('rss_with_all_open_mb'), 'MB')} "
                f"→ {_fmt(conc.get('rss_after_steps_mb'), 'MB')} "
                f"({_fmt(conc.get('rss_peak_mb'), 'MB')}) | {_fmt(conc.get('rss_per_viewer_mb'), 'MB', 2)} |",
            ]
            if conc.get("errors"):
                lines += ["", "Errors:", "", *[f"- {error}" for error in conc["errors"]]]

    lines += soak_section(results.get("soak"))
    lines += load_section(results.get("load"))
    lines += open_section(results.get("open"))
    lines += search_section(results.get("search"))

    lines += ["", "## How it was measured", "",
              "- **Cold start**: from spawning `streamlit run` (Chromium already launched) to the first marker drawn in the map "
              "iframe; includes server start, reading and validating the data, the first script run, the Streamlit frontend and "
              "Leaflet.",
              "- **Slider → map**: keyboard End / Home on the focused date slider (so the map always changes), timed in the "
              "browser from the keydown to the first DOM mutation in Leaflet's marker/overlay panes, or, when the iframe is "
              "remounted, to the new map document having its markers drawn. The next step waits until the WebSocket has been "
              "quiet for 300 ms.",
              "- **Streamlit's message cache is off** in the browser runs (`STREAMLIT_GLOBAL_MIN_CACHED_MESSAGE_SIZE=1e15` on "
              "the benchmark's server; the app's own config is untouched). Streamlit keeps large messages in the browser for two "
              "runs and then sends only a hash; End / Home revisits the same two states, so with the cache every step after the "
              "second would skip the map's transfer, which a viewer reaching a new date never does. "
              "`run.py --message-cache` measures the default.",
              "- **AppTest rerun**: `slider.set_value(day); at.run()` on app.py, without a browser; 'mid' alternates 2016-01-20 "
              "and 2015-06-20, 'ends' the slider's last and first days (the days the browser steps between).",
              "- **json_args**: the st_folium element's arguments in the AppTest delta on the default day (2016-01-20), "
              "the map's share of what the WebSocket carries per rerun; 'WebSocket per step' is everything the page received "
              "per browser step.",
              "- **Concurrent viewers**: one browser context per viewer; all open together, then each does its steps with "
              "0.1–0.6 s pauses; server RSS from /proc (one warm-up viewer first, so the cached data counts once).",
              "- **Bare page**: tests/bench/bare_app.py, one date slider and one st_folium on the atlas's own base map "
              "(local Leaflet, basemap, legend) with four CircleMarkers swapped through feature_group_to_add and a layer "
              "control; measured like the atlas, right after it. 'First map' is from `page.goto` to the first marker drawn "
              "(the page's first script run included, the server's start not); 'cold start' also counts the server's start.",
              "- **Soak**: one page, 300 steps alternating End / Home after a first Home; every 50 steps (always on the "
              "slider's first day) CDP `HeapProfiler.collectGarbage` twice and `Performance.getMetrics` (JSHeapUsedSize, "
              "DOM nodes and JS event listeners of the renderer, which the same-origin map iframe shares: it has no CDP "
              "session of its own), the map iframe's elements and Leaflet layers, and VmRSS of the streamlit process. "
              "After the last reading, a diagnosis: streamlit-folium's list of the groups it added is cut to those on the "
              "map (with the extra theme styles), then the stale layer controls' 'click' listeners are taken off the map, "
              "the heap read after each.",
              "- Synthetic data: tests/bench/synth.py (seeded; 1,000 places, 3,000 population figures, 3,000 captions, "
              "50 sources, dates 1999–2021 at day, month, year and interval precision); every folder validates with zero "
              "problems.",
              ""]
    if results.get("notes"):
        lines += ["## Notes", "", *[f"- {note}" for note in results["notes"]], ""]
    return "\n".join(lines)


def _mark(ok: bool | None) -> str:
    return "–" if ok is None else "✓" if ok else "✗"


def bare_section(datasets: list[dict]) -> list[str]:
    rows = [e for e in datasets if e.get("bare")]
    if not rows:
        return []
    lines = ["", "## Atlas vs bare reference page (Chromium)", "",
             "The bare page (tests/bench/bare_app.py) is the floor of the stack on this machine: one slider, one st_folium on "
             "the atlas's base map, four markers swapped through feature_group_to_add. Measured right after the atlas, so "
             "the ratios compare two runs under about the same load. Budgets: slider → map (median) "
             f"≤ {BARE_BUDGETS['slider_median']}× bare, first map ≤ {BARE_BUDGETS['first_map']}× bare.", "",
             "| data | page | status | first map (goto → markers) | cold start (spawn → markers) | slider → map median "
             "| slider → map p95 | steps | iframe reloaded | WebSocket per step (median) | load avg before |",
             "|---|---|---|--:|--:|--:|--:|--:|:-:|--:|--:|"]
    for entry in rows:
        context = entry.get("context") or {}
        for label, part in (("atlas", "browser"), ("bare", "bare")):
            run = entry.get(part) or {}
            lines.append(
                f"| {entry['name']} | {label} | {_status(run)} | {_fmt(run.get('page_to_map_s'), 's', 2)} "
                f"| {_fmt(run.get('cold_start_s'), 's', 2)} | {_fmt(run.get('slider_ms_median'), 'ms')} "
                f"| {_fmt(run.get('slider_ms_p95'), 'ms')} | {run.get('slider_steps', 0)} | {_fmt(run.get('iframe_reloaded'))} "
                f"| {_kb(ws_median(run)['ws_per_step'])} | {_fmt((context.get(part) or {}).get('load_avg_before'), '', 2)} |")
    lines += ["", "| data | atlas / bare: slider median | budget | slider p95 | first map | budget | cold start "
              "| WebSocket per step |", "|---|--:|:-:|--:|--:|:-:|--:|--:|"]
    for entry in rows:
        r = entry.get("atlas_over_bare") or {}
        lines.append(
            f"| {entry['name']} | {_fmt(r.get('slider_median'), '×', 2)} | {_mark(r.get('slider_median_ok'))} "
            f"| {_fmt(r.get('slider_p95'), '×', 2)} | {_fmt(r.get('first_map'), '×', 2)} | {_mark(r.get('first_map_ok'))} "
            f"| {_fmt(r.get('cold_start'), '×', 2)} | {_fmt(r.get('ws_per_step'), '×', 1)} |")
    return lines


def _soak_rows(label: str, run: dict) -> list[str]:
    rows = []
    for point in run.get("checkpoints") or []:
        page, map_ = point.get("page") or {}, point.get("map") or {}
        rows.append(
            f"| {label} | {point['step']} | {_fmt(point.get('at_s'), 's')} | {_fmt(page.get('js_heap_used_mb'), 'MB', 2)} "
            f"| {_fmt(page.get('Nodes'))} | {_fmt(page.get('JSEventListeners'))} | {_fmt(map_.get('elements'))} "
            f"| {_fmt(map_.get('theme_styles'))} | {_fmt(map_.get('leaflet_layers'))} "
            f"| {_fmt(map_.get('retained_feature_groups'))} | {_fmt(map_.get('stale_layer_controls'))} "
            f"| {_fmt(point.get('top_elements'))} | {_fmt(point.get('rss_mb'), 'MB', 1)} "
            f"| {_fmt((point.get('slider_ms_since_previous') or {}).get('median'), 'ms')} "
            f"| {_fmt(point.get('load_avg_1min'), '', 2)} |")
    return rows


def soak_section(soak: dict | None) -> list[str]:
    if not soak:
        return []
    budgets = (soak.get("atlas") or {}).get("budgets") or {}
    lines = ["", "## Long session (soak, shipped data, one Chromium page)", "",
             f"{(soak.get('atlas') or {}).get('steps_requested', '–')} slider steps (End / Home) in one page; every reading "
             "on the slider's first day, after garbage collection. "
             f"Budgets (atlas): JS heap growth ≤ {budgets.get('js_heap_growth_mb', '–')} MB; the map holds no more elements "
             f"at the end than at the start; server RSS growth ≤ {budgets.get('server_rss_growth_mb', '–')} MB. "
             "The bare page's soak is the reference: what it leaks too is the stack's (streamlit-folium, Streamlit).", "",
             "| page | status | steps | JS heap start → end (growth) | budget | map elements start → end | budget "
             "| Leaflet layers start → end | server RSS start → end (growth) | budget "
             "| slider median: first 50 / last 50 steps | diagnosis: JS heap growth once the retained groups are dropped "
             "/ then the stale layer controls too |",
             "|---|---|--:|--:|:-:|--:|:-:|--:|--:|:-:|--:|--:|"]
    series = []
    for label in ("atlas", "bare"):
        run = soak.get(label)
        if not run:
            continue
        v = run.get("verdict") or {}
        points = run.get("checkpoints") or [{}]
        start, end = (points[0].get("page") or {}), (points[-1].get("page") or {})
        lines.append(
            f"| {label} | {_status(run)} | {run.get('slider_steps', 0)} "
            f"| {_fmt(start.get('js_heap_used_mb'), 'MB', 1)} → {_fmt(end.get('js_heap_used_mb'), 'MB', 1)} "
            f"({_fmt(v.get('js_heap_growth_mb'), 'MB', 1)}) | {_mark(v.get('js_heap_ok'))} "
            f"| {_fmt(v.get('map_elements_start'))} → {_fmt(v.get('map_elements_end'))} | {_mark(v.get('map_elements_ok'))} "
            f"| {_fmt(v.get('leaflet_layers_start'))} → {_fmt(v.get('leaflet_layers_end'))} "
            f"| {_fmt(points[0].get('rss_mb'), 'MB')} → {_fmt(points[-1].get('rss_mb'), 'MB')} "
            f"({_fmt(v.get('server_rss_growth_mb'), 'MB', 1)}) | {_mark(v.get('server_rss_ok'))} "
            f"| {_fmt(v.get('slider_ms_first_steps'), 'ms')} / {_fmt(v.get('slider_ms_last_steps'), 'ms')} "
            f"| {_fmt(v.get('js_heap_growth_after_dropping_groups_and_styles_mb'), 'MB', 1)} "
            f"/ {_fmt(v.get('js_heap_growth_after_dropping_then_layer_controls_mb'), 'MB', 1)} |")
        series += _soak_rows(label, run)
    lines += ["", "Series (renderer nodes and listeners are the whole page's, the map iframe included; theme styles are "
              "the `<style>` elements of Streamlit's theme in the map iframe; retained groups is the length of "
              "streamlit-folium's `window.feature_group`; stale layer controls are the map's 'click' listeners of "
              "layer controls no longer on the map):", "",
              "| page | step | time | JS heap used | renderer DOM nodes | JS event listeners | map elements | theme styles "
              "| Leaflet layers | retained feature groups | stale layer controls | top-page elements | server RSS "
              "| slider → map median since the previous reading | load avg (1 min) |",
              "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|", *series]
    return lines


def run_search(cfg: dict, names: list[str], folders: dict[str, Path], workdir: Path) -> dict:
    """search_timing.py, one fresh process per data folder (its word cache starts cold, as a server's does)."""
    out: dict = {}
    for name in names:
        folder = folders.get(name) or prepare(name, workdir)
        folders[name] = folder
        say(f"search: {name}, the index's build, then {cfg['search_repeats']} runs of each query")
        holder: dict = {}
        out[name] = timed(holder, "search", lambda folder=folder, name=name: run_json(
            ["tests/bench/search_timing.py", str(folder), "--repeats", str(cfg["search_repeats"])], 900, f"search {name}"))
        out[name]["context"] = holder["context"]["search"]
        run = out[name]
        say(f"  {name}: {run.get('rows_indexed')} rows, build {run.get('build_first_s')} s (first), "
            f"slowest query median {run.get('slowest_median_ms')} ms against {run.get('budget_ms')} ms {run.get('status', '')}")
    return out


def search_section(search: dict | None) -> list[str]:
    if not search:
        return []
    lines = ["", "## Search (issue 14)", "",
             "The search index (components/model/search.py) is built once per data folder and language, in the background "
             "after the first page a server draws (ui/dataset.py `warm_search`, `current_search`); a query is answered "
             "from it. Server side only, one fresh "
             "process per folder (tests/bench/search_timing.py); budget: first results within "
             f"{next((run.get('budget_ms') for run in search.values() if run.get('budget_ms')), 300)} ms of typing.", "",
             "| data | rows indexed | words | load CSVs | index build (first / median) | query median: place / prefix 'w' "
             "/ 'wiss' / two words / accented / one letter 'a' / 10,000 chars | slowest median | over budget | load avg before |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
    picks = ("Wissant", "w", "wiss", "grande synthe", "linière", "a")
    for name, run in search.items():
        if not run.get("queries_ms"):
            lines.append(f"| {name} | {run.get('status')} {str(run.get('output', ''))[:200]} | | | | | | | |")
            continue
        queries = run["queries_ms"]
        long = next((entry for query, entry in queries.items() if query.endswith("chars)")), {})
        medians = " / ".join(_fmt((queries.get(q) or {}).get("median"), "ms", 2) for q in picks)
        lines.append(
            f"| {name} | {_fmt(run.get('rows_indexed'))} | {_fmt(run.get('vocabulary'))} | {_fmt(run.get('load_s'), 's', 2)} "
            f"| {_fmt(run.get('build_first_s'), 's', 2)} / {_fmt(run.get('build_s_median'), 's', 2)} "
            f"| {medians} / {_fmt(long.get('median'), 'ms', 2)} | {_fmt(run.get('slowest_median_ms'), 'ms', 2)} "
            f"| {_fmt(run.get('slowest_over_budget'), '', 3)} "
            f"| {_fmt((run.get('context') or {}).get('load_avg_before'), '', 2)} |")
    return lines + ["", "The build is paid once per data and language, in the background: the page never waits for it, and "
                        "a viewer who searches before it ends waits for that build (the cache computes a key once). "
                        "'Over budget' is the slowest median over the budget (below 1 is within it).", ""]


def run_soak(cfg: dict) -> dict:
    """soak.py on the shipped data: the atlas, then the bare page as the reference."""
    out: dict = {}
    for label, flag in (("atlas", []), ("bare", ["--bare"])):
        say(f"soak: {label}, {cfg['soak_steps']} steps on the shipped data")
        holder: dict = {}
        out[label] = timed(holder, "soak", lambda flag=flag, label=label: run_json(
            ["tests/bench/soak.py", str(ROOT / "data"), *flag, "--steps", str(cfg["soak_steps"]), "--every", "50",
             *cfg["cache_flag"]], 240 + 3 * cfg["soak_steps"] + 60 * 8, f"soak {label}"))
        out[label]["context"] = holder["context"]["soak"]
        verdict = out[label].get("verdict") or {}
        say(f"  {label}: {out[label].get('status')}; heap growth {verdict.get('js_heap_growth_mb')} MB, "
            f"map elements {verdict.get('map_elements_start')} → {verdict.get('map_elements_end')}, "
            f"server RSS growth {verdict.get('server_rss_growth_mb')} MB")
    return out


LOAD_VIEWERS = {"full": "1,10,30", "quick": "1,10"}


def run_load(cfg: dict) -> dict:
    """loadgen.py on the shipped data: viewers x postScriptGC on/off x one server / 2 replicas, soak, py-spy."""
    mode = "quick" if cfg["quick"] else "full"
    steps, soak_steps = (5, 100) if cfg["quick"] else (10, 300)
    say(f"load: protocol-level viewers {LOAD_VIEWERS[mode]} x {steps} steps, GC on/off, 1 server / 2 replicas; "
        f"GC-off soak {soak_steps} steps; py-spy")
    holder: dict = {}
    out = timed(holder, "load", lambda: run_json(
        ["tests/bench/loadgen.py", str(ROOT / "data"), "--viewers", LOAD_VIEWERS[mode], "--steps", str(steps),
         "--soak-steps", str(soak_steps), "--profile-steps", "20"], 1500, "load"))
    out["context"] = holder["context"]["load"]
    for run in out.get("runs") or []:
        for s in run["scenarios"]:
            say(f"  GC {run['gc']}, {run['replicas']} server(s), {s['viewers']} viewers: p50 {s['p50_ms']} ms, "
                f"p95 {s['p95_ms']} ms, every viewer got its map {s['every_viewer_got_map']}")
    return out


OPEN_SETTINGS = {  # class_open.py: bursts per link, steps per viewer, opens and steps profiled
    "full": ["--bursts", "3", "--steps", "10", "--profile-opens", "30", "--profile-steps", "40"],
    "quick": ["--bursts", "1", "--link", "chapter=4", "--steps", "5", "--profile-opens", "20", "--profile-steps", "20"],
}


def run_open(cfg: dict) -> dict:
    """class_open.py on the shipped data: 30 viewers opening one link at once, then stepping with and without deaths."""
    mode = "quick" if cfg["quick"] else "full"
    say(f"open: 30 protocol-level viewers opening one link at once ({' '.join(OPEN_SETTINGS[mode])})")
    holder: dict = {}
    out = timed(holder, "open", lambda: run_json(
        ["tests/bench/class_open.py", str(ROOT / "data"), "--viewers", "30", *OPEN_SETTINGS[mode]], 900, "open"))
    out["context"] = holder["context"]["open"]
    for entry in out.get("bursts") or []:
        say(f"  {entry['link']} burst {entry['burst']}: connect → map median {entry['connect_to_map_ms']['median']} ms, "
            f"CPU {entry['server_cpu_ms_per_open']} ms an open, {entry['got_map']}/{entry['viewers']} maps")
    for entry in out.get("stepping") or []:
        say(f"  stepping, {entry['layers']}: p95 {entry['p95_ms']} ms, CPU {entry['server_cpu_ms_per_step']} ms a step")
    return out


def _top(profile: dict | None, what: str) -> list[str]:
    if not profile or not profile.get("atlas_inclusive"):
        return [f"- py-spy over {what}: {(profile or {}).get('status', 'not run')}"]
    own = "; ".join(f"`{name.split(' (')[0]}` {share * 100:.0f} %" for name, share in profile["atlas_inclusive"].items()
                    if not name.startswith(("run (", "render (")))
    libraries = "; ".join(f"{name} {share * 100:.0f} %" for name, share in profile["self_by_library"].items())
    return [f"- py-spy over {what} ({profile['script_thread_samples']} samples of the script thread): the atlas's "
            f"functions on the stack: {own}. Where the samples ran: {libraries}."]


def open_section(result: dict | None) -> list[str]:
    if not result:
        return []
    lines = ["", "## A class opening the link at once (protocol-level viewers, shipped data, one warm server)", ""]
    if not result.get("bursts"):
        return lines + [f"Not completed: {result.get('status')} {str(result.get('output', ''))[:300]}"]
    lines += ["tests/bench/class_open.py: loadgen.py's client. The server is started fresh and warmed by one viewer per "
              "link; then all viewers open the same link at the same moment. Per viewer, the time from opening the "
              "WebSocket to the map's element received, to the first run's end, and to the end of the run the map's "
              "`drawn` message starts (the whole page: the client sends it as the browser's map does); the server's CPU "
              "per open (both runs) is the process's CPU time over the burst, until it falls quiet, over the viewers "
              "(the event loop's share apart). "
              "'Alone' is one open at a time on the same server.", "",
              "| link | viewers | burst | connect → map median | p95 | max | connect → run end median "
              "| connect → whole page median | got the map | server CPU per open (event loop) | received per open "
              "| load avg before |",
              "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for entry in result.get("alone") or []:
        m = entry["connect_to_map_ms"]
        lines.append(f"| {entry['link']} | 1 | alone, {entry['opens']} opens | {_fmt(m['median'], 'ms')} "
                     f"| {_fmt(m['p95'], 'ms')} | {_fmt(m['max'], 'ms')} | – | – | {m['n']} of {entry['opens']} "
                     f"| {_fmt(entry['server_cpu_ms_per_open'], 'ms', 1)} | – "
                     f"| {_fmt(entry['load_avg_before'][0], '', 2)} |")
    for entry in result["bursts"]:
        m, end = entry["connect_to_map_ms"], entry["connect_to_run_end_ms"]
        whole = entry.get("connect_to_whole_page_ms") or {}
        lines.append(f"| {entry['link']} | {entry['viewers']} | {entry['burst']} | {_fmt(m['median'], 'ms')} "
                     f"| {_fmt(m['p95'], 'ms')} | {_fmt(m['max'], 'ms')} | {_fmt(end['median'], 'ms')} "
                     f"| {_fmt(whole.get('median'), 'ms')} "
                     f"| {entry['got_map']} of {entry['viewers']} | {_fmt(entry['server_cpu_ms_per_open'], 'ms', 1)} "
                     f"({_fmt(entry['event_loop_cpu_ms_per_open'], 'ms', 1)}) | {_kb(entry['received_per_open_bytes'])} "
                     f"| {_fmt(entry['load_avg_before'][0], '', 2)} |")
    stepping = result.get("stepping") or []
    if stepping:
        lines += ["", f"The deaths layer and the step budget: {result.get('viewers')} viewers stepping the slider at once "
                  "(loadgen.py's scenario), a fresh server each; budget p95 ≤ 1,000 ms.", "",
                  "| layers | link | step p50 | step p95 | got map (worst step) | server CPU per step (event loop) "
                  "| received per step | load avg before |", "|---|---|--:|--:|--:|--:|--:|--:|"]
        for s in stepping:
            maps = s.get("got_map_per_step") or []
            lines.append(f"| {s['layers']} | {s['link'] or '(default)'} | {_fmt(s.get('p50_ms'), 'ms')} "
                         f"| {_fmt(s.get('p95_ms'), 'ms')} | {min(maps) if maps else '–'} of {s['viewers']} "
                         f"| {_fmt(s.get('server_cpu_ms_per_step'), 'ms', 1)} "
                         f"({_fmt(s.get('event_loop_cpu_ms_per_step'), 'ms', 1)}) | {_kb(s.get('bytes_per_step_median'))} "
                         f"| {_fmt((s.get('load_avg_before') or [None])[0], '', 2)} |")
    opens, steps = result.get("profile_opens"), result.get("profile_steps")
    lines += [""]
    lines += _top(opens, f"{(opens or {}).get('opens', '–')} opens of {(opens or {}).get('link', '')} one after the other")
    lines += _top(steps, f"{(steps or {}).get('steps', '–')} steps of one viewer")
    return lines + [""]


def _load_rows(load: dict) -> list[str]:
    rows = []
    for run in load.get("runs") or []:
        where = "one server" if run["replicas"] == 1 else f"{run['replicas']} replicas behind nginx"
        for s in run["scenarios"]:
            maps = s.get("got_map_per_step") or []
            rows.append(
                f"| {s['viewers']} | {run['gc']} | {where} | {_fmt(s.get('p50_ms'), 'ms')} | {_fmt(s.get('p95_ms'), 'ms')} "
                f"| {min(maps) if maps else '–'} of {s['viewers']} | {s.get('steps_done')} of {s['viewers'] * s['steps_each']} "
                f"| {_fmt(s.get('server_cpu_ms_per_step'), 'ms')} ({_fmt(s.get('event_loop_cpu_ms_per_step'), 'ms')}) "
                f"| {_kb(s.get('bytes_per_step_median'))} "
                f"| {_fmt(s.get('rss_before_mb'), 'MB')} → {_fmt(s.get('rss_connected_mb'), 'MB')} "
                f"→ {_fmt(s.get('rss_after_mb'), 'MB')} | {_fmt(s.get('rss_per_viewer_mb'), 'MB', 2)} "
                f"| {' / '.join(str(n) for n in s.get('connections_per_replica') or []) or '–'} "
                f"| {_fmt((s.get('load_avg_before') or [None])[0], '', 2)} |")
    return rows


def load_section(load: dict | None) -> list[str]:
    if not load:
        return []
    lines = ["", "## A class: protocol-level viewers on the server (shipped data, no browser)", ""]
    if not load.get("runs"):
        return lines + [f"Not completed: {load.get('status')} {load.get('output', '')[:300]}"]
    budget = load.get("budget") or {}
    lines += [f"tests/bench/loadgen.py: each viewer is a WebSocket client speaking Streamlit's BackMsg / ForwardMsg; all "
              f"connect and get their first run, then all step the date slider {load.get('steps_each')} times back to back "
              "(last day / first day), started together. A step is timed from the rerun sent to `script_finished`; a viewer "
              "got its map when the step's deltas held the st_folium element. GC is Streamlit's `runner.postScriptGC` "
              "(off: `STREAMLIT_RUNNER_POST_SCRIPT_GC=false`). RSS is the server's VmRSS (both replicas summed) before "
              "connecting, with all connected, after the steps; per viewer = (connected − before) / viewers, after a "
              f"warm-up viewer. Budget: {budget.get('viewers')} viewers on one server, p95 ≤ {budget.get('p95_ms')} ms, "
              "every viewer gets its map.", "",
              "| viewers | GC | servers | step p50 | step p95 | got map (worst step) | steps done "
              "| server CPU per step (event loop) | received per step | server RSS before → connected → after "
              "| RSS per viewer | WebSocket connections per replica | load avg before |",
              "|--:|:-:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|", *_load_rows(load), ""]
    for key, v in (load.get("verdict") or {}).items():
        if isinstance(v, dict):
            lines.append(f"- {key.replace('_', ' ')}: p95 / budget {_fmt(v.get('p95_over_budget'), '×', 2)}, every viewer "
                         f"got its map: {_fmt(v.get('every_viewer_got_map'))} → {_mark(v.get('met'))}")
    lines.append(f"- All {budget.get('viewers')} stepping at once on one process (one core: the GIL) finish within "
                 f"{budget.get('p95_ms')} ms only if a step costs at most about "
                 f"{(budget.get('p95_ms') or 0) / max(1, budget.get('viewers') or 1):.0f} ms of server CPU.")
    sticky = next((run.get("stickiness") for run in load["runs"] if run.get("stickiness")), None)
    if sticky:
        lines.append(f"- Stickiness through nginx: {sticky['same_replica_twice']} of {sticky['cookies_probed']} page cookies "
                     f"sent two WebSockets to the same replica (per replica port: {sticky['with_cookie_per_port']}); "
                     f"WebSockets without the cookie: {sticky['without_cookie_per_port']} (hashed on nginx's $request_id).")
    soak = load.get("soak_gc_off")
    if soak:
        rss = " → ".join(f"{r['rss_mb']:.0f}" for r in soak["readings"])
        lines.append(f"- GC-off soak, one viewer, {soak['steps']} steps: server RSS {rss} MB every 50 steps, growth "
                     f"{_fmt(soak['rss_growth_mb'], 'MB', 1)} (≤ 60 MB: {_mark(soak['rss_growth_mb'] <= 60)}).")
    return lines + _profile_table(load.get("profile") or {})


def _profile_table(profiles: dict) -> list[str]:
    done = {gc: p for gc, p in profiles.items() if p.get("share")}
    if not done:
        return [f"- py-spy ({gc}): {p.get('status')}" for gc, p in profiles.items()]
    names = list(dict.fromkeys(name for p in done.values() for name in p["share"]))
    header = " | ".join(f"GC {gc}: {p['step_ms_median']} ms per step, {p['script_thread_samples']} samples"
                        for gc, p in done.items())
    first = next(iter(done.values()))
    return ["", f"py-spy on the server, one viewer, {first['steps']} steps (sampling at {first['sample_rate_hz']} Hz pauses the "
            "process, so steps are slower than above): the script thread's samples. The event loop's CPU is in the table above "
            "(it serialises and sends the messages).", "",
            f"| where the script thread's time goes | {header} |", "|---|" + "--:|" * len(done),
            *[f"| {name} | " + " | ".join(f"{p['share'].get(name, 0) * 100:.1f} %" for p in done.values()) + " |"
              for name in names]]


# ---------------------------------------------------------------------------------------------------------- main


def plan(only: set[str], quick: bool) -> dict:
    """What to run: the data sets (in order), those measured with the real app, and the other parts.
    Nothing named runs everything; ``bare`` brings the shipped data set's Chromium run of the atlas along."""
    allowed = ("shipped", "1k") if quick else tuple(DATASETS)
    if not only:
        return {"datasets": list(allowed), "real": list(allowed), "naive": True, "bare": True, "concurrency": True,
                "soak": True, "load": True, "open": True, "search": list(SEARCH_DATASETS["quick" if quick else "full"])}
    named = [name for name in DATASETS if name in only]
    datasets = named or ([] if "naive" not in only else list(allowed))
    if "bare" in only and "shipped" not in datasets:
        datasets.insert(0, "shipped")
    search = (named or list(SEARCH_DATASETS["quick" if quick else "full"])) if "search" in only else []
    return {"datasets": datasets, "real": named, "naive": "naive" in only, "bare": "bare" in only,
            "concurrency": "concurrency" in only, "soak": "soak" in only, "load": "load" in only, "open": "open" in only,
            "search": search}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="shipped data + 1k only, 10 steps, 8 viewers")
    parser.add_argument("--only", default="", help=f"comma-separated parts: {', '.join(PARTS)}")
    parser.add_argument("--steps", type=int, help="browser slider steps per run (default 20; 10 with --quick)")
    parser.add_argument("--reruns", type=int, help="AppTest reruns per pair of days (default 10)")
    parser.add_argument("--viewers", type=int, help="concurrent viewers (default 30; 8 with --quick)")
    parser.add_argument("--soak-steps", type=int, help="slider steps of the soak, even (default 300; 100 with --quick)")
    parser.add_argument("--message-cache", action="store_true",
                        help="keep Streamlit's browser-side message cache on in the browser runs "
                             "(off by default: see browser_timing.py)")
    parser.add_argument("--out-json", type=Path, default=RESULTS_JSON, help=f"default: {RESULTS_JSON.relative_to(ROOT)}")
    parser.add_argument("--out-md", type=Path, default=RESULTS_MD, help=f"default: {RESULTS_MD.relative_to(ROOT)}")
    parser.add_argument("--keep-data", type=Path, help="write the synthetic folders here and keep them")
    args = parser.parse_args(argv)

    only = {part.strip() for part in args.only.split(",") if part.strip()}
    unknown = only - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s) {', '.join(sorted(unknown))}; choose from {', '.join(PARTS)}")
    if args.soak_steps is not None and (args.soak_steps < 2 or args.soak_steps % 2):
        parser.error("--soak-steps must be even (every reading on the slider's first day)")
    chosen = plan(only, args.quick)
    datasets, real, naive = chosen["datasets"], chosen["real"], chosen["naive"]
    concurrency = chosen["concurrency"]
    cfg = {"quick": args.quick, "steps": args.steps or (10 if args.quick else 20), "reruns": args.reruns or 10,
           "viewers": args.viewers or (8 if args.quick else 30), "concurrent_steps": 5,
           "soak_steps": args.soak_steps or (100 if args.quick else 300),
           "search_repeats": 21,
           "streamlit_message_cache": args.message_cache, "cache_flag": ["--message-cache"] if args.message_cache else []}

    results: dict = {}
    out_json, out_md = args.out_json.resolve(), args.out_md.resolve()
    if only and out_json.exists():
        with contextlib.suppress(json.JSONDecodeError):
            results = json.loads(out_json.read_text())
    results.setdefault("datasets", {})
    results.update({"generated_at": dt.datetime.now().isoformat(timespec="seconds"),
                    "mode": ("quick" if args.quick else "full") + (f" (only {','.join(sorted(only))}, merged)" if only else ""),
                    "settings": cfg, "machine": machine()})
    say(f"benchmark: data sets {', '.join(datasets) or 'none'}; real app on {', '.join(real) or 'none'}; "
        f"naive {'yes' if naive else 'no'}; bare {'yes' if chosen['bare'] else 'no'}; "
        f"concurrency {'yes' if concurrency else 'no'}; soak {'yes' if chosen['soak'] else 'no'}; "
        f"load {'yes' if chosen['load'] else 'no'}; open {'yes' if chosen['open'] else 'no'}; "
        f"search on {', '.join(chosen['search']) or 'none'}; "
        f"{cfg['steps']} steps, {cfg['reruns']} reruns, {cfg['viewers']} viewers")
    host = results["machine"]
    say(f"machine: {host['cpu']}, {host['cores']} cores, {host['ram_gb']} GB, {host['chromium']}")

    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        workdir = args.keep_data or Path(tmp)
        folders: dict[str, Path] = {}
        for name in datasets:
            say(f"data set {name}")
            folder = folders[name] = prepare(name, workdir)
            with_naive = naive and (name in ("shipped", "1k") or not args.quick)
            entry = measure_dataset(name, folder, cfg, name in real, with_naive, chosen["bare"] and name == "shipped")
            previous = results["datasets"].get(name, {})
            merged = {**previous, **entry} if only else entry
            results["datasets"][name] = finish_entry(merged)
            out_json.write_text(json.dumps(results, indent=2) + "\n")  # partial results survive an interrupted run
        if concurrency:
            say(f"concurrency: {cfg['viewers']} viewers x {cfg['concurrent_steps']} steps on the shipped data")
            holder: dict = {}
            results["concurrency"] = timed(holder, "concurrency", lambda: run_json(
                ["tests/bench/concurrency.py", str(ROOT / "data"), "--viewers", str(cfg["viewers"]),
                 "--steps", str(cfg["concurrent_steps"])],
                900, "concurrency"))
            results["concurrency"]["context"] = holder["context"]["concurrency"]
            conc = results["concurrency"]
            say(f"  every viewer got its map: {conc.get('every_viewer_got_map')} "
                f"({conc.get('viewers_with_map')}/{conc.get('viewers_run')}); "
                f"slider p95 {conc.get('slider_ms_p95')} ms; RSS per viewer {conc.get('rss_per_viewer_mb')} MB")

        if chosen["soak"]:
            results["soak"] = run_soak(cfg)
            out_json.write_text(json.dumps(results, indent=2) + "\n")
        if chosen["load"]:
            results["load"] = run_load(cfg)
            out_json.write_text(json.dumps(results, indent=2) + "\n")
        if chosen["open"]:
            results["open"] = run_open(cfg)
            out_json.write_text(json.dumps(results, indent=2) + "\n")
        if chosen["search"]:
            results["search"] = {**(results.get("search") or {}), **run_search(cfg, chosen["search"], folders, workdir)}
            out_json.write_text(json.dumps(results, indent=2) + "\n")

    results["duration_s"] = round(time.perf_counter() - T0)
    results["json_file"] = out_json.relative_to(ROOT).as_posix() if out_json.is_relative_to(ROOT) else str(out_json)
    results["notes"] = notes(results)
    out_json.write_text(json.dumps(results, indent=2) + "\n")
    out_md.write_text(markdown(results))
    say(f"wrote {out_json} and {out_md}")
    print()
    print(out_md.read_text())
    return 0


def notes(results: dict) -> list[str]:
    """Plain observations derived from the numbers (oddities worth a line in BENCHMARKS.md)."""
    out = []
    for name, entry in results.get("datasets", {}).items():
        for part in ("browser", "naive"):
            run = entry.get(part) or {}
            if run and run.get("status") != "ok":
                out.append(f"{name}, {'naive baseline' if part == 'naive' else 'real app'} in Chromium: {run.get('status')}.")
            if part == "browser" and run.get("iframe_reloaded"):
                out.append(f"{name}: the real app's map iframe was remounted during the slider steps.")
        app = entry.get("apptest") or {}
        if app.get("error"):
            out.append(f"{name}: AppTest failed: {app['error']}")
        if (entry.get("load") or {}).get("problems"):
            out.append(f"{name}: the folder reported {entry['load']['problems']} problems.")
        rerun = (app.get("rerun_ms_mid") or {}).get("median")
        cpu = (app.get("rerun_cpu_ms_mid") or {}).get("median")
        if rerun and cpu and rerun > 1.5 * cpu:
            out.append(f"{name}: the AppTest rerun took {rerun:,.0f} ms of wall time for {cpu:,.0f} ms of CPU: "
                       "the machine was busy with other work during that measurement; "
                       "the browser numbers of the same data set may be inflated too.")
    codes = {part.get("code") for entry in results.get("datasets", {}).values() for part in (entry.get("context") or {}).values()}
    codes.discard(None)
    if len(codes) > 1:
        out.append(f"The app's code changed while the results were collected ({len(codes)} versions of app.py + components/: "
                   f"{', '.join(sorted(codes))}); compare data sets measured on the same version.")
    conc = results.get("concurrency") or {}
    if conc and conc.get("viewers_run") is not None and not conc.get("every_viewer_got_map"):
        out.append(f"Concurrency: only {conc.get('viewers_with_map')} of {conc.get('viewers_run')} viewers got a map.")
    return out + bare_and_soak_notes(results) + search_notes(results)


def search_notes(results: dict) -> list[str]:
    out = []
    for name, run in (results.get("search") or {}).items():
        if run.get("status") and not run.get("queries_ms"):
            out.append(f"Search, {name}: {run['status']}.")
        elif (run.get("slowest_over_budget") or 0) > 1:
            out.append(f"Search, {name}: the slowest query's median, {run['slowest_median_ms']} ms, is over the "
                       f"{run['budget_ms']} ms budget.")
    return out


def bare_and_soak_notes(results: dict) -> list[str]:
    out = []
    for name, entry in results.get("datasets", {}).items():
        bare = entry.get("bare")
        if bare and bare.get("status") != "ok":
            out.append(f"{name}, bare reference page in Chromium: {bare.get('status')}.")
    for label, run in (results.get("soak") or {}).items():
        if run.get("status") != "ok":
            out.append(f"Soak, {label}: {run.get('status')}.")
        out += _soak_verdict_notes(label, run.get("verdict") or {})
    return out


def _soak_verdict_notes(label: str, v: dict) -> list[str]:
    out = []
    if v.get("same_date") is False:
        out.append(f"Soak, {label}: the first and last readings were not on the same date.")
    styles = (v.get("theme_styles_end") or 0) - (v.get("theme_styles_start") or 0)
    elements = (v.get("map_elements_end") or 0) - (v.get("map_elements_start") or 0)
    if elements > 0 and styles >= elements:
        out.append(f"Soak, {label}: the map iframe's {elements} extra elements are all Streamlit theme <style> elements "
                   f"(one per render, appended by the component library bundled in streamlit-folium).")
    stale = v.get("stale_layer_controls_end")
    if stale:
        out.append(f"Soak, {label}: {stale} layer controls no longer on the map still had a 'click' listener on it "
                   f"(Leaflet's collapsed Control.Layers); dropping them brought the heap growth from "
                   f"{v.get('js_heap_growth_mb')} to {v.get('js_heap_growth_after_dropping_then_layer_controls_mb')} MB.")
    return out


if __name__ == "__main__":
    sys.exit(main())
