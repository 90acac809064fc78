"""Geocoding places.csv through geopy's Nominatim. Plain Python, no Streamlit."""
