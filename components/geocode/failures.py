"""What went wrong with one lookup, as a reason the user can act on, and whether the run stops."""

from __future__ import annotations

from http import HTTPStatus

from geopy.exc import GeocoderParseError, GeocoderTimedOut, GeocoderUnavailable

from components.geocode.settings import ENDPOINT_ENV, RATE_LIMIT_RETRIES, TIMEOUT_ENV, endpoint_of, is_public

# These answers concern every request of the run, not one query: stop rather than hammer.
RUN_STOPPING_STATUSES = frozenset({401, 403, 429})


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


def malformed(geocoder) -> LookupFailed:
    return LookupFailed(
        f"malformed answer: {endpoint_of(geocoder)} did not send a JSON list of places; "
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
