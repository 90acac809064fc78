"""Start the app on a free port and wait for its health check; used by the browser tests, the screenshot and the benchmark."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stderr.read() if process.stderr else ""
            raise RuntimeError(f"streamlit exited with code {process.returncode}: {output}")
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as answer:
            if answer.read().strip() == b"ok":
                return
        time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer its health check within {timeout:.0f} s")


@contextlib.contextmanager
def running_app(data_dir: Path | None = None, app: str = "app.py", env: dict[str, str] | None = None) -> Iterator[str]:
    """Yield the base URL of a fresh streamlit server on 127.0.0.1, stopped on exit."""
    environment = {**os.environ, **(env or {})}
    if data_dir is not None:
        environment["CALAIS_ATLAS_DATA"] = str(data_dir)
    for attempt in range(3):
        # free_port's port is free when asked, not when streamlit binds it: a test running in parallel may have taken
        # it meanwhile, and the server then exits at once. Another port, then.
        port = free_port()
        command = [sys.executable, "-m", "streamlit", "run", app, "--server.headless", "true", "--server.port", str(port),
                   "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
                   "--server.fileWatcherType", "none"]
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   text=True)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, process)
        except RuntimeError:
            _stop(process)
            if attempt == 2:
                raise
            continue
        try:
            yield url
        finally:
            _stop(process)
        return


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
