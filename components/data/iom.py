"""Read an IOM Missing Migrants Project file into the atlas's deaths rows: one row per incident of the route.

Two forms are read: the MMP's own export (what missingmigrants.iom.int/downloads serves: ``Incident Date`` month
first, ``Coordinates`` as "lat, lon", a split incident over several rows under one ``Main ID``) and the curated route
table (ISO dates, ``Latitude``/``Longitude``, a split incident already one row). Nothing here writes a file:
``iom_update`` plans what an import changes, the command line (cli.py) says it and writes.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from calais_atlas.data.csvread import RawTable, display_path, read_csv
from calais_atlas.data.messages import Message, msg
from calais_atlas.data.problem import Problem
from calais_atlas.data.schema import DEATHS, DEATHS_ROUTES, FINGERPRINT_COLUMN

COUNTS = ("dead", "missing", "survivors")
# The columns IOM's data fills; note and the fingerprint are the atlas's own.
IOM_COLUMNS = tuple(name for name in DEATHS.column_names if name not in ("note", FINGERPRINT_COLUMN))
UNKNOWN = frozenset({"", "NA", "N/A", "NaN", "nan"})  # the curated table writes NA for an unknown count
UK_NAMES = {"United Kingdom of Great Britain and Northern Ireland": "United Kingdom"}
# Countries an export's location may end with, and how the atlas writes them.
COUNTRY_NAMES = {"france": "France", "belgium": "Belgium", "netherlands": "Netherlands", "the netherlands": "Netherlands",
                 "norway": "Norway", "germany": "Germany", "united kingdom": "United Kingdom", "uk": "United Kingdom",
                 "england": "United Kingdom", "scotland": "United Kingdom", "wales": "United Kingdom"}
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")  # the export's "Thu, 01/27/2026 - 12:00": month first
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LINK_START = re.compile(r"[\s,;]+(?=[Hh][Tt][Tt][Pp][Ss]?://)")
_UNSPECIFIED = re.compile(r"unspecified location", re.IGNORECASE)


@dataclass(frozen=True)
class Form:
    """One layout of an MMP file: which of its columns holds each of the atlas's fields."""

    name: Message  # in the reader's language, as every message
    columns: dict[str, str]  # field -> the file's column

    @property
    def needed(self) -> tuple[str, ...]:
        return tuple(self.columns.values())


EXPORT = Form(msg("import.form_export"), {
    "iom_id": "Main ID", "incident_id": "Incident ID", "date": "Incident Date", "dead": "Number Dead",
    "missing": "Minimum Estimated Number of Missing", "survivors": "Number of Survivors", "location": "Location of death",
    "coordinates": "Coordinates", "cause": "Cause of Death", "sources": "Information Source", "links": "URL",
    "source_quality": "Source Quality", "route": "Migration route",
})
CURATED = Form(msg("import.form_curated"), {
    "iom_id": "Main ID", "incident_id": "Incident ID", "date": "Incident date", "dead": "No. dead",
    "missing": "No. missing", "survivors": "No. survivors", "location": "Location of death",
    "country": "Country of Incident", "lat": "Latitude", "lon": "Longitude", "cause": "Cause of death (reported)",
    "sources": "Source", "links": "Link", "source_quality": "Source Quality", "route": "Route",
})
FORMS = (EXPORT, CURATED)


class IomFileError(ValueError):
    """The file cannot be imported; ``problems`` say why, each naming the file (and the line and column if any)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass
class Incidents:
    """The route's incidents read from one file, merged by Main ID, in the atlas's columns (as text)."""

    shown: str
    form: Form
    rows: list[dict[str, str]]
    read: int  # rows of the route in the file, before merging
    notes: list[Problem] = field(default_factory=list)  # what was read anyway, and how (a link left out)


def read_incidents(path: Path, *, shown: str | None = None) -> Incidents:
    """The route's incidents in the MMP file ``path``; raises IomFileError when it is not one or a cell is unusable."""
    shown = display_path(path) if shown is None else shown
    raw = read_csv(path, width=len(EXPORT.columns), shown=shown)
    if not raw.readable:
        raise IomFileError([*raw.problems, Problem(shown, msg("import.not_read"))])
    form = _form_of(raw, shown)
    source_rows, problems = _route_rows(raw, form, shown)
    notes: list[Problem] = [problem for problem in raw.problems if problem.what.key != "file.not_utf8"]
    parsed = [_parse_row(line, fields, form, shown, problems, notes) for line, fields in source_rows]
    if problems:
        raise IomFileError(problems)
    return Incidents(shown, form, _merge(parsed), len(parsed), notes)


def _form_of(raw: RawTable, shown: str) -> Form:
    """The form whose columns the header has, or IomFileError naming what the closest form lacks."""
    header = set(raw.header)
    closest = max(FORMS, key=lambda form: len(header & set(form.needed)))
    missing = [name for name in closest.needed if name not in header]
    if missing:
        if raw.problems and any(problem.what.key in ("file.not_utf8", "file.utf16") for problem in raw.problems):
            raise IomFileError([*raw.problems, Problem(shown, msg("import.not_mmp_text"), line=1)])
        if len(missing) == len(closest.needed):
            message = msg("import.not_mmp_at_all", expected=", ".join(EXPORT.needed))
        else:
            message = msg("import.not_mmp", missing=", ".join(missing), form=closest.name)
        raise IomFileError([Problem(shown, message, line=1)])
    return closest


def _route_rows(raw: RawTable, form: Form, shown: str) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    problems: list[Problem] = []
    rows = []
    width = len(raw.header)
    route = form.columns["route"]
    for line, fields in raw.row_list():
        if len(fields) != width:
            problems.append(Problem(shown, msg("row.too_many" if len(fields) > width else "row.too_few",
                                               count=len(fields), width=width), line=line))
            continue
        values = dict(zip(raw.header, fields, strict=True))
        if values[route].strip() in DEATHS_ROUTES:
            rows.append((line, values))
    return rows, problems


@dataclass
class _Cells:
    """One source row being read: its values, and where to say what is wrong with one of them."""

    line: int
    values: dict[str, str]
    form: Form
    shown: str
    problems: list[Problem]

    def get(self, name: str) -> str:
        return self.values[self.form.columns[name]].strip()

    def problem(self, name: str, message: Message) -> None:
        column = self.form.columns[name]
        self.problems.append(Problem(self.shown, message, line=self.line, column=column, value=self.values[column]))


def _parse_row(line: int, values: dict[str, str], form: Form, shown: str, problems: list[Problem],
               notes: list[Problem]) -> dict[str, object]:
    cells = _Cells(line, values, form, shown, problems)
    iom_id = cells.get("iom_id")
    if not re.fullmatch(r"\d{4}\.MMP\d+", iom_id):
        cells.problem("iom_id", msg("iom_id.invalid", example="2021.MMP0189"))
    row: dict[str, object] = {"iom_id": iom_id, "date": _date(cells), "location": cells.get("location"),
                              "cause": cells.get("cause"), "sources": cells.get("sources")}
    for name in COUNTS:
        row[name] = _count(cells, name)
    row["lat"], row["lon"] = _point(cells)
    row["country"] = (UK_NAMES.get(cells.get("country"), cells.get("country")) if "country" in form.columns
                      else country_of(cells.get("location")))
    if row["country"] in UNKNOWN:
        row["country"] = ""
    row["links"] = _links(cells, notes)
    row["scores"] = _scores(cells)
    row["incident_ids"] = [part for part in re.split(r"[\s,]+", cells.get("incident_id")) if part] or [iom_id]
    return row


def _date(cells: _Cells) -> str:
    text = cells.get("date")
    found = _ISO_DATE.fullmatch(text) or _US_DATE.search(text)
    try:
        if found is None:
            raise ValueError(text)
        if found.re is _ISO_DATE:
            year, month, day = map(int, found.groups())
        else:
            month, day, year = map(int, found.groups())
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        cells.problem("date", msg("import.date"))
        return ""


def _count(cells: _Cells, name: str) -> int | None:
    text = cells.get(name)
    if text in UNKNOWN:
        return None
    if not (text.isascii() and text.isdigit()):  # str.isdigit() takes "²", which int() refuses
        cells.problem(name, msg("import.count"))
        return None
    return int(text)


def _point(cells: _Cells) -> tuple[str, str]:
    if "coordinates" in cells.form.columns:
        parts = [part.strip() for part in cells.get("coordinates").split(",")]
        if len(parts) != 2 or not all(map(_is_number, parts)):
            cells.problem("coordinates", msg("import.coordinates"))
            return "", ""
        return parts[0], parts[1]
    lat, lon = cells.get("lat"), cells.get("lon")
    for name, value in (("lat", lat), ("lon", lon)):
        if not _is_number(value):
            cells.problem(name, msg("number.not_number"))
    return lat, lon


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))  # float() reads "nan" and "inf"
    except ValueError:
        return False


def _links(cells: _Cells, notes: list[Problem]) -> list[str]:
    links = []
    for part in _LINK_START.split(cells.get("links")):
        part = part.strip()
        if not part:
            continue
        if re.match(r"[Hh][Tt][Tt][Pp][Ss]?://[^/?#\s]+", part) and not re.search(r"\s", part):
            links.append(part)
        else:
            column = cells.form.columns["links"]
            notes.append(Problem(cells.shown, msg("import.link_left_out", link=part), line=cells.line, column=column))
    return links


def _scores(cells: _Cells) -> list[str]:
    text = cells.get("source_quality")
    if text in UNKNOWN:
        return []
    digits = re.sub(r"[\s,]", "", text)
    if not re.fullmatch(r"[1-5]+", digits):
        cells.problem("source_quality", msg("scores.invalid"))
        return []
    return list(digits)


def country_of(location: str) -> str:
    """The country an export's location ends with ("..., Gravelines, France - English Channel crossing"), or ""."""
    place = location.split(" - ")[0]
    last = place.rsplit(",", 1)[-1].strip().lower()
    return COUNTRY_NAMES.get(last, "")


def _merge(parsed: list[dict[str, object]]) -> list[dict[str, str]]:
    """One row per Main ID: a split incident's counts added (unknown + unknown stays unknown), the distinct scores of
    its parts from lowest to highest (the route table's own form: "45" is "4 5"), its incident ids listed, its first
    row's point; rows in the file's order of first appearance."""
    groups: dict[str, list[dict[str, object]]] = {}
    for row in parsed:
        groups.setdefault(str(row["iom_id"]), []).append(row)
    return [_incident(rows) for rows in groups.values()]


def _incident(rows: list[dict[str, object]]) -> dict[str, str]:
    first = rows[0]
    merged = {"iom_id": str(first["iom_id"]), "date": min(str(row["date"]) for row in rows)}
    for name in COUNTS:
        known = [row[name] for row in rows if row[name] is not None]
        merged[name] = str(sum(known)) if known else ""  # type: ignore[arg-type]
    merged["location"] = _distinct(str(row["location"]) for row in rows)
    merged["country"] = next((str(row["country"]) for row in rows if row["country"]), "")
    merged["lat"], merged["lon"] = str(first["lat"]), str(first["lon"])
    merged["location_precision"] = precision_of(merged["lat"], merged["lon"], merged["location"])
    merged["cause"] = _distinct(str(row["cause"]) for row in rows)
    merged["sources"] = _distinct(str(row["sources"]) for row in rows)
    merged["links"] = " ".join(dict.fromkeys(link for row in rows for link in row["links"]))  # type: ignore[attr-defined]
    scores = {score for row in rows for score in row["scores"]}  # type: ignore[attr-defined]
    merged["source_quality"] = " ".join(sorted(scores))
    merged["incident_ids"] = " ".join(dict.fromkeys(i for row in rows for i in row["incident_ids"]))  # type: ignore[attr-defined]
    return {name: merged[name] for name in IOM_COLUMNS}


def _distinct(values: object) -> str:
    return "; ".join(dict.fromkeys(value for value in values if value))  # type: ignore[attr-defined]


def precision_of(lat: str, lon: str, location: str) -> str:
    """``approximate`` for a whole-degree coordinate (older exports cut many longitudes so) or an unspecified location."""
    try:
        whole = float(lat).is_integer() or float(lon).is_integer()
    except ValueError:
        whole = False
    return "approximate" if whole or _UNSPECIFIED.search(location) else "reported"


def fingerprint(row: dict[str, str]) -> str:
    """A short hash of a row's IOM columns: what the importer wrote, to tell a hand correction from IOM's data."""
    text = "\x1f".join(row.get(name, "") for name in IOM_COLUMNS)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
