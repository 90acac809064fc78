"""Which Nominatim to ask and how politely: endpoint, timeout and delay, from arguments or the environment."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from geopy.adapters import RequestsAdapter, URLLibAdapter
from geopy.geocoders import Nominatim

from calais_atlas.geocode.errors import GeocodeError
from calais_atlas.geocode.transport import BoundedRequestsAdapter

USER_AGENT = "calais-atlas/0.1 (+https://github.com/calais-atlas; maintainers' geocoding)"
PUBLIC_NOMINATIM = "nominatim.openstreetmap.org"

ENDPOINT_ENV = "CALAIS_ATLAS_NOMINATIM"
TIMEOUT_ENV = "CALAIS_ATLAS_GEOCODER_TIMEOUT"
DELAY_ENV = "CALAIS_ATLAS_GEOCODER_DELAY"

DEFAULT_TIMEOUT_SECONDS = 10.0
# Nominatim's usage policy: at most one request per second on the public server.
PUBLIC_MIN_DELAY_SECONDS = 1.0

RATE_LIMIT_RETRIES = 2
# After a 429 without Retry-After, wait this many request slots before asking again.
RATE_LIMIT_WAIT_SLOTS = 5
# Someone is watching the run at a terminal: a longer Retry-After is cut to this, and if the
# server refuses the retry too, the run stops and says to wait a few minutes.
RETRY_AFTER_CAP_SECONDS = 60.0

EXPECTED_COUNTRY = "fr"

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


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
    # last timeout into a connection error; the only retries are lookup's, for 429. The bounded
    # adapter also caps each request's total time and answer size, and follows no redirect elsewhere.
    if RequestsAdapter.is_available:
        return BoundedRequestsAdapter(proxies=proxies, ssl_context=ssl_context)
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


def is_public(geocoder) -> bool:
    domain = str(getattr(geocoder, "domain", "")).lower()
    return domain.split("/")[0] == PUBLIC_NOMINATIM


def endpoint_of(geocoder) -> str:
    return f"{getattr(geocoder, 'scheme', 'https')}://{getattr(geocoder, 'domain', '?')}/"


def resolve_min_delay(requested: float | None, geocoder) -> float:
    if requested is None:
        delay = _seconds_from_env(DELAY_ENV, PUBLIC_MIN_DELAY_SECONDS, allow_zero=True)
    elif requested >= 0:
        delay = requested
    else:
        raise GeocodeError(f"the delay between requests cannot be negative ({requested:g} s)")
    if is_public(geocoder) and delay < PUBLIC_MIN_DELAY_SECONDS:
        raise GeocodeError(
            f"a delay of {delay:g} s between requests is too short for the public {PUBLIC_NOMINATIM}: "
            f"its usage policy allows at most 1 request per second. Unset {DELAY_ENV}, "
            f"or point {ENDPOINT_ENV} at your own Nominatim server."
        )
    return delay
