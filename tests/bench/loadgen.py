"""A class on one server: protocol-level viewers stepping the date slider at once, without a browser.

    python tests/bench/loadgen.py [DATA_DIR] [--viewers 1,10,30] [--steps 10] [--gc on,off] [--replicas 1,2]
                                  [--soak-steps 300] [--profile-steps 20]        # prints one JSON line

Each virtual viewer is a WebSocket client speaking Streamlit's own protocol (the BackMsg / ForwardMsg protobufs that
the streamlit package ships): it connects to /_stcore/stream, asks for a first run, finds the date slider by its key
(its element id ends with ``-atlas.date``), then steps it between the slider's last and first days, so the map
changes at every step. A step is timed from sending the rerun to the ``script_finished`` message; it "got its map"
when the step's deltas hold the map element (a component instance whose name contains ``folium``, whatever the page's
layout). If the slider sits in a fragment, the rerun names that fragment, as the browser does. After its first run, a
viewer sends what the browser's map sends once its first step is painted (the map component's value, a `drawn`
message: static/atlas/PROTOCOL.md), and gets the run that draws the whole page, before it steps.

Scenarios: for each ``--gc`` setting (Streamlit's ``runner.postScriptGC``; off is STREAMLIT_RUNNER_POST_SCRIPT_GC=false)
a fresh server, one warm-up viewer (so the cached data counts once), then for each viewer count: all viewers connect and
get their first run, then all step ``--steps`` times back to back, started together. Server memory is VmRSS of the
streamlit process(es) before connecting, with every viewer connected and after the steps.
``--replicas 2`` runs the largest count again against two servers behind a copy of .deploy/nginx.conf (ports rewritten
to free ones); each viewer first loads the page and keeps the cookie nginx sets, as a browser does.
The soak (GC off): one viewer, ``--soak-steps`` steps, RSS every 50. ``--profile-steps``: py-spy samples the server
during that many steps of one viewer, GC on and off, and its non-idle samples are grouped by thread and library.

Streamlit's message cache stays at its default: the server replaces a large message by a reference only when the
client lists the message's hash as cached (ClientState.cached_message_hashes), and these clients list none, so every
step carries the map in full, as for a viewer reaching a new date. The count of reference messages received is
reported to show it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from browser_timing import app_server, stop_on_sigterm  # noqa: E402

from calais_atlas.map.protocol import VERSION  # noqa: E402
from serve import ROOT, free_port, wait_healthy  # noqa: E402

SLIDER_KEY = "atlas.date"
MAP_COMPONENT = "folium"
GC_OFF = {"STREAMLIT_RUNNER_POST_SCRIPT_GC": "false"}
NGINX = "/usr/sbin/nginx"
NGINX_CONF = ROOT / ".deploy" / "nginx.conf"
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
            ForwardMsg.FINISHED_WITH_COMPILE_ERROR}
BUDGET = {"viewers": 30, "p95_ms": 1000}
APP = ["app.py"]  # the script served; --app swaps it for an experiment


class Viewer:
    """One Streamlit session over one WebSocket."""

    def __init__(self, base_url: str, cookie: str | None = None, key: str = SLIDER_KEY, component: str = MAP_COMPONENT,
                 query: str = ""):
        self.ws_url = base_url.replace("http", "ws", 1) + "/_stcore/stream"
        self.cookie, self.key, self.component = cookie, key, component
        self.query = query  # the link's query string (without "?"), sent with every run as the browser does
        self.ws = None
        self.page_hash = ""
        self.slider = None  # (widget id, min µs, max µs, fragment id)
        self.map_widget = None  # (widget id, fragment id) of the map component
        self.steps: list[dict] = []
        self.last_map = None

    async def connect(self) -> None:
        headers = {"Cookie": self.cookie} if self.cookie else None
        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit", "PLACEHOLDER_AUTH_TOKEN"],
                                           additional_headers=headers, max_size=None, open_timeout=120,
                                           ping_interval=None, compression=None)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def run(self, value: float | None = None, timeout: float = 300.0) -> dict:
        """One script run: the first (no widget state) or a slider step to ``value`` (µs since 1970-01-01 UTC)."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string, state.page_script_hash = self.query, self.page_hash
        if value is not None:
            widget_id, _, _, fragment = self.slider
            widget = state.widget_states.widgets.add()
            widget.id = widget_id
            widget.double_array_value.data.append(value)
            if fragment:
                state.fragment_id = fragment
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        out = await asyncio.wait_for(self._read_run(started), timeout)
        # Streamlit echoes no slider value set from the browser: the step changed the date when the map's arguments did.
        out["map_changed"] = out.get("map_digest") != self.last_map
        self.last_map = out.get("map_digest")
        return out

    async def drawn(self, timeout: float = 300.0) -> dict:
        """What the browser's map sends once its first step is painted; the run it starts draws the whole page."""
        if self.map_widget is None:
            raise RuntimeError("no map component in the first run")
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string, state.page_script_hash = self.query, self.page_hash
        widget_id, fragment = self.map_widget
        widget = state.widget_states.widgets.add()
        widget.id = widget_id
        widget.json_value = json.dumps({"v": VERSION, "seq": 1, "kind": "drawn"})
        if fragment:
            state.fragment_id = fragment
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        out = await asyncio.wait_for(self._read_run(started), timeout)
        self.last_map = out.get("map_digest", self.last_map)
        return out

    async def _read_run(self, started: float) -> dict:
        out = {"bytes": 0, "messages": 0, "map": False, "map_bytes": 0, "ref_hash": 0, "errors": [], "started": started}
        while True:
            raw = await self.ws.recv()
            out["bytes"] += len(raw)
            out["messages"] += 1
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fwd.new_session.page_script_hash or self.page_hash
            elif kind == "ref_hash":
                out["ref_hash"] += 1
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                self._element(fwd.delta, out)
            elif kind == "script_finished" and fwd.script_finished in FINISHED:
                out["ms"] = (time.perf_counter() - started) * 1000
                out["status"] = ForwardMsg.ScriptFinishedStatus.Name(fwd.script_finished)
                return out

    def _element(self, delta, out: dict) -> None:
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "slider" and element.slider.id.endswith("-" + self.key):
            s = element.slider
            self.slider = (s.id, min(s.min, s.max), max(s.min, s.max), delta.fragment_id)
        elif kind in ("component_instance", "bidi_component"):
            part = getattr(element, kind)
            name = getattr(part, "component_name", "") or getattr(part, "name", "")
            if self.component in name:
                if not out["map"]:  # when the map's element arrived: what a viewer waits for
                    out["map_ms"] = (time.perf_counter() - out["started"]) * 1000
                out["map"] = True
                if kind == "component_instance":
                    self.map_widget = (part.id, delta.fragment_id)
                out["map_bytes"] += part.ByteSize()
                out["map_digest"] = hash((out.get("map_digest"), part.SerializeToString()))
        elif kind == "exception":
            out["errors"].append(f"{element.exception.type}: {element.exception.message}"[:300])


# ------------------------------------------------------------------------------------------------ server side


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return round(total / 1024, 1)


def cpu_s(pids: list[int], main_thread_only: bool = False) -> float:
    """CPU time of the processes, or of their main threads only (Streamlit's event loop: WebSocket I/O)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        stat = f"/proc/{pid}/task/{pid}/stat" if main_thread_only else f"/proc/{pid}/stat"
        fields = Path(stat).read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def established(ports: list[int]) -> dict[int, int]:
    """Established TCP connections on each local port (the replicas' side of nginx's upstream connections)."""
    counts = dict.fromkeys(ports, 0)
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                port = int(fields[1].rsplit(":", 1)[1], 16)
                if fields[3] == "01" and port in counts:
                    counts[port] += 1
    return counts


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 1)


def load_avg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


@contextlib.contextmanager
def nginx_in_front(ports: list[int]):
    """.deploy/nginx.conf with its listen port, upstream servers, pid and temp paths moved to a temporary folder."""
    conf = NGINX_CONF.read_text()
    listen = free_port()
    servers = "\n".join(f"        server 127.0.0.1:{port};" for port in ports)
    with tempfile.TemporaryDirectory(prefix="atlas-nginx-") as tmp:
        conf = re.sub(r"(?m)^\s*server 127\.0\.0\.1:\d+;\n", "", conf)
        conf = conf.replace("consistent;\n", "consistent;\n" + servers + "\n", 1)
        conf = re.sub(r"listen \d+;", f"listen 127.0.0.1:{listen};", conf)
        conf = conf.replace("/tmp/calais-atlas-nginx", f"{tmp}/nginx")
        Path(tmp, "nginx.conf").write_text(conf)
        process = subprocess.Popen([NGINX, "-p", tmp, "-c", f"{tmp}/nginx.conf", "-e", f"{tmp}/error.log",
                                    "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        url = f"http://127.0.0.1:{listen}"
        try:
            wait_healthy(url, process, timeout=30)
            yield url
        finally:
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)
            if process.poll() is None:
                process.kill()


def page_cookie(url: str) -> str | None:
    """Load the page as a browser would and keep nginx's replica cookie."""
    with urllib.request.urlopen(url + "/", timeout=60) as answer:
        answer.read()
        for header in answer.headers.get_all("Set-Cookie") or []:
            if header.startswith("atlas_replica="):
                return header.split(";", 1)[0]
    return None


# ------------------------------------------------------------------------------------------------ scenarios


async def open_viewer(url: str, cookies: bool, query: str = "") -> Viewer:
    cookie = await asyncio.to_thread(page_cookie, url) if cookies else None
    viewer = Viewer(url, cookie, query=query)
    await viewer.connect()
    first = await viewer.run()
    viewer.first = first
    if viewer.slider is None:
        raise RuntimeError(f"no slider with key {SLIDER_KEY!r} in the first run ({first.get('errors')})")
    viewer.whole = await viewer.drawn()
    return viewer


async def step_all(viewer: Viewer, steps: int, start: asyncio.Event) -> None:
    await start.wait()
    _, low, high, _ = viewer.slider
    for index in range(steps):
        try:
            viewer.steps.append(await viewer.run(high if index % 2 == 0 else low))
        except Exception as err:  # noqa: BLE001 - a failed step is a result
            viewer.steps.append({"map": False, "errors": [f"{type(err).__name__}: {err}"[:300]]})
            return


async def scenario(url: str, pids: list[int], viewers: int, steps: int, cookies: bool = False,
                   ports: list[int] | None = None, query: str = "") -> dict:
    rss_before, load_before = rss_mb(pids), load_avg()
    opened = await asyncio.gather(*(open_viewer(url, cookies, query) for _ in range(viewers)), return_exceptions=True)
    crowd = [v for v in opened if isinstance(v, Viewer)]
    failures = [f"open: {type(e).__name__}: {e}"[:300] for e in opened if not isinstance(e, Viewer)]
    await asyncio.sleep(0.5)
    rss_connected = rss_mb(pids)
    spread = established(ports) if ports else None
    start, cpu_before, loop_before = asyncio.Event(), cpu_s(pids), cpu_s(pids, main_thread_only=True)
    tasks = [asyncio.create_task(step_all(v, steps, start)) for v in crowd]
    began = time.perf_counter()
    start.set()
    await asyncio.gather(*tasks)
    wall = time.perf_counter() - began
    cpu = cpu_s(pids) - cpu_before
    loop_cpu = cpu_s(pids, main_thread_only=True) - loop_before
    rss_after = rss_mb(pids)
    for viewer in crowd:
        await viewer.close()
    latencies = [s["ms"] for v in crowd for s in v.steps if "ms" in s]
    got_map = [sum(1 for v in crowd if len(v.steps) > i and v.steps[i].get("map")) for i in range(steps)]
    step_bytes = [s["bytes"] for v in crowd for s in v.steps if "ms" in s]
    map_bytes = [s["map_bytes"] for v in crowd for s in v.steps if s.get("map")]
    errors = failures + [e for v in crowd for s in v.steps for e in s.get("errors", [])]
    done = len(latencies)
    result = {
        "viewers": viewers, "connected": len(crowd), "steps_each": steps, "steps_done": done,
        "p50_ms": percentile(latencies, 0.5), "p95_ms": percentile(latencies, 0.95),
        "max_ms": round(max(latencies), 1) if latencies else None,
        "got_map_per_step": got_map, "every_viewer_got_map": bool(got_map) and min(got_map) == viewers,
        "first_run_ms": percentile([v.first["ms"] for v in crowd], 0.5),
        "first_run_got_map": sum(1 for v in crowd if v.first.get("map")),
        "bytes_per_step_median": round(statistics.median(step_bytes)) if step_bytes else None,
        "map_element_bytes_median": round(statistics.median(map_bytes)) if map_bytes else None,
        "steps_map_unchanged": sum(1 for v in crowd for s in v.steps if s.get("map") and not s.get("map_changed")),
        "ref_hash_messages": sum(s.get("ref_hash", 0) for v in crowd for s in v.steps),
        "slider_in_fragment": bool(crowd and crowd[0].slider[3]),
        "rss_before_mb": rss_before, "rss_connected_mb": rss_connected, "rss_after_mb": rss_after,
        "rss_per_viewer_mb": round((rss_connected - rss_before) / max(1, len(crowd)), 2),
        "stepping_wall_s": round(wall, 2), "server_cpu_s": round(cpu, 2),
        "server_cpu_ms_per_step": round(cpu * 1000 / done, 1) if done else None,
        "event_loop_cpu_ms_per_step": round(loop_cpu * 1000 / done, 1) if done else None,
        "load_avg_before": load_before, "load_avg_after": load_avg(),
        "errors": errors[:10], "error_count": len(errors),
    }
    if spread is not None:
        result["connections_per_replica"] = list(spread.values())
    return result


async def warm_up(url: str) -> None:
    viewer = await open_viewer(url, cookies=False)
    await step_all(viewer, 2, _set(asyncio.Event()))
    await viewer.close()
    await asyncio.sleep(1.0)


def _set(event: asyncio.Event) -> asyncio.Event:
    event.set()
    return event


async def one_server(data: Path, gc: str, counts: list[int], steps: int, progress) -> dict:
    """Each viewer count on a fresh server: memory freed by an earlier crowd would otherwise be reused by the next."""
    env = GC_OFF if gc == "off" else None
    out: dict = {"gc": gc, "replicas": 1, "scenarios": []}
    for viewers in counts:
        with app_server(data, APP[0], env=env) as (url, process, _):
            idle = rss_mb([process.pid])
            await warm_up(url)
            result = {**await scenario(url, [process.pid], viewers, steps), "rss_idle_mb": idle}
        out["scenarios"].append(result)
        progress(f"    GC {gc}, 1 server, {viewers} viewers: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
                 f"got map {min(result['got_map_per_step'] or [0])}/{viewers}, "
                 f"RSS/viewer {result['rss_per_viewer_mb']} MB, load {result['load_avg_before'][0]}")
    return out


async def two_replicas(data: Path, gc: str, viewers: int, steps: int, progress) -> dict:
    env = GC_OFF if gc == "off" else None
    out: dict = {"gc": gc, "replicas": 2, "scenarios": []}
    with app_server(data, APP[0], env=env) as (url_a, proc_a, _), app_server(data, APP[0], env=env) as (url_b, proc_b, _):
        pids = [proc_a.pid, proc_b.pid]
        ports = [int(url_a.rsplit(":", 1)[1]), int(url_b.rsplit(":", 1)[1])]
        with nginx_in_front(ports) as url:
            out["stickiness"] = await stickiness(url, ports)
            progress(f"    stickiness through nginx: {out['stickiness']}")
            for replica in (url_a, url_b):  # each replica's data cache warmed once
                await warm_up(replica)
            result = await scenario(url, pids, viewers, steps, cookies=True, ports=ports)
            out["scenarios"].append(result)
            progress(f"    GC {gc}, 2 replicas, {viewers} viewers: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
                     f"got map {min(result['got_map_per_step'] or [0])}/{viewers}, "
                     f"connections per replica {result.get('connections_per_replica')}")
    return out


async def _settled(ports: list[int], wanted, timeout: float = 5.0) -> dict[int, int]:
    """Poll the connection counts until ``wanted(counts)`` holds: nginx opens and closes upstream sockets a little later."""
    deadline = time.monotonic() + timeout
    counts = established(ports)
    while not wanted(counts) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
        counts = established(ports)
    return counts


async def _replica_of(url: str, ports: list[int], cookie: str | None) -> int | None:
    """The replica port a WebSocket with this cookie reaches: the one whose established connections grew by one."""
    before = established(ports)
    viewer = Viewer(url, cookie)
    await viewer.connect()
    after = await _settled(ports, lambda c: sum(c.values()) == sum(before.values()) + 1)
    await viewer.close()
    await _settled(ports, lambda c: c == before)
    grown = [port for port in ports if after[port] == before[port] + 1]
    return grown[0] if len(grown) == 1 and sum(after.values()) == sum(before.values()) + 1 else None


async def stickiness(url: str, ports: list[int], probes: int = 6) -> dict:
    """Which replica each WebSocket reaches: twice per page cookie (must match), and without a cookie."""
    same, with_cookie = 0, Counter()
    for _ in range(probes):
        cookie = await asyncio.to_thread(page_cookie, url)
        first, second = await _replica_of(url, ports, cookie), await _replica_of(url, ports, cookie)
        same += first is not None and first == second
        with_cookie[first] += 1
    without = Counter([await _replica_of(url, ports, None) for _ in range(probes * 2)])
    return {"cookies_probed": probes, "same_replica_twice": same, "with_cookie_per_port": dict(with_cookie),
            "without_cookie_per_port": dict(without)}


async def soak(data: Path, steps: int, every: int, progress) -> dict:
    out: dict = {"gc": "off", "steps": steps, "readings": []}
    with app_server(data, APP[0], env=GC_OFF) as (url, process, _):
        viewer = await open_viewer(url, cookies=False)
        _, low, high, _ = viewer.slider
        out["readings"].append({"step": 0, "rss_mb": rss_mb([process.pid])})
        latencies = []
        for index in range(steps):
            result = await viewer.run(high if index % 2 == 0 else low)
            latencies.append(result["ms"])
            if (index + 1) % every == 0:
                out["readings"].append({"step": index + 1, "rss_mb": rss_mb([process.pid]),
                                        "step_ms_median": round(statistics.median(latencies[-every:]), 1),
                                        "got_map": result["map"], "load_avg_1min": load_avg()[0]})
                progress(f"    soak step {index + 1}: RSS {out['readings'][-1]['rss_mb']} MB")
        await viewer.close()
    rss = [r["rss_mb"] for r in out["readings"]]
    out["rss_growth_mb"] = round(rss[-1] - rss[0], 1)
    out["rss_growth_after_first_reading_mb"] = round(rss[-1] - rss[1], 1) if len(rss) > 2 else None
    return out


CATEGORIES = (  # first match wins: a sample is counted once
    ("protobuf / forward-message queue", ("SerializeToString", "forward_msg", "ByteSize", "MergeFrom", "CopyFrom")),
    ("folium / branca / jinja2 render", ("(folium/", "(branca/", "(jinja2/")),
    ("streamlit-folium (st_folium)", ("(streamlit_folium/",)),
    ("pandas / pyarrow (called by the atlas)", ("(pandas/", "(pyarrow/", "(numpy/")),
    ("json encoding", ("(json/",)),
    ("the atlas's own code (components/)", ("(components/",)),
    ("streamlit internals (other)", ("(streamlit/",)),
)
IDLE = ("selectors.py", "polling_path_watcher.py:90", "concurrent/futures/thread.py:81", "threading.py:327")


def _category(stack: str) -> str:
    frames = stack.split(";")
    if "_run_script" not in stack:
        return "event loop" if "MainThread" in frames[0] else "other threads"
    if frames[-1].startswith("ScriptRunner._on_script_finished"):
        return "postScriptGC (gc.collect(2) after the run)"
    if any(frame.startswith("ScriptRunner._on_script_finished") for frame in frames):
        return "post-run cleanup (media files, sources)"
    for name, needles in CATEGORIES:
        if any(needle in frame for frame in frames for needle in needles):
            return name
    return "other (script thread)"


def breakdown(raw: str) -> dict:
    """py-spy's collapsed samples: the script thread's grouped (its shares), the other threads' non-idle ones counted.
    The event loop's samples are mostly waits for the GIL held by the script thread (its CPU comes from /proc)."""
    shares, others, total = Counter(), Counter(), 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit() or any(needle in stack.rsplit(";", 1)[-1] for needle in IDLE):
            continue
        if "_run_script" in stack:
            shares[_category(stack)] += int(count)
            total += int(count)
        else:
            others[_category(stack)] += int(count)
    return {"script_thread_samples": total, "other_thread_samples": dict(others),
            "share": {k: round(v / total, 3) for k, v in shares.most_common()} if total else {}}


async def profile(data: Path, steps: int, gc: str = "on", keep: Path | None = None) -> dict:
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(py_spy).exists():
        return {"status": "py-spy not installed"}
    with app_server(data, APP[0], env=GC_OFF if gc == "off" else None) as (url, process, _), tempfile.TemporaryDirectory() as tmp:
        viewer = await open_viewer(url, cookies=False)
        _, low, high, _ = viewer.slider
        await viewer.run(high)
        out_file = Path(tmp, "raw.txt")
        spy = subprocess.Popen([py_spy, "record", "--pid", str(process.pid), "-o", str(out_file), "-f", "raw", "-r", "200",
                                "--threads"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        await asyncio.sleep(1.5)
        started = time.perf_counter()
        latencies = [(await viewer.run(low if i % 2 == 0 else high))["ms"] for i in range(steps)]
        wall = time.perf_counter() - started
        spy.send_signal(signal.SIGINT)
        _, err = spy.communicate(timeout=60)
        await viewer.close()
        if not out_file.exists():
            return {"status": f"py-spy failed: {err[-500:]}"}
        if keep:
            shutil.copy(out_file, f"{keep}.gc-{gc}")
        samples = breakdown(out_file.read_text())
    return {"status": "ok", "gc": gc, "steps": steps, "step_ms_median": round(statistics.median(latencies), 1),
            "wall_s": round(wall, 2), "sample_rate_hz": 200, **samples}


async def main_async(args) -> dict:
    progress = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    counts = [int(x) for x in args.viewers.split(",")]
    result: dict = {"data": str(args.data), "steps_each": args.steps, "budget": BUDGET, "load_avg_start": load_avg(),
                    "runs": []}
    for gc in args.gc.split(","):
        if "1" in args.replicas.split(","):
            result["runs"].append(await one_server(args.data, gc, counts, args.steps, progress))
        if "2" in args.replicas.split(",") and not Path(NGINX).exists():
            # The replicas need nginx in front (apt-get install nginx); without it the rest is still measured.
            result.setdefault("skipped", []).append(f"2 replicas, GC {gc}: {NGINX} is not installed")
            progress(f"    2 replicas, GC {gc}: skipped, {NGINX} is not installed")
        elif "2" in args.replicas.split(","):
            result["runs"].append(await two_replicas(args.data, gc, max(counts), args.steps, progress))
    if args.soak_steps:
        result["soak_gc_off"] = await soak(args.data, args.soak_steps, 50, progress)
    if args.profile_steps:
        result["profile"] = {gc: await profile(args.data, args.profile_steps, gc, args.profile_raw) for gc in ("on", "off")}
    result["verdict"] = verdict(result)
    result["load_avg_end"] = load_avg()
    return result


def verdict(result: dict) -> dict:
    out = {}
    for run in result["runs"]:
        for s in run["scenarios"]:
            if s["viewers"] == BUDGET["viewers"]:
                key = f"gc_{run['gc']}_{run['replicas']}_server{'s' if run['replicas'] > 1 else ''}"
                ok = s["every_viewer_got_map"] and s["p95_ms"] is not None and s["p95_ms"] <= BUDGET["p95_ms"]
                out[key] = {"p95_over_budget": round(s["p95_ms"] / BUDGET["p95_ms"], 2) if s["p95_ms"] else None,
                            "every_viewer_got_map": s["every_viewer_got_map"], "met": ok}
    soaked = result.get("soak_gc_off")
    if soaked:
        out["gc_off_soak_rss_growth_ok"] = soaked["rss_growth_mb"] <= 60
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Protocol-level viewers on the atlas's server (one JSON line).")
    parser.add_argument("data", nargs="?", type=Path, default=ROOT / "data")
    parser.add_argument("--viewers", default="1,10,30", help="comma-separated viewer counts")
    parser.add_argument("--steps", type=int, default=10, help="slider steps per viewer")
    parser.add_argument("--gc", default="on,off", help="runner.postScriptGC settings to run: on, off or both")
    parser.add_argument("--replicas", default="1,2", help="1 (one server), 2 (two behind nginx: largest count) or both")
    parser.add_argument("--soak-steps", type=int, default=300, help="GC-off soak, one viewer (0: skip)")
    parser.add_argument("--profile-steps", type=int, default=20, help="py-spy over this many steps (0: skip)")
    parser.add_argument("--profile-raw", type=Path, help="keep py-spy's raw (collapsed) samples: PATH.gc-on, PATH.gc-off")
    parser.add_argument("--app", default="app.py", help="script to serve instead of app.py (an experiment)")
    args = parser.parse_args(argv)
    args.data = args.data.resolve()
    APP[0] = args.app
    stop_on_sigterm()

    result = asyncio.run(main_async(args))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
