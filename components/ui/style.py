"""Page CSS: a compact header so the map is above the fold, and a visible keyboard focus everywhere."""

from __future__ import annotations

import streamlit as st

from calais_atlas.model.palette import CAPTION, FOCUS
from calais_atlas.ui.strip_panel import STRIP_CSS

# No CSS comments below: st.markdown would read their asterisks as emphasis and break the block.
# Streamlit fades captions with opacity .6, which takes the caption grey below 4.5:1 (axe color-contrast): opacity 1.
# Streamlit's own padding is an emotion class rule inserted after this one, as specific as an attribute selector:
# ':root' makes ours win.
MAIN = ':root [data-testid="stMainBlockContainer"]'
PILLS = '[data-testid="stSidebar"] [data-testid="stButtonGroup"] button'  # the category filter: long names wrap
NARROW = "(max-width:1199px)"  # below this the captions (or the lesson) go under the map, which takes the width
# On a phone the page starts under Streamlit's header, which holds the sidebar button: 3.4rem at the top.
CSS = f"""
<span class="atlas-style"></span><style>
{MAIN}{{padding:1rem 1rem 2rem 1rem}}
[data-testid="stElementContainer"]:has(.atlas-style){{display:none}}
h1{{font-size:1.7rem !important;padding:0 !important;line-height:1.2 !important}}
:focus-visible{{outline:3px solid {FOCUS} !important;outline-offset:2px}}
[data-testid="stCaptionContainer"]{{opacity:1 !important}}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p{{color:{CAPTION} !important}}
[data-testid="stSidebar"]{{width:256px !important;min-width:256px !important}}
.st-key-atlas-head{{gap:0}}
.st-key-atlas-head [data-testid="stCaptionContainer"] p{{font-size:.85rem;line-height:1.35;margin:0}}
.st-key-atlas-timebar{{gap:.1rem}}
.st-key-atlas-timebar [data-testid="stSlider"]{{padding:0 .55rem}}
.st-key-atlas-timebar [data-testid="stSliderThumbValue"]{{display:none}}
.st-key-atlas-timebar [data-testid="stSliderTickBar"]{{display:none}}
.st-key-atlas-timebar button{{padding-left:.55rem;padding-right:.55rem}}
.st-key-atlas-timebar [data-testid="stHorizontalBlock"]{{gap:.5rem}}
.st-key-atlas-speed [data-testid="stSelectbox"]{{display:flex;flex-direction:row;align-items:center;gap:.35rem}}
.st-key-atlas-speed [data-testid="stWidgetLabel"]{{margin:0;min-height:0;width:auto;flex:0 0 auto}}
.st-key-atlas-speed [data-testid="stSelectbox"] > div{{flex:0 1 6.5rem;min-width:0}}
[data-testid="stElementToolbar"]:has(+ * [data-testid="stVegaLiteChart"]),
[data-testid="stElementToolbar"]:has(~ [data-testid="stVegaLiteChart"]){{display:none}}
{PILLS}{{height:auto;max-width:100%}}
{PILLS} p{{white-space:normal;overflow:visible;text-overflow:clip;text-align:left}}
.atlas-date{{font-size:1.3rem;font-weight:600;margin:0;white-space:nowrap}}
[data-testid="stMarkdownContainer"]:has(> .atlas-date){{margin-bottom:0}}
.st-key-atlas-strip-box{{margin:-.6rem 0 -.5rem 0;gap:0}}
.st-key-atlas-strip-box:has([data-testid="stCaptionContainer"]){{margin-bottom:0}}
.st-key-atlas-strip-box [data-testid="stCaptionContainer"] p{{font-size:.72rem;line-height:1.25;margin:0;text-align:right}}
{STRIP_CSS}
@media {NARROW}{{
  :root .st-key-atlas-timebar button p, :root .st-key-atlas-speed p, :root .st-key-atlas-speed input{{font-size:.9rem}}
  .atlas-date{{font-size:1.15rem}}
  .st-key-atlas-mapcols [data-testid="stHorizontalBlock"]{{flex-wrap:wrap}}
  .st-key-atlas-mapcols [data-testid="stColumn"]{{width:100% !important;flex:1 1 100% !important;min-width:100% !important}}
}}
@media (max-width:640px){{
  {MAIN}{{padding:3.4rem .7rem 2rem .7rem}}
  .st-key-atlas-timebar [data-testid="stHorizontalBlock"]{{flex-direction:row;flex-wrap:wrap;gap:.4rem}}
  .st-key-atlas-timebar [data-testid="stColumn"]{{width:auto !important;flex:1 1 auto !important;min-width:0 !important}}
  .st-key-atlas-timebar [data-testid="stColumn"]:first-child{{flex-basis:100% !important}}
}}
</style>
"""


def apply_style() -> None:
    st.markdown(CSS, unsafe_allow_html=True)  # static CSS from the palette only; no data passes through here
