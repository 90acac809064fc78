"""Calais Atlas: the core (schema, loading, dates, population, geocoding) and the map builders.

Nothing imported here pulls in streamlit; the Streamlit panels live in ``calais_atlas.ui``.
"""
