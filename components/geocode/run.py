"""Fill lat/lon in places.csv from Nominatim, leaving every other byte of the file alone.

Plain Python, no Streamlit: the ``calais-atlas geocode`` command calls :func:`geocode_places`.

A run asks Nominatim about each row that has a ``geocode_query`` and no coordinates yet (or every
such row with ``refresh``), checks that the answer is in France and, with refresh, near the point
already there, and writes it back into its row at once, so an interrupted run keeps what it found.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime
import io
import logging
import os
import stat
import sys
import tempfile
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

from geopy.adapters import RequestsAdapter, URLLibAdapter
from geopy.distance import geodesic
from geopy.exc import (
    GeocoderParseError,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from tqdm import tqdm

USER_AGENT = "calais-atlas/0.1 (+https://github.com/calais-atlas; maintainers' geocoding)"
PUBLIC_NOMINATIM = "nominatim.openstreetmap.org"

ENDPOINT_ENV = "CALAIS_ATLAS_NOMINATIM"
TIMEOUT_ENV = "CALAIS_ATLAS_GEOCODER_TIMEOUT"
DELAY_ENV = "CALAIS_ATLAS_GEOCODER_DELAY"

DEFAULT_TIMEOUT_SECONDS = 10.0
# Nominatim's usage policy: at most one request per second on the public server.
PUBLIC_MIN_DELAY_SECONDS = 1.0
RATE_LIMIT_RETRIES = 2
# After a 429, wait this many request slots before asking again.
RATE_LIMIT_WAIT_SLOTS = 5

EXPECTED_COUNTRY = "fr"
MAX_SHIFT_KM = 25.0
DECIMALS = 5
MANUAL_PREFIX = "manual:"
NEEDED_COLUMNS = ("place_id", "geocode_query", "lat", "lon", "coord_source")

# These answers concern every request of the run, not one query: stop rather than hammer.
RUN_STOPPING_STATUSES = frozenset({401, 403, 429})

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class GeocodeError(Exception):
    """A problem that stops the whole run; ``str(error)`` is meant for the user as is."""


@dataclass
class GeocodeReport:
    found: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    flagged: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False
    file_name: str = "places.csv"

    def ok(self) -> bool:
        return not self.failed and not self.flagged

    def summary(self) -> str:
        counts = (
            f"{len(self.found)} found, {len(self.unchanged)} unchanged, "
            f"{len(self.flagged)} flagged, {len(self.failed)} failed"
        )
        if self.dry_run:
            outcome = f"dry run, {self.file_name} not changed"
        elif self.written:
            outcome = f"{self.file_name} updated"
        else:
            outcome = f"{self.file_name} not changed"
        return f"{counts} — {outcome}"


# --- the geocoder -------------------------------------------------------------------------------


def make_geocoder(endpoint: str | None = None, timeout: float | None = None) -> Nominatim:
    """A Nominatim client for ``endpoint`` (default: $CALAIS_ATLAS_NOMINATIM, else the public server)."""
    if endpoint is None:
        endpoint = os.environ.get(ENDPOINT_ENV, "")
    scheme, domain = _parse_endpoint(endpoint)
    if timeout is None:
        timeout = _seconds_from_env(TIMEOUT_ENV, DEFAULT_TIMEOUT_SECONDS, allow_zero=False)
    return Nominatim(
        user_agent=USER_AGENT,
        domain=domain,
        scheme=scheme,
        timeout=timeout,
        proxies=_proxies_for(domain),
        adapter_factory=_adapter_without_retries,
    )


def _adapter_without_retries(*, proxies, ssl_context):
    # urllib3 would silently repeat a timed-out request twice (three times the wait) and turn the
    # last timeout into a connection error; retries here are RateLimiter's, for 429 only.
    if RequestsAdapter.is_available:
        return RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)
    return URLLibAdapter(proxies=proxies, ssl_context=ssl_context)


def _parse_endpoint(endpoint: str) -> tuple[str, str]:
    text = endpoint.strip()
    if not text:
        return "https", PUBLIC_NOMINATIM
    if "://" not in text:
        return "https", text.strip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise GeocodeError(
            f'Nominatim endpoint "{endpoint}" is not usable: give an http(s) address such as '
            f'"http://127.0.0.1:8080" or a bare domain such as "nominatim.example.org" '
            f"(set {ENDPOINT_ENV}, or leave it unset for {PUBLIC_NOMINATIM})"
        )
    return parts.scheme, (parts.netloc + parts.path).rstrip("/")


def _proxies_for(domain: str) -> dict | None:
    host = urlsplit(f"//{domain}").hostname or ""
    # geopy applies system proxies without honouring no_proxy; a server on this machine is never behind one.
    return {} if host in LOOPBACK_HOSTS else None


def _seconds_from_env(name: str, default: float, *, allow_zero: bool) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        seconds = float(raw)
    except ValueError:
        seconds = float("nan")
    if not (seconds > 0 or (allow_zero and seconds == 0)):
        raise GeocodeError(f'{name}="{raw}" is not a usable number of seconds; use e.g. {name}={default:g}')
    return seconds


def _is_public(geocoder) -> bool:
    domain = str(getattr(geocoder, "domain", "")).lower()
    return domain.split("/")[0] == PUBLIC_NOMINATIM


def _endpoint_of(geocoder) -> str:
    return f"{getattr(geocoder, 'scheme', 'https')}://{getattr(geocoder, 'domain', '?')}/"


def _resolve_min_delay(requested: float | None, geocoder) -> float:
    if requested is None:
        delay = _seconds_from_env(DELAY_ENV, PUBLIC_MIN_DELAY_SECONDS, allow_zero=True)
    elif requested >= 0:
        delay = requested
    else:
        raise GeocodeError(f"the delay between requests cannot be negative ({requested:g} s)")
    if _is_public(geocoder) and delay < PUBLIC_MIN_DELAY_SECONDS:
        raise GeocodeError(
            f"a delay of {delay:g} s between requests is too short for the public {PUBLIC_NOMINATIM}: "
            f"its usage policy allows at most 1 request per second. Unset {DELAY_ENV}, "
            f"or point {ENDPOINT_ENV} at your own Nominatim server."
        )
    return delay


# --- places.csv, record by record ---------------------------------------------------------------


@dataclass
class _Record:
    raw: str  # the exact text, line ending(s) included
    fields: list[str]  # [] for a blank line
    first_line: int


@dataclass
class _PlacesFile:
    path: Path
    has_bom: bool
    records: list[_Record]  # records[0] is the header

    @property
    def header(self) -> list[str]:
        return [name.strip() for name in self.records[0].fields]

    def column(self, name: str) -> int:
        return self.header.index(name)

    def value(self, record: _Record, name: str) -> str:
        index = self.column(name)
        return record.fields[index].strip() if index < len(record.fields) else ""

    def rows(self) -> list[_Record]:
        return [record for record in self.records[1:] if record.fields]

    def find(self, place_id: str) -> int | None:
        for index, record in enumerate(self.records[1:], start=1):
            if record.fields and self.value(record, "place_id") == place_id:
                return index
        return None

    def to_bytes(self) -> bytes:
        text = "".join(record.raw for record in self.records)
        return (codecs.BOM_UTF8 if self.has_bom else b"") + text.encode("utf-8")


def _read_places(path: Path) -> _PlacesFile:
    data = _read_bytes(path)
    has_bom = data.startswith(codecs.BOM_UTF8)
    text = _decode(data[len(codecs.BOM_UTF8) :] if has_bom else data, path)
    places = _PlacesFile(path, has_bom, _split_records(text, path))
    _check_header(places)
    return places


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


def _split_records(text: str, path: Path) -> list[_Record]:
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
            records.append(_Record("".join(consumed), fields, first_line))
            consumed.clear()
            first_line = reader.line_num + 1
    except csv.Error as error:
        raise GeocodeError(f"{path}, line {reader.line_num}: {error}; fix the quoting there") from None
    return records


def _check_header(places: _PlacesFile) -> None:
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


@dataclass(frozen=True)
class _NewCoordinates:
    lat: str
    lon: str
    coord_source: str


def _write_coordinates(path: Path, place_id: str, new: _NewCoordinates) -> None:
    # Re-read so that edits made to other rows while the run was going are kept.
    places = _read_places(path)
    index = places.find(place_id)
    if index is None:
        raise GeocodeError(f'{path}: the row "{place_id}" disappeared while geocoding; run again')
    places.records[index].raw = _serialise(places, places.records[index], new)
    _replace_atomically(path, places.to_bytes())


def _serialise(places: _PlacesFile, record: _Record, new: _NewCoordinates) -> str:
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


# --- which rows to ask about --------------------------------------------------------------------


@dataclass(frozen=True)
class _Task:
    place_id: str
    query: str
    existing: tuple[float, float] | None


def _plan(places: _PlacesFile, refresh: bool, report: GeocodeReport) -> list[_Task]:
    tasks = []
    first_line_of: dict[str, int] = {}
    for record in places.rows():
        place_id = places.value(record, "place_id")
        query = places.value(record, "geocode_query")
        # Any duplicate, queried or not, could make the result land in the wrong row.
        _check_unique(places, record, place_id, first_line_of)
        if not query:
            continue
        if not place_id:
            raise GeocodeError(
                f"{places.path}, line {record.first_line}: the row has a geocode_query but no place_id; give it one"
            )
        lat, lon = places.value(record, "lat"), places.value(record, "lon")
        if not (lat and lon):
            tasks.append(_Task(place_id, query, None))
        elif not refresh:
            report.unchanged.append(place_id)
        elif (existing := _as_point(lat, lon)) is None:
            reason = f'lat/lon "{lat}"/"{lon}" are not numbers; write them with a point (50.96) or clear them'
            report.failed.append((place_id, reason))
        else:
            tasks.append(_Task(place_id, query, existing))
    return tasks


def _check_unique(places: _PlacesFile, record: _Record, place_id: str, first_line_of: dict[str, int]) -> None:
    if not place_id:
        return
    if place_id in first_line_of:
        raise GeocodeError(
            f'{places.path}, line {record.first_line}: place_id "{place_id}" is also used on line '
            f"{first_line_of[place_id]}; ids must be unique before geocoding"
        )
    first_line_of[place_id] = record.first_line


def _as_point(lat: str, lon: str) -> tuple[float, float] | None:
    try:
        return float(lat), float(lon)
    except ValueError:
        return None


# --- asking Nominatim ---------------------------------------------------------------------------


class _NotRetried(Exception):
    """Carries a geocoder error past RateLimiter, which would otherwise retry it."""

    def __init__(self, error: Exception):
        super().__init__(str(error))
        self.error = error


class _LookupFailed(Exception):
    def __init__(self, reason: str, *, stops_run: bool = False, stop_note: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.stops_run = stops_run
        self.stop_note = stop_note


def _rate_limited_search(geocoder, min_delay: float) -> RateLimiter:
    def search_once(query: str):
        try:
            return geocoder.geocode(
                query, exactly_one=True, addressdetails=True, country_codes=EXPECTED_COUNTRY
            )
        except GeocoderRateLimited:
            raise  # the server asked us to slow down: the one error worth RateLimiter's retries
        except GeocoderServiceError as error:
            # Retrying a refused connection, a timeout or a 500 mostly makes the run slower.
            raise _NotRetried(error) from error

    return RateLimiter(
        search_once,
        min_delay_seconds=min_delay,
        max_retries=RATE_LIMIT_RETRIES,
        error_wait_seconds=min_delay * RATE_LIMIT_WAIT_SLOTS,
        swallow_exceptions=False,
    )


def _search(search: RateLimiter, query: str, geocoder):
    """The Location found for ``query``, or None; raises _LookupFailed with the reason."""
    try:
        location = search(query)
    except _NotRetried as wrapped:
        raise _failure_from(wrapped.error, geocoder) from None
    except GeocoderRateLimited as error:
        raise _failure_from(error, geocoder) from None
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        raise _malformed(geocoder) from None  # geopy parsed JSON that is not a list of places
    if location is not None and not _has_point(location):
        raise _malformed(geocoder)
    return location


def _has_point(location) -> bool:
    try:
        return location.latitude is not None and location.longitude is not None
    except (AttributeError, TypeError):
        return False


def _failure_from(error: Exception, geocoder) -> _LookupFailed:
    status = getattr(error.__cause__, "status_code", None)
    if status is not None:
        return _http_failure(status)
    if isinstance(error, GeocoderUnavailable):
        endpoint = _endpoint_of(geocoder)
        if _is_public(geocoder):
            hint = f"check the internet connection, or set {ENDPOINT_ENV} to another server"
        else:
            hint = f"check that the server is running and that {ENDPOINT_ENV} points at it"
        return _LookupFailed(
            f"server unreachable at {endpoint} ({_connection_problem(error)}); {hint}",
            stops_run=True,
            stop_note=f"not attempted: the run stopped because the server at {endpoint} was unreachable",
        )
    if isinstance(error, GeocoderTimedOut):
        timeout = getattr(geocoder, "timeout", None)
        after = f" after {timeout:g} s" if isinstance(timeout, (int, float)) else ""
        return _LookupFailed(f"timed out{after}; if the server is just slow, raise {TIMEOUT_ENV}")
    if isinstance(error, GeocoderParseError):
        return _malformed(geocoder)
    return _LookupFailed(f"geocoder error: {error}")


def _http_failure(status: int) -> _LookupFailed:
    try:
        reason = f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        reason = f"HTTP {status}"
    if status == 429:
        reason += f", still after {RATE_LIMIT_RETRIES} retries; wait a few minutes before running again"
    elif status in (401, 403):
        reason += "; the server refuses this client (Nominatim blocks bulk use and unidentified user agents)"
    return _LookupFailed(
        reason,
        stops_run=status in RUN_STOPPING_STATUSES,
        stop_note=f"not attempted: the run stopped after HTTP {status}",
    )


def _malformed(geocoder) -> _LookupFailed:
    return _LookupFailed(
        f"malformed answer: {_endpoint_of(geocoder)} did not send a JSON list of places; "
        f"is {ENDPOINT_ENV} pointing at a Nominatim server?"
    )


def _connection_problem(error: Exception) -> str:
    message = _messages_of(error).lower()
    if "refused" in message:
        return "connection refused"
    if any(hint in message for hint in ("name or service not known", "nodename nor servname", "resolve", "getaddrinfo")):
        return "host name not found"
    if "timed out" in message:
        return "no answer to the connection attempt"
    if any(hint in message for hint in ("aborted", "reset", "disconnected", "closed")):
        return "connection closed without an answer"
    return "connection failed"


def _messages_of(error: BaseException | None) -> str:
    messages = []
    while error is not None and len(messages) < 10:
        messages.append(str(error))
        error = error.__cause__ or error.__context__
    return " | ".join(messages)


# --- judging an answer --------------------------------------------------------------------------


def _problem_with(location, task: _Task) -> str | None:
    """Why ``location`` cannot be the place ``task`` asks about, or None when it can."""
    country = _country_code(location)
    if not country:
        return (
            f"answer has no country code ({location.address}), expected France; "
            "the server ignored addressdetails=1"
        )
    if country != EXPECTED_COUNTRY:
        return f'answer is in "{country}" ({location.address}), expected France'
    if task.existing is not None:
        shift_km = geodesic(task.existing, (location.latitude, location.longitude)).km
        if shift_km > MAX_SHIFT_KM:
            lat, lon = task.existing
            return (
                f"answer ({location.address}) is {shift_km:.1f} km from the existing coordinate "
                f"{lat}, {lon}, more than {MAX_SHIFT_KM:g} km; check geocode_query, or keep the existing point"
            )
    return None


def _country_code(location) -> str:
    raw = getattr(location, "raw", None)
    address = raw.get("address") if isinstance(raw, dict) else None
    code = address.get("country_code") if isinstance(address, dict) else None
    return str(code).strip().lower() if code else ""


def _format_degrees(value: float) -> str:
    return f"{value:.{DECIMALS}f}"


def _new_coordinates(location, today: datetime.date) -> _NewCoordinates:
    return _NewCoordinates(
        lat=_format_degrees(location.latitude),
        lon=_format_degrees(location.longitude),
        coord_source=f"nominatim {today.isoformat()}: {location.address}",
    )


def _same_point(new: _NewCoordinates, existing: tuple[float, float] | None) -> bool:
    return existing is not None and (new.lat, new.lon) == tuple(map(_format_degrees, existing))


# --- the run ------------------------------------------------------------------------------------


@contextlib.contextmanager
def _geopy_retry_warnings_silenced():
    # RateLimiter logs every retry with a traceback, which Python prints to stderr when the
    # program configured no logging; the report already says what happened.
    logger = logging.getLogger("geopy")
    handler = logging.NullHandler()
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def geocode_places(
    places_csv: Path,
    *,
    refresh: bool = False,
    dry_run: bool = False,
    geocoder=None,
    min_delay: float | None = None,
    progress: bool = True,
    today: datetime.date | None = None,
) -> GeocodeReport:
    """Look up the rows of ``places_csv`` that have a geocode_query and write what is found back.

    Raises GeocodeError when the file cannot be used or the settings are wrong; problems with
    single places end up in the report instead. KeyboardInterrupt propagates, after which the file
    holds every result obtained before it.
    """
    path = Path(places_csv)
    places = _read_places(path)
    if geocoder is None:
        geocoder = make_geocoder()
    run = _Run(
        path=path,
        geocoder=geocoder,
        search=_rate_limited_search(geocoder, _resolve_min_delay(min_delay, geocoder)),
        dry_run=dry_run,
        today=today or datetime.date.today(),
        report=GeocodeReport(dry_run=dry_run, file_name=path.name),
    )
    tasks = _plan(places, refresh, run.report)
    with _geopy_retry_warnings_silenced(), tqdm(
        total=len(tasks), desc="geocoding", unit="place", file=sys.stderr, disable=not progress
    ) as bar:
        for position, task in enumerate(tasks):
            bar.set_postfix_str(task.place_id, refresh=False)
            try:
                run.geocode(task)
            except _LookupFailed as failure:
                run.report.failed.append((task.place_id, failure.reason))
                if failure.stops_run:
                    run.report.failed.extend((later.place_id, failure.stop_note) for later in tasks[position + 1 :])
                    break
            finally:
                bar.update()
    return run.report


@dataclass
class _Run:
    path: Path
    geocoder: object
    search: RateLimiter
    dry_run: bool
    today: datetime.date
    report: GeocodeReport

    def geocode(self, task: _Task) -> None:
        location = _search(self.search, task.query, self.geocoder)
        if location is None:
            raise _LookupFailed(
                f'not found: Nominatim has no match for "{task.query}"; reword geocode_query, '
                f'or type lat/lon with coord_source "{MANUAL_PREFIX} <where they come from>"'
            )
        problem = _problem_with(location, task)
        if problem:
            self.report.flagged.append((task.place_id, problem))
            return
        new = _new_coordinates(location, self.today)
        if _same_point(new, task.existing):
            self.report.unchanged.append(task.place_id)
            return
        if not self.dry_run:
            _write_coordinates(self.path, task.place_id, new)
            self.report.written = True
        self.report.found.append(task.place_id)
