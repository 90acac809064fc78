"""places.csv record by record: read it keeping every byte, and rewrite one row atomically.

Each record keeps its exact raw text (line endings, quoting, multi-line fields), so a row that is
not rewritten comes out byte for byte as it went in, BOM included.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from calais_atlas.geocode.errors import GeocodeError

NEEDED_COLUMNS = ("place_id", "geocode_query", "lat", "lon", "coord_source")


@dataclass
class Record:
    raw: str  # the exact text, line ending(s) included
    fields: list[str]  # [] for a blank line
    first_line: int


@dataclass
class PlacesFile:
    path: Path
    has_bom: bool
    records: list[Record]  # records[0] is the header

    @property
    def header(self) -> list[str]:
        return [name.strip() for name in self.records[0].fields]

    def column(self, name: str) -> int:
        return self.header.index(name)

    def value(self, record: Record, name: str) -> str:
        index = self.column(name)
        return record.fields[index].strip() if index < len(record.fields) else ""

    def rows(self) -> list[Record]:
        return [record for record in self.records[1:] if record.fields]

    def find(self, place_id: str) -> int | None:
        for index, record in enumerate(self.records[1:], start=1):
            if record.fields and self.value(record, "place_id") == place_id:
                return index
        return None

    def to_bytes(self) -> bytes:
        text = "".join(record.raw for record in self.records)
        return (codecs.BOM_UTF8 if self.has_bom else b"") + text.encode("utf-8")


@dataclass(frozen=True)
class NewCoordinates:
    lat: str
    lon: str
    coord_source: str


def read_places(path: Path) -> PlacesFile:
    data = _read_bytes(path)
    has_bom = data.startswith(codecs.BOM_UTF8)
    text = _decode(data[len(codecs.BOM_UTF8) :] if has_bom else data, path)
    places = PlacesFile(path, has_bom, _split_records(text, path))
    _check_header(places)
    return places


def write_coordinates(path: Path, place_id: str, new: NewCoordinates) -> None:
    # Re-read so that edits made to other rows while the run was going are kept.
    places = read_places(path)
    index = places.find(place_id)
    if index is None:
        raise GeocodeError(f'{path}: the row "{place_id}" disappeared while geocoding; run again')
    places.records[index].raw = _serialise(places, places.records[index], new)
    _replace_atomically(path, places.to_bytes())


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise GeocodeError(f"{path}: no such file; give the path to places.csv (data/places.csv in the project)") from None
    except IsADirectoryError:
        raise GeocodeError(f"{path} is a directory; give the path to places.csv itself") from None
    except OSError as error:
        raise GeocodeError(f"cannot read {path}: {error.strerror or error}") from None


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise GeocodeError(
            f"{path} is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "re-save it as UTF-8"
        ) from None


def _split_records(text: str, path: Path) -> list[Record]:
    """Parse ``text`` as CSV, keeping the exact raw text of each record (quoted newlines included)."""
    consumed: list[str] = []

    def physical_lines():
        for line in io.StringIO(text, newline=""):
            consumed.append(line)
            yield line

    # strict: a stray quote would otherwise swallow the rest of the file into one field.
    reader = csv.reader(physical_lines(), strict=True)
    records = []
    first_line = 1
    try:
        for fields in reader:
            records.append(Record("".join(consumed), fields, first_line))
            consumed.clear()
            first_line = reader.line_num + 1
    except csv.Error as error:
        raise GeocodeError(f"{path}, line {reader.line_num}: {error}; fix the quoting there") from None
    return records


def _check_header(places: PlacesFile) -> None:
    if not places.records or not places.records[0].fields:
        raise GeocodeError(
            f"{places.path} has no header row; its first line must name the columns, "
            f"including {', '.join(NEEDED_COLUMNS)}"
        )
    missing = [name for name in NEEDED_COLUMNS if name not in places.header]
    if missing:
        raise GeocodeError(
            f"{places.path} lacks the column(s) {', '.join(missing)} (its header is "
            f"\"{','.join(places.header)}\"); is it the places table?"
        )


def _serialise(places: PlacesFile, record: Record, new: NewCoordinates) -> str:
    fields = record.fields + [""] * (len(places.header) - len(record.fields))
    fields[places.column("lat")] = new.lat
    fields[places.column("lon")] = new.lon
    fields[places.column("coord_source")] = new.coord_source
    buffer = io.StringIO()
    # "\r\n" makes QUOTE_MINIMAL quote a field holding a lone "\r" too (it only looks for the
    # terminator's characters); the record's own line ending replaces it below.
    csv.writer(buffer, lineterminator="\r\n").writerow(fields)
    return buffer.getvalue()[: -len("\r\n")] + _line_ending(record.raw)


def _line_ending(raw: str) -> str:
    for ending in ("\r\n", "\n", "\r"):
        if raw.endswith(ending):
            return ending
    return ""  # the last line of a file without a final newline


def _replace_atomically(path: Path, data: bytes) -> None:
    target = Path(os.path.realpath(path))  # keep a symlinked places.csv a symlink
    temp_name = None
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
        fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode)  # mkstemp creates 0600; the file keeps its permissions
        os.replace(temp_name, target)
    except BaseException as error:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
        if isinstance(error, OSError):
            raise GeocodeError(f"could not write {path}: {error.strerror or error}; the file is unchanged") from None
        raise
    _fsync_directory(target.parent)


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; not every platform can open a directory.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
