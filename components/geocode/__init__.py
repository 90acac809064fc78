"""Geocoding places.csv through geopy's Nominatim. Plain Python, no Streamlit.

``calais-atlas geocode`` and the tests need only what is re-exported here; the modules hold one job each:
settings (endpoint, timeout, delay), places_file (byte-preserving read and atomic write), lookup
(asking Nominatim, reasons for failures), judge (is the answer plausible), run (the loop).
"""

from components.geocode.errors import GeocodeError, GeocodeReport
from components.geocode.run import geocode_places
from components.geocode.settings import make_geocoder

__all__ = ["GeocodeError", "GeocodeReport", "geocode_places", "make_geocoder"]
