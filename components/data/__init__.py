"""The data layer: the CSV schema, reading, validation and loading. Plain Python, no Streamlit."""
