"""The one palette: every colour the map, the legend, the pages, the chart and the handout are drawn with.

Python reads the constants. Static CSS (static/atlas/legend.css, static/offline/leaflet-offline.css) cannot
import them: it reads them as custom properties, ``var(--atlas-<name>)``, which css_variables() declares and the
map's header carries (map/assets.py), in the app and in the exported file alike. tests/test_contrast.py checks
the pairs below against WCAG AA and that no colour is typed anywhere else.
"""

from __future__ import annotations

# Okabe & Ito's eight colours, safe for every common colour-vision deficiency; the grey is the ninth, for daily life.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky-blue": "#56B4E9",
    "bluish-green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish-purple": "#CC79A7",
    "black": "#000000",
    "grey": "#BBBBBB",
}

# Event categories; each also has its own shape (map/symbols.py), so colour is never the only difference.
CATEGORY_COLOURS = {
    "camp": OKABE_ITO["blue"],
    "demolition": OKABE_ITO["vermillion"],
    "clash": OKABE_ITO["orange"],
    "protest": OKABE_ITO["reddish-purple"],
    "politics": OKABE_ITO["sky-blue"],
    "policy": OKABE_ITO["yellow"],
    "death": OKABE_ITO["black"],
    "humanitarian": OKABE_ITO["bluish-green"],
    "daily-life": OKABE_ITO["grey"],
}

# Text and its background.
INK = "#111111"  # labels, the legend and the handout; the count badges' background
INK_MUTED = "#333333"  # label detail lines, context place names, the handout's dates and sources
CAPTION = "#4a4d57"  # Streamlit captions and explanations under the slider (ui/style.py)
PAPER = "#ffffff"  # label and legend backgrounds, badge text, the fill of a site without a figure, text halos
FOCUS = "#1f4e79"  # the keyboard focus ring; also Streamlit's primaryColor in .streamlit/config.toml
RULE = "#dddddd"  # the frame of the strip above the map

# Markers.
OUTLINE = "#1a1a1a"  # around every symbol: keeps the light colours visible on land and on sea
SITE_FILL = OKABE_ITO["blue"]  # a counted site's circle
SITE_STROKE = "#0b3a5c"  # the outline of a site's circle (counted, not yet open, no figure) and of its range
SITE_CLOSED = "#7a7a7a"  # a closed site's fill
CLOSED_STROKE = INK_MUTED  # a closed site's dashed outline
UNCERTAINTY = INK_MUTED  # the dashed ring around an approximate location
# The ring around the selected site, and the slider's date on the population chart: Okabe-Ito's vermillion darkened
# to reach 3:1 on the sea (the plain vermillion, 2.5:1, is also the demolition symbol's colour).
HIGHLIGHT = "#b34700"
CONTEXT_MARK = "#555555"  # the small square of a context place
GROUP = "#3a3a3a"  # the disc of a place whose events are grouped
SHADOW = OKABE_ITO["black"]  # drop shadows, always translucent
# The IOM's record of deaths at the border (map/layers.py deaths_items): a muted dark violet-grey, no alarm red, apart
# from the camps' blue, the closed camps' grey and every event colour; its outline reads on land and sea.
DEATH_FILL = "#3d2d57"
DEATH_STROKE = "#241d2e"

# The offline basemap.
LAND = "#f4f1ea"
BORDER = "#8c8c8c"  # coasts and borders
SEA = "#b9d3e6"  # behind the land: the map container's background

# The printed handout: light fills that a school printer renders and that save ink.
PRINT_SEA = "#dbe8f2"  # the chapters' maps: the sea, under the basemap's LAND and BORDER
PRINT_INK = OKABE_ITO["black"]  # links once printed
NOTES = "#f3f3f3"  # the background of the teacher's notes

# Over the map, labels and the legend let a little of it through.
LABEL_OPACITY = 0.88
LEGEND_OPACITY = 0.95


def rgba(colour: str, alpha: float) -> str:
    """``colour`` (#rrggbb) at ``alpha``, as CSS."""
    red, green, blue = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{alpha:g})"


# The names static CSS reads, as var(--atlas-<name>).
CSS_VARIABLES = {
    "ink": INK,
    "ink-muted": INK_MUTED,
    "paper": PAPER,
    "focus": FOCUS,
    "highlight": HIGHLIGHT,
    "rule": RULE,
    "context-mark": CONTEXT_MARK,
    "group": GROUP,
    "sea": SEA,
    "label-backdrop": rgba(PAPER, LABEL_OPACITY),
    "legend-backdrop": rgba(PAPER, LEGEND_OPACITY),
    "label-edge": rgba(SHADOW, 0.15),
    "legend-shadow": rgba(SHADOW, 0.3),
}


def css_variables() -> str:
    """A CSS rule declaring every CSS_VARIABLES entry on :root, for a <style> element."""
    return ":root{" + ";".join(f"--atlas-{name}:{value}" for name, value in CSS_VARIABLES.items()) + "}"
