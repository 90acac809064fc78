"""components/geocode/ against a fake Nominatim on 127.0.0.1: what is written to places.csv, byte for byte."""

from __future__ import annotations

import codecs
import csv
import datetime
import http.client
import io
import itertools
import math
import os
import socket
import stat
import time
import urllib.error

import pytest
import requests
import stamina
import urllib3
from geopy.exc import GeocoderRateLimited, GeocoderServiceError, GeocoderUnavailable

from calais_atlas.geocode import GeocodeError, GeocodeReport, failures, geocode_places, lookup, make_geocoder, settings
from fake_nominatim import (
    FakeNominatim,
    fake_nominatim_fixture,  # noqa: F401  (the pytest fixture "fake_nominatim")
    found,
    http_error,
    malformed,
    not_found,
    slow,
    unreachable_endpoint,
)

TODAY = datetime.date(2026, 11, 24)

HEADER = "place_id,name,kind,geocode_query,lat,lon,location_precision,coord_source,active,description,source_id,notes"
CALAIS = (
    'calais,Calais,town,"Calais, Pas-de-Calais, France",50.95129,1.85868,exact,manual: Wikipedia infobox,,'
    "Port town on the Strait of Dover.,wikipedia-calais,"
)
WISSANT = (
    'wissant,Wissant,village,"Wissant, Pas-de-Calais, France",,,exact,,,'
    'Beach village between the two capes.,wikipedia-wissant,"Boats leave from here, mostly at night"'
)
JUNGLE = (
    "calais-jungle,Calais 'Jungle' (Lande de Calais),camp,,50.9655,1.8945,area,manual: Wikipedia infobox,2015-04/2016-10-31,"
    '"The largest camp.\nCleared in October 2016.",wikipedia-calais-jungle,'
)
BRACHAY = (
    'brachay,Brachay,village,"Brachay, Haute-Marne, France",,,exact,,,'
    '"Village of 57 people.\nA rally was held here in 2015.",time-2016-lightbox,'
)
DUNKIRK = 'dunkirk,Dunkirk,town,Dunkirk,,,exact,,,,,"Not ""Dunkirk, New York"""'
ORIGINAL = [HEADER, CALAIS, WISSANT, JUNGLE, BRACHAY, DUNKIRK]

CALAIS_Q = "Calais, Pas-de-Calais, France"
WISSANT_Q = "Wissant, Pas-de-Calais, France"
BRACHAY_Q = "Brachay, Haute-Marne, France"
DUNKIRK_Q = "Dunkirk"

WISSANT_NAME = "Wissant, Calais, Pas-de-Calais, Hauts-de-France, France métropolitaine, 62179, France"
BRACHAY_NAME = "Brachay, Langres, Haute-Marne, Grand Est, France métropolitaine, 52110, France"
CALAIS_NAME = "Calais, Pas-de-Calais, Hauts-de-France, France métropolitaine, 62100, France"
WISSANT_ANSWER = found("50.8853011", "1.6624944", WISSANT_NAME)
BRACHAY_ANSWER = found("48.4397123", "5.0649877", BRACHAY_NAME)

WISSANT_WRITTEN = (
    'wissant,Wissant,village,"Wissant, Pas-de-Calais, France",50.88530,1.66249,exact,'
    f'"nominatim 2026-11-24: {WISSANT_NAME}",,'
    'Beach village between the two capes.,wikipedia-wissant,"Boats leave from here, mostly at night"'
)
BRACHAY_WRITTEN = (
    'brachay,Brachay,village,"Brachay, Haute-Marne, France",48.43971,5.06499,exact,'
    f'"nominatim 2026-11-24: {BRACHAY_NAME}",,'
    '"Village of 57 people.\nA rally was held here in 2015.",time-2016-lightbox,'
)
CALAIS_WRITTEN = (
    'calais,Calais,town,"Calais, Pas-de-Calais, France",50.95129,1.85869,exact,'
    f'"nominatim 2026-11-24: {CALAIS_NAME}",,'
    "Port town on the Strait of Dover.,wikipedia-calais,"
)

LAYOUTS = {"lf": ("\n", False), "bom-crlf": ("\r\n", True)}


def csv_bytes(records, eol="\n", bom=False) -> bytes:
    return (codecs.BOM_UTF8 if bom else b"") + "".join(record + eol for record in records).encode("utf-8")


def replaced(**new_rows) -> list[str]:
    """ORIGINAL with some rows replaced, keyed by place_id (dashes as underscores)."""
    return [new_rows.get(record.split(",", 1)[0].replace("-", "_"), record) for record in ORIGINAL]


@pytest.fixture(autouse=True)
def no_geocoder_settings(monkeypatch):
    for name in (settings.ENDPOINT_ENV, settings.TIMEOUT_ENV, settings.DELAY_ENV):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def instant_retries():
    # Testing mode skips stamina's waits; cap=True keeps the number of attempts the code asks for.
    with stamina.set_testing(True, attempts=100, cap=True):
        yield


@pytest.fixture
def retry_waits(monkeypatch) -> list:
    """What lookup.retry_wait told stamina after each failed request: False (no retry) or seconds to wait."""
    waits = []
    real = lookup.retry_wait

    def recording(error, min_delay):
        waits.append(real(error, min_delay))
        return waits[-1]

    monkeypatch.setattr(lookup, "retry_wait", recording)
    return waits


@pytest.fixture
def places_csv(tmp_path):
    path = tmp_path / "places.csv"
    path.write_bytes(csv_bytes(ORIGINAL))
    return path


def run(path, server_url, *, timeout=2.0, **options) -> GeocodeReport:
    options.setdefault("min_delay", 0.01)
    return geocode_places(
        path, geocoder=make_geocoder(server_url, timeout=timeout), progress=False, today=TODAY, **options
    )


def leftover_files(path):
    return sorted(entry.name for entry in path.parent.iterdir() if entry.name != path.name)


class FakeClock:
    """The geocoder's clock (lookup.Clock) in a test: time moves only when the code sleeps, and each sleep is kept."""

    def __init__(self) -> None:
        self.nanoseconds = 0  # whole nanoseconds: a wait of less than a float's step still moves the clock on
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.nanoseconds / 1e9

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.nanoseconds += math.ceil(seconds * 1e9)


class CountingGeocoder:
    """Wraps a geocoder, counting calls; raises KeyboardInterrupt on call number ``interrupt_on``; ``started`` is when
    each call began by ``clock``."""

    def __init__(self, real, interrupt_on=None, clock=time):
        self.real = real
        self.calls = 0
        self.interrupt_on = interrupt_on
        self.clock = clock
        self.started: list[float] = []

    def geocode(self, *args, **kwargs):
        self.calls += 1
        self.started.append(self.clock.monotonic())
        if self.calls == self.interrupt_on:
            raise KeyboardInterrupt
        return self.real.geocode(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


# --- answers ------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
def test_found_places_are_written_and_other_rows_stay_byte_identical(tmp_path, fake_nominatim, layout):
    """Found answers fill lat/lon (5 decimals) and coord_source; every other byte (BOM, CRLF,
    quoting, multi-line fields) is kept, including in the rewritten multi-line row."""
    eol, bom = LAYOUTS[layout]
    path = tmp_path / "places.csv"
    path.write_bytes(csv_bytes(ORIGINAL, eol, bom))
    fake_nominatim.reply(WISSANT_Q, WISSANT_ANSWER)
    fake_nominatim.reply(BRACHAY_Q, BRACHAY_ANSWER)
    fake_nominatim.reply(DUNKIRK_Q, not_found())

    report = run(path, fake_nominatim.url)

    assert report.found == ["wissant", "brachay"]
    assert report.unchanged == ["calais"]
    assert [place_id for place_id, _ in report.failed] == ["dunkirk"]
    assert report.written and not report.ok()
    assert path.read_bytes() == csv_bytes(replaced(wissant=WISSANT_WRITTEN, brachay=BRACHAY_WRITTEN), eol, bom)
    assert leftover_files(path) == []


def test_not_found_is_a_failure_and_leaves_the_file_alone(places_csv, fake_nominatim):
    """An empty answer is reported as "not found" with a hint, and nothing is written."""
    before = places_csv.read_bytes()

    report = run(places_csv, fake_nominatim.url)

    assert [place_id for place_id, _ in report.failed] == ["wissant", "brachay", "dunkirk"]
    assert report.failed[0][1].startswith('not found: Nominatim has no match for "Wissant, Pas-de-Calais, France"')
    assert not report.written
    assert report.summary() == "0 found, 1 unchanged, 0 flagged, 3 failed — places.csv not changed"
    assert places_csv.read_bytes() == before


def test_answer_in_another_country_is_flagged_not_written(places_csv, fake_nominatim):
    """An answer outside France (the "Dunkirk" trap) is flagged with the country and the place, not written."""
    fake_nominatim.reply(WISSANT_Q, WISSANT_ANSWER)
    fake_nominatim.reply(BRACHAY_Q, BRACHAY_ANSWER)
    fake_nominatim.reply(
        DUNKIRK_Q, found("42.4795", "-79.3339", "Dunkirk, Chautauqua County, New York, United States", "us")
    )

    report = run(places_csv, fake_nominatim.url)

    assert report.flagged == [
        ("dunkirk", 'answer is in "us" (Dunkirk, Chautauqua County, New York, United States), expected France')
    ]
    assert report.found == ["wissant", "brachay"]
    assert places_csv.read_bytes() == csv_bytes(replaced(wissant=WISSANT_WRITTEN, brachay=BRACHAY_WRITTEN))


def test_answer_far_from_existing_coordinate_is_flagged_on_refresh(places_csv, fake_nominatim):
    """With refresh, an answer more than 25 km from the row's coordinate is flagged with the distance."""
    fake_nominatim.reply(CALAIS_Q, found("51.0343684", "2.3767763", "Dunkerque, Nord, Hauts-de-France, France"))
    fake_nominatim.reply(WISSANT_Q, WISSANT_ANSWER)

    report = run(places_csv, fake_nominatim.url, refresh=True)

    assert [place_id for place_id, _ in report.flagged] == ["calais"]
    reason = report.flagged[0][1]
    assert "37.5 km from the existing coordinate 50.95129, 1.85868" in reason
    assert "Dunkerque" in reason
    assert places_csv.read_bytes() == csv_bytes(replaced(wissant=WISSANT_WRITTEN))


def test_manual_coordinates_are_not_queried_without_refresh(places_csv, fake_nominatim):
    """A row with hand-entered coordinates is "unchanged" and costs no request unless refresh is asked."""
    fake_nominatim.reply(CALAIS_Q, found("50.9512853", "1.8586862", CALAIS_NAME))

    report = run(places_csv, fake_nominatim.url)

    assert "calais" in report.unchanged
    assert CALAIS_Q not in fake_nominatim.queries()
    assert places_csv.read_bytes() == csv_bytes(ORIGINAL)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_refresh_overwrites_manual_coordinates(tmp_path, fake_nominatim, layout):
    """With refresh, a nearby answer replaces manual coordinates and their coord_source."""
    eol, bom = LAYOUTS[layout]
    path = tmp_path / "places.csv"
    path.write_bytes(csv_bytes(ORIGINAL, eol, bom))
    fake_nominatim.reply(CALAIS_Q, found("50.9512853", "1.8586862", CALAIS_NAME))

    report = run(path, fake_nominatim.url, refresh=True)

    assert report.found == ["calais"]
    assert path.read_bytes() == csv_bytes(replaced(calais=CALAIS_WRITTEN), eol, bom)


def test_refresh_with_the_same_point_leaves_the_row_unchanged(places_csv, fake_nominatim):
    """An answer that rounds to the coordinates already there is "unchanged": coord_source is not rewritten."""
    fake_nominatim.reply(CALAIS_Q, found("50.951291", "1.858681", CALAIS_NAME))

    report = run(places_csv, fake_nominatim.url, refresh=True)

    assert report.unchanged == ["calais"]
    assert places_csv.read_bytes() == csv_bytes(ORIGINAL)


def test_dry_run_reports_what_would_be_written_and_writes_nothing(places_csv, fake_nominatim):
    """dry_run asks the server and fills the report, but never touches places.csv."""
    fake_nominatim.reply(WISSANT_Q, WISSANT_ANSWER)
    fake_nominatim.reply(BRACHAY_Q, BRACHAY_ANSWER)
    stat_before = places_csv.stat()

    report = run(places_csv, fake_nominatim.url, dry_run=True)

    assert report.found == ["wissant", "brachay"]
    assert not report.written
    assert report.summary().endswith("— dry run, places.csv not changed")
    assert places_csv.read_bytes() == csv_bytes(ORIGINAL)
    assert places_csv.stat().st_mtime_ns == stat_before.st_mtime_ns
    assert leftover_files(places_csv) == []


def test_file_without_final_newline_keeps_it(tmp_path, fake_nominatim):
    """Rewriting the last row of a file that has no final newline does not add one."""
    path = tmp_path / "places.csv"
    path.write_bytes(f"{HEADER}\n{WISSANT}".encode())
    fake_nominatim.reply(WISSANT_Q, WISSANT_ANSWER)

    run(path, fake_nominatim.url)

    assert path.read_bytes() == f"{HEADER}\n{WISSANT_WRITTEN}".encode()


def test_file_permissions_are_kept(places_csv, fake_nominatim):
    """The atomic replace keeps places.csv's permission bits (a temp file is created 0600)."""
    os.chmod(places_csv, 0o644)
    fake_nominatim.reply(WISSANT_Q, WISSANT_ANSWER)

    run(places_csv, fake_nominatim.url)

    assert stat.S_IMODE(places_csv.stat().st_mode) == 0o644


# --- server trouble -----------------------------------------------------------------------------


def test_rate_limited_answer_is_retried_then_fails_and_stops_the_run(places_csv, retry_waits):
    """HTTP 429 is retried twice, then the place fails, the run stops (no hammering) and the file is unchanged."""
    with FakeNominatim(default=http_error(429)) as server:
        report = run(places_csv, server.url)

    assert server.queries() == [WISSANT_Q] * 3
    assert retry_waits[:2] == [pytest.approx(0.01 * settings.RATE_LIMIT_WAIT_SLOTS)] * 2
    assert report.failed[0][0] == "wissant"
    assert report.failed[0][1].startswith("HTTP 429 Too Many Requests, still after 2 retries")
    assert report.failed[1:] == [
        ("brachay", "not attempted: the run stopped after HTTP 429"),
        ("dunkirk", "not attempted: the run stopped after HTTP 429"),
    ]
    assert places_csv.read_bytes() == csv_bytes(ORIGINAL)


def test_one_rate_limited_answer_is_retried_and_succeeds(places_csv, fake_nominatim):
    """A single 429 costs a retry, not the place."""
    fake_nominatim.reply(WISSANT_Q, http_error(429), WISSANT_ANSWER)

    report = run(places_csv, fake_nominatim.url)

    assert fake_nominatim.queries()[:2] == [WISSANT_Q, WISSANT_Q]
    assert report.found == ["wissant"]
    assert places_csv.read_bytes() == csv_bytes(replaced(wissant=WISSANT_WRITTEN))


@pytest.mark.parametrize(
    "retry_after, expected_wait",
    [("7", 7.0), ("3600", settings.RETRY_AFTER_CAP_SECONDS), (None, 0.01 * settings.RATE_LIMIT_WAIT_SLOTS)],
    ids=["retry-after", "retry-after-capped", "no-retry-after"],
)
def test_rate_limited_answer_waits_as_long_as_the_server_asks(
    places_csv, fake_nominatim, retry_waits, retry_after, expected_wait
):
    """A 429's Retry-After is the wait before the retry, at most a minute; without one, five request slots."""
    fake_nominatim.reply(WISSANT_Q, http_error(429, retry_after=retry_after), WISSANT_ANSWER)

    clock = FakeClock()
    report = run(places_csv, fake_nominatim.url, clock=clock)

    assert retry_waits == [pytest.approx(expected_wait)]
    # The run itself only spaced its requests (0.01 s); the retry's wait is stamina's, skipped in its testing mode.
    assert max(clock.slept) == pytest.approx(0.01), clock.slept
    assert fake_nominatim.queries()[:2] == [WISSANT_Q, WISSANT_Q]
    assert report.found == ["wissant"]


def test_only_rate_limiting_is_retried():
    """retry_wait, stamina's hook: a 429 is waited out, any other geocoder error is not retried."""
    assert lookup.retry_wait(GeocoderUnavailable("connection refused"), 1.0) is False
    assert lookup.retry_wait(GeocoderServiceError("Non-successful status code 500"), 1.0) is False
    assert lookup.retry_wait(GeocoderRateLimited("429"), 1.0) == 1.0 * settings.RATE_LIMIT_WAIT_SLOTS
    assert lookup.retry_wait(GeocoderRateLimited("429", retry_after=12), 1.0) == 12.0
    assert lookup.retry_wait(GeocoderRateLimited("429", retry_after=86400), 1.0) == settings.RETRY_AFTER_CAP_SECONDS


def test_server_error_fails_that_place_and_the_run_goes_on(places_csv, fake_nominatim, retry_waits):
    """HTTP 500 for one query is reported for that place only (no retry); later places are still written."""
    fake_nominatim.reply(WISSANT_Q, http_error(500))
    fake_nominatim.reply(BRACHAY_Q, BRACHAY_ANSWER)

    report = run(places_csv, fake_nominatim.url)

    assert report.failed[0] == ("wissant", "HTTP 500 Internal Server Error")
    assert fake_nominatim.queries().count(WISSANT_Q) == 1
    assert retry_waits == [False]
    assert report.found == ["brachay"]
    assert places_csv.read_bytes() == csv_bytes(replaced(brachay=BRACHAY_WRITTEN))


@pytest.mark.parametrize(
    "body",
    [b'[{"lat": "50.88", "lon": ', b'{"unexpected": true}', b'[{"lat": "north", "lon": "1.6", "display_name": "X"}]'],
    ids=["truncated-json", "not-a-list", "lat-not-a-number"],
)
def test_malformed_answer_is_reported(places_csv, body):
    """An answer that is not a JSON list of places is "malformed answer", never a crash or a write."""
    with FakeNominatim(default=malformed(body)) as server:
        report = run(places_csv, server.url)

    assert [place_id for place_id, _ in report.failed] == ["wissant", "brachay", "dunkirk"]
    assert all(reason.startswith("malformed answer: ") for _, reason in report.failed)
    assert places_csv.read_bytes() == csv_bytes(ORIGINAL)


def test_slow_server_times_out(places_csv):
    """A server slower than the client timeout gives "timed out after 0.3 s" for each place."""
    # The answer comes after 1 s: "timed out" is geopy's GeocoderTimedOut, raised only when the client's 0.3 s
    # socket timeout fires first, so the reasons prove the timeout without timing the run.
    with FakeNominatim(default=slow(1.0, WISSANT_ANSWER)) as server:
        report = run(places_csv, server.url, timeout=0.3)

    assert [place_id for place_id, _ in report.failed] == ["wissant", "brachay", "dunkirk"]
    assert all(reason.startswith("timed out after 0.3 s") for _, reason in report.failed)
    assert places_csv.read_bytes() == csv_bytes(ORIGINAL)


def test_server_down_stops_the_run_and_names_the_endpoint(places_csv):
    """Connection refused: one attempt, the reason names the endpoint, the rest is not attempted."""
    with unreachable_endpoint() as url:
        geocoder = CountingGeocoder(make_geocoder(url, timeout=2))
        report = geocode_places(places_csv, geocoder=geocoder, min_delay=0.01, progress=False, today=TODAY)

    assert geocoder.calls == 1
    assert report.failed[0][0] == "wissant"
    assert report.failed[0][1].startswith(f"server unreachable at {url}/ (connection refused)")
    assert [reason for _, reason in report.failed[1:]] == [
        f"not attempted: the run stopped because the server at {url}/ was unreachable"
    ] * 2
    assert places_csv.read_bytes() == csv_bytes(ORIGINAL)


def chained(outer: BaseException, *inner: BaseException, link: str = "__cause__") -> BaseException:
    """``outer`` raised from inner[0], itself raised from inner[1]...: as the HTTP libraries chain them."""
    for error, behind in itertools.pairwise((outer, *inner)):
        setattr(error, link, behind)
    return outer


# The messages say something else (or nothing) on purpose: only the exception types may count.
CONNECTION_CHAINS = {
    "refused": (
        chained(GeocoderUnavailable("x"), OSError("x"), ConnectionRefusedError(111, "Connexion refusée")),
        "connection refused",
    ),
    "refused-as-context": (
        chained(GeocoderUnavailable("x"), ConnectionRefusedError(111, "Connexion refusée"), link="__context__"),
        "connection refused",
    ),
    "refused-in-urlerror-reason": (
        chained(GeocoderUnavailable("x"), urllib.error.URLError(ConnectionRefusedError(111, "Connexion refusée"))),
        "connection refused",
    ),
    "name": (chained(GeocoderUnavailable("x"), socket.gaierror(-2, "Nom ou service inconnu")), "host name not found"),
    "urllib3-name": (
        chained(GeocoderUnavailable("x"), urllib3.exceptions.NameResolutionError("geo.invalid", None, None)),
        "host name not found",
    ),
    "connect-timeout": (chained(GeocoderUnavailable("x"), TimeoutError("délai dépassé")), "no answer to the connection attempt"),
    "requests-connect-timeout": (
        chained(GeocoderUnavailable("x"), requests.exceptions.ConnectTimeout("x")),
        "no answer to the connection attempt",
    ),
    "reset": (chained(GeocoderUnavailable("x"), ConnectionResetError(104, "x")), "connection closed without an answer"),
    "aborted": (chained(GeocoderUnavailable("x"), ConnectionAbortedError("x")), "connection closed without an answer"),
    "remote-disconnected": (
        chained(GeocoderUnavailable("x"), urllib3.exceptions.ProtocolError("x", http.client.RemoteDisconnected("x"))),
        "connection closed without an answer",
    ),
    "refused-only-in-words": (
        chained(GeocoderUnavailable("Connection refused"), OSError("Connection refused")),
        "connection failed",
    ),
    "timed-out-only-in-words": (chained(GeocoderUnavailable("x"), OSError("connect timed out")), "connection failed"),
}


@pytest.mark.parametrize("error, problem", CONNECTION_CHAINS.values(), ids=CONNECTION_CHAINS)
def test_connection_problem_is_named_from_the_exception_types(error, problem):
    """The reason names the socket error found anywhere behind GeocoderUnavailable by its type, whatever the words."""
    geocoder = make_geocoder("http://127.0.0.1:9")

    failure = failures.failure_from(error, geocoder)

    assert failure.reason == (
        f"server unreachable at http://127.0.0.1:9/ ({problem}); "
        f"check that the server is running and that {settings.ENDPOINT_ENV} points at it"
    )
    assert failure.stops_run


def test_server_dying_half_way_keeps_what_was_found(places_csv):
    """The server answers once then drops connections: the first result is in the file, the rest failed,
    and places.csv is still valid CSV with the same rows."""
    with FakeNominatim(default=WISSANT_ANSWER, die_after=1) as server:
        server.reply(BRACHAY_Q, BRACHAY_ANSWER)
        report = run(places_csv, server.url)

    assert report.found == ["wissant"]
    assert report.failed[0][0] == "brachay"
    assert report.failed[0][1].startswith(f"server unreachable at {server.url}/ (connection closed without an answer)")
    assert report.failed[1][0] == "dunkirk"
    assert report.written
    content = places_csv.read_bytes()
    assert content == csv_bytes(replaced(wissant=WISSANT_WRITTEN))
    rows = list(csv.reader(io.StringIO(content.decode(), newline="")))
    assert len(rows) == len(ORIGINAL)


def test_keyboard_interrupt_keeps_results_already_written(places_csv, fake_nominatim):
    """Ctrl-C after the first answer: KeyboardInterrupt propagates, the first result is saved,
    the file is valid and no temp file is left behind."""
    fake_nominatim.reply(WISSANT_Q, WISSANT_ANSWER)
    fake_nominatim.reply(BRACHAY_Q, BRACHAY_ANSWER)
    geocoder = CountingGeocoder(make_geocoder(fake_nominatim.url, timeout=2), interrupt_on=2)

    with pytest.raises(KeyboardInterrupt):
        geocode_places(places_csv, geocoder=geocoder, min_delay=0.01, progress=False, today=TODAY)

    assert places_csv.read_bytes() == csv_bytes(replaced(wissant=WISSANT_WRITTEN))
    assert len(list(csv.reader(io.StringIO(places_csv.read_text(), newline="")))) == len(ORIGINAL)
    assert leftover_files(places_csv) == []


def test_interrupt_during_the_write_leaves_the_old_file_and_no_temp_file(places_csv, fake_nominatim, monkeypatch):
    """The write is atomic: interrupted before the rename, places.csv is exactly the old file."""
    fake_nominatim.reply(WISSANT_Q, WISSANT_ANSWER)

    def interrupted_fsync(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted_fsync)
    with pytest.raises(KeyboardInterrupt):
        run(places_csv, fake_nominatim.url)

    assert places_csv.read_bytes() == csv_bytes(ORIGINAL)
    assert leftover_files(places_csv) == []


# --- being a polite client ----------------------------------------------------------------------


def test_requests_identify_the_app_and_ask_for_france(places_csv, fake_nominatim):
    """Every request carries the calais-atlas user agent, countrycodes=fr and addressdetails=1."""
    run(places_csv, fake_nominatim.url)

    assert len(fake_nominatim.requests) == 3
    for request in fake_nominatim.requests:
        assert request.path == "/search"
        assert request.user_agent == settings.USER_AGENT
        assert request.params["countrycodes"] == "fr"
        assert request.params["addressdetails"] == "1"
        assert request.params["format"] == "json"
        assert request.params["limit"] == "1"


def test_requests_are_spaced_by_the_delay_from_the_environment(places_csv, fake_nominatim, monkeypatch):
    """CALAIS_ATLAS_GEOCODER_DELAY (here 0.2 s, allowed for a non-public server) spaces the requests."""
    monkeypatch.setenv(settings.DELAY_ENV, "0.2")
    clock = FakeClock()
    geocoder = CountingGeocoder(make_geocoder(fake_nominatim.url, timeout=2), clock=clock)

    geocode_places(places_csv, geocoder=geocoder, refresh=True, min_delay=None, progress=False, today=TODAY, clock=clock)

    # On the run's clock, which moves only when the limiter waits: each request starts 0.2 s after the one before
    # (without the setting the gap is 0.01 s).
    assert len(geocoder.started) == 4
    gaps = [later - earlier for earlier, later in itertools.pairwise(geocoder.started)]
    assert gaps == [pytest.approx(0.2)] * 3, gaps


@pytest.mark.parametrize("source", ["argument", "environment"])
def test_public_endpoint_refuses_a_delay_below_one_second(places_csv, monkeypatch, source):
    """Against nominatim.openstreetmap.org a delay under 1 s is refused before any request."""
    if source == "environment":
        monkeypatch.setenv(settings.DELAY_ENV, "0.01")
        min_delay = None
    else:
        min_delay = 0.5
    geocoder = CountingGeocoder(make_geocoder())

    with pytest.raises(GeocodeError, match="at most 1 request per second"):
        geocode_places(places_csv, geocoder=geocoder, min_delay=min_delay, progress=False)

    assert geocoder.calls == 0


# --- settings and input errors ------------------------------------------------------------------


def test_default_geocoder_is_the_public_nominatim_with_our_user_agent():
    """No settings: https://nominatim.openstreetmap.org, the calais-atlas user agent, a 10 s timeout."""
    geocoder = make_geocoder()

    assert (geocoder.scheme, geocoder.domain, geocoder.timeout) == ("https", "nominatim.openstreetmap.org", 10.0)
    assert geocoder.headers["User-Agent"] == settings.USER_AGENT


@pytest.mark.parametrize(
    "endpoint, scheme, domain",
    [
        ("http://127.0.0.1:8765", "http", "127.0.0.1:8765"),
        ("https://geo.example.org/nominatim/", "https", "geo.example.org/nominatim"),
        ("nominatim.example.org", "https", "nominatim.example.org"),
    ],
)
def test_endpoint_and_timeout_come_from_the_environment(monkeypatch, endpoint, scheme, domain):
    """CALAIS_ATLAS_NOMINATIM takes a URL or a bare domain (https); CALAIS_ATLAS_GEOCODER_TIMEOUT sets the timeout."""
    monkeypatch.setenv(settings.ENDPOINT_ENV, endpoint)
    monkeypatch.setenv(settings.TIMEOUT_ENV, "2.5")

    geocoder = make_geocoder()

    assert (geocoder.scheme, geocoder.domain, geocoder.timeout) == (scheme, domain, 2.5)


@pytest.mark.parametrize(
    "name, value, message",
    [
        (settings.ENDPOINT_ENV, "ftp://example.org", "is not usable"),
        (settings.TIMEOUT_ENV, "ten", "CALAIS_ATLAS_GEOCODER_TIMEOUT=\"ten\" is not a usable number of seconds"),
        (settings.TIMEOUT_ENV, "0", "is not a usable number of seconds"),
    ],
)
def test_bad_settings_are_clear_errors(monkeypatch, name, value, message):
    """A wrong endpoint or timeout setting raises GeocodeError saying which variable to fix."""
    monkeypatch.setenv(name, value)

    with pytest.raises(GeocodeError, match=message):
        make_geocoder()


def test_missing_file_is_a_clear_error(tmp_path):
    """A missing places.csv raises GeocodeError naming the file."""
    path = tmp_path / "nowhere" / "places.csv"

    with pytest.raises(GeocodeError, match="no such file") as error:
        geocode_places(path, geocoder=make_geocoder("http://127.0.0.1:9"), min_delay=0.01, progress=False)

    assert str(path) in str(error.value)


def test_missing_columns_are_a_clear_error(tmp_path):
    """A CSV without lat/lon/coord_source raises GeocodeError listing what is missing."""
    path = tmp_path / "events.csv"
    path.write_text("place_id,geocode_query\ncalais,Calais\n")

    with pytest.raises(GeocodeError, match="lacks the column\\(s\\) lat, lon, coord_source") as error:
        geocode_places(path, geocoder=make_geocoder("http://127.0.0.1:9"), min_delay=0.01, progress=False)

    assert str(path) in str(error.value)


def test_broken_quoting_is_a_clear_error(tmp_path):
    """An unterminated quote is refused with its line number instead of being rewritten."""
    path = tmp_path / "places.csv"
    path.write_bytes(csv_bytes([HEADER, CALAIS, 'wissant,Wissant,village,"Wissant,,,exact,,,,,']))

    with pytest.raises(GeocodeError, match="line 3: unexpected end of data"):
        geocode_places(path, geocoder=make_geocoder("http://127.0.0.1:9"), min_delay=0.01, progress=False)


def test_duplicate_place_id_is_a_clear_error(tmp_path):
    """Two rows with one place_id would make the answer land in the wrong row: refused, with both lines."""
    path = tmp_path / "places.csv"
    path.write_bytes(csv_bytes([HEADER, JUNGLE, WISSANT.replace("wissant,", "calais-jungle,", 1)]))

    with pytest.raises(GeocodeError, match='line 4: place_id "calais-jungle" is also used on line 2'):
        geocode_places(path, geocoder=make_geocoder("http://127.0.0.1:9"), min_delay=0.01, progress=False)


# --- output -------------------------------------------------------------------------------------


def test_progress_goes_to_stderr(places_csv, fake_nominatim, capsys):
    """The tqdm bar is drawn on stderr; stdout stays clean for the CLI."""
    geocode_places(places_csv, geocoder=make_geocoder(fake_nominatim.url, timeout=2), min_delay=0.01, today=TODAY)

    captured = capsys.readouterr()
    assert captured.out == ""
    assert "geocoding" in captured.err and "3/3" in captured.err


def test_report_summary_and_ok():
    """ok() means no failures and no flags; summary() counts each list and says whether the file changed."""
    report = GeocodeReport(found=["a", "b", "c"], unchanged=["d"], written=True)
    assert report.ok()
    assert report.summary() == "3 found, 1 unchanged, 0 flagged, 0 failed — places.csv updated"

    report.flagged.append(("e", "answer is in \"us\""))
    assert not report.ok()


# --- the maintainers' command ---------------------------------------------------------------------


def _cli_env(monkeypatch, endpoint: str) -> None:
    monkeypatch.setenv(settings.ENDPOINT_ENV, endpoint)
    monkeypatch.setenv(settings.DELAY_ENV, "0.01")
    monkeypatch.setenv(settings.TIMEOUT_ENV, "2")


def test_cli_geocode_writes_and_exits_zero(places_csv, fake_nominatim, monkeypatch, capsys):
    """`calais-atlas geocode DIR` fills the missing places, prints a summary and exits 0 when all went well."""
    from calais_atlas.cli import main

    fake_nominatim.reply(WISSANT_Q, WISSANT_ANSWER)
    fake_nominatim.reply(BRACHAY_Q, BRACHAY_ANSWER)
    fake_nominatim.reply(DUNKIRK_Q, found("51.0343684", "2.3767763", "Dunkerque, Nord, Hauts-de-France, France"))
    _cli_env(monkeypatch, fake_nominatim.url)
    code = main(["geocode", str(places_csv.parent)], today=TODAY)
    out = capsys.readouterr().out
    assert code == 0
    assert out.strip().endswith("places.csv updated")
    assert "3 found" in out
    assert WISSANT_WRITTEN in places_csv.read_text(encoding="utf-8")


def test_cli_geocode_reports_a_dead_server_and_exits_one(places_csv, monkeypatch, capsys):
    """With the server down the command names the endpoint, lists the failures, leaves the file as it was, exits 1."""
    from calais_atlas.cli import main

    before = places_csv.read_bytes()
    with unreachable_endpoint() as endpoint:
        _cli_env(monkeypatch, endpoint)
        code = main(["geocode", str(places_csv.parent)], today=TODAY)
    out = capsys.readouterr().out
    assert code == 1
    assert f"failed  wissant: server unreachable at {endpoint}" in out
    assert "Traceback" not in out
    assert places_csv.read_bytes() == before


def test_cli_geocode_on_a_missing_folder_exits_two(tmp_path, capsys):
    """A folder without places.csv gets one clear line on stderr and exit code 2, not a traceback."""
    from calais_atlas.cli import main

    code = main(["geocode", str(tmp_path / "nowhere")], today=TODAY)
    err = capsys.readouterr().err
    assert code == 2
    assert "places.csv" in err and "Traceback" not in err
