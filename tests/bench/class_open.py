"""A class opening the teacher's link at once, on one warm server: protocol-level viewers, no browser.

    python tests/bench/class_open.py [DATA_DIR] [--viewers 30] [--link chapter=4 --link date=2021-11-24] [--bursts 2]
                                     [--steps 10] [--profile-opens 20] [--profile-steps 20]   # prints one JSON line

Each viewer is loadgen.py's WebSocket client (Streamlit's own BackMsg / ForwardMsg). One server, started fresh and
warmed by one viewer who opens each link and steps the slider twice (the data read, validated and prepared once, as
after the teacher's own check of the link). Then, per link and per burst, all viewers connect at the same moment with
the same link and ask for their first run; per viewer, the time from opening the WebSocket to the map's element
received (what a pupil waits for), and to the run's end. The server's CPU per open is the process's CPU time over the
burst, until it falls quiet, divided by the viewers; the event loop's share (the main thread: WebSocket I/O and
serialising) is given apart.

The deaths layer's weight on the step budget: ``--steps`` slider steps by all viewers at once (loadgen.scenario), on a
fresh server each, with every layer (the default) and with every layer but ``deaths``.

Profiles (py-spy, 200 Hz, the script thread's samples): ``--profile-opens`` opens one after the other on the warm
server, and ``--profile-steps`` steps of one viewer. Each lists the atlas's functions by the share of samples they are
on the stack (inclusive) and the libraries by the share of samples in their own code. One open alone, without the
crowd, also gives the server's CPU per open without contention.

The machine is shared: the 1-minute load average is given before every measurement.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from browser_timing import app_server, stop_on_sigterm  # noqa: E402
from loadgen import IDLE, Viewer, cpu_s, load_avg, open_viewer, percentile, scenario, step_all  # noqa: E402

from serve import ROOT  # noqa: E402

LINKS = ("chapter=4", "date=2021-11-24")
WITHOUT_DEATHS = "layers=sites,events,captions,context"
SAMPLE_HZ = 200
OWN = "(components/"  # the atlas's frames in py-spy's stacks (the package's folder; it is imported as calais_atlas)


def _stats(values: list[float]) -> dict:
    if not values:
        return {"median": None, "p95": None, "max": None, "n": 0}
    return {"median": round(statistics.median(values), 1), "p95": percentile(values, 0.95),
            "max": round(max(values), 1), "n": len(values)}


async def _quiet_cpu(pid: int, since: float, settle: float = 0.25, timeout: float = 15.0) -> float:
    """The process's CPU seconds from ``since`` until it stops working (a quarter second with under 5 ms of CPU)."""
    deadline = time.monotonic() + timeout
    last = cpu_s([pid])
    while time.monotonic() < deadline:
        await asyncio.sleep(settle)
        now = cpu_s([pid])
        if now - last < 0.005:
            return now - since
        last = now
    return cpu_s([pid]) - since


async def _one_open(url: str, query: str, start: asyncio.Event) -> dict:
    await start.wait()
    began = time.perf_counter()
    viewer = Viewer(url, query=query)
    try:
        await viewer.connect()
        connected = (time.perf_counter() - began) * 1000
        first = await viewer.run()
        total = (time.perf_counter() - began) * 1000
        whole = await viewer.drawn()  # as the browser's map does once its first step is painted
    except Exception as err:  # noqa: BLE001 - a viewer without a map is a result
        await viewer.close()
        return {"error": f"{type(err).__name__}: {err}"[:300]}
    return {"viewer": viewer, "connect_ms": connected, "map_ms": connected + first["map_ms"] if first.get("map") else None,
            "finished_ms": total, "whole_ms": (time.perf_counter() - began) * 1000,
            "bytes": first["bytes"] + whole["bytes"], "errors": first["errors"] + whole["errors"]}


async def burst(url: str, pid: int, viewers: int, query: str) -> dict:
    """``viewers`` sessions opening ``?query`` at the same moment."""
    load_before, start = load_avg(), asyncio.Event()
    tasks = [asyncio.create_task(_one_open(url, query, start)) for _ in range(viewers)]
    await asyncio.sleep(0.2)  # every task waiting on the event
    cpu_before, loop_before = cpu_s([pid]), cpu_s([pid], main_thread_only=True)
    start.set()
    opened = await asyncio.gather(*tasks)
    cpu_to_last = cpu_s([pid]) - cpu_before
    cpu = await _quiet_cpu(pid, cpu_before)
    loop_cpu = cpu_s([pid], main_thread_only=True) - loop_before
    for entry in opened:
        if "viewer" in entry:
            await entry.pop("viewer").close()
    ok = [o for o in opened if o.get("map_ms") is not None]
    errors = [o["error"] for o in opened if "error" in o] + [e for o in opened for e in o.get("errors", [])]
    return {
        "link": "?" + query, "viewers": viewers, "got_map": len(ok),
        "connect_to_map_ms": _stats([o["map_ms"] for o in ok]),
        "connect_to_run_end_ms": _stats([o["finished_ms"] for o in opened if "finished_ms" in o]),
        "connect_to_whole_page_ms": _stats([o["whole_ms"] for o in opened if "whole_ms" in o]),
        "connect_ms": _stats([o["connect_ms"] for o in opened if "connect_ms" in o]),
        "received_per_open_bytes": round(statistics.median([o["bytes"] for o in opened if "bytes" in o] or [0])),
        "server_cpu_s": round(cpu, 3), "server_cpu_ms_per_open": round(cpu * 1000 / viewers, 1),
        "server_cpu_ms_per_open_to_last_run_end": round(cpu_to_last * 1000 / viewers, 1),
        "event_loop_cpu_ms_per_open": round(loop_cpu * 1000 / viewers, 1),
        "load_avg_before": load_before, "errors": errors[:5], "error_count": len(errors),
    }


async def alone(url: str, pid: int, query: str, opens: int = 10) -> dict:
    """One open at a time: the server's CPU per open without a crowd (all of them over their number: /proc counts CPU
    in ticks of 10 ms), and connect → map."""
    load_before, maps, cpu = load_avg(), [], 0.0
    for _ in range(opens):
        before = cpu_s([pid])
        entry = await _one_open(url, query, _set(asyncio.Event()))
        if "viewer" in entry:
            await entry.pop("viewer").close()
        cpu += await _quiet_cpu(pid, before)
        if entry.get("map_ms") is not None:
            maps.append(entry["map_ms"])
    return {"link": "?" + query, "opens": opens, "connect_to_map_ms": _stats(maps),
            "server_cpu_ms_per_open": round(cpu * 1000 / opens, 1), "load_avg_before": load_before}


def _set(event: asyncio.Event) -> asyncio.Event:
    event.set()
    return event


async def warm(url: str, links: list[str]) -> None:
    for query in ["", *links]:
        viewer = await open_viewer(url, cookies=False, query=query)
        await step_all(viewer, 2, _set(asyncio.Event()))
        await viewer.close()
    await asyncio.sleep(1.0)


# ------------------------------------------------------------------------------------------------ profiles

_LINE = re.compile(r":\d+\)$")


def _frame(frame: str) -> str:
    return _LINE.sub(")", frame)


def _library(frame: str) -> str:
    match = re.search(r"\(([^/):]+)/", frame)
    return "the atlas (components/)" if OWN in frame else match.group(1) if match else frame.split(" ", 1)[0]


def top_frames(raw: str, own: int = 15, libraries: int = 8) -> dict:
    """The script thread's samples: the atlas's functions by the share of samples they are on the stack in (each
    counted once per sample), and where the samples end (the library whose own code was running)."""
    inclusive, ends, total = Counter(), Counter(), 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit() or "_run_script" not in stack or any(n in stack.rsplit(";", 1)[-1] for n in IDLE):
            continue
        n, frames = int(count), stack.split(";")
        total += n
        for frame in {_frame(f) for f in frames if OWN in f}:
            inclusive[frame] += n
        ends[_library(frames[-1])] += n
    share = lambda c: {k: round(v / total, 3) for k, v in c} if total else {}  # noqa: E731
    return {"script_thread_samples": total, "atlas_inclusive": share(inclusive.most_common(own)),
            "self_by_library": share(ends.most_common(libraries))}


async def _profiled(pid: int, work) -> tuple[dict, float]:
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(py_spy).exists():
        return {"status": "py-spy not installed"}, 0.0
    with tempfile.TemporaryDirectory() as tmp:
        out_file = Path(tmp, "raw.txt")
        spy = subprocess.Popen([py_spy, "record", "--pid", str(pid), "-o", str(out_file), "-f", "raw", "-r", str(SAMPLE_HZ),
                                "--threads"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        await asyncio.sleep(1.5)
        started = time.perf_counter()
        await work()
        wall = time.perf_counter() - started
        spy.send_signal(signal.SIGINT)
        _, err = await asyncio.to_thread(spy.communicate, timeout=60)
        if not out_file.exists():
            return {"status": f"py-spy failed: {err[-500:]}"}, wall
        return {"status": "ok", "sample_rate_hz": SAMPLE_HZ, **top_frames(out_file.read_text())}, wall


async def profile_opens(url: str, pid: int, query: str, opens: int) -> dict:
    async def work():
        for _ in range(opens):
            viewer = await open_viewer(url, cookies=False, query=query)
            await viewer.close()

    result, wall = await _profiled(pid, work)
    return {"link": "?" + query, "opens": opens, "wall_s": round(wall, 2), **result}


async def profile_steps(url: str, pid: int, steps: int) -> dict:
    viewer = await open_viewer(url, cookies=False)
    _, low, high, _ = viewer.slider
    await viewer.run(high)
    latencies = []

    async def work():
        for index in range(steps):
            latencies.append((await viewer.run(low if index % 2 == 0 else high))["ms"])

    result, wall = await _profiled(pid, work)
    await viewer.close()
    return {"steps": steps, "wall_s": round(wall, 2), "step_ms_median": round(statistics.median(latencies or [0]), 1),
            **result}


# ------------------------------------------------------------------------------------------------ main


async def main_async(args) -> dict:
    progress = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    result: dict = {"data": str(args.data), "viewers": args.viewers, "links": ["?" + q for q in args.link],
                    "load_avg_start": load_avg(), "bursts": [], "alone": [], "stepping": []}
    with app_server(args.data) as (url, process, _):
        await warm(url, args.link)
        for query in args.link:
            result["alone"].append(await alone(url, process.pid, query))
            progress(f"    one open at a time, ?{query}: connect → map {result['alone'][-1]['connect_to_map_ms']['median']} ms, "
                     f"CPU {result['alone'][-1]['server_cpu_ms_per_open']} ms")
        for index in range(args.bursts):
            for query in args.link:
                entry = {**await burst(url, process.pid, args.viewers, query), "burst": index + 1}
                result["bursts"].append(entry)
                progress(f"    burst {index + 1}, {args.viewers} × ?{query}: connect → map median "
                         f"{entry['connect_to_map_ms']['median']} ms, p95 {entry['connect_to_map_ms']['p95']} ms, "
                         f"max {entry['connect_to_map_ms']['max']} ms; whole page median "
                         f"{entry['connect_to_whole_page_ms']['median']} ms; CPU {entry['server_cpu_ms_per_open']} ms an open; "
                         f"{entry['got_map']}/{args.viewers} maps; load {entry['load_avg_before'][0]}")
                await asyncio.sleep(1.0)
        if args.profile_opens:
            result["profile_opens"] = await profile_opens(url, process.pid, args.link[0], args.profile_opens)
            progress(f"    py-spy over {args.profile_opens} opens: {result['profile_opens'].get('status')}")
        if args.profile_steps:
            result["profile_steps"] = await profile_steps(url, process.pid, args.profile_steps)
            progress(f"    py-spy over {args.profile_steps} steps: {result['profile_steps'].get('status')}")
    if args.steps:
        for label, query in (("every layer", ""), ("without deaths", WITHOUT_DEATHS)):
            with app_server(args.data) as (url, process, _):
                await warm(url, [query] if query else [])
                entry = {"layers": label, "link": "?" + query if query else "",
                         **await scenario(url, [process.pid], args.viewers, args.steps, query=query)}
            result["stepping"].append(entry)
            progress(f"    {args.viewers} stepping, {label}: p50 {entry['p50_ms']} ms, p95 {entry['p95_ms']} ms, "
                     f"CPU {entry['server_cpu_ms_per_step']} ms a step; load {entry['load_avg_before'][0]}")
    result["load_avg_end"] = load_avg()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A class opening one link at once (one JSON line).")
    parser.add_argument("data", nargs="?", type=Path, default=ROOT / "data")
    parser.add_argument("--viewers", type=int, default=30)
    parser.add_argument("--link", action="append", help=f"query string without '?', repeatable (default: {', '.join(LINKS)})")
    parser.add_argument("--bursts", type=int, default=2, help="bursts per link")
    parser.add_argument("--steps", type=int, default=10, help="slider steps per viewer, with and without deaths (0: skip)")
    parser.add_argument("--profile-opens", type=int, default=20, help="py-spy over this many opens (0: skip)")
    parser.add_argument("--profile-steps", type=int, default=20, help="py-spy over this many steps (0: skip)")
    args = parser.parse_args(argv)
    args.data = args.data.resolve()
    args.link = args.link or list(LINKS)
    stop_on_sigterm()
    print(json.dumps(asyncio.run(main_async(args))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
