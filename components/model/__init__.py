"""The model: what the atlas shows at a date, in which words. Plain Python, no Streamlit."""
