"""Geocoding places.csv through geopy's Nominatim. Plain Python, no Streamlit.

One job per module: settings (endpoint, timeout, delay, retry policy), places_file (byte-preserving
read, atomic write), lookup (asking, retrying a 429), failures (reasons the user can act on), judge
(is the answer plausible), run (which rows to ask about, and the loop).
"""

from calais_atlas.geocode.errors import GeocodeError, GeocodeReport
from calais_atlas.geocode.run import geocode_places
from calais_atlas.geocode.settings import make_geocoder

__all__ = ["GeocodeError", "GeocodeReport", "geocode_places", "make_geocoder"]
