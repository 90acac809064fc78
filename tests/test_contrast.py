"""Colours pass WCAG AA: 4.5:1 for text, 3:1 for the outlines that make markers visible."""

from __future__ import annotations

import pytest

from components.map.basemap import LAND
from components.map.symbols import OUTLINE


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    ("foreground", "background", "minimum", "where"),
    [
        ("#111111", "#ffffff", 4.5, "map labels and legend text"),
        ("#333333", "#ffffff", 4.5, "label detail lines"),
        ("#4a4d57", "#ffffff", 4.5, "captions and explanations under the slider (style.py)"),
        ("#ffffff", "#111111", 4.5, "count badges on markers"),
        ("#333333", LAND, 4.5, "context place names on the land colour"),
        (OUTLINE, LAND, 3.0, "marker outlines on land"),
        (OUTLINE, "#b9d3e6", 3.0, "marker outlines on sea"),
        ("#1f4e79", "#ffffff", 3.0, "keyboard focus ring"),
    ],
)
def test_contrast_meets_wcag_aa(foreground: str, background: str, minimum: float, where: str) -> None:
    """Each colour pair the app draws text or outlines with meets its WCAG AA ratio."""
    assert contrast(foreground, background) >= minimum, where
