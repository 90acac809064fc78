"""Turn uploaded files (CSVs, or a zip of the data folder) into a file set for validation, in memory.

Nothing is written anywhere: a deployed atlas checks a maintainer's spreadsheet without touching data/.
A zip is not trusted: members are inflated in chunks and counted as they come (a member may declare 50 MB and inflate
to 1 GB), and every way a zip can fail becomes a note naming the zip and the member. Only members named like an atlas
file are inflated, the first of each name only: so one check inflates at most len(KNOWN) members of at most
max_bytes() each, whatever the zips hold (600 MB with the default 100 MB limit).
"""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from calais_atlas.data.csvread import MAX_MB_ENV, max_bytes
from calais_atlas.data.messages import Message, Size, msg
from calais_atlas.data.schema import TABLES

KNOWN = {table.filename for table in TABLES}
MAX_ZIP_ENTRIES = 200
CHUNK_BYTES = 1 << 20  # zipfile inflates at most this much per read: the count below is never far behind
# What a zip member can raise while it is opened or inflated: a bad CRC or a truncated stream (BadZipFile, EOFError),
# corrupt deflate, bzip2 or lzma data (zlib.error, OSError, LZMAError), an unknown method (NotImplementedError),
# a password (RuntimeError), a header that contradicts itself (ValueError).
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, lzma.LZMAError, EOFError, OSError,
              NotImplementedError, RuntimeError, ValueError)


@dataclass
class UploadedSet:
    files: dict[str, bytes] = field(default_factory=dict)  # known file name -> bytes
    notes: list[Message] = field(default_factory=list)  # what was ignored, and why


class _TooBig(Exception):
    def __init__(self, limit: int):
        super().__init__(limit)
        self.limit = limit


def base_name(name: str) -> str:
    """The file name without its folders; Windows zip tools write ``data\\events.csv``."""
    return PurePosixPath(name.replace("\\", "/")).name


def _wanted(name: str, result: UploadedSet) -> str | None:
    """The atlas file ``name`` stands for, or None (noted when it is not clutter)."""
    base = base_name(name)
    if base.startswith(".") or base.startswith("__MACOSX") or "__MACOSX/" in name.replace("\\", "/"):
        return None
    if base not in KNOWN:
        result.notes.append(msg("upload.unknown", name=base, known=", ".join(sorted(KNOWN))))
        return None
    if base in result.files:
        result.notes.append(msg("upload.twice", name=base))
        return None
    return base


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """The member's bytes, counted as they are inflated; _TooBig as soon as they pass ``limit``.

    Reading in chunks also bounds zipfile itself: one read() of a whole member asks zlib for everything at once."""
    if info.file_size > limit:
        raise _TooBig(limit)
    buffer = io.BytesIO()  # getvalue() hands over its buffer without a copy
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK_BYTES):
            if buffer.tell() + len(chunk) > limit:
                raise _TooBig(limit)
            buffer.write(chunk)
    return buffer.getvalue()


def _member_problem(zip_name: str, info: zipfile.ZipInfo, error: Exception) -> Message:
    if info.flag_bits & 0x1 or (isinstance(error, RuntimeError) and "encrypted" in str(error)):
        return msg("upload.encrypted", zip=zip_name, name=info.filename)
    if isinstance(error, NotImplementedError):
        return msg("upload.method", zip=zip_name, name=info.filename, method=info.compress_type)
    return msg("upload.corrupt", zip=zip_name, name=info.filename, error=str(error)[:200])


def _unzip(name: str, data: bytes, result: UploadedSet) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = [info for info in archive.infolist() if not info.is_dir()]
    except ZIP_ERRORS:
        result.notes.append(msg("upload.bad_zip", name=name))
        return
    if len(entries) > MAX_ZIP_ENTRIES:
        result.notes.append(msg("upload.too_many", name=name, entries=len(entries), limit=MAX_ZIP_ENTRIES))
        entries = entries[:MAX_ZIP_ENTRIES]
    for info in entries:
        lower = info.filename.lower()
        if lower.endswith(".zip"):
            result.notes.append(msg("upload.nested", zip=name, name=info.filename))
            continue
        if not lower.endswith(".csv"):
            continue
        base = _wanted(info.filename, result)
        if base is None:
            continue
        try:
            result.files[base] = _inflate(archive, info, max_bytes())
        except _TooBig:
            result.notes.append(msg("upload.too_big", zip=name, name=info.filename, limit=Size(max_bytes()), env=MAX_MB_ENV))
        except ZIP_ERRORS as error:
            result.notes.append(_member_problem(name, info, error))


def read_uploads(uploads: list[tuple[str, bytes]]) -> UploadedSet:
    """``uploads`` are (file name, bytes) pairs, as a browser sends them. Never raises for what is in them."""
    result = UploadedSet()
    for name, data in uploads:
        if name.lower().endswith(".zip"):
            _unzip(name, data, result)
        else:
            base = _wanted(name, result)
            if base is not None:
                result.files[base] = data
    return result


def current_files(directory: Path) -> dict[str, bytes | None]:
    return {name: (directory / name).read_bytes() if (directory / name).is_file() else None for name in sorted(KNOWN)}
