"""Names vulture (make lint) would call unused that are used: read by a library, a browser or a protocol, not by a
call in this repository. Each says who reads it. Never imported; vulture reads it with the code (pyproject.toml).

pytest's fixtures (@pytest.fixture) and hooks (pytest_*) are left out in pyproject.toml's [tool.vulture], by rule.
"""
# ruff: noqa: B018
_ = None

# Read by the libraries that own the objects.
_.external_attr  # zipfile.ZipInfo: the file mode written into the data zip (components/export/datazip.py)
_._content  # requests.Response: what .text and .json() read (components/geocode/transport.py)
_._name  # folium elements: the name of their JavaScript variable (components/map/basemap.py, legend.py, step.py)
_.config  # map/step.py's LiveLayers: read by its Jinja template ({{ this.config }})
_._page_hash  # streamlit's AppTest: the page it runs (tests/apptest_helpers.py)
_.query_string  # streamlit's BackMsg.rerun_script (tests/bench/loadgen.py)
_.daemon_threads  # socketserver.ThreadingMixIn (tests/fake_nominatim.py)
_.server_version  # http.server.BaseHTTPRequestHandler (tests/fake_nominatim.py)
_.do_GET  # http.server.BaseHTTPRequestHandler
_.close_connection  # http.server.BaseHTTPRequestHandler
_.log_message  # http.server.BaseHTTPRequestHandler
_.handle_starttag  # html.parser.HTMLParser (tests/test_handout_maps.py)
_._clock  # geopy's RateLimiter: the two methods it reads and waits with (components/geocode/lookup.py _SpacedOn)
_._sleep
_.exc_info  # a context manager's __exit__ arguments (tests/fake_nominatim.py)

# Read by static/atlas/live-map.js: fields of the messages and states of components/map/protocol.py.
_.sym
_.maxZoom
_.visible
_.seq
_.map_version
_.got
_.basePart

# Imported so that pytest finds the fixture in the test module (tests/test_geocode.py).
_.fake_nominatim_fixture
