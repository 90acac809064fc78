"""The HTTP side of a lookup, bounded: a total deadline per request, a cap on the answer's size, no other host.

The socket timeout alone bounds each wait for a byte, not the request: a server that drips one byte every 2 s never
trips a 10 s timeout. An answer is read in pieces as they arrive, counted, and dropped past the deadline or the cap.
Redirects are followed by hand, only within the server the maintainer chose.
"""

from __future__ import annotations

import time
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from geopy.adapters import RequestsAdapter

MAX_ANSWER_BYTES = 1_000_000  # one place with its address is about 1 kB; a big Nominatim answer, some 100 kB
DEADLINE_TIMEOUTS = 3  # a whole request may take this many socket timeouts (30 s with the default 10 s)
MAX_REDIRECTS = 3
READ_BYTES = 16_384


class AnswerRefused(Exception):
    """A request stopped by a bound: ``kind`` is "slow", "large", "redirect" or "redirects"; failures.py words it."""

    def __init__(self, kind: str, url: str, detail: str = ""):
        super().__init__(f"{kind}: {url} {detail}".strip())
        self.kind, self.url, self.detail = kind, url, detail


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port


def _same_server(source: str, target: str) -> bool:
    """The same scheme, host and port; or http to https on the same host (a server that insists on TLS)."""
    (scheme, host, port), (new_scheme, new_host, new_port) = _origin(source), _origin(target)
    if host != new_host:
        return False
    return (scheme, port) == (new_scheme, new_port) or (scheme, new_scheme) == ("http", "https")


class BoundedSession:
    """What geopy's RequestsAdapter calls as its session (``get`` and ``close``), with the bounds above."""

    def __init__(self, session: requests.Session, timeout_factor: int = DEADLINE_TIMEOUTS,
                 max_bytes: int = MAX_ANSWER_BYTES):
        self.session = session
        self.timeout_factor = timeout_factor
        self.max_bytes = max_bytes

    def close(self) -> None:
        self.session.close()

    def get(self, url: str, *, timeout: float, headers: dict) -> requests.Response:
        total = timeout * self.timeout_factor
        deadline = time.monotonic() + total
        first = url
        for _ in range(MAX_REDIRECTS + 1):
            response = self.session.get(url, timeout=timeout, headers=headers, stream=True, allow_redirects=False)
            if not response.is_redirect:
                response._content = self._body(response, deadline, total, first)  # what .text and .json() read
                return response
            target = urljoin(url, response.headers.get("location", ""))
            response.close()
            if not _same_server(first, target):
                raise AnswerRefused("redirect", first, urlsplit(target).netloc or target[:100])
            url = target
        raise AnswerRefused("redirects", first, str(MAX_REDIRECTS))

    def _body(self, response: requests.Response, deadline: float, total: float, url: str) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            response.close()
            raise self._too_big(url)
        body = bytearray()
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AnswerRefused("slow", url, f"{total:g}")
                _wait_at_most(response, left)
                piece = response.raw.read1(READ_BYTES)  # what has arrived, without waiting for READ_BYTES
                if not piece:
                    return bytes(body)
                body += piece
                if len(body) > self.max_bytes:
                    raise self._too_big(url)
        except (TimeoutError, urllib3.exceptions.ReadTimeoutError) as error:
            raise requests.exceptions.ReadTimeout(str(error)) from error
        except urllib3.exceptions.ProtocolError as error:
            raise requests.exceptions.ConnectionError(str(error)) from error
        finally:
            response.close()

    def _too_big(self, url: str) -> AnswerRefused:
        return AnswerRefused("large", url, f"{self.max_bytes / 1e6:g}")


def _wait_at_most(response: requests.Response, seconds: float) -> None:
    """The socket's timeout cut to what is left of the deadline, so the last wait cannot outlast it."""
    sock = getattr(getattr(response.raw, "connection", None), "sock", None)
    if sock is not None:
        sock.settimeout(min(seconds, sock.gettimeout() or seconds))


class BoundedRequestsAdapter(RequestsAdapter):
    """geopy's requests adapter without retries (urllib3 would repeat a timed-out request and hide the timeout)
    and with a BoundedSession."""

    def __init__(self, *, proxies, ssl_context):
        super().__init__(proxies=proxies, ssl_context=ssl_context, max_retries=0)
        self.session = BoundedSession(self.session)
