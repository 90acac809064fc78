"""Classroom exports as plain strings: standalone map, rows shown, handout. No Streamlit."""
