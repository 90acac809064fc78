"""Asking Nominatim about one query, and turning what goes wrong into a reason the user can act on."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from http import HTTPStatus

import stamina
from geopy.exc import (
    GeocoderParseError,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geopy.extra.rate_limiter import RateLimiter

from components.geocode.settings import ENDPOINT_ENV, EXPECTED_COUNTRY, TIMEOUT_ENV, endpoint_of, is_public

RATE_LIMIT_RETRIES = 2
# After a 429 without Retry-After, wait this many request slots before asking again.
RATE_LIMIT_WAIT_SLOTS = 5
# Someone is watching the run at a terminal: a longer Retry-After is cut to this, and if the
# server refuses the retry too, the run stops and says to wait a few minutes.
RETRY_AFTER_CAP_SECONDS = 60.0

# These answers concern every request of the run, not one query: stop rather than hammer.
RUN_STOPPING_STATUSES = frozenset({401, 403, 429})

Searcher = Callable[[str], object]


class LookupFailed(Exception):
    def __init__(self, reason: str, *, stops_run: bool = False, stop_note: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.stops_run = stops_run
        self.stop_note = stop_note


def rate_limited_search(geocoder, min_delay: float) -> Searcher:
    """Asks ``geocoder`` with ``min_delay`` seconds between requests, retrying an HTTP 429 only."""

    def search_once(query: str):
        return geocoder.geocode(query, exactly_one=True, addressdetails=True, country_codes=EXPECTED_COUNTRY)

    # RateLimiter only spaces the requests: its own retries would repeat every service error
    # and ignore the server's Retry-After.
    spaced = RateLimiter(search_once, min_delay_seconds=min_delay, max_retries=0, swallow_exceptions=False)
    retrying = stamina.RetryingCaller(attempts=RATE_LIMIT_RETRIES + 1, timeout=None)

    def backoff(error: Exception) -> bool | float:
        return retry_wait(error, min_delay)

    def searcher(query: str):
        return retrying(backoff, spaced, query)

    return searcher


def retry_wait(error: Exception, min_delay: float) -> bool | float:
    """stamina's ``on=`` hook: False not to retry ``error``, else the seconds to wait first."""
    # Retrying a refused connection, a timeout or a 500 mostly makes the run slower.
    if not isinstance(error, GeocoderRateLimited):
        return False
    if error.retry_after is None:
        return min_delay * RATE_LIMIT_WAIT_SLOTS
    return min(float(error.retry_after), RETRY_AFTER_CAP_SECONDS)


@contextlib.contextmanager
def retry_logs_silenced():
    # stamina logs every scheduled retry, and geopy an unreadable Retry-After, as warnings that
    # Python prints to stderr when the program configured no logging; the report already says
    # what happened.
    handler = logging.NullHandler()
    loggers = [logging.getLogger(name) for name in ("stamina", "geopy")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


def search(searcher: Searcher, query: str, geocoder):
    """The Location found for ``query``, or None; raises LookupFailed with the reason."""
    try:
        location = searcher(query)
    except GeocoderServiceError as error:
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


def _failure_from(error: Exception, geocoder) -> LookupFailed:
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
        return _malformed(geocoder)
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


def _malformed(geocoder) -> LookupFailed:
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
