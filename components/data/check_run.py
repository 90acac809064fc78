"""One check of uploaded files, run in a child process with a time and a memory budget.

A check runs in the server: unzipping and validating a hostile upload must not keep a server thread busy after its
viewer has left, nor take the machine's memory. A thread cannot be stopped from outside, and Streamlit only stops a
script at its next st.* call, which validation never makes. A child process can be: past the deadline it is killed,
and RLIMIT_AS ends it with a MemoryError before it takes more than its share. At most CONCURRENT_CHECKS run at
once, so a viewer uploading again and again queues instead of adding work.

    python -m calais_atlas.data.check_run   reads a pickled request on stdin, writes the pickled outcome on stdout
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from calais_atlas.data.loader import Dataset, load_dataset
from calais_atlas.data.messages import Message, msg
from calais_atlas.data.upload import current_files, read_uploads

CHECK_SECONDS = 60.0  # one check, from the upload to the validated tables
CHECK_MEMORY_BYTES = 4_000_000_000  # address space of the child (pandas and pyarrow reserve some 1 GB on import)
CONCURRENT_CHECKS = 2
QUEUE_SECONDS = 10.0  # how long a check waits for a free slot before saying the server is busy

_slots = threading.BoundedSemaphore(CONCURRENT_CHECKS)


@dataclass
class CheckOutcome:
    notes: list[Message] = field(default_factory=list)  # what the upload reader ignored, and why
    files: list[str] = field(default_factory=list)  # the atlas files found in the upload
    candidate: Dataset | None = None  # the current data with the uploaded files in place, validated
    stopped: Message | None = None  # why the check did not finish


def _check(uploads: list[tuple[str, bytes]], data_dir: str, label: str) -> CheckOutcome:
    uploaded = read_uploads(uploads)
    outcome = CheckOutcome(notes=uploaded.notes, files=sorted(uploaded.files))
    if uploaded.files:
        outcome.candidate = load_dataset(label, files=current_files(Path(data_dir)) | uploaded.files)
    return outcome


def check_uploads(uploads: list[tuple[str, bytes]], data_dir: Path, label: str, *, seconds: float | None = None,
                  memory_bytes: int | None = None) -> CheckOutcome:
    """The outcome of checking ``uploads`` against the data in ``data_dir``; never raises for what they hold."""
    seconds = CHECK_SECONDS if seconds is None else seconds
    memory_bytes = CHECK_MEMORY_BYTES if memory_bytes is None else memory_bytes
    if not _slots.acquire(timeout=QUEUE_SECONDS):
        return CheckOutcome(stopped=msg("check.busy"))
    try:
        request = pickle.dumps((uploads, str(data_dir), label, memory_bytes), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            # subprocess.run kills the child when the time is up.
            done = subprocess.run([sys.executable, "-m", "calais_atlas.data.check_run"], input=request,
                                  capture_output=True, timeout=seconds, check=False)
        except subprocess.TimeoutExpired:
            return CheckOutcome(stopped=msg("check.timeout", seconds=f"{seconds:g}"))
    finally:
        _slots.release()
    if done.returncode != 0 or not done.stdout:
        # Past RLIMIT_AS, Python raises MemoryError; pyarrow's C++ aborts (a signal) when it cannot start a thread.
        if done.returncode < 0 or b"MemoryError" in done.stderr[-2000:]:
            return CheckOutcome(stopped=msg("check.memory", megabytes=f"{memory_bytes / 1e6:.0f}"))
        return CheckOutcome(stopped=msg("check.crashed"))
    return pickle.loads(done.stdout)  # noqa: S301 - written by our own child process a moment ago


def _child() -> None:
    import resource

    uploads, data_dir, label, memory_bytes = pickle.loads(sys.stdin.buffer.read())  # noqa: S301 - from our parent
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    outcome = _check(uploads, data_dir, label)
    sys.stdout.buffer.write(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    # Through the imported module, not this __main__: the outcome must unpickle as calais_atlas.data.check_run's.
    from calais_atlas.data import check_run

    check_run._child()
