"""Page CSS: a compact header so the map is above the fold, and a visible keyboard focus everywhere."""

from __future__ import annotations

import streamlit as st

CSS = """
<style>
.block-container{padding-top:2.2rem;padding-bottom:2rem}
h1{font-size:1.9rem !important;padding-bottom:0 !important}
:focus-visible{outline:3px solid #1f4e79 !important;outline-offset:2px}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p{color:#4a4d57 !important}
[data-testid="stSlider"]{padding-top:0}
@media (max-width:640px){.block-container{padding-left:.7rem;padding-right:.7rem}}
</style>
"""


def apply_style() -> None:
    st.markdown(CSS, unsafe_allow_html=True)  # static CSS only; no data passes through here
