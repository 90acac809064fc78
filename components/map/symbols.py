"""Marker symbols: every category differs by shape as well as colour (Okabe-Ito, colour-blind safe; model/palette.py).

A dark outline keeps light colours visible on the pale basemap; a dashed outline marks a date
known only to the month, the year or a span.
"""

from __future__ import annotations

from dataclasses import dataclass

from calais_atlas.model.palette import CATEGORY_COLOURS, OUTLINE, PAPER
from calais_atlas.model.shapes import CATEGORY_SHAPES, SHAPES


@dataclass(frozen=True)
class Symbol:
    shape: str
    colour: str
    path: str  # SVG path in a 20×20 box


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
