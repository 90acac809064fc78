"""Server-side timings for the benchmark, without a browser: load + validate, and the page's rerun under AppTest.

    python tests/bench/server_timing.py DATA_DIR [--reruns 10] [--loads 3]   # prints one JSON line

Run by tests/bench/run.py in a fresh process per data folder, so Streamlit's caches and the date parser's
lru_cache start cold for each folder and memory does not pile up across folders.

- load: ``load_dataset(folder)`` three times in a row (the first run parses every distinct date; later runs hit
  the parser's cache, as a long-running server does after its first load).
- AppTest: the real app.py with CALAIS_ATLAS_DATA set. ``first_run_s`` includes loading the data into the
  cache; a rerun is ``slider.set_value(day); at.run()``, alternating two mid-range days (10 reruns), then the
  slider's last and first days (6 reruns), the days the browser steps between.
- map payload: the st_folium component's ``json_args`` as sent to the browser, in bytes, with its parts.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

SLIDER_KEY = "atlas.date"
MID_DAYS = (date(2016, 1, 20), date(2015, 6, 20))  # the app's default day, and five months earlier: both in the dense years
PARTS = ("script", "feature_group", "header", "html", "layer_control")


def _ms(values: list[float]) -> dict:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median": round(statistics.median(values) * 1000, 1), "p95": round(p95 * 1000, 1),
            "min": round(ordered[0] * 1000, 1), "max": round(ordered[-1] * 1000, 1), "n": len(values)}


def load_times(folder: Path, repeats: int = 3) -> dict:
    from calais_atlas.data.loader import load_dataset

    samples, dataset = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        dataset = load_dataset(folder)
        samples.append(time.perf_counter() - started)
    size = sum(path.stat().st_size for path in folder.glob("*.csv"))
    return {"load_s_median": round(statistics.median(samples), 3), "load_s_samples": [round(s, 3) for s in samples],
            "rows": dataset.row_counts(), "problems": len(dataset.problems), "csv_bytes": size}


def _map_payload(at) -> dict:
    components = [c for c in at.get("component_instance") if c.proto.component_name == "streamlit_folium.st_folium"]
    if not components:
        return {"error": "no st_folium component on the page"}
    raw = components[0].proto.json_args
    args = json.loads(raw)
    parts = {name: len((args.get(name) or "").encode()) for name in PARTS}
    groups = args.get("feature_group") or ""
    return {
        "json_args_bytes": len(raw.encode()),
        "parts_bytes": parts,
        "script_feature_group_header_html_bytes": sum(parts[name] for name in ("script", "feature_group", "header", "html")),
        "map_items": len(re.findall(r'"type": ?"(?:circle|ring|icon)"', groups)),
        "st_folium_count": len(components),
    }


def _failed(at) -> str | None:
    if at.exception:
        return "; ".join(str(e.message)[:300] for e in at.exception)
    errors = [e.value for e in at.error if "Something went wrong" in str(e.value)]
    return errors[0][:300] if errors else None


def apptest_times(folder: Path, reruns: int = 10, reruns_ends: int = 6) -> dict:
    os.environ["CALAIS_ATLAS_DATA"] = str(folder)
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    started = time.perf_counter()
    at.run()
    result: dict = {"first_run_s": round(time.perf_counter() - started, 3)}
    failure = _failed(at)
    if failure:
        return {**result, "error": failure}
    from calais_atlas.data.loader import load_dataset
    from calais_atlas.model.timeline import data_span

    span = data_span(load_dataset(folder).tables)  # the slider's range, as the page computes it
    first, last = span.first, span.last
    result["slider_range"] = [first.isoformat(), last.isoformat()]

    def clip(day: date) -> date:
        return min(max(day, first), last)

    payloads = {}
    for label, days, count in (("mid", tuple(clip(d) for d in MID_DAYS), reruns), ("ends", (last, first), reruns_ends)):
        samples, cpu = [], []
        for index in range(count):
            day = days[index % 2]
            at.slider(key=SLIDER_KEY).set_value(day)
            started, cpu_started = time.perf_counter(), time.process_time()
            at.run()
            samples.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
            failure = _failed(at)
            if failure:
                return {**result, "error": f"rerun at {day}: {failure}"}
            if index < 2:
                payloads[day.isoformat()] = _map_payload(at)
        result[f"rerun_ms_{label}"] = _ms(samples)
        # CPU time of this process over the same reruns: well below the wall time means the machine was busy elsewhere.
        result[f"rerun_cpu_ms_{label}"] = _ms(cpu)
        result[f"rerun_days_{label}"] = [d.isoformat() for d in days]
    result["rerun_ms_median"] = result["rerun_ms_mid"]["median"]
    result["map_payload"] = payloads
    default_day = clip(MID_DAYS[0]).isoformat()
    result["map_payload_default_day"] = payloads.get(default_day)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load and AppTest timings for one data folder (one JSON line).")
    parser.add_argument("data", type=Path)
    parser.add_argument("--reruns", type=int, default=10, help="reruns alternating the two mid-range days")
    parser.add_argument("--reruns-ends", type=int, default=6, help="reruns alternating the slider's last and first days")
    parser.add_argument("--loads", type=int, default=3)
    parser.add_argument("--part", choices=("load", "apptest", "both"), default="both",
                        help="run.py runs each part in its own process, so neither warms the other's caches")
    args = parser.parse_args(argv)
    folder = args.data.resolve()
    result: dict = {"data": str(folder)}
    if args.part in ("load", "both"):
        result["load"] = load_times(folder, args.loads)
    if args.part in ("apptest", "both"):
        try:
            result["apptest"] = apptest_times(folder, args.reruns, args.reruns_ends)
        except Exception as err:  # noqa: BLE001 - report, do not hide
            result["apptest"] = {"error": f"{type(err).__name__}: {err}"[:500]}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
