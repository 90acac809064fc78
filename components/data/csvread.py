"""Read one CSV file as a spreadsheet user saved it, reporting what is wrong instead of raising.

Excel writes a byte-order mark, French Excel writes semicolons, old tools write Windows-1252.
Each of those is read correctly and reported, so nothing turns into mojibake or vanishes.
"""

from __future__ import annotations

import csv
import errno
import io
import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from calais_atlas.data.messages import Message, Number, Size, msg
from calais_atlas.data.problem import Problem

MAX_FIELD_CHARS = 2_000_000
csv.field_size_limit(MAX_FIELD_CHARS)
# The widest table has 17 columns: a header or a row past this is not a spreadsheet of the atlas, and reading its
# fields one Python string each would cost a gigabyte.
MAX_COLUMNS = 200
MAX_MB_ENV = "CALAIS_ATLAS_MAX_MB"
DEFAULT_MAX_MB = 100
DELIMITERS = (",", ";", "\t")
HEADER_SEARCH_BYTES = 65_536  # where the delimiter is looked for


def max_mb_error() -> Message | None:
    """What is wrong with CALAIS_ATLAS_MAX_MB, or None when it is unset or a size above zero."""
    setting = os.environ.get(MAX_MB_ENV)
    if not setting:
        return None
    try:
        megabytes = float(setting)
    except ValueError:
        megabytes = math.nan
    if math.isfinite(megabytes) and megabytes > 0:
        return None
    return msg("config.max_mb", env=MAX_MB_ENV, setting=setting, default=DEFAULT_MAX_MB)


def max_bytes() -> int:
    """The largest file read, from CALAIS_ATLAS_MAX_MB; the default when the setting is wrong (max_mb_error says)."""
    if max_mb_error() is not None:
        return DEFAULT_MAX_MB * 1_000_000
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
    try:  # the folder resolved, not the file: a symlink is named as the maintainer named it
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _decode(data: bytes, shown: str, problems: list[Problem]) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_mark(data):
        problems.append(Problem(shown, msg("file.utf16")))
        # A file cut in the middle of a character (or with a lone surrogate) keeps the rest: U+FFFD marks the spot.
        codec = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-16-le"
        return data.decode(codec, errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        problems.append(Problem(shown, msg("file.not_utf8", byte=f"{data[err.start]:02X}", line=line), line=line))
        return data.decode("cp1252", errors="replace")


def _utf16_without_mark(data: bytes) -> bool:
    """Little-endian UTF-16 of ASCII text has a zero after every letter; no CSV in another encoding starts so."""
    start = data[:64]
    return len(start) >= 4 and start[1::2].count(0) == len(start[1::2]) and 0 not in start[0::2]


def _delimiter(text: str, shown: str, problems: list[Problem]) -> str:
    """The commonest of comma, semicolon and tab on the first line, or in the first lines when it holds none
    (a title line above the header)."""
    start = _first_line(text[:HEADER_SEARCH_BYTES])
    if not any(map(start.__contains__, DELIMITERS)):
        start = text[:HEADER_SEARCH_BYTES]
    delimiter = max(DELIMITERS, key=start.count)  # ties go to the comma, first
    if delimiter == ";":
        problems.append(Problem(shown, msg("file.semicolons"), line=1))
    elif delimiter == "\t":
        problems.append(Problem(shown, msg("file.tabs"), line=1))
    return delimiter


def read_csv(path: Path, *, required: bool = True, exact: bool = False, width: int = 0, shown: str | None = None) -> RawTable:
    """Read a CSV file from disk; see parse_csv. Only a regular file is read, and at most the size limit plus one byte:
    a FIFO, a device (a symlink to /dev/zero) or a folder is refused without waiting for it or reading it.
    Problems name the file ``shown``, by default its display_path."""
    shown = display_path(path) if shown is None else shown
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        return parse_csv(None, shown, required=required)
    except OSError as err:
        return _unopenable(shown, err)
    with os.fdopen(descriptor, "rb", buffering=0) as file:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            return RawTable([], [], [Problem(shown, msg("file.folder"))], readable=False)
        if not stat.S_ISREG(mode):
            return RawTable([], [], [Problem(shown, msg("file.not_regular"))], readable=False)
        limit = max_bytes()
        try:
            data = _read_at_most(file, limit + 1)
        except OSError as err:
            return _unopenable(shown, err)
        if len(data) > limit:  # the size read, not st_size: a file may grow while it is read
            return parse_csv(b"", shown, too_large=max(len(data), os.fstat(descriptor).st_size))
    return parse_csv(data, shown, required=required, exact=exact, width=width)


def _read_at_most(file: io.RawIOBase, size: int) -> bytes:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = file.read(min(size - len(chunks), 1 << 24))
        if not chunk:
            break
        chunks += chunk
    return bytes(chunks)


def _unopenable(shown: str, err: OSError) -> RawTable:
    if isinstance(err, PermissionError):
        message = msg("file.permission")
    elif err.errno == errno.EISDIR:
        message = msg("file.folder")
    else:
        message = msg("file.os_error", error=err.strerror or str(err))
    return RawTable([], [], [Problem(shown, message)], readable=False)


def parse_csv(data: bytes | None, shown: str, *, required: bool = True, too_large: int = 0, exact: bool = False,
              width: int = 0) -> RawTable:
    """Parse CSV bytes (None: the file is missing). Never raises: every defect becomes a Problem.
    ``width`` is how many columns the table's schema has, for the message on a file far wider.

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
    delimiter = _delimiter(text, shown, problems)
    columns = _header_width(text, delimiter)
    if columns > MAX_COLUMNS:
        problems.append(Problem(shown, msg("file.too_wide", count=columns, width=width, limit=MAX_COLUMNS), line=1))
        return RawTable([], [], problems, readable=False)
    fast = None if exact else fast_parse(text, delimiter, utf8)
    if fast is not None:
        header, columns, lines = fast
        return RawTable(header, [], problems, columns=columns, lines=lines)
    return _exact_parse(text, delimiter, shown, problems)


LINE_ENDS = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")  # lines as io.StringIO(newline="") splits them


def _exact_parse(text: str, delimiter: str, shown: str, problems: list[Problem]) -> RawTable:
    # One line at a time: an io.StringIO would hold the whole text again, four bytes a character.
    lines = (match.group() for match in LINE_ENDS.finditer(text))
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    line = 1
    readable = False  # until the header is read
    try:
        header = [name.strip() for name in next(reader)]
        readable = True
        for line, fields in enumerate(reader, start=2):
            if len(fields) > MAX_COLUMNS:
                problems.append(Problem(shown, msg("row.too_wide", count=len(fields), limit=MAX_COLUMNS), line=line))
                break
            if "".join(fields).strip():
                rows.append((line, fields))
    except csv.Error as err:
        at = line + 1 if readable else 1
        if str(err).startswith("field larger than field limit"):
            problems.append(Problem(shown, msg("file.field_too_long", limit=Number(MAX_FIELD_CHARS)), line=at))
        else:
            problems.append(Problem(shown, msg("file.unreadable", error=str(err)), line=at))
    return RawTable(header, rows, problems, readable=readable)


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
    try:
        return len(next(csv.reader([text[:end]], delimiter=delimiter), []))
    except csv.Error:  # a field past the limit: the csv module's reading says so, with its line
        return 0


def fast_parse(text: str, delimiter: str, utf8: bytes | None = None) -> tuple[list[str], list[pa.Array], np.ndarray] | None:
    """Header, columns and spreadsheet lines read by pyarrow, or None when only the csv module reads the text right."""
    data = text.encode("utf-8") if utf8 is None else utf8
    # pyarrow would drop a second byte-order mark, which the csv module keeps in the first column's name.
    if b"\x00" in data or data.startswith(b"\xef\xbb\xbf") or not plain_quotes(data, delimiter):
        return None
    width = _header_width(text, delimiter)
    if not width:
        return None
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
