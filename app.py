"""Calais Atlas: wiring only. Pages live in components/ui; the logic in components/."""

import streamlit as st

from calais_atlas.ui.pages import run

# No emoji or Material icon: the first needs a font Chromium may lack, the second is fetched from Google.
st.set_page_config(page_title="Calais Atlas", layout="wide")
run()
