"""Read one CSV file as a spreadsheet user saved it, reporting what is wrong instead of raising.

Excel writes a byte-order mark, French Excel writes semicolons, old tools write Windows-1252.
Each of those is read correctly and reported, so nothing turns into mojibake or vanishes.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem

MAX_FIELD_CHARS = 2_000_000
csv.field_size_limit(MAX_FIELD_CHARS)


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


def read_csv(path: Path, *, required: bool = True) -> RawTable:
    shown = display_path(path)
    problems: list[Problem] = []
    if not path.exists():
        if required:
            problems.append(Problem(shown, "file not found; every data folder needs it (see data/README.md)"))
        return RawTable([], [], problems, readable=False)
    if path.is_dir():
        problems.append(Problem(shown, "is a folder, not a CSV file"))
        return RawTable([], [], problems, readable=False)
    text = _decode(path.read_bytes(), shown, problems)
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
            if any(value.strip() for value in fields):
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
