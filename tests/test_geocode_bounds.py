"""The geocoder's bounds (issue 19): a total deadline per request, a cap on the answer's size, no other host.

Each case runs one lookup against the fake Nominatim on 127.0.0.1 and asserts the reason the maintainer reads.
"""

from __future__ import annotations

import pytest
import stamina

from calais_atlas.geocode import lookup, make_geocoder
from calais_atlas.geocode.failures import LookupFailed
from fake_nominatim import FakeNominatim, drip, found, huge, redirect

QUERY = "Wissant, Pas-de-Calais, France"
ANSWER = found("50.8853011", "1.6624944", "Wissant, Pas-de-Calais, France")


@pytest.fixture(autouse=True)
def instant_retries():
    with stamina.set_testing(True, attempts=100, cap=True):
        yield


def _search(url: str, timeout: float = 2.0):
    geocoder = make_geocoder(url, timeout=timeout)
    return lookup.search(lookup.rate_limited_search(geocoder, 0.0), QUERY, geocoder)


def _failure(url: str, timeout: float = 2.0) -> LookupFailed:
    with pytest.raises(LookupFailed) as failed:
        _search(url, timeout)
    return failed.value


def test_an_answer_dripped_byte_by_byte_stops_at_the_total_deadline() -> None:
    """One byte every 0.05 s never trips a 0.3 s socket timeout; the request's total deadline (3 timeouts) does.

    Before: the answer (about 200 bytes, some 10 s) was waited for and the place found."""
    with FakeNominatim(default=drip(0.05, ANSWER)) as server:
        failure = _failure(server.url, timeout=0.3)
    assert failure.reason.startswith("the answer took more than 0.9 s in all (the server sent it too slowly); "
                                      "if the server is just slow, raise CALAIS_ATLAS_GEOCODER_TIMEOUT")
    assert not failure.stops_run


@pytest.mark.parametrize("declare_length", [True, False])
def test_a_huge_answer_is_refused_past_the_cap(declare_length: bool) -> None:
    """A 50 MB answer, with or without Content-Length, is refused once past 1 MB, naming the endpoint setting.

    Before: it was read whole, then called a malformed answer."""
    with FakeNominatim(default=huge(50_000_000, declare_length=declare_length)) as server:
        failure = _failure(server.url)
    assert failure.reason == (f"the answer from {server.url}/ is larger than 1 MB, which no Nominatim sends "
                              "for one place; is CALAIS_ATLAS_NOMINATIM pointing at a Nominatim server?")


def test_a_redirect_to_another_host_is_not_followed_and_stops_the_run() -> None:
    """127.0.0.1 redirecting to localhost (another host name, another server): that server is never asked.

    Before: the redirect was followed and the other server's answer used."""
    with FakeNominatim(default=ANSWER) as elsewhere:
        port = elsewhere.url.rsplit(":", 1)[1]
        with FakeNominatim(default=redirect(f"http://localhost:{port}/search?q=x")) as server:
            failure = _failure(server.url)
    assert elsewhere.requests == []
    assert failure.reason == (f"the server at {server.url}/ redirected to another server (localhost:{port}), "
                              "which the atlas does not follow; if you trust that server, set CALAIS_ATLAS_NOMINATIM to "
                              "its address")
    assert failure.stops_run


def test_a_redirect_within_the_server_is_followed() -> None:
    """A redirect to another path on the same server is ordinary (a reverse proxy): the answer behind it is used."""
    with FakeNominatim(default=ANSWER) as server:
        server.reply(QUERY, redirect(f"{server.url}/search?q=Dunkirk"))
        location = _search(server.url)
    assert (round(location.latitude, 4), round(location.longitude, 4)) == (50.8853, 1.6625)
    assert [request.params.get("q") for request in server.requests] == [QUERY, "Dunkirk"]
