"""Asking Nominatim about one query: requests spaced out, a 429 waited out and retried."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from typing import Protocol

import stamina
from geopy.exc import GeocoderRateLimited, GeocoderServiceError
from geopy.extra.rate_limiter import RateLimiter

from calais_atlas.geocode.failures import failure_from, malformed
from calais_atlas.geocode.settings import (
    EXPECTED_COUNTRY,
    RATE_LIMIT_RETRIES,
    RATE_LIMIT_WAIT_SLOTS,
    RETRY_AFTER_CAP_SECONDS,
)

Searcher = Callable[[str], object]


class Clock(Protocol):
    """What spaces the requests: the ``time`` module, or a test's clock that only moves when asked to sleep."""

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class _SpacedOn(RateLimiter):
    """geopy's RateLimiter reading and waiting on ``clock``: _clock and _sleep are the two places it uses time."""

    def __init__(self, func, clock: Clock, **options):
        self._time = clock
        super().__init__(func, **options)

    def _clock(self) -> float:
        return self._time.monotonic()

    def _sleep(self, seconds: float) -> None:
        self._time.sleep(seconds)


def rate_limited_search(geocoder, min_delay: float, clock: Clock = time) -> Searcher:
    """Asks ``geocoder`` with ``min_delay`` seconds between requests (as ``clock`` tells), retrying an HTTP 429 only."""

    def search_once(query: str):
        return geocoder.geocode(query, exactly_one=True, addressdetails=True, country_codes=EXPECTED_COUNTRY)

    # RateLimiter only spaces the requests: its own retries would repeat every service error
    # and ignore the server's Retry-After.
    spaced = _SpacedOn(search_once, clock, min_delay_seconds=min_delay, max_retries=0, swallow_exceptions=False)
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
        raise failure_from(error, geocoder) from None
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        raise malformed(geocoder) from None  # geopy parsed JSON that is not a list of places
    if location is not None and not _has_point(location):
        raise malformed(geocoder)
    return location


def _has_point(location) -> bool:
    try:
        return location.latitude is not None and location.longitude is not None
    except (AttributeError, TypeError):
        return False
