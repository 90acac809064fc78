"""A fingerprint of a data folder's contents: the cache key that makes edits show without a restart."""

from __future__ import annotations

import hashlib
import stat as kinds
import time
from pathlib import Path

# A file's stat can stay the same across two saves that fall in one tick of the file system's clock, so a file's hash
# is only remembered once its last change is this old (git's "racily clean" rule); younger files are read every time.
SETTLED_NS = 2_000_000_000
_known: dict[Path, tuple[tuple[int, ...], bytes]] = {}


def folder_fingerprint(directory: Path) -> str:
    """Hash of every CSV's name and bytes; changes whenever a file is saved, even half-way.

    It runs on every rerun of the page, so an unchanged file (same size, inode, change and modification times) is
    not read again: reading and hashing the files of a large folder on every rerun was slow (BENCHMARKS.md)."""
    digest = hashlib.blake2b(digest_size=16)
    if directory.is_dir():
        for path in sorted(directory.glob("*.csv")):
            digest.update(path.name.encode())
            try:
                digest.update(_file_digest(path))
            except OSError as err:
                digest.update(repr(err).encode())
    return digest.hexdigest()


def _file_digest(path: Path) -> bytes:
    stat = path.stat()
    key = (stat.st_size, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns)
    if not kinds.S_ISREG(stat.st_mode):
        # A FIFO would block the page until something writes to it, and /dev/zero never ends: only regular files are
        # read, here as in csvread, which reports the others.
        return repr((stat.st_mode, *key)).encode()
    known = _known.get(path)
    if known is not None and known[0] == key:
        return known[1]
    with path.open("rb") as file:  # in chunks: a file over the size limit is hashed, never held whole
        value = hashlib.file_digest(file, lambda: hashlib.blake2b(digest_size=16)).digest()
    if time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) > SETTLED_NS:
        _known[path] = (key, value)
    return value


def forget() -> None:
    """Drop the remembered hashes (tests; a file system whose clock cannot be trusted)."""
    _known.clear()

