"""Calais Atlas: wiring only. Pages live in components/panels; the logic in components/."""

import streamlit as st

from components.panels.pages import run

st.set_page_config(page_title="Calais Atlas", page_icon="🗺️", layout="wide")
run()
