"""Calais Atlas: wiring only. The page lives in components/panels; the logic in components/."""

import streamlit as st

from components.panels.atlas_page import render

st.set_page_config(page_title="Calais Atlas", page_icon="🗺️", layout="wide")
render()
