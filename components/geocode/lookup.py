"""Asking Nominatim about one query, and turning what goes wrong into a reason the user can act on."""

from __future__ import annotations

from http import HTTPStatus

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
# After a 429, wait this many request slots before asking again.
RATE_LIMIT_WAIT_SLOTS = 5

# These answers concern every request of the run, not one query: stop rather than hammer.
RUN_STOPPING_STATUSES = frozenset({401, 403, 429})


class LookupFailed(Exception):
    def __init__(self, reason: str, *, stops_run: bool = False, stop_note: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.stops_run = stops_run
        self.stop_note = stop_note


class _NotRetried(Exception):
    """Carries a geocoder error past RateLimiter, which would otherwise retry it."""

    def __init__(self, error: Exception):
        super().__init__(str(error))
        self.error = error


def rate_limited_search(geocoder, min_delay: float) -> RateLimiter:
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


def search(searcher: RateLimiter, query: str, geocoder):
    """The Location found for ``query``, or None; raises LookupFailed with the reason."""
    try:
        location = searcher(query)
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
