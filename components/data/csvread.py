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

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from components.data.messages import Size, msg
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
    rows: list[tuple[int, list[str]]]  # (spreadsheet line, fields); empty when ``columns`` holds them
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True
    columns: list[pa.Array] | None = None  # the fast reader's rows column by column, each row as wide as the header
    lines: np.ndarray | None = None  # with ``columns``: the spreadsheet line of each row

    def row_count(self) -> int:
        return len(self.lines) if self.lines is not None else len(self.rows)

    def row_list(self) -> list[tuple[int, list[str]]]:
        """The rows as (line, fields), whichever reader read them."""
        if self.columns is None or self.lines is None:
            return self.rows
        values = [column.to_pylist() for column in self.columns]
        return [(int(line), list(fields)) for line, fields in zip(self.lines, zip(*values, strict=True), strict=True)]


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
        problems.append(Problem(shown, msg("file.not_utf8", byte=f"{data[err.start]:02X}", line=line), line=line))
        return data.decode("cp1252", errors="replace")


def _delimiter(first_line: str, shown: str, problems: list[Problem]) -> str:
    if first_line.count(";") > first_line.count(","):
        problems.append(Problem(shown, msg("file.semicolons"), line=1))
        return ";"
    return ","


def read_csv(path: Path, *, required: bool = True, exact: bool = False) -> RawTable:
    """Read a CSV file from disk; see parse_csv."""
    shown = display_path(path)
    if not path.exists():
        return parse_csv(None, shown, required=required)
    if path.is_dir():
        return RawTable([], [], [Problem(shown, msg("file.folder"))], readable=False)
    size = path.stat().st_size
    if size > max_bytes():
        return parse_csv(b"", shown, too_large=size)
    return parse_csv(path.read_bytes(), shown, required=required, exact=exact)


def parse_csv(data: bytes | None, shown: str, *, required: bool = True, too_large: int = 0, exact: bool = False) -> RawTable:
    """Parse CSV bytes (None: the file is missing). Never raises: every defect becomes a Problem.

    Files that any CSV reader reads alike go through pyarrow's reader; the others (ragged rows, stray quotes),
    and every file with ``exact``, through Python's csv module, whose messages and line numbers are the reference.
    """
    problems: list[Problem] = []
    if data is None:
        if required:
            problems.append(Problem(shown, msg("file.missing")))
        return RawTable([], [], problems, readable=False)
    if too_large or len(data) > max_bytes():
        size = too_large or len(data)
        too_large_message = msg("file.too_large", size=Size(size), limit=Size(max_bytes()), env=MAX_MB_ENV)
        problems.append(Problem(shown, too_large_message))
        return RawTable([], [], problems, readable=False)
    text = _decode(data, shown, problems)
    utf8 = None if problems else data.removeprefix(b"\xef\xbb\xbf")  # the bytes of text, when it was UTF-8
    if not text or text.isspace():
        problems.append(Problem(shown, msg("file.empty")))
        return RawTable([], [], problems, readable=False)
    delimiter = _delimiter(_first_line(text), shown, problems)
    fast = None if exact else fast_parse(text, delimiter, utf8)
    if fast is not None:
        header, columns, lines = fast
        return RawTable(header, [], problems, columns=columns, lines=lines)
    return _exact_parse(text, delimiter, shown, problems)


def _exact_parse(text: str, delimiter: str, shown: str, problems: list[Problem]) -> RawTable:
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
        problems.append(Problem(shown, msg("file.unreadable", error=str(err)), line=line + 1 if rows or header else 1))
    return RawTable(header, rows, problems)


def _first_line(text: str) -> str:
    end = text.find("\n")
    return text if end == -1 else text[:end]


def plain_quotes(data: bytes, delimiter: str) -> bool:
    """True when every double quote opens a field, is doubled inside it, or closes it right before a delimiter or a
    line end: then the csv module and pyarrow read the text alike. A stray or unclosed quote is left to the csv module.

    Works on the UTF-8 bytes, where no byte of a multi-byte character is a quote, a delimiter or a line end."""
    starts = (delimiter.encode(), b"\n", b"\r")
    opening = data.find(b'"')
    while opening != -1:
        if opening and data[opening - 1 : opening] not in starts:
            return False
        closing = data.find(b'"', opening + 1)
        while closing != -1 and data.startswith(b'"', closing + 1):
            closing = data.find(b'"', closing + 2)
        if closing == -1:
            return False
        after = data[closing + 1 : closing + 2]
        if after and after not in starts:
            return False
        opening = data.find(b'"', closing + 1)
    return True


def _header_width(text: str, delimiter: str) -> int:
    """Fields on the first line, for pyarrow's column types. A header with a line break inside quotes may get a wrong
    count: then pyarrow finds another number of columns, and the csv module reads the file."""
    end = len(_first_line(text))
    carriage_return = text.find("\r", 0, end)
    if carriage_return != -1:
        end = carriage_return
    return len(next(csv.reader([text[:end]], delimiter=delimiter), []))


def fast_parse(text: str, delimiter: str, utf8: bytes | None = None) -> tuple[list[str], list[pa.Array], np.ndarray] | None:
    """Header, columns and spreadsheet lines read by pyarrow, or None when only the csv module reads the text right."""
    data = text.encode("utf-8") if utf8 is None else utf8
    # pyarrow would drop a second byte-order mark, which the csv module keeps in the first column's name.
    if b"\x00" in data or data.startswith(b"\xef\xbb\xbf") or not plain_quotes(data, delimiter):
        return None
    width = _header_width(text, delimiter)
    try:
        table = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(use_threads=False, autogenerate_column_names=True,
                                           block_size=max(1 << 20, min(len(data) + 1, 1 << 30))),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(column_types={f"f{i}": pa.large_string() for i in range(width)},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowException, ValueError):
        return None  # ragged rows, among others: the csv module says which
    columns = [column.chunk(0) if column.num_chunks == 1 else column.combine_chunks() for column in table.columns]
    if len(columns) != width or (len(text) >= MAX_FIELD_CHARS and any(map(_too_long, columns))):
        return None
    header = [column[0].as_py().strip() for column in columns]
    lines = np.arange(2, table.num_rows + 1)
    columns = [column[1:] for column in columns]
    blank = _blank_rows(columns)
    if blank.any():
        keep = pa.array(~blank)
        columns, lines = [column.filter(keep) for column in columns], lines[~blank]
    return header, columns, lines


def _too_long(column: pa.Array) -> bool:
    """A field the csv module refuses (past its field_size_limit): its message is the one to give."""
    if not len(column) or pc.max(pc.binary_length(column)).as_py() < MAX_FIELD_CHARS:  # bytes >= characters
        return False
    return pc.max(pc.utf8_length(column)).as_py() >= MAX_FIELD_CHARS


def _blank_rows(columns: list[pa.Array]) -> np.ndarray:
    """Rows whose every field is empty or spaces, which the csv reader skips too (their line numbers stay counted)."""
    blank = np.ones(len(columns[0]), dtype=bool)
    for column in columns:
        if not blank.any():
            break
        # utf8_trim_whitespace strips exactly the characters str.strip does (checked for every code point).
        blank &= pc.equal(pc.utf8_length(pc.utf8_trim_whitespace(column)), 0).to_numpy(zero_copy_only=False)
    return blank
