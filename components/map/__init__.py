"""Folium builders: the base map, its assets and the layers. They return folium objects; no Streamlit."""
