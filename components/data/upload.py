"""Turn uploaded files (CSVs, or a zip of the data folder) into a file set for validation, in memory.

Nothing is written anywhere: a deployed atlas checks a maintainer's spreadsheet without touching data/.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from components.data.csvread import max_bytes
from components.data.messages import Message, msg
from components.data.schema import TABLES

KNOWN = {table.filename for table in TABLES}
MAX_ZIP_ENTRIES = 200


@dataclass
class UploadedSet:
    files: dict[str, bytes] = field(default_factory=dict)  # known file name -> bytes
    notes: list[Message] = field(default_factory=list)  # what was ignored, and why


def _take(name: str, data: bytes, result: UploadedSet) -> None:
    base = PurePosixPath(name.replace("\\\\", "/")).name
    if base.startswith(".") or base.startswith("__MACOSX"):
        return
    if base not in KNOWN:
        result.notes.append(msg("upload.unknown", name=base, known=", ".join(sorted(KNOWN))))
        return
    if base in result.files:
        result.notes.append(msg("upload.twice", name=base))
        return
    result.files[base] = data


def _unzip(name: str, data: bytes, result: UploadedSet) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        result.notes.append(msg("upload.bad_zip", name=name))
        return
    entries = [info for info in archive.infolist() if not info.is_dir()]
    if len(entries) > MAX_ZIP_ENTRIES:
        result.notes.append(msg("upload.too_many", name=name, entries=len(entries), limit=MAX_ZIP_ENTRIES))
        entries = entries[:MAX_ZIP_ENTRIES]
    budget = max_bytes() * len(KNOWN)
    for info in entries:
        if not info.filename.lower().endswith(".csv"):
            continue
        if info.file_size > max_bytes() or info.file_size > budget:
            result.notes.append(msg("upload.too_big", name=info.filename, megabytes=f"{info.file_size / 1e6:.0f}"))
            continue
        budget -= info.file_size
        _take(info.filename, archive.read(info), result)


def read_uploads(uploads: list[tuple[str, bytes]]) -> UploadedSet:
    """``uploads`` are (file name, bytes) pairs, as a browser sends them."""
    result = UploadedSet()
    for name, data in uploads:
        if name.lower().endswith(".zip"):
            _unzip(name, data, result)
        else:
            _take(name, data, result)
    return result


def current_files(directory: Path) -> dict[str, bytes | None]:
    return {name: (directory / name).read_bytes() if (directory / name).is_file() else None for name in sorted(KNOWN)}
