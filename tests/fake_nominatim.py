"""A stand-in for Nominatim's /search on 127.0.0.1, so geocoding tests never need the internet.

    with FakeNominatim(default=not_found()) as server:
        server.reply("Wissant, Pas-de-Calais, France", found("50.88", "1.66", "Wissant, ..., France"))
        server.reply("Dunkirk", http_error(429), found(...))   # first a 429, then an answer
        server.reply("Calais", http_error(429, retry_after="7"))  # a 429 asking to wait 7 s
        make_geocoder(server.url)  ...
        server.requests  # what it received: path, query parameters, User-Agent, time

        server.reply("Calais", drip(2.0))          # an answer sent one byte every 2 s
        server.reply("Calais", huge(800_000_000))  # an 800 MB answer, streamed, never held in memory
        server.reply("Calais", redirect("http://elsewhere.example/search"))

Replies per query are used in order, the last one repeating. ``die_after=N`` answers N requests
and then drops every connection without a word; ``unreachable_endpoint()`` gives an address
where nothing listens.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b"[]"
    delay: float = 0.0  # seconds to sleep before answering
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()  # sent besides Content-Type and Content-Length
    drip: float = 0.0  # seconds between the bytes of the body, sent one at a time
    repeat: int = 1  # the body is sent this many times over (a huge answer without a huge bytes object)
    declare_length: bool = True  # send Content-Length (a huge answer may not say how huge it is)


def found(lat: str, lon: str, display_name: str, country_code: str = "fr") -> Reply:
    place = {"place_id": 1, "lat": lat, "lon": lon, "display_name": display_name, "address": {"country_code": country_code}}
    return Reply(body=json.dumps([place]).encode())


def not_found() -> Reply:
    return Reply(body=b"[]")


def http_error(status: int, *, retry_after: str | None = None) -> Reply:
    headers = (("Retry-After", retry_after),) if retry_after is not None else ()
    body = f"<html><body>Error {status}</body></html>".encode()
    return Reply(status=status, body=body, content_type="text/html", headers=headers)


def malformed(body: bytes = b'[{"lat": "50.88", "lon": ') -> Reply:
    return Reply(body=body)


def slow(seconds: float, reply: Reply | None = None) -> Reply:
    return replace(reply or not_found(), delay=seconds)


def drip(seconds_per_byte: float, reply: Reply | None = None) -> Reply:
    return replace(reply or not_found(), drip=seconds_per_byte)


def huge(size: int, *, declare_length: bool = False) -> Reply:
    """A JSON list of ``size`` bytes or so, streamed in 64 kB pieces."""
    piece = b" " * 65_536
    return Reply(body=piece, repeat=max(1, size // len(piece)), declare_length=declare_length)


def redirect(location: str, status: int = 302) -> Reply:
    return Reply(status=status, body=b"", content_type="text/html", headers=(("Location", location),))


@dataclass(frozen=True)
class ReceivedRequest:
    path: str
    params: dict[str, str]
    user_agent: str
    at: float  # time.monotonic() when it arrived


class FakeNominatim:
    def __init__(self, default: Reply | None = None, *, die_after: int | None = None):
        self.default = default or not_found()
        self.die_after = die_after
        self.requests: list[ReceivedRequest] = []
        self._replies: dict[str, list[Reply]] = {}
        self._lock = threading.Lock()
        self._answered = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def reply(self, query: str, *replies: Reply) -> None:
        with self._lock:
            self._replies[query] = list(replies)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def queries(self) -> list[str]:
        return [request.params.get("q", "") for request in self.requests]

    def __enter__(self) -> FakeNominatim:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True  # a slow reply must not hold up the end of a test
        self._server.fake = self
        # A short poll interval: shutdown() waits up to one interval, once per test.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def _record(self, request: ReceivedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _next_reply(self, query: str) -> Reply | None:
        """The reply for ``query``, or None once the server has 'died'."""
        with self._lock:
            if self.die_after is not None and self._answered >= self.die_after:
                return None
            self._answered += 1
            queue = self._replies.get(query)
            if not queue:
                return self.default
            return queue.pop(0) if len(queue) > 1 else queue[0]


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeNominatim/1"

    def do_GET(self) -> None:
        fake: FakeNominatim = self.server.fake
        parts = urlsplit(self.path)
        params = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        fake._record(ReceivedRequest(parts.path, params, self.headers.get("User-Agent", ""), time.monotonic()))
        if parts.path != "/search":
            self._send(http_error(404))
            return
        reply = fake._next_reply(params.get("q", ""))
        if reply is None:
            self.close_connection = True  # a dead server: the client sees the connection dropped
            return
        time.sleep(reply.delay)
        self._send(reply, with_address=params.get("addressdetails") == "1")

    def _send(self, reply: Reply, with_address: bool = True) -> None:
        body = reply.body if with_address else _without_address(reply.body)
        # The client may have given up waiting (slow replies); that is the point of those tests.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            if reply.declare_length:
                self.send_header("Content-Length", str(len(body) * reply.repeat))
            else:
                self.close_connection = True  # the end of the body is the end of the connection
            for name, value in reply.headers:
                self.send_header(name, value)
            self.end_headers()
            if reply.drip:
                for index in range(len(body)):
                    self.wfile.write(body[index : index + 1])
                    self.wfile.flush()
                    time.sleep(reply.drip)
                return
            for _ in range(reply.repeat):
                self.wfile.write(body)

    def log_message(self, format, *args) -> None:
        pass  # keep pytest's output clean


def _without_address(body: bytes) -> bytes:
    # Like Nominatim, the address block only comes with addressdetails=1.
    try:
        places = json.loads(body)
    except ValueError:
        return body
    if not isinstance(places, list):
        return body
    stripped = [{k: v for k, v in place.items() if k != "address"} if isinstance(place, dict) else place for place in places]
    return json.dumps(stripped).encode()


@contextlib.contextmanager
def unreachable_endpoint():
    """An http://127.0.0.1:<port> address where connecting is refused.

    The port stays bound (but never listens) for the duration, so no other test can take it.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


# Named apart from the fixture so that a test module importing it does not shadow it with each parameter.
@pytest.fixture(name="fake_nominatim")
def fake_nominatim_fixture():
    with FakeNominatim() as server:
        yield server
