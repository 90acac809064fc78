"""Read one CSV file as a spreadsheet user saved it, reporting what is wrong instead of raising.

Excel writes a byte-order mark, French Excel writes semicolons, old tools write Windows-1252.
Each of those is read correctly and reported, so nothing turns into mojibake or vanishes.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from components.data.problem import Problem

MAX_FIELD_CHARS = 2_000_000
csv.field_size_limit(MAX_FIELD_CHARS)
MAX_MB_ENV = "CALAIS_ATLAS_MAX_MB"
DEFAULT_MAX_MB = 100


def max_bytes() -> int:
    return int(float(os.environ.get(MAX_MB_ENV) or DEFAULT_MAX_MB) * 1_000_000)


@dataclass
class RawTable:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet line, fields)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _decode(data: bytes, shown: str, problems: list[Problem]) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        problems.append(
            Problem(
                shown,
                f"is not UTF-8 (byte 0x{data[err.start]:02X} on line {line}); it was read as Windows-1252. "
                "Save it as 'CSV UTF-8' to make this message go away",
                line=line,
            )
        )
        return data.decode("cp1252", errors="replace")


def _delimiter(first_line: str, shown: str, problems: list[Problem]) -> str:
    if first_line.count(";") > first_line.count(","):
        problems.append(
            Problem(
                shown,
                "separates columns with semicolons (;); the atlas expects commas. It was read anyway. "
                "In LibreOffice choose 'Comma' as field delimiter; in Excel save as 'CSV UTF-8 (Comma delimited)'",
                line=1,
            )
        )
        return ";"
    return ","


def _size(count: int) -> str:
    return f"{count / 1e6:.0f} MB" if count >= 1e6 else f"{count / 1e3:.1f} KB"


def read_csv(path: Path, *, required: bool = True) -> RawTable:
    """Read a CSV file from disk; see parse_csv."""
    shown = display_path(path)
    if not path.exists():
        return parse_csv(None, shown, required=required)
    if path.is_dir():
        return RawTable([], [], [Problem(shown, "is a folder, not a CSV file")], readable=False)
    size = path.stat().st_size
    if size > max_bytes():
        return parse_csv(b"", shown, too_large=size)
    return parse_csv(path.read_bytes(), shown, required=required)


def parse_csv(data: bytes | None, shown: str, *, required: bool = True, too_large: int = 0) -> RawTable:
    """Parse CSV bytes (None: the file is missing). Never raises: every defect becomes a Problem."""
    problems: list[Problem] = []
    if data is None:
        if required:
            problems.append(Problem(shown, "file not found; every data folder needs it (see data/README.md)"))
        return RawTable([], [], problems, readable=False)
    if too_large or len(data) > max_bytes():
        size = too_large or len(data)
        problems.append(Problem(shown, f"is too large to read ({_size(size)}; the limit is {_size(max_bytes())}). "
                                       f"Split it, or raise {MAX_MB_ENV} if the machine has the memory"))
        return RawTable([], [], problems, readable=False)
    text = _decode(data, shown, problems)
    if not text.strip():
        problems.append(Problem(shown, "is empty; it needs a header row naming the columns (see data/README.md)"))
        return RawTable([], [], problems, readable=False)
    delimiter = _delimiter(text.split("\n", 1)[0], shown, problems)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        header = [name.strip() for name in next(reader)]
        for line, fields in enumerate(reader, start=2):
            if "".join(fields).strip():
                rows.append((line, fields))
    except csv.Error as err:
        problems.append(
            Problem(
                shown,
                f"cannot be read past this row ({err}); look for an unclosed or stray double quote. "
                "Rows after it were not read",
                line=line + 1 if rows or header else 1,
            )
        )
    return RawTable(header, rows, problems)
