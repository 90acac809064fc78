"""Page CSS: a compact header so the map is above the fold, and a visible keyboard focus everywhere."""

from __future__ import annotations

import streamlit as st

from components.model.palette import CAPTION, FOCUS, css_variables

CSS = f"""
<style>
{css_variables()}
.block-container{{padding-top:2.2rem;padding-bottom:2rem}}
h1{{font-size:1.9rem !important;padding-bottom:0 !important}}
:focus-visible{{outline:3px solid {FOCUS} !important;outline-offset:2px}}
/* Streamlit fades captions with opacity:.6, which takes the caption grey below 4.5:1 (axe color-contrast). */
[data-testid="stCaptionContainer"]{{opacity:1 !important}}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p{{color:{CAPTION} !important}}
[data-testid="stSlider"]{{padding-top:0}}
@media (max-width:640px){{.block-container{{padding-left:.7rem;padding-right:.7rem}}}}
</style>
"""


def apply_style() -> None:
    st.markdown(CSS, unsafe_allow_html=True)  # static CSS from the palette only; no data passes through here
