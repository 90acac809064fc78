"""What went wrong with one lookup, as a reason the user can act on, and whether the run stops."""

from __future__ import annotations

import importlib
import socket
from http import HTTPStatus

from geopy.exc import GeocoderParseError, GeocoderTimedOut, GeocoderUnavailable

from calais_atlas.geocode.settings import ENDPOINT_ENV, RATE_LIMIT_RETRIES, TIMEOUT_ENV, endpoint_of, is_public
from calais_atlas.geocode.transport import DEADLINE_TIMEOUTS, AnswerRefused

# These answers concern every request of the run, not one query: stop rather than hammer.
RUN_STOPPING_STATUSES = frozenset({401, 403, 429})


def _installed(module: str, *names: str) -> tuple[type[BaseException], ...]:
    """The exception classes ``names`` of ``module``, those that exist in the installed version."""
    try:
        imported = importlib.import_module(module)
    except ImportError:  # without requests, geopy falls back to urllib
        return ()
    return tuple(getattr(imported, name) for name in names if hasattr(imported, name))


# Judged by the type of the socket error behind geopy's GeocoderUnavailable, not by its text,
# which varies with the platform and the locale. The first problem, in this order, found anywhere
# in the chain wins: urllib3's ProtocolError, last, wraps whatever broke an open connection.
_CONNECTION_PROBLEMS: tuple[tuple[str, tuple[type[BaseException], ...]], ...] = (
    ("connection refused", (ConnectionRefusedError,)),
    ("host name not found", (socket.gaierror, *_installed("urllib3.exceptions", "NameResolutionError"))),
    ("no answer to the connection attempt", (TimeoutError, *_installed("requests.exceptions", "ConnectTimeout"))),
    (
        "connection closed without an answer",
        # http.client.RemoteDisconnected, the usual one, is a ConnectionResetError.
        (ConnectionResetError, ConnectionAbortedError, BrokenPipeError, *_installed("urllib3.exceptions", "ProtocolError")),
    ),
)


class LookupFailed(Exception):
    def __init__(self, reason: str, *, stops_run: bool = False, stop_note: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.stops_run = stops_run
        self.stop_note = stop_note


def failure_from(error: Exception, geocoder) -> LookupFailed:
    status = getattr(error.__cause__, "status_code", None)
    if status is not None:
        return _http_failure(status)
    refused = next((cause for cause in _causes(error) if isinstance(cause, AnswerRefused)), None)
    if refused is not None:
        return _refused(refused, endpoint_of(geocoder))
    if isinstance(error, GeocoderUnavailable):
        endpoint = endpoint_of(geocoder)
        if is_public(geocoder):
            hint = f"check the internet connection, or set {ENDPOINT_ENV} to another server"
        else:
            hint = f"check that the server is running and that {ENDPOINT_ENV} points at it"
        return LookupFailed(
            f"server unreachable at {endpoint} ({_connection_problem(error)}); {hint}",
            stops_run=True,
            stop_note=f"not attempted: the run stopped because the server at {endpoint} was unreachable",
        )
    if isinstance(error, GeocoderTimedOut):
        timeout = getattr(geocoder, "timeout", None)
        after = f" after {timeout:g} s" if isinstance(timeout, (int, float)) else ""
        return LookupFailed(f"timed out{after}; if the server is just slow, raise {TIMEOUT_ENV}")
    if isinstance(error, GeocoderParseError):
        return malformed(geocoder)
    return LookupFailed(f"geocoder error: {error}")


def _http_failure(status: int) -> LookupFailed:
    try:
        reason = f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        reason = f"HTTP {status}"
    if status == 429:
        reason += f", still after {RATE_LIMIT_RETRIES} retries; wait a few minutes before running again"
    elif status in (401, 403):
        reason += "; the server refuses this client (Nominatim blocks bulk use and unidentified user agents)"
    return LookupFailed(
        reason,
        stops_run=status in RUN_STOPPING_STATUSES,
        stop_note=f"not attempted: the run stopped after HTTP {status}",
    )


def _refused(refused: AnswerRefused, endpoint: str) -> LookupFailed:
    """A bound of transport.py: the slow and the huge answers concern one query; a redirect, every request."""
    if refused.kind == "slow":
        return LookupFailed(f"the answer took more than {refused.detail} s in all (the server sent it too slowly); if "
                            f"the server is just slow, raise {TIMEOUT_ENV} (a whole answer may take {DEADLINE_TIMEOUTS} "
                            "times it)")
    if refused.kind == "large":
        return LookupFailed(f"the answer from {endpoint} is larger than {refused.detail} MB, which no Nominatim "
                            f"sends for one place; is {ENDPOINT_ENV} pointing at a Nominatim server?")
    if refused.kind == "redirect":
        reason = (f"the server at {endpoint} redirected to another server ({refused.detail}), which the atlas does "
                  f"not follow; if you trust that server, set {ENDPOINT_ENV} to its address")
    else:
        reason = (f"the server at {endpoint} redirected more than {refused.detail} times; set {ENDPOINT_ENV} to "
                  "the address of its search itself")
    note = "not attempted: the run stopped because the server redirected elsewhere"
    return LookupFailed(reason, stops_run=True, stop_note=note)


def malformed(geocoder) -> LookupFailed:
    return LookupFailed(
        f"malformed answer: {endpoint_of(geocoder)} did not send a JSON list of places; "
        f"is {ENDPOINT_ENV} pointing at a Nominatim server?"
    )


def _connection_problem(error: BaseException) -> str:
    causes = _causes(error)
    for problem, types in _CONNECTION_PROBLEMS:
        if any(isinstance(cause, types) for cause in causes):
            return problem
    return "connection failed"


def _causes(error: BaseException) -> list[BaseException]:
    """``error`` and every exception behind it, nearest first."""
    found: list[BaseException] = []
    pending: list[object] = [error]
    while pending and len(found) < 20:
        current = pending.pop(0)
        if not isinstance(current, BaseException) or any(current is seen for seen in found):
            continue
        found.append(current)
        # urllib's URLError and urllib3's MaxRetryError keep the socket error in .reason, not
        # always chained as well.
        pending += [current.__cause__, current.__context__, getattr(current, "reason", None)]
    return found
