"""The data folder's fingerprint changes with every save, and an unchanged, settled file is not read again."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from calais_atlas.data import fingerprint
from calais_atlas.data.fingerprint import folder_fingerprint


@pytest.fixture(autouse=True)
def _fresh() -> None:
    fingerprint.forget()


def _age(path: Path, seconds: float) -> None:
    """Make a file look saved ``seconds`` ago (its change time stays now, so only the modification time moves)."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_save_of_the_same_size_right_after_another_changes_the_fingerprint(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("id\na\n")
    first = folder_fingerprint(tmp_path)
    path.write_text("id\nb\n")  # same size, same clock tick, very likely
    assert folder_fingerprint(tmp_path) != first


def test_a_settled_file_is_hashed_once(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "events.csv"
    path.write_text("id\na\n")
    _age(path, 60)
    monkeypatch.setattr(fingerprint, "SETTLED_NS", 0)  # its change time is now: let it count as settled
    first = folder_fingerprint(tmp_path)
    reads: list[Path] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or real(self))
    assert folder_fingerprint(tmp_path) == first
    assert reads == []


def test_a_settled_file_saved_again_is_read_again(tmp_path: Path, monkeypatch) -> None:
    """Same size, same inode, and its modification time set back (as cp -p does): its change time still moves."""
    path = tmp_path / "events.csv"
    path.write_text("id\na\n")
    os.utime(path, (1_600_000_000, 1_600_000_000))
    monkeypatch.setattr(fingerprint, "SETTLED_NS", 0)
    first = folder_fingerprint(tmp_path)
    changed = path.stat().st_ctime_ns
    while path.stat().st_ctime_ns == changed:  # until the file system's clock ticks (a few ms at most)
        path.write_text("id\nb\n")
        os.utime(path, (1_600_000_000, 1_600_000_000))
    assert folder_fingerprint(tmp_path) != first


def test_the_fingerprint_names_files_and_survives_unreadable_ones(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("x")
    empty = folder_fingerprint(tmp_path / "missing")
    one = folder_fingerprint(tmp_path)
    (tmp_path / "b.csv").mkdir()  # a folder named like a CSV: reading it fails, the fingerprint does not
    assert len({empty, one, folder_fingerprint(tmp_path)}) == 3
