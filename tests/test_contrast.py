"""Colours pass WCAG AA: 4.5:1 for text, 3:1 for the outlines and rings that make markers visible.

Every colour is read from the palette (components/model/palette.py), so changing one there is checked here;
the last tests make sure no colour is typed anywhere else, in Python, the handout template or the static CSS.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from calais_atlas.model import palette as p

ROOT = Path(__file__).resolve().parent.parent
TEXT, GRAPHIC = 4.5, 3.0


def _channels(colour: str) -> tuple[float, float, float, float]:
    """(red, green, blue, alpha) of #rrggbb or of palette.rgba()'s rgba(r,g,b,a), channels 0-255."""
    if colour.startswith("#"):
        return (*(int(colour[i:i + 2], 16) for i in (1, 3, 5)), 1.0)
    red, green, blue, alpha = (float(part) for part in colour[colour.index("(") + 1:-1].split(","))
    return red, green, blue, alpha


def over(colour: str, backdrop: str) -> str:
    """``colour`` (possibly translucent) composited over an opaque ``backdrop``."""
    *top, alpha = _channels(colour)
    *bottom, _ = _channels(backdrop)
    return "#" + "".join(f"{round(alpha * a + (1 - alpha) * b):02x}" for a, b in zip(top, bottom, strict=True))


def _luminance(colour: str) -> float:
    red, green, blue, alpha = _channels(colour)
    assert alpha == 1, f"{colour} is translucent: composite it with over() first"
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (red / 255, green / 255, blue / 255)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# Labels and the legend let the map through; the darkest thing beneath them is a black symbol.
LABEL_BACKDROP = over(p.CSS_VARIABLES["label-backdrop"], p.OKABE_ITO["black"])
LEGEND_BACKDROP = over(p.CSS_VARIABLES["legend-backdrop"], p.OKABE_ITO["black"])

def pair(foreground: str, background: str, minimum: float, where: str, **marks):
    return pytest.param(foreground, background, minimum, where, id=where, **marks)


PAIRS = [
    pair(p.INK, LABEL_BACKDROP, TEXT, "map labels, over anything on the map"),
    pair(p.INK_MUTED, LABEL_BACKDROP, TEXT, "label detail lines (date and source)"),
    pair(p.INK, LEGEND_BACKDROP, TEXT, "legend text, over anything on the map"),
    pair(p.INK, p.PAPER, TEXT, "handout text"),
    pair(p.INK_MUTED, p.PAPER, TEXT, "handout dates and sources"),
    pair(p.INK, p.NOTES, TEXT, "teacher's notes in the handout"),
    pair(p.CAPTION, p.PAPER, TEXT, "captions and explanations under the slider (ui/style.py)"),
    pair(p.PAPER, p.INK, TEXT, "count badges on markers"),
    pair(p.PAPER, p.GROUP, TEXT, "the count on a grouped place"),
    pair(p.INK_MUTED, p.LAND, TEXT, "context place names on land"),
    pair(p.INK_MUTED, p.SEA, TEXT, "context place names on sea"),
    pair(p.OUTLINE, p.LAND, GRAPHIC, "symbol outlines on land"),
    pair(p.OUTLINE, p.SEA, GRAPHIC, "symbol outlines on sea"),
    pair(p.SITE_STROKE, p.LAND, GRAPHIC, "site circle outlines on land"),
    pair(p.SITE_STROKE, p.SEA, GRAPHIC, "site circle outlines on sea"),
    pair(p.CLOSED_STROKE, p.LAND, GRAPHIC, "closed site outlines on land"),
    pair(p.DEATH_STROKE, p.LAND, GRAPHIC, "IOM incident circle outlines on land"),
    pair(p.DEATH_STROKE, p.SEA, GRAPHIC, "IOM incident circle outlines on sea"),
    pair(p.DEATH_FILL, p.SEA, GRAPHIC, "IOM incident circle fill on sea"),
    pair(p.UNCERTAINTY, p.LAND, GRAPHIC, "approximate-location rings on land"),
    pair(p.UNCERTAINTY, p.SEA, GRAPHIC, "approximate-location rings on sea"),
    pair(p.CONTEXT_MARK, p.LAND, GRAPHIC, "context place squares on land"),
    pair(p.HIGHLIGHT, p.LAND, GRAPHIC, "the selected site's ring on land"),
    pair(p.HIGHLIGHT, p.PAPER, GRAPHIC, "the slider's date on the population chart"),
    pair(p.FOCUS, p.PAPER, GRAPHIC, "keyboard focus ring on the page"),
    pair(p.FOCUS, LEGEND_BACKDROP, GRAPHIC, "keyboard focus ring in the legend"),
    pair(p.SITE_FILL, p.PAPER, GRAPHIC, "the handout's question bar and print-map marks"),
    pair(p.HIGHLIGHT, p.SEA, GRAPHIC, "the selected site's ring on sea"),
    pair(p.HIGHLIGHT, p.PRINT_SEA, GRAPHIC, "the focus ring on a handout map's sea"),
    pair(p.OUTLINE, p.PRINT_SEA, GRAPHIC, "symbol outlines on a handout map's sea"),
    pair(p.INK_MUTED, p.PRINT_SEA, TEXT, "context place names on a handout map's sea"),
]


@pytest.mark.parametrize(("foreground", "background", "minimum", "where"), PAIRS)
def test_contrast_meets_wcag_aa(foreground: str, background: str, minimum: float, where: str) -> None:
    """Each colour pair the app draws text or outlines with meets its WCAG AA ratio."""
    assert contrast(foreground, background) >= minimum, f"{where}: {contrast(foreground, background):.2f}:1"


HEX = re.compile(r"(?<![&\w])#[0-9a-fA-F]{3,8}\b")
FUNCTION = re.compile(r"\b(?:rgba?|hsla?)\(")
VARIABLE = re.compile(r"var\(--atlas-([a-z-]+)\)")
OWN_CSS = sorted((ROOT / "static").glob("atlas/*.css")) + sorted((ROOT / "static").glob("offline/*.css"))


def _typed_colours(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return HEX.findall(text) + FUNCTION.findall(text)


@pytest.mark.parametrize("path", [
    *sorted(path for path in (ROOT / "components").rglob("*.py") if path.name != "palette.py"),
    *sorted((ROOT / "components").rglob("*.j2")),
    *OWN_CSS,
    *sorted((ROOT / "static").glob("atlas/*.js")),
], ids=lambda path: str(path.relative_to(ROOT)))
def test_no_colour_typed_outside_the_palette(path: Path) -> None:
    """Colours come from the palette: a hex code or rgb() anywhere else would escape the contrast checks above."""
    assert _typed_colours(path) == []


@pytest.mark.parametrize("path", OWN_CSS, ids=lambda path: str(path.relative_to(ROOT)))
def test_static_css_reads_only_declared_palette_variables(path: Path) -> None:
    """Every var(--atlas-…) in the project's static CSS is declared by the palette, so none falls back to nothing."""
    used = set(VARIABLE.findall(path.read_text(encoding="utf-8")))
    assert used <= set(p.CSS_VARIABLES), used - set(p.CSS_VARIABLES)
    assert all(f"--atlas-{name}:" in p.css_variables() for name in used)


def test_streamlit_theme_uses_the_palette_focus_colour() -> None:
    """.streamlit/config.toml cannot import Python: its primaryColor must equal the palette's focus colour."""
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    assert theme["primaryColor"].lower() == p.FOCUS.lower()
