"""Marker symbols: every category differs by shape as well as colour (Okabe-Ito, colour-blind safe; model/palette.py).

A dark outline keeps light colours visible on the pale basemap; a dashed outline marks a date
known only to the month, the year or a span.
"""

from __future__ import annotations

from dataclasses import dataclass

from components.model.palette import CATEGORY_COLOURS, OUTLINE, PAPER


@dataclass(frozen=True)
class Symbol:
    shape: str
    colour: str
    path: str  # SVG path in a 20×20 box


SHAPES = {
    "square": "M4 4H16V16H4Z",
    "cross": "M5 2L10 7L15 2L18 5L13 10L18 15L15 18L10 13L5 18L2 15L7 10L2 5Z",
    "triangle": "M10 2L18.5 17H1.5Z",
    "triangle-down": "M1.5 3H18.5L10 18Z",
    "diamond": "M10 1L19 10L10 19L1 10Z",
    "pentagon": "M10 1.5L18.5 7.7L15.3 17.8H4.7L1.5 7.7Z",
    "dagger": "M8 1H12V6H17V10H12V19H8V10H3V6H8Z",
    "plus": "M7 2H13V7H18V13H13V18H7V13H2V7H7Z",
    "circle": "M10 2.5A7.5 7.5 0 1 1 9.99 2.5Z",
}

CATEGORY_SHAPES = {
    "camp": "square",
    "demolition": "cross",
    "clash": "triangle",
    "protest": "triangle-down",
    "politics": "diamond",
    "policy": "pentagon",
    "death": "dagger",
    "humanitarian": "plus",
    "daily-life": "circle",
}
CATEGORY_SYMBOLS: dict[str, Symbol] = {
    category: Symbol(shape, CATEGORY_COLOURS[category], SHAPES[shape]) for category, shape in CATEGORY_SHAPES.items()
}


def svg(symbol: Symbol, *, size: int = 20, dashed: bool = False, title: str = "") -> str:
    """An inline SVG for ``symbol``; ``title`` must already be escaped."""
    dash = ' stroke-dasharray="2.5 1.8"' if dashed else ""
    label = f"<title>{title}</title>" if title else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 20 20" role="img" '
        f'aria-hidden="true">{label}<path d="{symbol.path}" fill="{symbol.colour}" stroke="{OUTLINE}" '
        f'stroke-width="1.6"{dash}/></svg>'
    )


CAMERA = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="18" height="18" viewBox="0 0 20 20" aria-hidden="true">'
    f'<path d="M2 6H6L7.5 3.5H12.5L14 6H18V17H2Z" fill="{PAPER}" stroke="{OUTLINE}" stroke-width="1.6"/>'
    f'<circle cx="10" cy="11" r="3.4" fill="none" stroke="{OUTLINE}" stroke-width="1.6"/></svg>'
)
